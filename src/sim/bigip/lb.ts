/**
 * Load balancing across the sequence of simulated connections: member availability (monitor
 * state, default up; forced offline and disabled members get no new connections), priority
 * groups (`min-active-members`), and the deterministic modes: round robin and the ratio modes
 * (smooth weighted round robin). Modes that depend on live measurements (least connections,
 * fastest, observed, predictive, dynamic ratio) are approximated by round robin and say so.
 *
 * Persistence records (source address, universal, hash ...) live in `PersistStore`, keyed by
 * mode, key and pool, and expire on the simulated clock.
 */
import type { BigipConfig, Pool, PoolMember } from '../../bigip/model.js';

/** Member and node states that take no new connections. */
const DOWN_STATES = new Set(['down', 'user-down', 'checking', 'forced-offline', 'unavailable']);

/** Modes the simulator follows exactly. */
const ROUND_ROBIN = new Set(['round-robin', 'rr']);
const RATIO = new Set(['ratio-member', 'ratio-node', 'ratio', 'ratio-session']);

/** Load-balancing state shared by all simulated connections. */
export class LbState {
  private readonly next = new Map<string, number>();
  private readonly weights = new Map<string, number[]>();

  constructor(private readonly config: BigipConfig) {}

  /** Whether a member takes new connections: enabled, and neither it nor its node is down. */
  available(member: PoolMember): boolean {
    if (!member.enabled) return false;
    if (member.state !== undefined && DOWN_STATES.has(member.state)) return false;
    const node = this.config.nodes[member.node];
    if (node) {
      if (node.state !== undefined && DOWN_STATES.has(node.state)) return false;
      if (node.session === 'user-disabled') return false;
    }
    return true;
  }

  /** `LB::status`-style state of a member: `up`, `down` or `session_disabled`. */
  status(member: PoolMember): 'up' | 'down' | 'session_disabled' {
    if (member.state !== undefined && DOWN_STATES.has(member.state)) return 'down';
    const node = this.config.nodes[member.node];
    if (node?.state !== undefined && DOWN_STATES.has(node.state)) return 'down';
    if (!member.enabled || node?.session === 'user-disabled') return 'session_disabled';
    return 'up';
  }

  /** The members that may be chosen now: available ones, limited by priority-group activation. */
  candidates(pool: Pool): PoolMember[] {
    const up = pool.members.filter((m) => this.available(m));
    if (pool.minActiveMembers <= 0 || !up.some((m) => m.priorityGroup !== undefined)) return up;
    const groups = [...new Set(up.map((m) => m.priorityGroup ?? 0))].sort((a, b) => b - a);
    const chosen = new Set<number>();
    let count = 0;
    for (const g of groups) {
      chosen.add(g);
      count += up.filter((m) => (m.priorityGroup ?? 0) === g).length;
      if (count >= pool.minActiveMembers) break;
    }
    return up.filter((m) => chosen.has(m.priorityGroup ?? 0));
  }

  /**
   * Picks a member for a new connection, or undefined when none is available. `note` receives a
   * remark when the pool's mode is approximated.
   */
  pick(pool: Pool, note?: (text: string) => void): PoolMember | undefined {
    const candidates = this.candidates(pool);
    if (candidates.length === 0) return undefined;
    const mode = pool.loadBalancingMode;
    if (RATIO.has(mode)) return this.pickRatio(pool, candidates);
    if (!ROUND_ROBIN.has(mode)) note?.(`load-balancing mode ${mode} of ${pool.name} depends on live measurements; simulated as round robin`);
    const allowed = new Set(candidates);
    const n = pool.members.length;
    const start = this.next.get(pool.name) ?? 0;
    for (let k = 0; k < n; k++) {
      const i = (start + k) % n;
      if (allowed.has(pool.members[i])) {
        this.next.set(pool.name, (i + 1) % n);
        return pool.members[i];
      }
    }
    return undefined;
  }

  /** Smooth weighted round robin by `ratio` (default 1). */
  private pickRatio(pool: Pool, candidates: PoolMember[]): PoolMember {
    let current = this.weights.get(pool.name);
    if (!current || current.length !== pool.members.length) {
      current = new Array<number>(pool.members.length).fill(0);
      this.weights.set(pool.name, current);
    }
    let total = 0;
    let best = -1;
    for (let i = 0; i < pool.members.length; i++) {
      const m = pool.members[i];
      if (!candidates.includes(m)) continue;
      const w = m.ratio ?? 1;
      current[i] += w;
      total += w;
      if (best < 0 || current[i] > current[best]) best = i;
    }
    current[best] -= total;
    return pool.members[best];
  }
}

/** Where a persistence record sends connections. */
export interface PersistTarget {
  /** Pool full path ('' for a node). */
  pool: string;
  /** Server address. */
  address: string;
  /** Server port. */
  port: number;
}

interface PersistEntry {
  target: PersistTarget;
  /** Timeout in seconds (Infinity: indefinite). */
  timeout: number;
  /** Simulated ms of the last use. */
  touched: number;
  /** When the record was added (a replaced record keeps its number): `find` takes the oldest. */
  order: number;
}

/**
 * Persistence records, expiring on the simulated clock (each use restarts the timeout). Held by
 * mode, then scope, then key: a connection's lookup and add take the key string it made once,
 * with no composite key to build and hash for each (a run of 100,000 clients holds as many
 * records). `find` and `deleteAll` look across the scopes of a mode, which are few (pools).
 */
export class PersistStore {
  private readonly modes = new Map<string, Map<string, Map<string, PersistEntry>>>();
  private added = 0;

  /** The records of a mode and scope, made when `create` is set. */
  private records(mode: string, scope: string, create: boolean): Map<string, PersistEntry> | undefined {
    let scopes = this.modes.get(mode);
    if (!scopes) {
      if (!create) return undefined;
      this.modes.set(mode, (scopes = new Map()));
    }
    let records = scopes.get(scope);
    if (!records && create) scopes.set(scope, (records = new Map()));
    return records;
  }

  /** Whether a record has expired at `now`. */
  private static expired(e: PersistEntry, now: number): boolean {
    return now - e.touched > e.timeout * 1000;
  }

  /** The record for `(mode, key, scope)`, touching it; undefined when absent or expired. */
  lookup(mode: string, key: string, scope: string, now: number, touch = true): PersistTarget | undefined {
    const records = this.records(mode, scope, false);
    const e = records?.get(key);
    if (!e) return undefined;
    if (PersistStore.expired(e, now)) {
      records!.delete(key);
      return undefined;
    }
    if (touch) e.touched = now;
    return e.target;
  }

  /** Adds or replaces a record. */
  add(mode: string, key: string, scope: string, target: PersistTarget, timeout: number, now: number): void {
    const records = this.records(mode, scope, true)!;
    const old = records.get(key);
    records.set(key, { target, timeout, touched: now, order: old ? old.order : this.added++ });
  }

  /** Removes a record. */
  delete(mode: string, key: string, scope: string): void {
    this.records(mode, scope, false)?.delete(key);
  }

  /** Removes every record of a mode and key, whatever the scope. */
  deleteAll(mode: string, key: string): void {
    for (const records of this.modes.get(mode)?.values() ?? []) records.delete(key);
  }

  /** The first live record of a mode and key, whatever the scope (the one added first). */
  find(mode: string, key: string, now: number): PersistTarget | undefined {
    let first: PersistEntry | undefined;
    for (const records of this.modes.get(mode)?.values() ?? []) {
      const e = records.get(key);
      if (e && !PersistStore.expired(e, now) && (!first || e.order < first.order)) first = e;
    }
    return first?.target;
  }
}

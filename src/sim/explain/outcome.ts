/**
 * The outcome of a connection as `--explain` groups clients by it: what BIG-IP did (action), the
 * source address the server sees and how it was translated, the pool and the members it could
 * reach, an HTTP response BIG-IP sent itself, and a runtime error. Logs and the forwarded
 * request are not part of it. Text that contains the client's own address is written with
 * `<client>` in its place, so clients that differ only there share an outcome.
 */
import type { BigipConfig } from '../../bigip/model.js';
import type { LbState } from '../bigip/lb.js';
import type { Connection } from '../irule/context.js';
import type { ClientResult } from '../irule/types.js';
import { formatEndpoint } from '../irule/util.js';

/** One outcome class's outcome. */
export interface ExplainOutcome {
  /** What BIG-IP did with the connection. */
  action: ClientResult['action'];
  /** The translation: `type` as in the simulator's result; `address` is the source address the server sees (`<client>` for none). */
  snat: { type: string; address: string | null; snatpool: string | null } | null;
  /** The pool load balanced to. */
  pool: string | null;
  /** The members the connection can reach: the one an iRule chose, or the pool's available members. */
  members: string[];
  /** `irule` when a rule chose the server (`node`, `pool ... member`), `load balancing` otherwise, null without a server. */
  memberChosenBy: 'irule' | 'load balancing' | null;
  /** Status (and Location) of a response BIG-IP sent itself. */
  response: { status: number; location: string | null } | null;
  /** A runtime error: its message and where (rule, event, line). */
  error: { message: string; rule: string; event: string; line: number } | null;
}

/** The outcome of one simulated client. */
export function outcomeOf(result: ClientResult, conn: Connection | undefined, config: BigipConfig, lb: LbState, clientText: string): ExplainOutcome {
  const norm = (s: string): string => s.split(clientText).join('<client>');
  let members: string[] = [];
  let chosenBy: ExplainOutcome['memberChosenBy'] = null;
  if (result.member !== null) {
    const pool = result.pool !== null ? config.pools[result.pool] : undefined;
    const chosen = conn?.node !== undefined || conn?.pinned !== undefined || !pool;
    chosenBy = chosen ? 'irule' : 'load balancing';
    members = chosen ? [norm(result.member)] : lb.candidates(pool).map((m) => formatEndpoint(m.address ?? '', m.port));
  }
  const location = result.response?.headers.find((h) => h.name.toLowerCase() === 'location')?.value;
  return {
    action: result.action,
    snat: result.snat ? { type: result.snat.type, address: result.snat.address === null ? null : norm(result.snat.address), snatpool: result.snat.snatpool } : null,
    pool: result.pool,
    members,
    memberChosenBy: chosenBy,
    response: result.response ? { status: result.response.status, location: location === undefined ? null : norm(location) } : null,
    error: result.error ? { message: norm(result.error.message), rule: result.error.rule, event: result.error.event, line: result.error.line } : null,
  };
}

/** A key equal for equal outcomes. */
export function outcomeKey(o: ExplainOutcome): string {
  return JSON.stringify(o);
}

/** The one-line headline of an outcome: `snat 172.16.51.174`, `automap 172.16.51.175`, `error "..."` ... */
export function describeOutcome(o: ExplainOutcome): string {
  if (o.error) return `error "${o.error.message}" (${o.error.rule} ${o.error.event} line ${o.error.line}), connection reset`;
  if (o.action === 'respond') return `respond ${o.response?.status ?? ''}${o.response?.location ? ` Location ${o.response.location}` : ''}`.trim();
  if (o.action !== 'forward') return o.action === 'reject' ? 'reset' : 'drop';
  const s = o.snat;
  if (!s) return 'forward (no server connection)';
  const addr = s.address ?? '(no address)';
  switch (s.type) {
    case 'address':
      return `snat ${addr}`;
    case 'automap':
      return `automap ${addr}`;
    case 'snatpool':
      return `snatpool ${s.snatpool ?? ''} ${addr}`;
    default:
      return 'no snat (the server sees the client address)';
  }
}

/** The second line of an outcome: where the connection went. */
export function describeTarget(o: ExplainOutcome): string | undefined {
  if (o.members.length === 0) return undefined;
  const who = o.memberChosenBy === 'irule' ? `member ${o.members[0]} (chosen by the iRule)` : `members ${o.members.join(', ')} (load balanced)`;
  return o.pool ? `pool ${o.pool}, ${who}` : `node ${o.members[0]}`;
}

/**
 * `irule-sim --explain`: every client address at once. Each run simulates one client on a fresh
 * box (a new `Simulation`, so no state from earlier connections) with an `AddressTracker` probe;
 * the tests the address went through give the class of addresses that take the same path, so
 * get the same outcome. The next run picks an address not yet covered, until the IPv4 and IPv6
 * spaces are covered or the run bound is hit. Classes with equal outcomes are merged.
 *
 * A class whose run used the address in a way the tracker cannot follow exactly is approximate:
 * it is checked by simulating sample addresses in it (its blocks' first and last addresses,
 * pseudo-random ones, one per /8 for IPv4), and reported as approximate with any sample whose outcome differed.
 *
 *   const r = explainClients({ rules, config, version: '11.1' });
 *   if ('error' in r) ...;  // setup problem, as for simulate()
 */
import { formatAddress, type IpFamily, parseAddress } from '../../bigip/address.js';
import { prepareSimulation, type SimSetupError, type Simulation } from '../irule/engine.js';
import { resolveSnat } from '../bigip/snat.js';
import type { ConfigProblemsReport, SimulateOptions } from '../irule/types.js';
import { formatEndpoint } from '../irule/util.js';
import { type AddrSet, emptySet, hasValue, intersect, isEmpty, pickAddress, subtract, union, universe } from './intervals.js';
import { type ExplainOutcome, outcomeKey, outcomeOf } from './outcome.js';
import { AddressTracker } from './tracker.js';

/** Default bound on simulated runs (class runs and samples together). */
export const DEFAULT_MAX_RUNS = 2000;

/** Sample addresses simulated in an approximate class (besides its blocks' ends). */
export const RANDOM_SAMPLES = 16;

/** Blocks of an approximate class whose first and last addresses are sampled. */
const EDGE_BLOCKS = 8;

/** What `explainClients` needs: a simulation's options without clients. */
export interface ExplainOptions extends Omit<SimulateOptions, 'clients'> {
  /** Most runs (default {@link DEFAULT_MAX_RUNS}). */
  maxRuns?: number;
  /** Families to explain (default both). */
  families?: IpFamily[];
}

/** A sampled address of an approximate class whose outcome differs from the class's. */
export interface SampleDiff {
  /** The address. */
  address: string;
  /** Its outcome. */
  outcome: ExplainOutcome;
}

/** The addresses that share one outcome. */
export interface OutcomeClass {
  /** The outcome. */
  outcome: ExplainOutcome;
  /** IPv4 addresses with this outcome. */
  v4: AddrSet;
  /** IPv6 addresses with this outcome. */
  v6: AddrSet;
  /** False for a class found by sampling. */
  exact: boolean;
  /** Why it is approximate (the uses of the address the analysis could not follow). */
  approximations: string[];
  /** Sample addresses simulated (approximate classes only). */
  samples: number;
  /** Samples whose outcome differed (approximate classes only). */
  differing: SampleDiff[];
}

/** The answer of `--explain`. */
export interface ExplainReport {
  /** The virtual server. */
  virtual: string;
  /** Its destination. */
  destination: string;
  /** BIG-IP version. */
  version: string;
  /** Rules simulated. */
  rules: string[];
  /** Outcome classes: exact ones first, then approximate ones, each in order of first discovery. */
  classes: OutcomeClass[];
  /** Runs made (including samples). */
  runs: number;
  /** The run bound. */
  maxRuns: number;
  /** Addresses not explored because the bound was hit (empty sets when it was not). */
  unexplored: { v4: AddrSet; v6: AddrSet };
  /** Remarks on the whole run (from the simulation set-up). */
  notes: string[];
  /** The virtual server's route domain (the clients'). */
  routeDomain: number;
  /** Problems of the bigip.conf that do not stop the run, at warning level and capped (absent when there are none; set by the caller, as for a simulation). */
  configProblems?: ConfigProblemsReport;
}

/** One simulated client and what its run learned. */
export interface Run {
  outcome: ExplainOutcome;
  cls: AddrSet;
  approximations: string[];
  /** A remark for the report (an outcome that depends on load balancing). */
  note?: string;
}

/**
 * Simulates one client address on a fresh box with a tracker: its outcome, the class of
 * addresses known to share its path, and why that class is approximate (empty: exact).
 * `routeDomain` is the virtual server's (clients are in it).
 */
export function simulateAddress(options: ExplainOptions, family: IpFamily, value: bigint, routeDomain: number): Run {
  const address = formatAddress({ family, value });
  const sim = prepareSimulation({ ...options, clients: [{ address }] });
  if ('error' in sim) throw new Error(`explain: simulation set-up failed after a first success: ${sim.error}`); // a simulator bug
  const tracker = new AddressTracker(sim.interp, sim.ctx, family, value, routeDomain);
  sim.interp.probe = tracker;
  const result = sim.runClient({ address }, 0);
  sim.interp.probe = undefined;
  const outcome = outcomeOf(result, tracker.conn, sim.ctx.config, sim.ctx.lb, tracker.clientText);
  return { outcome, cls: tracker.cls, approximations: [...tracker.approximations], note: memberNote(sim, tracker, outcome) };
}

/**
 * When load balancing may pick members that reach the server from different translated
 * addresses (automap or a SNAT pool over several VLANs), a note naming them: the outcome shows
 * the first pick's.
 */
function memberNote(sim: Simulation, tracker: AddressTracker, o: ExplainOutcome): string | undefined {
  if (o.memberChosenBy !== 'load balancing' || !o.pool || !o.snat || (o.snat.type !== 'automap' && o.snat.type !== 'snatpool')) return undefined;
  const pool = sim.ctx.config.pools[o.pool];
  const decision = tracker.conn?.snat ?? sim.ctx.virtual.snat;
  if (!pool || (decision.type !== 'automap' && decision.type !== 'snatpool')) return undefined;
  const seen = new Set<string>();
  for (const m of sim.ctx.lb.candidates(pool)) {
    const r = resolveSnat(sim.ctx.config, decision, 'virtual', m.address, tracker.clientText, () => undefined);
    seen.add(r.address ?? '(none)');
  }
  if (seen.size < 2) return undefined;
  return `pool ${o.pool}: the translated address depends on the member load balancing picks (${[...seen].join(', ')}); the outcomes show the first pick's`;
}

/** Explains the outcome of every client address; or says why the simulation cannot start. */
export function explainClients(options: ExplainOptions): ExplainReport | SimSetupError {
  const maxRuns = options.maxRuns ?? DEFAULT_MAX_RUNS;
  // Set-up problems (rules that do not load, an unknown virtual server ...) show on the first preparation.
  const first = prepareSimulation({ ...options, clients: [{ address: '192.0.2.1' }] });
  if ('error' in first) return first;
  const virtualRd = parseAddress(first.ctx.virtual.address)?.routeDomain ?? 0;
  // The set-up notes (no configuration, rules not simulated ...) as a simulation reports them.
  const setupNotes = first.run().notes;
  let runs = 0;
  const simulateOne = (family: IpFamily, value: bigint): Run => {
    runs++;
    return simulateAddress(options, family, value, virtualRd);
  };

  const exact = new Map<string, OutcomeClass>();
  const approx = new Map<string, OutcomeClass>();
  const add = (into: Map<string, OutcomeClass>, outcome: ExplainOutcome, set: AddrSet, extra?: Partial<OutcomeClass>): OutcomeClass => {
    const key = outcomeKey(outcome);
    let c = into.get(key);
    if (!c) into.set(key, (c = { outcome, v4: emptySet(4), v6: emptySet(6), exact: into === exact, approximations: [], samples: 0, differing: [] }));
    if (set.family === 4) c.v4 = union(c.v4, set);
    else c.v6 = union(c.v6, set);
    if (extra?.approximations) for (const a of extra.approximations) if (!c.approximations.includes(a)) c.approximations.push(a);
    c.samples += extra?.samples ?? 0;
    if (extra?.differing) c.differing.push(...extra.differing);
    return c;
  };

  const unexplored = { v4: emptySet(4), v6: emptySet(6) };
  const runNotes: string[] = [];
  for (const family of options.families ?? [4, 6]) {
    let uncovered = universe(family);
    while (!isEmpty(uncovered)) {
      if (runs >= maxRuns) {
        if (family === 4) unexplored.v4 = uncovered;
        else unexplored.v6 = uncovered;
        break;
      }
      const rep = pickAddress(uncovered, runs + 1);
      const run = simulateOne(family, rep);
      if (run.note && !runNotes.includes(run.note)) runNotes.push(run.note);
      const cls = intersect(run.cls, uncovered);
      if (!hasValue(cls, rep)) throw new Error('explain: a run\'s class does not hold its own address'); // a tracker bug
      if (run.approximations.length === 0) add(exact, run.outcome, cls);
      else {
        const key = outcomeKey(run.outcome);
        const differing: SampleDiff[] = [];
        let samples = 0;
        for (const value of sampleAddresses(cls, runs)) {
          if (runs >= maxRuns) break;
          const s = simulateOne(family, value);
          samples++;
          if (outcomeKey(s.outcome) !== key) differing.push({ address: formatAddress({ family, value }), outcome: s.outcome });
        }
        add(approx, run.outcome, cls, { approximations: run.approximations, samples, differing });
      }
      uncovered = subtract(uncovered, cls);
    }
  }
  return {
    virtual: first.ctx.virtual.name,
    destination: formatEndpoint(first.ctx.virtual.address, first.ctx.virtual.port),
    version: options.version,
    rules: first.rules.map((r) => r.name),
    classes: [...exact.values(), ...approx.values()],
    runs,
    maxRuns,
    unexplored,
    notes: [...setupNotes, ...runNotes],
    routeDomain: virtualRd,
  };
}

/**
 * Addresses to sample in a class: the first and last of its first and last blocks, pseudo-random
 * ones, and for IPv4 one in each /8 the class reaches.
 */
export function sampleAddresses(set: AddrSet, seed: number): bigint[] {
  const out = new Set<bigint>();
  const r = set.ranges;
  const edges = r.length <= EDGE_BLOCKS ? r : [...r.slice(0, EDGE_BLOCKS / 2), ...r.slice(-EDGE_BLOCKS / 2)];
  for (const x of edges) {
    out.add(x.lo);
    out.add(x.hi);
  }
  for (let i = 0; i < RANDOM_SAMPLES; i++) out.add(pickAddress(set, seed * 7919 + i + 1));
  // IPv4: one address per first octet the class reaches (tests on the text often look at it).
  if (set.family === 4) {
    for (let octet = 0n; octet < 256n; octet++) {
      const inside = intersect(set, { family: 4, ranges: [{ lo: octet << 24n, hi: ((octet + 1n) << 24n) - 1n }] });
      if (!isEmpty(inside)) out.add(pickAddress(inside, seed + Number(octet) + 1));
    }
  }
  return [...out];
}

/** Whether every address of both families is covered by the classes (or left unexplored). */
export function covers(report: ExplainReport): boolean {
  let v4 = report.unexplored.v4;
  let v6 = report.unexplored.v6;
  for (const c of report.classes) {
    v4 = union(v4, c.v4);
    v6 = union(v6, c.v6);
  }
  return isEmpty(subtract(universe(4), v4)) && isEmpty(subtract(universe(6), v6));
}

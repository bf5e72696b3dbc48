/**
 * The simulator's notes on a scenario test's run: what `irule-sim` prints as `note:` and
 * `not modelled` lines for the same inputs (an external data group whose file is missing, a data
 * group or pool that does not exist, a command the simulator does not model, an approximation, an
 * error in RULE_INIT). A note repeated for every connection is kept once; one made for some
 * connections says which. Notes never decide a test's status; `expect: { notes: ... }` checks them.
 */
import type { BigipConfig } from '../../bigip/model.js';
import { excerpt } from '../../diagnostics.js';
import { unreadExternalNotes } from '../bigip/datagroups.js';
import type { ClientResult, SimulationReport } from '../irule/types.js';
import type { TestNote, TestOutcome } from './types.js';

/** Most notes a report lists for one test (or file); the rest are counted. */
export const MAX_NOTES = 20;

/** The note of commands the simulator does not model (as irule-sim's `not modelled` line names them). */
export function notModelledNote(commands: readonly string[]): string {
  return `not modelled: ${commands.join(', ')}`;
}

/** The notes on a test's whole run, and the commands RULE_INIT called that the simulator does not model. */
export interface RunNotes {
  /** The notes, in the order `irule-sim` prints them. */
  notes: string[];
  /** RULE_INIT's commands not modelled. */
  notModelled: readonly string[];
}

/**
 * The notes on the whole run: the configuration's external data groups without a file (`config`
 * as the test ran it, after its `datagroups`), the simulation's own notes, then an error in
 * RULE_INIT; and RULE_INIT's commands not modelled.
 */
export function runNotes(report: SimulationReport, config: BigipConfig | undefined): RunNotes {
  const notes = config ? unreadExternalNotes(config, (dg) => `give it in the test file: external: { ${excerpt(dg.shortName)}: <file> }`) : [];
  notes.push(...report.notes);
  const e = report.ruleInit.error;
  if (e) notes.push(`RULE_INIT of ${e.rule} failed at ${e.at}: ${e.tmmLog ?? e.message}`);
  return { notes, notModelled: report.ruleInit.notModelled };
}

/** The notes a connection's run had: the whole run's, its own, and the commands not modelled in RULE_INIT or the connection (what `expect: { notes }` reads). */
export function connectionNotes(run: RunNotes, r: ClientResult): string[] {
  const out = [...run.notes, ...r.notes];
  const commands = [...new Set([...run.notModelled, ...r.notModelled])];
  if (commands.length > 0) out.push(notModelledNote(commands));
  return out;
}

/**
 * A test's notes, each once: the whole run's first, then the connections' in the order they were
 * first made, then the commands not modelled (those with the same connections on one line). A
 * note made for some of several connections names them.
 */
export function testNotes(report: SimulationReport, run: RunNotes): TestNote[] {
  const count = report.results.length;
  // Where each note was made: null for the whole run, else the connections.
  const notes = new Map<string, Set<number> | null>(run.notes.map((m) => [m, null]));
  const commands = new Map<string, Set<number> | null>(run.notModelled.map((c) => [c, null]));
  const add = (map: Map<string, Set<number> | null>, key: string, connection: number): void => {
    const at = map.get(key);
    if (at === undefined) map.set(key, new Set([connection]));
    else at?.add(connection);
  };
  report.results.forEach((r, i) => {
    for (const n of r.notes) add(notes, n, i + 1);
    for (const c of r.notModelled) add(commands, c, i + 1);
  });
  // A note made for every connection (or the only one) is about the whole run.
  const where = (at: Set<number> | null): number[] | undefined => (at === null || at.size === count || count === 1 ? undefined : [...at].sort((a, b) => a - b));
  const out: TestNote[] = [...notes].map(([message, at]) => note(message, where(at)));
  const groups = new Map<string, { commands: string[]; connections: number[] | undefined }>();
  for (const [command, at] of commands) {
    const connections = where(at);
    const key = connections?.join(',') ?? '';
    const g = groups.get(key);
    if (g) g.commands.push(command);
    else groups.set(key, { commands: [command], connections });
  }
  for (const g of groups.values()) out.push(note(notModelledNote(g.commands), g.connections));
  return out;
}

/** A note, with its connections when it has some. */
function note(message: string, connections: number[] | undefined): TestNote {
  return connections ? { message, connections } : { message };
}

/**
 * Takes the notes that every one of a file's tests has (about the whole run, not some of its
 * connections) out of the tests, to be shown once for the file. A file that ran fewer than two
 * tests keeps its notes under its test.
 */
export function fileNotes(tests: readonly TestOutcome[]): { notes: TestNote[]; tests: TestOutcome[] } {
  if (tests.length < 2) return { notes: [], tests: [...tests] };
  const wholeRun = (t: TestOutcome): Set<string> => new Set((t.notes ?? []).filter((n) => !n.connections).map((n) => n.message));
  let shared = wholeRun(tests[0]);
  for (const t of tests.slice(1)) {
    const own = wholeRun(t);
    shared = new Set([...shared].filter((m) => own.has(m)));
  }
  if (shared.size === 0) return { notes: [], tests: [...tests] };
  const rest = tests.map((t) => {
    const left = (t.notes ?? []).filter((n) => n.connections || !shared.has(n.message));
    const { notes: _dropped, ...bare } = t;
    return left.length > 0 ? { ...bare, notes: left } : bare;
  });
  return { notes: [...shared].map((message) => ({ message })), tests: rest };
}

/** The notes a report lists (the first `MAX_NOTES`) and how many more there are. */
export function listedNotes(notes: readonly TestNote[] | undefined): { listed: TestNote[]; omitted: number } {
  const all = notes ?? [];
  return { listed: all.slice(0, MAX_NOTES), omitted: Math.max(0, all.length - MAX_NOTES) };
}

/**
 * The scenario tests of `irule-sim test` as plain data: a test is the input of one simulation
 * (rules, configuration, version, events, changes to the world) plus its connections in order,
 * each with the expectations on its result. The CLI builds them from `*.test.yaml` files; every
 * expectation keeps the file:line:column it was written at, so a failure points back to it.
 */
import type { ClientSpec, ConfigProblemsReport, SimulateOptions, SnatResult } from '../irule/types.js';

/** A place in a test file (line and column 1-based). */
export interface SourcePos {
  /** The file as shown in messages. */
  file: string;
  /** Line. */
  line: number;
  /** Column. */
  column: number;
}

/** A value with the place it was written. */
export interface Located<T> {
  /** The value. */
  value: T;
  /** Where it was written. */
  at: SourcePos;
}

/** What `action` may expect: the simulator's actions plus `redirect` (a 3xx response with a Location). */
export const EXPECTED_ACTIONS = ['forward', 'reject', 'drop', 'respond', 'redirect'] as const;

/** The kinds of SNAT `snat-type` may expect. */
export const SNAT_TYPES: readonly SnatResult['type'][] = ['automap', 'address', 'snatpool', 'none'];

/** An expected header: `value` null means the header must be absent. */
export interface HeaderExpectation {
  /** Header name (compared case-insensitively). */
  name: string;
  /** Exact value, or null for "absent". */
  value: string | null;
  /** Where it was written. */
  at: SourcePos;
}

/** What an HTTP message must look like; every field optional. */
export interface MessageExpectation {
  /** Response status. */
  status?: Located<number>;
  /** Request method. */
  method?: Located<string>;
  /** Request URI. */
  uri?: Located<string>;
  /** HTTP version (`1.0`, `1.1`). */
  version?: Located<string>;
  /** Headers. */
  headers: HeaderExpectation[];
  /** Text the body must contain. */
  body?: Located<string>;
}

/** One expectation on a connection's result. */
export type Expectation =
  | { kind: 'snat'; at: SourcePos; value: string | null }
  | { kind: 'snat-type'; at: SourcePos; value: SnatResult['type'] }
  | { kind: 'pool'; at: SourcePos; value: string | null }
  | { kind: 'member'; at: SourcePos; value: string | null }
  | { kind: 'action'; at: SourcePos; value: (typeof EXPECTED_ACTIONS)[number] }
  | { kind: 'response'; at: SourcePos; value: MessageExpectation | null }
  | { kind: 'server-request'; at: SourcePos; value: MessageExpectation | null }
  | { kind: 'logs'; at: SourcePos; value: Located<string>[] }
  | { kind: 'events'; at: SourcePos; value: string[] }
  | { kind: 'error'; at: SourcePos; value: string | null }
  | { kind: 'notes'; at: SourcePos; value: Located<string>[] };

/** The expectation kinds, in the order a failure report lists them. */
export const EXPECTATION_KINDS = ['snat', 'snat-type', 'pool', 'member', 'action', 'response', 'server-request', 'logs', 'events', 'error', 'notes'] as const;

/** One connection of a test. */
export interface ScenarioConnection {
  /** The client (and its request, if it has its own). */
  client: ClientSpec;
  /** Where the connection (or the test, for a single-connection test) was written. */
  at: SourcePos;
  /** What its result must show. */
  expect: Expectation[];
}

/** Changes a test makes to the configuration before it runs. */
export interface WorldChanges {
  /** Data groups whose records are replaced: `records` as key/data pairs. */
  dataGroups: { name: Located<string>; records: Located<{ key: string; data: string }>[] }[];
  /** Pool members (or nodes, or addresses) that are marked down. */
  membersDown: Located<string>[];
}

/** One test: one simulation. */
export interface ScenarioTest {
  /** The file it comes from (as shown). */
  file: string;
  /** Its name (unique in the file). */
  name: string;
  /** Where its entry starts. */
  at: SourcePos;
  /** The simulation input, without the clients (they come from `connections`). */
  options: Omit<SimulateOptions, 'clients'>;
  /** Changes to the configuration. */
  world: WorldChanges;
  /** Connections, simulated in order in one simulation. */
  connections: ScenarioConnection[];
  /** Set when the test expects BIG-IP to refuse the rules: `true`, or text the load error must contain. */
  refused?: Located<string | true>;
}

/** One failed expectation. */
export interface Failure {
  /** Where the expectation was written. */
  at: SourcePos;
  /** The expectation kind (`snat`, `logs` ...) or `refused`. */
  kind: string;
  /** 1-based connection number (tests with several connections). */
  connection?: number;
  /** What was expected, as text. */
  expected: string;
  /** What happened, as text. */
  actual: string;
  /** The rule line that decided it (`/Common/r line 8 (r.irule:8)`), or the virtual server's setting. */
  decidedBy?: string;
}

/**
 * A remark the simulator made on a test's run, as `irule-sim` prints it for the same inputs: an
 * external data group with no file, a data group or pool that does not exist, commands not
 * modelled, an approximation, an error in RULE_INIT. A note never fails a test by itself.
 */
export interface TestNote {
  /** The remark. */
  message: string;
  /** The 1-based connections it was made for, when the test has several and it was not made for all of them (absent: the whole run). */
  connections?: number[];
}

/** The outcome of one test. */
export interface TestOutcome {
  /** File (as shown). */
  file: string;
  /** Test name. */
  name: string;
  /** Where the test starts. */
  at: SourcePos;
  /** `pass`, `fail` (an expectation failed) or `error` (the test could not run: bad input, rules refused unexpectedly). */
  status: 'pass' | 'fail' | 'error';
  /** Failed expectations (status `fail`). */
  failures: Failure[];
  /** Why the test could not run (status `error`). */
  error?: string;
  /** Wall time in ms (0 when no clock was given). */
  timeMs: number;
  /** The simulator's notes on the run, each once (absent when there are none). */
  notes?: TestNote[];
}

/** A test file that could not be loaded: every problem with its place. */
export interface FileProblem {
  /** Where. */
  at: SourcePos;
  /** What is wrong. */
  message: string;
}

/** What a run of test files produced, per file. */
export interface FileOutcome {
  /** File (as shown). */
  file: string;
  /** Problems that kept the file from running (its tests did not run). */
  problems: FileProblem[];
  /** Outcomes of the tests that ran, in run order. */
  tests: TestOutcome[];
  /** Problems of the file's bigip.conf that do not stop its tests, at warning level and capped (absent when there are none). */
  configProblems?: ConfigProblemsReport;
  /** Notes every test of the file had (when it ran two or more), taken out of the tests' own (absent when there are none). */
  notes?: TestNote[];
}

/** `file:line:column`. */
export function posText(p: SourcePos): string {
  return `${p.file}:${p.line}:${p.column}`;
}

/**
 * The plain-data shapes of an iRule simulation: what goes in (rules, configuration, clients, the
 * HTTP request) and what comes out (one result per client). Everything here survives
 * `JSON.stringify`; `src/report/sim-json.ts` prints the results as the documented JSON.
 */
import type { BigipConfig } from '../../bigip/model.js';
import type { Severity } from '../../diagnostics.js';
import type { Limits } from '../interp.js';
import type { LoadOutcome } from './load.js';

/** One iRule to load. */
export interface RuleSource {
  /** Full path of the rule, e.g. `/Common/smtp_irule` (bare names are put in `/Common`). */
  name: string;
  /** The rule text. */
  text: string;
  /** Where it came from, for messages (a file name, or `bigip.conf`). */
  origin?: string;
  /** Line of `origin` where the rule text starts (default 1; for an `ltm rule` in bigip.conf, the line of its `{`). */
  firstLine?: number;
}

/** A simulated client: where the connection comes from. */
export interface ClientSpec {
  /** Canonical address, with `%N` when a route domain was given (`172.16.51.23`, `10.0.0.1%2`). */
  address: string;
  /** Source port; a deterministic ephemeral port is used when absent. */
  port?: number;
  /** The HTTP request of this connection (default: `SimulateOptions.request`). */
  request?: HttpMessageSpec;
  /** Raw payload of this connection on TCP/UDP virtual servers (default: `SimulateOptions.payload`). */
  payload?: string;
  /** Events to fire for this connection (default: `SimulateOptions.events`). */
  events?: string[];
  /** The address (and port) the client connected to (`--destination`); default: the virtual server's destination. */
  destination?: Endpoint;
}

/** An address with an optional port. */
export interface Endpoint {
  /** Canonical address, with `%N` when a route domain was given. */
  address: string;
  /** Port, when given. */
  port?: number;
}

/** One HTTP header. */
export interface HeaderField {
  /** Name as written. */
  name: string;
  /** Value. */
  value: string;
}

/** The client's HTTP request (`--request`), or the server's response. */
export interface HttpMessageSpec {
  /** Request method (requests only). */
  method?: string;
  /** Request URI (requests only). */
  uri?: string;
  /** Status code (responses only). */
  status?: number;
  /** Reason phrase (responses only). */
  reason?: string;
  /** `1.0` or `1.1`. */
  version: string;
  /** Header fields in order. */
  headers: HeaderField[];
  /** Body text. */
  body: string;
}

/** Everything a simulation needs. */
export interface SimulateOptions {
  /** The iRules attached to the simulated virtual server. */
  rules: RuleSource[];
  /** The parsed configuration; undefined runs on an empty default configuration (and says so). */
  config?: BigipConfig;
  /** Full path or bare name of the virtual server to simulate (see `chooseVirtual` for the default). */
  virtual?: string;
  /** BIG-IP version `X.Y[.Z]`. */
  version: string;
  /** Events to fire (default: the flow the virtual server's profiles imply). */
  events?: string[];
  /** The clients, one connection each, in order. */
  clients: ClientSpec[];
  /** The HTTP request every client sends (default: `GET /` with a Host header). */
  request?: HttpMessageSpec;
  /** Raw client payload for TCP virtual servers (`TCP::payload` in CLIENT_DATA). */
  payload?: string;
  /** Limits of each event run. */
  limits?: Partial<Limits>;
  /** Simulated time of the first connection, in ms since the epoch (default 2024-01-01T00:00:00Z). */
  startTime?: number;
  /** Simulated time between two connections, in ms (default 1000). */
  interval?: number;
  /**
   * Loaded rules to reuse across simulations of the same rule texts and version (scenario tests
   * run many simulations of one rule); filled by `prepareSimulation`. A loaded rule is never
   * changed by a simulation.
   */
  ruleCache?: Map<string, LoadOutcome>;
}

/** The source address translation of a connection. */
export interface SnatResult {
  /** What kind of translation was applied. */
  type: 'automap' | 'address' | 'snatpool' | 'none';
  /** The source address the server sees (null when automap found no self IP). */
  address: string | null;
  /** The SNAT pool, for `snatpool`. */
  snatpool: string | null;
  /** Whether an iRule command or the virtual server's own setting decided it. */
  decidedBy: 'irule' | 'virtual';
}

/** How the server-side connection leaves BIG-IP: the egress VLAN and the route that decided it. */
export interface EgressResult {
  /** The egress VLAN (full path), or null when no route reaches the server or the route names no VLAN. */
  vlan: string | null;
  /** What decided: `route /Common/default (0.0.0.0/0 via 10.1.10.1)` or `self IP /Common/int (connected 10.1.10.0/24)`; null when no route reaches the server. */
  decidedBy: string | null;
  /** The `net route` that decided (full path); null for a directly connected network or no route. */
  route: string | null;
}

/** An HTTP response BIG-IP generated (`HTTP::respond`, `HTTP::redirect`). */
export interface ResponseResult {
  /** Status code. */
  status: number;
  /** Header fields in order. */
  headers: HeaderField[];
  /** Body. */
  body: string;
}

/** An uncaught iRule error. */
export interface ErrorResult {
  /** The Tcl error message. */
  message: string;
  /** The event whose handler failed. */
  event: string;
  /** Full path of the rule. */
  rule: string;
  /** Line, in the rule's text, of the command that failed (1-based). */
  line: number;
  /** The command that failed, as Tcl quotes it. */
  command: string;
  /** `<file>:<line>` of the failing command in the rule's origin (the iRule file, or bigip.conf). */
  at: string;
  /** The line BIG-IP writes to /var/log/ltm (null for simulator limits, which BIG-IP does not have). */
  tmmLog: string | null;
  /** Set when a simulator limit (steps, time, nesting) ended the handler. */
  limit?: string;
}

/** The iRule command that made a decision: rule, line in the rule, and `<file>:<line>` in its origin. */
export interface DecisionSite {
  /** Full path of the rule. */
  rule: string;
  /** Line in the rule's text (1-based). */
  line: number;
  /** `<file>:<line>` of the command in the rule's origin. */
  at: string;
}

/** What happened to one client connection. */
export interface ClientResult {
  /** The client address (with `%N` when in a route domain). */
  client: string;
  /** The client's source port. */
  clientPort: number;
  /** Full path of the virtual server. */
  virtual: string;
  /** Events whose handlers ran, in order. */
  events: string[];
  /** Source address translation of the server-side connection (null when there was none). */
  snat: SnatResult | null;
  /** The pool the connection was load balanced to (null: none, e.g. `node` or no server connection). */
  pool: string | null;
  /** The server the connection went to, `addr:port` (IPv6 `addr.port`), or null. */
  member: string | null;
  /** What BIG-IP did with the connection. */
  action: 'forward' | 'reject' | 'drop' | 'respond';
  /** The response BIG-IP sent itself, for `respond`. */
  response: ResponseResult | null;
  /** The HTTP request as forwarded to the server (HTTP virtual servers that reached a server), else null. */
  request: HttpMessageSpec | null;
  /** Lines the iRules logged (as BIG-IP writes them to /var/log/ltm, without the syslog prefix). */
  logs: string[];
  /** The uncaught error, if a handler failed. */
  error: ErrorResult | null;
  /** iRule commands the rules called that the simulator does not model (they returned ""). */
  notModelled: string[];
  /** Remarks on simulator choices for this client (e.g. a load-balancing mode approximated). */
  notes: string[];
  /** The iRule commands that last chose the pool or node, the source translation and the action (absent: the virtual server's own setting). */
  decidedBy?: { pool?: DecisionSite; snat?: DecisionSite; action?: DecisionSite };
  /** The address the client connected to, `addr:port` (IPv6 `addr.port`), when the client gave one (`--destination`). */
  destination?: string;
  /** The route to the server (null when there was no server-side connection, or the configuration has no self IPs or routes). */
  egress?: EgressResult | null;
}

/** The outcome of RULE_INIT, which runs once when the rules load. */
export interface RuleInitResult {
  /** Rules whose RULE_INIT ran, in order. */
  rules: string[];
  /** Lines logged. */
  logs: string[];
  /** The first uncaught error, if any. */
  error: ErrorResult | null;
  /** Commands not modelled. */
  notModelled: string[];
}

/** The whole simulation. */
export interface SimulationReport {
  /** Full path of the simulated virtual server. */
  virtual: string;
  /** Its destination, `addr:port` (IPv6 `addr.port`). */
  destination: string;
  /** The BIG-IP version simulated. */
  version: string;
  /** Rules in the order they are attached. */
  rules: string[];
  /** The event flow walked for each connection. */
  flow: string[];
  /** RULE_INIT. */
  ruleInit: RuleInitResult;
  /** One result per client, in order. */
  results: ClientResult[];
  /** Remarks that apply to the whole run (e.g. "no bigip.conf: empty default configuration"). */
  notes: string[];
  /** Problems of the bigip.conf that do not stop the run, at warning level and capped (absent when there are none). */
  configProblems?: ConfigProblemsReport;
}

/** The bigip.conf problems of a run: the first ones listed, the rest counted. */
export interface ConfigProblemsReport {
  /** Listed problems, each with the file (as shown), 1-based line and column, rule id and message. */
  listed: { file: string; line: number; column: number; severity: Severity; ruleId: string; message: string }[];
  /** How many more there are. */
  omitted: number;
}

/**
 * Types of the command and event catalog in `grammar/` (data, not code). The parser, the lint
 * rules, the simulator and the editor all read it; nothing else knows a command's arguments.
 */

/**
 * The closed set of argument types.
 * - `ipAddress`: an IPv4/IPv6 address, possibly with a `%routeDomain` suffix.
 * - `endpoint`: an address as above, optionally written `addr:port` in one word.
 * - `port`: a port number (or a service name where BIG-IP accepts one).
 * - `pool`, `snatPool`, `dataGroup`: names of configuration objects (`/Partition/name` or bare).
 * - `level`: a stack level of `upvar`/`uplevel`, `#N` (absolute) or `N` (relative); `#0` is no comment.
 */
export type ArgType =
  | 'any'
  | 'script'
  | 'body'
  | 'expr'
  | 'varName'
  | 'list'
  | 'pattern'
  | 'event'
  | 'dataGroup'
  | 'pool'
  | 'snatPool'
  | 'ipAddress'
  | 'endpoint'
  | 'port'
  | 'integer'
  | 'bool'
  | 'procName'
  | 'params'
  | 'switchBody'
  | 'level';

/** A positional argument. */
export interface Positional {
  /** Name as in the synopsis. */
  name: string;
  /** What it holds. */
  type: ArgType;
  /** May be left out. */
  optional?: boolean;
  /** May occur any number of times (at least once unless `optional`). */
  repeat?: boolean;
  /** The only words allowed here, when it is a keyword. */
  literal?: string[];
  /** Other spellings BIG-IP accepts for a keyword, each mapped to the keyword of `literal` it means (`eq` → `equals`). */
  aliases?: Record<string, string>;
}

/** An option such as `-nocase` or `-timeout ms`. */
export interface Switch {
  /** Spelling including the dash. */
  name: string;
  /** Type of the value it takes, when it takes one. */
  value?: ArgType;
  /** BIG-IP version that added the option, when known. */
  since?: string;
}

/**
 * One argument form: options first, then positionals. With `subcommands`, a first argument that
 * names a subcommand selects that subcommand's form; any other first argument uses this form's own
 * `switches`/`positionals` when they are present (`positionals: []` means "or no arguments at
 * all"), and is an unknown subcommand when they are absent.
 */
export interface ArgForm {
  /** Options that may precede the positionals. */
  switches?: Switch[];
  /** Whether `--` ends the options. */
  endOfOptions?: boolean;
  /** Positional arguments in order. */
  positionals?: Positional[];
  /** Subcommands keyed by name; each has its own form. */
  subcommands?: Record<string, ArgForm>;
  /**
   * Set when a subcommand may be written as any unique prefix of its name (`string eq`, `clock
   * second`): Tcl built-ins that look subcommands up with Tcl_GetIndexFromObj. A prefix shared by
   * several names is an error (`ambiguous option "s": must be ...`); the exact name always wins.
   */
  subcommandPrefixes?: boolean;
  /** Key into `src/catalog/special/` for syntax the data cannot express. */
  handler?: string;
  /** BIG-IP version that added this subcommand, when known. */
  since?: string;
}

/** Where a list of valid or invalid events comes from, strongest first. */
export type EvidenceSource = 'measured' | 'documented' | 'derived';

/** How sure a yes/no property is: always, only for some forms or versions, or never. */
export type Likelihood = 'always' | 'conditional' | 'never';

/** A deprecation (of a command or an event). */
export interface Deprecation {
  /** BIG-IP version that deprecated it, when known. */
  since?: string;
  /** What to use instead, e.g. `class match`. */
  replacement?: string;
  /** Short explanation in our words. */
  note?: string;
}

/** A removal from BIG-IP. */
export interface Removal {
  /** BIG-IP version that removed it, when known. */
  since?: string;
  /** Short explanation in our words. */
  note?: string;
}

/** One command. */
export interface CommandSpec {
  /** Name exactly as written in iRules, e.g. `HTTP::header`. */
  name: string;
  /** One-line summary in our own words. */
  summary?: string;
  /** Usage lines. */
  synopsis?: string[];
  /** Argument forms; absent when the usage could not be read (then no arity check applies). */
  args?: ArgForm;
  /** `curated` forms were written by hand; `synopsis` forms were derived from the usage lines. */
  argsSource?: 'curated' | 'synopsis';
  /** Set when the form accepts more than the documented syntax (merged or approximated forms). */
  argsLoose?: boolean;
  /**
   * Events the command is known to be valid in (`*`: every event). For measured and documented
   * lists this is evidence, not a complete list: see `eventSet` for the derived remainder.
   */
  events?: string[] | '*';
  /** Name of an event set in `grammar/events.json` where the command is plausibly valid (derived from its profile). */
  eventSet?: string;
  /** Evidence behind `events` (`derived` when there is only the `eventSet`). */
  eventsSource?: EvidenceSource;
  /** Events where BIG-IP refuses the command (at load: "command is not valid in current event context"). */
  eventsInvalid?: string[];
  /** Evidence behind `eventsInvalid`. */
  eventsInvalidSource?: EvidenceSource;
  /** BIG-IP version that introduced the command, when known (`x.y.z`). */
  since?: string;
  /** Set when the command is deprecated. */
  deprecated?: Deprecation;
  /** Set when the command was removed from BIG-IP. */
  removed?: Removal;
  /** A literal use is refused at load: `command is disabled: "<name>"` (Tcl commands iRules switch off). */
  disabled?: boolean;
  /** The command does not exist in iRules: a literal use fails at load with `undefined procedure`. */
  absent?: boolean;
  /** Tcl version that introduced the command, for Tcl commands newer than the 8.4 of iRules. */
  tclVersion?: '8.5' | '8.6';
  /** `only`: valid only at the top level of a rule; `allowed`: may appear at the top level. */
  topLevel?: 'only' | 'allowed';
  /** Sends an HTTP response made by BIG-IP (one per request). */
  sendsResponse?: boolean;
  /**
   * Only writes out or stores its arguments (a log line, a header, a table entry, a response):
   * its result never depends on their text, except by returning stored text unchanged. The
   * `--explain` analysis lets the client address pass through such commands.
   */
  emitsArguments?: boolean;
  /**
   * For a collect command: BIG-IP releases the data it held at the end of these events unless the
   * event collected again (`HTTP::collect <length>`: HTTP_REQUEST_DATA, HTTP_RESPONSE_DATA), so no
   * explicit release is needed. `withArguments`: only when the call has arguments (a length).
   */
  implicitRelease?: { events: string[]; withArguments?: boolean };
  /** Ends the connection (the rest of the script still runs). */
  terminatesFlow?: boolean;
  /** Whether the command can park (suspend) the rule while it waits. */
  suspends?: Likelihood;
  /** Whether using the command demotes the virtual server from CMP (one TMM only). */
  demotesCmp?: Likelihood;
  /** `namespace` for entries that are not commands but a name prefix such as `static::`. */
  kind?: 'namespace';
  /** Reference page (clouddocs for iRules commands, tcl.tk for Tcl). */
  docUrl?: string;
  /** Further facts in our own words. */
  notes?: string[];
}

/** The side of a connection an event runs on. */
export type EventSide =
  /** client-side context; no server-side flow yet */
  | 'client'
  /** server-side context (the client flow exists too) */
  | 'server'
  /** bridges both sides (LB_SELECTED, LB_QUEUED, USER_REQUEST ...) */
  | 'both'
  /** no connection at all (RULE_INIT, PERSIST_DOWN ...) */
  | 'global'
  /** no source says */
  | 'unknown';

/** One event. */
export interface EventSpec {
  /** Name as written after `when`. */
  name: string;
  /** One-line summary in our own words. */
  summary: string;
  /** Profiles that must be on the virtual server for the event to fire (empty: none needed). */
  profiles: string[];
  /** Side of the connection. */
  side: EventSide;
  /** Transport the event is tied to, when a source says. */
  transport?: 'tcp' | 'udp';
  /** BIG-IP version that introduced the event, when known. */
  since?: string;
  /** Set when the event is deprecated. */
  deprecated?: Deprecation;
  /** `gtm` for events of GTM / BIG-IP DNS rules only. */
  product?: 'gtm';
  /** Fires for most connections or requests (performance-sensitive). */
  highFrequency?: boolean;
  /** Fires once per HTTP request on a keep-alive connection. */
  perRequest?: boolean;
  /** Commands whose use makes the event fire. */
  triggeredBy?: string[];
  /** Reference page. */
  docUrl?: string;
  /** Further facts in our own words. */
  notes?: string[];
}

/**
 * A named set of events: an event belongs to it when its side is in `sides`, or one of its
 * profiles is in `profiles`, or it is named in `events`.
 */
export interface EventSet {
  /** Name used by `CommandSpec.eventSet`. */
  name: string;
  /** What the set stands for. */
  summary: string;
  /** Sides included. */
  sides?: EventSide[];
  /** Profiles included. */
  profiles?: string[];
  /** Events included by name. */
  events?: string[];
}

/** One step of an event flow. */
export interface FlowStep {
  /** Event fired. */
  event: string;
  /** Fires only under some condition (e.g. collection active, profile present). */
  optional?: boolean;
  /** Repeats for each HTTP request on a keep-alive connection. */
  perRequest?: boolean;
}

/** The order in which a kind of virtual server fires events (for the simulator). */
export interface EventFlow {
  /** Short name, e.g. `http`. */
  name: string;
  /** What kind of virtual server. */
  summary: string;
  /** Profiles on that virtual server. */
  profiles: string[];
  /** Events in order. */
  steps: FlowStep[];
  /** Further facts in our own words. */
  notes?: string[];
}

/** The content of `grammar/events.json`. */
export interface EventCatalog {
  /** Every event. */
  events: EventSpec[];
  /** Named event sets. */
  sets: EventSet[];
  /** Event flows. */
  flows: EventFlow[];
}

/** One command namespace (`HTTP`, `TCP` ...), from `grammar/namespaces.json`. */
export interface NamespaceSpec {
  /** Namespace without `::`. */
  name: string;
  /** One-line summary in our own words. */
  summary?: string;
  /** Profiles its commands need on the virtual server. */
  profiles?: string[];
  /** Default event set of its commands. */
  eventSet: string;
  /** Number of commands in the namespace. */
  commands: number;
}

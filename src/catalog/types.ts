/**
 * Types of the command and event catalog in `grammar/` (data, not code). The parser, the lint
 * rules, the simulator and the editor all read it; nothing else knows a command's arguments.
 */

/** The closed set of argument types. */
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
  | 'port'
  | 'integer'
  | 'bool'
  | 'procName'
  | 'params'
  | 'switchBody';

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
}

/** An option such as `-nocase` or `-timeout ms`. */
export interface Switch {
  /** Spelling including the dash. */
  name: string;
  /** Type of the value it takes, when it takes one. */
  value?: ArgType;
}

/** One argument form: options first, then positionals. */
export interface ArgForm {
  /** Options that may precede the positionals. */
  switches?: Switch[];
  /** Whether `--` ends the options. */
  endOfOptions?: boolean;
  /** Positional arguments in order. */
  positionals?: Positional[];
  /** Subcommands keyed by name; each has its own form. */
  subcommands?: Record<string, ArgForm>;
  /** Key into `src/catalog/special/` for syntax the data cannot express. */
  handler?: string;
}

/** One command. */
export interface CommandSpec {
  /** Name exactly as written in iRules, e.g. `HTTP::header`. */
  name: string;
  /** One-line summary in our own words. */
  summary?: string;
  /** Usage lines. */
  synopsis?: string[];
  /** Argument forms. */
  args?: ArgForm;
}

/**
 * What Tcl's own parser says about a script: the JSON produced by `tclparse::commands`
 * (test/oracle/tclparse.c) plus `info complete`. All offsets are 0-based UTF-16 offsets into
 * the script, end-exclusive, like our AST ranges.
 */

/** One answer of the oracle server for one script. */
export interface TclAnswer {
  /** `info complete script`. */
  complete: boolean;
  /** `Tcl_ParseCommand` looped over the whole script (nested = 0). */
  parse: TclParse;
}

/** The command-by-command breakdown, up to the first parse error. */
export interface TclParse {
  /** Commands parsed before any error, including empty ones (zero words). */
  commands: TclCommand[];
  /** The error that stopped parsing, or null when the whole script parsed. */
  error: TclParseError | null;
  /**
   * Without an error: whether the last command ends in a backslash-newline at the end of the
   * text (Tcl's `incomplete` flag), which makes `info complete` false although nothing is wrong.
   */
  incomplete: boolean;
}

/** One `Tcl_Parse` result. */
export interface TclCommand {
  /** One `[start, end)` per `#` comment before the command; end excludes the ending newline. */
  comments: [number, number][];
  /** `commandStart`: the first character of the first word (or where the scan stopped). */
  start: number;
  /** `commandStart + commandSize`: INCLUDES the terminating newline, `;` or `]`. */
  end: number;
  /** The words; empty for a blank command. */
  words: TclWord[];
}

/** One word token. */
export interface TclWord {
  /** First character (for `{*}x`, the `{` of `{*}`). */
  start: number;
  /** Just past the last character (closing brace or quote included). */
  end: number;
  /** TCL_TOKEN_SIMPLE_WORD, TCL_TOKEN_WORD or TCL_TOKEN_EXPAND_WORD. */
  kind: 'simple' | 'word' | 'expand';
  /** How the word (after a `{*}` prefix) is delimited. */
  delim: 'brace' | 'quote' | 'none';
  /** The word's value when it contains only literal text and backslash sequences. */
  literal?: string;
  /** Top-level component tokens. */
  parts: TclPart[];
}

/** A component token of a word. */
export interface TclPart {
  /** TCL_TOKEN_TEXT, _BS, _VARIABLE or _COMMAND. */
  type: 'text' | 'bs' | 'var' | 'cmd' | 'other';
  /** First character (`$` of a variable, `[` of a command substitution). */
  start: number;
  /** Just past the last character (`]` included). */
  end: number;
  /** Backslash sequence only: what it stands for. */
  value?: string;
  /** Variable only: where the name is (inside the braces for `${name}`). */
  name?: [number, number];
  /** Variable only: the component tokens of `(index)`, absent without an index. */
  index?: TclPart[];
  /** Command substitution only: the bracket content parsed as a script. */
  commands?: TclCommand[];
}

/** Why Tcl_ParseCommand failed. */
export interface TclParseError {
  /** The interpreter result, e.g. `missing close-brace`, `extra characters after close-quote`. */
  message: string;
  /** `errorType` without the `TCL_PARSE_` prefix, e.g. `MISSING_BRACE`, `BRACE_EXTRA`. */
  type: string;
  /** `parsePtr->term`: where Tcl stopped (for a missing close-brace: the open brace). */
  term: number;
  /** `parsePtr->incomplete`. */
  incomplete: boolean;
}

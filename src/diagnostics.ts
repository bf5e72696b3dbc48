/** Core diagnostic type shared by the parser, lint rules, the CLI and the language server. */

/** A half-open range of 0-based UTF-16 offsets into the analysed text. */
export interface Range {
  /** First offset covered. */
  start: number;
  /** Offset just past the last covered character. */
  end: number;
}

/** How serious a finding is. */
export type Severity = 'error' | 'warning' | 'info';

/** A text edit: replace `range` with `text`. */
export interface TextEdit {
  /** What to replace. */
  range: Range;
  /** The replacement text. */
  text: string;
}

/** A note pointing at a second place that explains the diagnostic. */
export interface RelatedInfo {
  /** Where. */
  range: Range;
  /** What is there. */
  message: string;
}

/** One finding. */
export interface Diagnostic {
  /** The rule id (`syntax-error` for parser problems). */
  ruleId: string;
  /** Severity. */
  severity: Severity;
  /** One-line, human-readable message. */
  message: string;
  /** Where the problem is. */
  range: Range;
  /** Other places involved (e.g. where the parser ran out of input). */
  related?: RelatedInfo[];
  /** A safe fix, when the rule has one. */
  fix?: TextEdit[];
}

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

/** The most characters of offending text a message quotes (room for a catalog list of subcommands too). */
export const EXCERPT_LENGTH = 100;

/**
 * At most `max` characters of `text` for a message to quote, on one line: line breaks are shown as
 * `\n` and `\r`, and a longer text is cut, ending in `…` (never splitting a surrogate pair), so a
 * message stays short and one line whatever the input.
 */
export function excerpt(text: string, max: number = EXCERPT_LENGTH): string {
  const head = text.length > max ? text.slice(0, max) : text;
  const flat = head.includes('\n') || head.includes('\r') ? head.replace(/\r/g, '\\r').replace(/\n/g, '\\n') : head;
  if (text.length <= max && flat.length <= max) return flat;
  let end = max - 1;
  const last = flat.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${flat.slice(0, end)}…`;
}

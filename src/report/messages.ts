/**
 * The plain data the formatters take: findings with 1-based display positions, grouped by file.
 * Pure: no I/O.
 */
import type { Diagnostic, Severity } from '../diagnostics.js';
import type { Dialect } from '../syntax/ast.js';
import { LineIndex } from '../syntax/line-index.js';

/** One finding, positioned for display: 1-based line and column, end column exclusive (as ESLint). */
export interface ReportMessage {
  /** Rule id, e.g. `syntax-error`. */
  ruleId: string;
  /** Severity. */
  severity: Severity;
  /** One-line message. */
  message: string;
  /** 1-based start line. */
  line: number;
  /** 1-based start column, in UTF-16 code units (a tab counts as one). */
  column: number;
  /** 1-based end line. */
  endLine: number;
  /** 1-based column just past the end. */
  endColumn: number;
}

/** The findings for one input. */
export interface FileReport {
  /** The path as reported in JSON output (absolute for files; the stdin name for stdin). */
  filePath: string;
  /** The path as shown to people (relative to the working directory when inside it). */
  displayPath: string;
  /** Findings sorted by position. */
  messages: ReportMessage[];
  /** The dialect the input was analysed in, when known. */
  dialect?: Dialect;
}

/** Turn diagnostics on `text` into display messages, sorted by start, then end, then rule id. */
export function toReportMessages(text: string, diagnostics: readonly Diagnostic[]): ReportMessage[] {
  const index = new LineIndex(text);
  const messages = diagnostics.map((d): ReportMessage => {
    const start = index.position(d.range.start);
    const end = index.position(Math.max(d.range.start, d.range.end));
    return {
      ruleId: d.ruleId,
      severity: d.severity,
      message: d.message,
      line: start.line + 1,
      column: start.column + 1,
      endLine: end.line + 1,
      endColumn: end.column + 1,
    };
  });
  return messages.sort(
    (a, b) =>
      a.line - b.line ||
      a.column - b.column ||
      a.endLine - b.endLine ||
      a.endColumn - b.endColumn ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
}

/** Counts of findings by severity. */
export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
}

/** Count findings by severity across reports. */
export function countSeverities(reports: readonly FileReport[]): Counts {
  const counts: Counts = { errors: 0, warnings: 0, infos: 0 };
  for (const r of reports) {
    for (const m of r.messages) {
      if (m.severity === 'error') counts.errors++;
      else if (m.severity === 'warning') counts.warnings++;
      else counts.infos++;
    }
  }
  return counts;
}

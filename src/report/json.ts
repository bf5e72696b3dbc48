/**
 * ESLint-compatible JSON output: an array with one result per input,
 * `{ filePath, messages: [{ ruleId, severity, message, line, column, endLine, endColumn }],
 * errorCount, warningCount, dialect }` (`dialect` is ours; ESLint readers ignore it). Severity is 2 for errors and 1 for warnings (and for `info`,
 * which ESLint lacks); positions are 1-based with an exclusive end column. Pure: no I/O.
 */
import type { Severity } from '../diagnostics.js';
import type { Dialect } from '../syntax/ast.js';
import type { FileReport } from './messages.js';

/** One message in ESLint's JSON shape. */
export interface JsonMessage {
  ruleId: string;
  /** 2 = error, 1 = warning or info. */
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** One file's result in ESLint's JSON shape. */
export interface JsonResult {
  filePath: string;
  messages: JsonMessage[];
  /** Messages with severity 2. */
  errorCount: number;
  /** Messages with severity 1. */
  warningCount: number;
  /** The dialect the file was analysed in (`irule` or `tcl`); an extra key ESLint readers ignore. */
  dialect?: Dialect;
}

/** Map a severity to ESLint's numeric level. */
function level(severity: Severity): 1 | 2 {
  return severity === 'error' ? 2 : 1;
}

/** Convert reports to ESLint result objects. */
export function toJsonResults(reports: readonly FileReport[]): JsonResult[] {
  return reports.map((r) => {
    const messages = r.messages.map(
      (m): JsonMessage => ({
        ruleId: m.ruleId,
        severity: level(m.severity),
        message: m.message,
        line: m.line,
        column: m.column,
        endLine: m.endLine,
        endColumn: m.endColumn,
      }),
    );
    const errorCount = messages.filter((m) => m.severity === 2).length;
    const result: JsonResult = { filePath: r.filePath, messages, errorCount, warningCount: messages.length - errorCount };
    if (r.dialect !== undefined) result.dialect = r.dialect;
    return result;
  });
}

/** Render reports as one line of JSON followed by a newline. */
export function formatJson(reports: readonly FileReport[]): string {
  return `${JSON.stringify(toJsonResults(reports))}\n`;
}

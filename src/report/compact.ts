/**
 * Compact output: one line per finding in the `file:line:col: severity: message [rule-id]` shape
 * that compilers use, so editors, `grep` and CI log viewers can jump to it. No summary line; a
 * clean run prints nothing. Pure: no I/O.
 */
import type { FileReport } from './messages.js';

/** Render reports as one line per finding. */
export function formatCompact(reports: readonly FileReport[]): string {
  let out = '';
  for (const r of reports) {
    for (const m of r.messages) out += `${r.displayPath}:${m.line}:${m.column}: ${m.severity}: ${m.message} [${m.ruleId}]\n`;
  }
  return out;
}

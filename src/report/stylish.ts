/**
 * Human-readable output, ESLint-stylish in spirit but with a `path:line:col` location on every
 * line so editors and terminals can jump to it:
 *
 *     rules/a.irule:3:5   error    Missing close-brace  syntax-error
 *     rules/b.irule:10:1  warning  Something else       some-rule
 *
 *     ✖ 2 problems (1 error, 1 warning)
 *
 * Columns are aligned across the whole output, up to a width of 240 (a longer location or message
 * pushes the rest of its own line only). A clean run prints nothing. Pure: no I/O.
 */
import { countSeverities, type FileReport } from './messages.js';

/** Render reports as aligned text, or `''` when there are no findings. */
export function formatStylish(reports: readonly FileReport[]): string {
  const rows: string[][] = [];
  for (const report of reports) {
    for (const m of report.messages) {
      rows.push([`${report.displayPath}:${m.line}:${m.column}`, m.severity, m.message, m.ruleId]);
    }
  }
  if (rows.length === 0) return '';
  // A loop, not Math.max(...rows): spreading 100,000+ values into a call overflows the stack.
  const widths = [0, 0, 0];
  for (const r of rows) for (let c = 0; c < 3; c++) widths[c] = Math.max(widths[c], Math.min(r[c].length, MAX_PAD));
  let out = '';
  for (const r of rows) out += `${r[0].padEnd(widths[0])}  ${r[1].padEnd(widths[1])}  ${r[2].padEnd(widths[2])}  ${r[3]}\n`;
  return `${out}\n${summary(reports)}\n`;
}

/** Columns are padded to at most this width: a longer cell pushes the rest of its line instead of widening every line. */
const MAX_PAD = 240;

/** `✖ 3 problems (2 errors, 1 warning)`; an `info` count is added only when there are some. */
function summary(reports: readonly FileReport[]): string {
  const { errors, warnings, infos } = countSeverities(reports);
  const parts = [plural(errors, 'error'), plural(warnings, 'warning')];
  if (infos > 0) parts.push(`${infos} info`);
  return `✖ ${plural(errors + warnings + infos, 'problem')} (${parts.join(', ')})`;
}

/** `1 error`, `2 errors`. */
function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Human-readable output, ESLint-stylish in spirit but with a `path:line:col` location on every
 * line so editors and terminals can jump to it:
 *
 *     rules/a.irule:3:5   error    Missing close-brace  syntax-error
 *     rules/b.irule:10:1  warning  Something else       some-rule
 *
 *     ✖ 2 problems (1 error, 1 warning)
 *
 * Columns are aligned across the whole output. A clean run prints nothing. Pure: no I/O.
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
  // A loop, not Math.max(...rows): a spread of 125,000 rows overflows the stack.
  const widths = [0, 0, 0];
  for (const r of rows) for (let c = 0; c < 3; c++) if (r[c].length > widths[c]) widths[c] = r[c].length;
  const lines = rows.map((r) =>
    [r[0].padEnd(widths[0]), r[1].padEnd(widths[1]), r[2].padEnd(widths[2]), r[3]].join('  '),
  );
  return `${lines.join('\n')}\n\n${summary(reports)}\n`;
}

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

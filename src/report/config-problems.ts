/**
 * The bigip.conf problems of a run (a record the model cannot read, a bad address, a dangling
 * name...) as every `irule-sim` report shows them: `irule-sim`, `--explain` and `irule-sim test`,
 * in text, JSON and JUnit alike. Absent problems add nothing, so a clean run's output is unchanged.
 */
import { omittedProblems } from '../bigip/diagnostic.js';
import type { ConfigProblemsReport } from '../sim/irule/types.js';

/**
 * One line per listed problem, `<label>FILE:LINE:COL: message (rule)`, then one counting those
 * not listed; `label` shows the severity (`warning: ` in irule-sim's text, `warning  ` in the
 * aligned header of --explain).
 */
export function configProblemLines(p: ConfigProblemsReport | undefined, label: (severity: string) => string): string[] {
  if (!p) return [];
  const lines = p.listed.map((d) => `${label(d.severity)}${d.file}:${d.line}:${d.column}: ${d.message} (${d.ruleId})`);
  if (p.omitted > 0) lines.push(`${label('warning')}${omittedProblems(p.omitted, p.listed.length)}`);
  return lines;
}

/** The JSON keys of the problems, `configProblems` and `configProblemsOmitted`; none when there are no problems. */
export function configProblemKeys(p: ConfigProblemsReport | undefined): { configProblems?: ConfigProblemsReport['listed']; configProblemsOmitted?: number } {
  return p ? { configProblems: p.listed, configProblemsOmitted: p.omitted } : {};
}

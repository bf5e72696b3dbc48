/**
 * The text output of `irule-sim test`: one line per test in run order, then each failure in
 * detail (test, file:line:column of the expectation, expected and actual, the rule line that
 * decided it), then a summary line. Problems of a test file, then those of the bigip.conf files
 * the tests read (`warning: bigip.conf:4:9: ... (config-invalid)`, as irule-sim lists them),
 * come first.
 *
 *   PASS  tests/seed.test.yaml  allow-listed relay leaves as the virtual address
 *   FAIL  tests/seed.test.yaml  everyone else uses automap
 *
 *   FAIL everyone else uses automap (tests/seed.test.yaml:11:5)
 *     tests/seed.test.yaml:13:15: snat: expected 172.16.51.175, got 172.16.51.174
 *       decided by ../fixtures/seed/smtp_irule_v11.irule:8 (/Common/smtp_irule_v11 line 8)
 *
 *   3 tests: 2 passed, 1 failed
 */
import { type RunSummary, summarize } from '../sim/scenario/summary.js';
import { type FileOutcome, type Failure, posText, type TestOutcome } from '../sim/scenario/types.js';
import { configProblemLines } from './config-problems.js';

/** The lines of one failed expectation. */
export function failureLines(f: Failure, indent: string): string[] {
  const conn = f.connection !== undefined ? `connection ${f.connection}: ` : '';
  const out = [`${indent}${posText(f.at)}: ${conn}${f.kind}: expected ${f.expected}, got ${f.actual}`];
  if (f.decidedBy !== undefined) out.push(`${indent}  decided by ${f.decidedBy}`);
  return out;
}

/** The detail of a test that did not pass. */
function detail(t: TestOutcome): string[] {
  const head = `${t.status === 'fail' ? 'FAIL' : 'ERROR'} ${t.name} (${posText(t.at)})`;
  if (t.status === 'error') return [head, ...(t.error ?? '').split('\n').map((l) => `  ${l}`)];
  return [head, ...t.failures.flatMap((f) => failureLines(f, '  '))];
}

/** The summary line. */
export function summaryLine(s: RunSummary): string {
  const parts = [`${s.passed} passed`];
  if (s.failed > 0) parts.push(`${s.failed} failed`);
  if (s.errors > 0) parts.push(`${s.errors} could not run`);
  if (s.badFiles > 0) parts.push(`${s.badFiles} test file${s.badFiles === 1 ? '' : 's'} with problems`);
  return `${s.tests} test${s.tests === 1 ? '' : 's'}: ${parts.join(', ')}`;
}

/**
 * The bigip.conf problem lines of the files, `warning: FILE:LINE:COL: message (rule)` as irule-sim
 * writes them; a bigip.conf that several files share is listed once.
 */
function configWarnings(files: readonly FileOutcome[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const f of files) {
    const lines = configProblemLines(f.configProblems, (severity) => `${severity}: `);
    const key = lines.join('\n');
    if (lines.length === 0 || seen.has(key)) continue;
    seen.add(key);
    out.push(...lines);
  }
  return out;
}

/** The whole text report. */
export function formatTestText(files: readonly FileOutcome[]): string {
  const lines: string[] = [];
  const problems: string[] = [];
  const details: string[] = [];
  for (const f of files) {
    for (const p of f.problems) problems.push(`${posText(p.at)}: error: ${p.message}`);
    for (const t of f.tests) {
      lines.push(`${t.status === 'pass' ? 'PASS ' : t.status === 'fail' ? 'FAIL ' : 'ERROR'} ${f.file}  ${t.name}`);
      if (t.status !== 'pass') details.push('', ...detail(t));
    }
  }
  problems.push(...configWarnings(files));
  const out = [...problems, ...lines, ...details, '', summaryLine(summarize(files))];
  if (problems.length > 0 && lines.length === 0) out.splice(problems.length, 1);
  return `${out.join('\n')}\n`;
}

/**
 * The text output of `irule-sim test`: one line per test in run order, each followed by the
 * simulator's notes on its run (`  note: [connection N: ]...`), then each failure in detail (test,
 * file:line:column of the expectation, expected and actual, the rule line that decided it), then a
 * summary line. Problems of a test file, then those of the bigip.conf files the tests read
 * (`warning: bigip.conf:4:9: ... (config-invalid)`, as irule-sim lists them), then the notes every
 * test of a file had (`note: FILE: ...`), come first.
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
import { listedNotes, MAX_NOTES } from '../sim/scenario/notes.js';
import { type FileOutcome, type Failure, posText, type TestNote, type TestOutcome } from '../sim/scenario/types.js';
import { configProblemLines } from './config-problems.js';

/** The lines of one failed expectation. */
export function failureLines(f: Failure, indent: string): string[] {
  const conn = f.connection !== undefined ? `connection ${f.connection}: ` : '';
  const out = [`${indent}${posText(f.at)}: ${conn}${f.kind}: expected ${f.expected}, got ${f.actual}`];
  if (f.decidedBy !== undefined) out.push(`${indent}  decided by ${f.decidedBy}`);
  return out;
}

/** `connection 2: ` / `connections 1-3, 5: ` before a note made for some connections; '' for one on the whole run. */
export function connectionsPrefix(connections: readonly number[] | undefined): string {
  if (!connections || connections.length === 0) return '';
  const parts: string[] = [];
  for (let i = 0; i < connections.length; ) {
    let j = i;
    while (j + 1 < connections.length && connections[j + 1] === connections[j] + 1) j++;
    parts.push(j > i ? `${connections[i]}-${connections[j]}` : String(connections[i]));
    i = j + 1;
  }
  return `connection${connections.length === 1 ? '' : 's'} ${parts.join(', ')}: `;
}

/**
 * The lines of a test's notes (`indent` before each) or a file's (`file` named in each),
 * `note: [FILE: ][connections N: ]message`, at most `MAX_NOTES` and then one counting the rest;
 * none when there are none.
 */
export function noteLines(notes: readonly TestNote[] | undefined, indent: string, file?: string): string[] {
  const { listed, omitted } = listedNotes(notes);
  const head = `${indent}note: ${file !== undefined ? `${file}: ` : ''}`;
  const lines = listed.map((n) => `${head}${connectionsPrefix(n.connections)}${n.message}`);
  if (omitted > 0) lines.push(`${head}${omitted.toLocaleString('en-US')} more note${omitted === 1 ? ' is' : 's are'} not listed (only the first ${MAX_NOTES} are)`);
  return lines;
}

/** The detail of a test that did not pass. */
function detail(t: TestOutcome): string[] {
  const head = `${t.status === 'fail' ? 'FAIL' : 'ERROR'} ${t.name} (${posText(t.at)})`;
  if (t.status === 'error') return [head, ...(t.error ?? '').split('\n').map((l) => `  ${l}`)];
  return [head, ...t.failures.flatMap((f) => failureLines(f, '  '))];
}

/** The summary line; `noted` counts the tests with notes (their own or their file's). */
export function summaryLine(s: RunSummary, noted = 0): string {
  const parts = [`${s.passed} passed`];
  if (s.failed > 0) parts.push(`${s.failed} failed`);
  if (s.errors > 0) parts.push(`${s.errors} could not run`);
  if (s.badFiles > 0) parts.push(`${s.badFiles} test file${s.badFiles === 1 ? '' : 's'} with problems`);
  const notes = noted > 0 ? ` (${noted} with notes from the simulator)` : '';
  return `${s.tests} test${s.tests === 1 ? '' : 's'}: ${parts.join(', ')}${notes}`;
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
  const fileNotes: string[] = [];
  let noted = 0;
  for (const f of files) {
    for (const p of f.problems) problems.push(`${posText(p.at)}: error: ${p.message}`);
    fileNotes.push(...noteLines(f.notes, '', f.file));
    for (const t of f.tests) {
      lines.push(`${t.status === 'pass' ? 'PASS ' : t.status === 'fail' ? 'FAIL ' : 'ERROR'} ${f.file}  ${t.name}`);
      lines.push(...noteLines(t.notes, '  '));
      if (t.status !== 'pass') details.push('', ...detail(t));
      if (f.notes || t.notes) noted++;
    }
  }
  problems.push(...configWarnings(files), ...fileNotes);
  const out = [...problems, ...lines, ...details, '', summaryLine(summarize(files), noted)];
  if (problems.length > 0 && lines.length === 0) out.splice(problems.length, 1);
  return `${out.join('\n')}\n`;
}

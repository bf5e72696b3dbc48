/**
 * The JUnit XML output of `irule-sim test --format junit`, in the common shape CI systems read
 * (Jenkins, GitLab, GitHub actions that publish test reports): `<testsuites>` with one
 * `<testsuite>` per test file and one `<testcase>` per test; a failed expectation is a
 * `<failure>`, a test that could not run an `<error>`. A file that could not be loaded is a suite
 * with one `<testcase name="(load)">` holding the problems as an `<error>`. Problems of a file's
 * bigip.conf (warnings: its tests still run) are the suite's `<system-out>`, one
 * `warning: FILE:LINE:COL: message (rule)` line each as irule-sim writes them, followed by the
 * simulator's notes that every test of the file had (`note: message`); a test's own notes are its
 * `<testcase>`'s `<system-out>` (`note: [connection N: ]message`). Notes never count as failures.
 */
import { summarize } from '../sim/scenario/summary.js';
import { type FileOutcome, posText, type TestOutcome } from '../sim/scenario/types.js';
import { configProblemLines } from './config-problems.js';
import { failureLines, noteLines } from './sim-test-text.js';

/** Text with XML's special characters escaped and characters XML 1.0 forbids replaced. */
export function xmlEscape(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;');
}

/** Seconds as JUnit writes them. */
function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** Element text: escaped, newlines kept as written. */
function body(text: string): string {
  return xmlEscape(text).replace(/&#10;/g, '\n');
}

/** One `<testcase>`; the simulator's notes on its run are its `<system-out>`, after any failure. */
function testcase(file: string, t: TestOutcome): string {
  const open = `    <testcase name="${xmlEscape(t.name)}" classname="${xmlEscape(file)}" file="${xmlEscape(file)}" line="${t.at.line}" time="${seconds(t.timeMs)}"`;
  const children: string[] = [];
  if (t.status === 'error') {
    const first = (t.error ?? '').split('\n')[0];
    children.push(`      <error message="${xmlEscape(first)}" type="error">${body(t.error ?? '')}</error>`);
  } else if (t.status === 'fail') {
    for (const f of t.failures) {
      const message = `${f.connection !== undefined ? `connection ${f.connection}: ` : ''}${f.kind}: expected ${f.expected}, got ${f.actual}`;
      children.push(`      <failure message="${xmlEscape(message)}" type="${xmlEscape(f.kind)}">${body(failureLines(f, '').join('\n'))}</failure>`);
    }
  }
  const notes = noteLines(t.notes, '');
  if (notes.length > 0) children.push(`      <system-out>${body(notes.join('\n'))}</system-out>`);
  return children.length > 0 ? `${open}>\n${children.join('\n')}\n    </testcase>` : `${open}/>`;
}

/** The whole report as JUnit XML. */
export function formatTestJunit(files: readonly FileOutcome[]): string {
  const all = summarize(files);
  const suites = files.map((f) => {
    const s = summarize([f]);
    const errors = s.errors + (f.problems.length > 0 ? 1 : 0);
    const cases = f.tests.map((t) => testcase(f.file, t));
    if (f.problems.length > 0) {
      const text = f.problems.map((p) => `${posText(p.at)}: ${p.message}`).join('\n');
      cases.unshift(`    <testcase name="(load)" classname="${xmlEscape(f.file)}" file="${xmlEscape(f.file)}" time="0.000">\n      <error message="${xmlEscape(`${f.problems.length} problem${f.problems.length === 1 ? '' : 's'} in the test file`)}" type="load">${body(text)}</error>\n    </testcase>`);
    }
    // The bigip.conf problems are warnings, and notes every test had are notes, not failures: the suite's captured output, after its cases (as the schema orders them).
    const warnings = [...configProblemLines(f.configProblems, (severity) => `${severity}: `), ...noteLines(f.notes, '')];
    const children = warnings.length > 0 ? [...cases, `    <system-out>${body(warnings.join('\n'))}</system-out>`] : cases;
    const attrs = `name="${xmlEscape(f.file)}" tests="${cases.length}" failures="${s.failed}" errors="${errors}" skipped="0" time="${seconds(s.timeMs)}"`;
    return children.length > 0 ? `  <testsuite ${attrs}>\n${children.join('\n')}\n  </testsuite>` : `  <testsuite ${attrs}/>`;
  });
  const total = all.tests + files.filter((f) => f.problems.length > 0).length;
  const head = `<testsuites name="irule-sim test" tests="${total}" failures="${all.failed}" errors="${all.errors + all.badFiles}" time="${seconds(all.timeMs)}"`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${suites.length > 0 ? `${head}>\n${suites.join('\n')}\n</testsuites>` : `${head}/>`}\n`;
}

/**
 * The JSON output of `irule-sim test --format json`: every file with its problems and its tests
 * (in run order, each with its failures), then the problems of its bigip.conf when it has some
 * (`configProblems`, `configProblemsOmitted`, as irule-sim writes them) and the notes every test
 * of the file had, and the totals. A test or file with notes from the simulator has `notes` and
 * `notesOmitted` last. Keys come in a fixed order.
 */
import { summarize } from '../sim/scenario/summary.js';
import { listedNotes } from '../sim/scenario/notes.js';
import type { FileOutcome, SourcePos, TestNote } from '../sim/scenario/types.js';
import { configProblemKeys } from './config-problems.js';

/** Line and column of a place (the file is the enclosing one's, or given when it differs). */
function place(p: SourcePos, file: string): Record<string, unknown> {
  return p.file === file ? { line: p.line, column: p.column } : { file: p.file, line: p.line, column: p.column };
}

/**
 * The keys of the simulator's notes, `notes` (each `{ connections, message }`, `connections` null
 * for a note on the whole run) and `notesOmitted`; none when there are no notes, so the output of a
 * clean run is unchanged.
 */
function noteKeys(notes: readonly TestNote[] | undefined): { notes?: { connections: number[] | null; message: string }[]; notesOmitted?: number } {
  if (!notes || notes.length === 0) return {};
  const { listed, omitted } = listedNotes(notes);
  return { notes: listed.map((n) => ({ connections: n.connections ?? null, message: n.message })), notesOmitted: omitted };
}

/** The whole report as JSON text (two-space indentation, trailing newline). */
export function formatTestJson(files: readonly FileOutcome[]): string {
  const out = {
    files: files.map((f) => ({
      file: f.file,
      problems: f.problems.map((p) => ({ ...place(p.at, f.file), message: p.message })),
      tests: f.tests.map((t) => ({
        name: t.name,
        ...place(t.at, f.file),
        status: t.status,
        timeMs: Math.round(t.timeMs * 1000) / 1000,
        failures: t.failures.map((x) => ({
          ...place(x.at, f.file),
          kind: x.kind,
          connection: x.connection ?? null,
          expected: x.expected,
          actual: x.actual,
          decidedBy: x.decidedBy ?? null,
        })),
        error: t.error ?? null,
        ...noteKeys(t.notes),
      })),
      // Only when the file's bigip.conf has problems, so the output of a clean run is unchanged.
      ...configProblemKeys(f.configProblems),
      ...noteKeys(f.notes),
    })),
    summary: summarize(files),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

/**
 * Counting a run of scenario tests, for every output format and the exit code.
 */
import type { FileOutcome } from './types.js';

/** Totals of a run. */
export interface RunSummary {
  /** Tests that ran. */
  tests: number;
  /** Passed. */
  passed: number;
  /** An expectation failed. */
  failed: number;
  /** Could not run (bad input, rules refused unexpectedly). */
  errors: number;
  /** Files that could not be loaded. */
  badFiles: number;
  /** Wall time in ms (sum over tests). */
  timeMs: number;
}

/** Counts the outcomes. */
export function summarize(files: readonly FileOutcome[]): RunSummary {
  const s: RunSummary = { tests: 0, passed: 0, failed: 0, errors: 0, badFiles: 0, timeMs: 0 };
  for (const f of files) {
    if (f.problems.length > 0) s.badFiles++;
    for (const t of f.tests) {
      s.tests++;
      s.timeMs += t.timeMs;
      if (t.status === 'pass') s.passed++;
      else if (t.status === 'fail') s.failed++;
      else s.errors++;
    }
  }
  return s;
}

/** Exit code of `irule-sim test`: 2 for a bad file or a test that could not run, else 1 when any failed, else 0. */
export function exitCodeOf(s: RunSummary): 0 | 1 | 2 {
  if (s.badFiles > 0 || s.errors > 0) return 2;
  return s.failed > 0 ? 1 : 0;
}

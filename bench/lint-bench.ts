/**
 * Lint benchmark section: throughput over the generated corpus with every rule on (parse included,
 * as `irule-lint` does it), and the time to lint one 5,000-line file. Targets: 10 MB/s and 50 ms.
 * bench.ts calls `lintSection` with its shared inputs; nothing here reads files.
 */
import type { SeveritySetting } from '../src/lint/config.js';
import { allRules } from '../src/lint/rules/index.js';
import { lint } from '../src/lint/run.js';
import { fmt, median, timeRuns } from './stats.js';

/** What the section needs from the bench driver. */
export interface LintBenchInput {
  /** Generated corpus files. */
  corpus: readonly string[];
  /** Their total size in bytes. */
  corpusBytes: number;
  /** The 5,000-line file. */
  large: string;
  /** Timed repetitions (the median is reported). */
  runs: number;
}

/** One line of the report. */
export interface LintBenchRow {
  label: string;
  value: string;
  detail: string;
}

/** Throughput target in MB/s. */
export const TARGET_MB_PER_S = 10;
/** Target for the large file in ms. */
export const TARGET_LARGE_MS = 50;

/** Every rule on at its default severity, preview rules included. */
const EVERY_RULE: Record<string, SeveritySetting>[] = [
  Object.fromEntries(allRules.map((r) => [r.id, r.meta.defaultSeverity === 'warning' ? 'warn' : r.meta.defaultSeverity])),
];

/** Runs the lint measurements and returns report rows. */
export function lintSection(input: LintBenchInput): LintBenchRow[] {
  const { corpus, corpusBytes, large, runs } = input;
  const lintAll = (): { files: number; findings: number; errors: number } => {
    let findings = 0;
    let errors = 0;
    for (const text of corpus) {
      const { diagnostics } = lint(text, { rules: EVERY_RULE });
      findings += diagnostics.length;
      if (diagnostics.some((d) => d.severity === 'error')) errors += 1;
    }
    return { files: corpus.length, findings, errors };
  };

  // The single file first, while the heap is small.
  for (let i = 0; i < 10; i++) lint(large, { rules: EVERY_RULE });
  const largeTimes = timeRuns(Math.max(runs * 4, 10), () => lint(large, { rules: EVERY_RULE }));

  const warm = lintAll();
  const corpusTimes = timeRuns(runs, lintAll);
  const mbPerSec = corpusTimes.map((ms) => corpusBytes / 1e6 / (ms / 1000));
  const mb = median(mbPerSec);
  const largeMs = median(largeTimes);
  return [
    {
      label: 'throughput, every rule on',
      value: `${fmt(mb, 2)} MB/s`,
      detail: `median of ${runs} runs (min ${fmt(Math.min(...mbPerSec), 2)}, max ${fmt(Math.max(...mbPerSec), 2)}); target ${TARGET_MB_PER_S} MB/s: ${mb >= TARGET_MB_PER_S ? 'met' : 'MISSED'}`,
    },
    {
      label: 'one 5,000-line file',
      value: `${fmt(largeMs, 1)} ms`,
      detail: `median of ${largeTimes.length} runs (min ${fmt(Math.min(...largeTimes), 1)}); target ${TARGET_LARGE_MS} ms: ${largeMs <= TARGET_LARGE_MS ? 'met' : 'MISSED'}`,
    },
    {
      label: 'corpus findings',
      value: String(warm.findings),
      detail: `${warm.errors} of ${warm.files} files with an error-severity finding`,
    },
  ];
}




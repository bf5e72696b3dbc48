/**
 * The fuzz suite of issue 14 over the parser, linter, fixer, formatters and bigip.conf parser (see
 * targets.ts for inputs and properties). In CI each target gets at most FUZZ_CI_RUNS inputs and
 * about ten seconds, so the suite stays within a minute on a busy machine; `npm run fuzz` sets
 * IRULE_FUZZ_TOTAL (inputs over all targets) for a long run and prints how many inputs each target took.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LONG_RUN_SHARE, properties } from './targets.js';

const FUZZ_CI_RUNS = 1_500;
const CI_BUDGET_MS = 8_000;
/** Total inputs of a long run (`npm run fuzz`), shared among the targets by LONG_RUN_SHARE. */
const total = Number(process.env.IRULE_FUZZ_TOTAL ?? 0);
const seed = process.env.IRULE_FUZZ_SEED !== undefined ? Number(process.env.IRULE_FUZZ_SEED) : undefined;

describe('fuzz', () => {
  for (const target of Object.keys(LONG_RUN_SHARE)) {
    const longRuns = Math.ceil(total * (LONG_RUN_SHARE[target] ?? 0));
    it(
      target,
      () => {
        const started = performance.now();
        const result = fc.check(properties[target], {
          numRuns: longRuns > 0 ? longRuns : FUZZ_CI_RUNS,
          ...(longRuns > 0 ? {} : { interruptAfterTimeLimit: CI_BUDGET_MS, markInterruptAsFailure: false }),
          ...(seed !== undefined ? { seed } : {}),
        });
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        // One line per target for the long run's log: inputs tried, failures, time.
        console.log(`fuzz ${target}: ${result.numRuns} inputs, ${result.failed ? 'FAILED' : 'no failure'}, ${seconds} s (seed ${result.seed})`);
        if (result.failed) throw new Error(fc.defaultReportMessage(result) ?? 'fuzz property failed');
        expect(result.numRuns).toBeGreaterThan(longRuns > 0 ? longRuns - 1 : 50);
      },
      total > 0 ? 24 * 3600_000 : 60_000,
    );
  }
});

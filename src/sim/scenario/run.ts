/**
 * Runs scenario tests: each test is one simulation (`prepareSimulation`, as `irule-sim` runs one)
 * of its connections in order, so session tables, persistence and round robin carry from one
 * connection to the next; then every connection's result is checked, and the simulator's notes
 * on the run are kept with the outcome. No I/O: the CLI reads the files and builds the tests.
 */
import { prepareSimulation } from '../irule/engine.js';
import type { SimulateOptions } from '../irule/types.js';
import { checkResult } from './check.js';
import { runNotes, testNotes } from './notes.js';
import { type Failure, posText, type ScenarioTest, type TestOutcome } from './types.js';
import { applyWorld, changesWorld } from './world.js';

/** How tests are run. */
export interface RunSettings {
  /** A clock in ms to time each test (default: none, times are 0). */
  now?: () => number;
  /** Loaded rules shared by the tests of a run (see `SimulateOptions.ruleCache`). */
  ruleCache?: SimulateOptions['ruleCache'];
}

/** Runs one test. */
export function runScenarioTest(test: ScenarioTest, settings: RunSettings = {}): TestOutcome {
  const now = settings.now ?? (() => 0);
  const start = now();
  const base = { file: test.file, name: test.name, at: test.at };
  const done = (status: TestOutcome['status'], failures: Failure[], error?: string): TestOutcome => {
    const out: TestOutcome = { ...base, status, failures, timeMs: now() - start };
    if (error !== undefined) out.error = error;
    return out;
  };
  let config = test.options.config;
  if (changesWorld(test.world)) {
    if (!config) return done('error', [], `${posText(test.at)}: datagroups and members-down change a configuration; give bigip-conf`);
    const changed = applyWorld(config, test.world);
    if ('problems' in changed) return done('error', [], changed.problems.map((p) => `${posText(p.at)}: ${p.message}`).join('\n'));
    config = changed.config;
  }
  const sim = prepareSimulation({ ...test.options, config, clients: test.connections.map((c) => c.client), ruleCache: settings.ruleCache });
  const refused = test.refused;
  if ('error' in sim) {
    if (!sim.refused) return done('error', [], `${posText(test.at)}: ${sim.error}`);
    if (!refused) return done('error', [], `${posText(test.at)}: BIG-IP would not load the rules (expect refused if that is the point):\n${sim.error}`);
    if (refused.value === true || sim.error.includes(refused.value)) return done('pass', []);
    return done('fail', [{ at: refused.at, kind: 'refused', expected: `a load error containing ${JSON.stringify(refused.value)}`, actual: sim.error }]);
  }
  if (refused) return done('fail', [{ at: refused.at, kind: 'refused', expected: 'BIG-IP refuses the rules', actual: 'the rules load' }]);
  const report = sim.run();
  const run = runNotes(report, config);
  const failures: Failure[] = [];
  const several = test.connections.length > 1;
  test.connections.forEach((c, i) => failures.push(...checkResult(report.results[i], c.expect, several ? i + 1 : undefined, run)));
  const out = done(failures.length > 0 ? 'fail' : 'pass', failures);
  const notes = testNotes(report, run);
  if (notes.length > 0) out.notes = notes;
  return out;
}

/** A file's tests in run order: by name (code-unit order, as `sort` without a locale). */
export function inRunOrder<T extends { name: string }>(tests: readonly T[]): T[] {
  return [...tests].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Tests whose name contains `filter` (all when undefined). */
export function filterTests<T extends { name: string }>(tests: readonly T[], filter: string | undefined): T[] {
  return filter === undefined ? [...tests] : tests.filter((t) => t.name.includes(filter));
}

/**
 * Fuzz properties of the simulator, as an attacker would probe it: random calls of every Tcl and
 * iRule command with hostile arguments (huge strings and lists, catastrophic regexps, deep
 * nesting, odd numbers, bad switches), alone and inside iRule events with `after` jobs.
 * - No JS exception ever escapes (every failure is a Tcl error or a simulator limit);
 * - every run ends within its limits: the time limit (plus one command's slack), the step limit,
 *   and the memory limit.
 * Bounded to about 20 s in CI; set SIM_FUZZ_RUNS / SIM_FUZZ_SEED for longer or reproducible runs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allCommands } from '../../src/catalog/load.js';
import { createTclInterp } from '../../src/sim/index.js';
import { simulate } from '../../src/sim/irule/engine.js';
import { testConfig } from './irule/harness.js';

const RUNS = Number(process.env.SIM_FUZZ_RUNS ?? 600);
const SEED = process.env.SIM_FUZZ_SEED === undefined ? undefined : Number(process.env.SIM_FUZZ_SEED);
const LIMITS = { timeMs: 200, maxSteps: 200_000, maxStringLength: 2_000_000, maxMemory: 4_000_000 };
/** The time limit plus generous slack for one command over the largest allowed value on a loaded machine. */
const WALL_MS = 3000;

/** Arguments that have broken simulators: sizes, patterns, numbers, syntax characters. */
const hostile = fc.constantFrom(
  '',
  'a',
  '0',
  '-1',
  '1e309',
  '-0x8000000000000000',
  '99999999999999999999',
  'end',
  'end-1',
  '{',
  '}',
  '"',
  '\\',
  '[',
  '-all',
  '-nocase',
  '-regexp',
  '-glob',
  '--',
  '{(a+)+$}',
  '{(a|a)*b}',
  '{(a*)*\\1b}',
  '{[[:alpha:]]+}',
  '{(?=a)a}',
  '{a{2,255}}',
  '[string repeat a 40]b',
  '[string repeat a 200000]',
  '[string repeat "x " 100000]',
  '[string repeat ( 2000][string repeat ) 2000]',
  '[string repeat a 60000]',
  '$big',
  '$biglist',
  '[list $big $big $big]',
  'http://a/b/c?d=e',
  '10.0.0.1',
  '::1',
  '%d%s%*s',
  '{a b {c d}}',
);

/** Tcl commands the interpreter has (every builtin), and iRule commands the catalog knows. */
const tclCommands = [...createTclInterp({ dialect: 'tcl' }).commands.keys()].filter((c) => !['while', 'for', 'proc'].includes(c));
const iruleCommands = allCommands()
  .map((c) => c.name)
  .filter((n) => /^[A-Z0-9_]+::[a-z_]+$/i.test(n));

function call(commands: string[]): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom(...commands), fc.array(hostile, { maxLength: 5 })).map(([c, args]) => `catch {${[c, ...args].join(' ')}}`);
}

const SETUP = 'set big [string repeat ab 100000]; set biglist [string repeat "x " 100000]';

describe('simulator fuzz', () => {
  it('Tcl builtins: no JS exception, limits hold', () => {
    fc.assert(
      fc.property(fc.array(call(tclCommands), { minLength: 1, maxLength: 6 }), (stmts) => {
        const interp = createTclInterp({ dialect: 'tcl', limits: LIMITS, randomSeed: 1 });
        const script = `${SETUP}\n${stmts.join('\n')}`;
        const t0 = Date.now();
        const r = interp.run(script);
        expect(Date.now() - t0, script).toBeLessThan(WALL_MS);
        expect([0, 1, 2, 3, 4]).toContain(r.code);
        expect(r.steps).toBeLessThanOrEqual(LIMITS.maxSteps + 1);
        expect(interp.memory).toBeLessThanOrEqual(LIMITS.maxMemory);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('iRule commands in events and after jobs: no JS exception, every client ends within its limits', () => {
    let loaded = 0;
    const body = fc.array(fc.oneof(call(iruleCommands), call(tclCommands), fc.constant('after 1 { set x [string repeat y 100000] }')), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(body, body, (a, b) => {
        const rules = [`when HTTP_REQUEST {\n${SETUP}\n${a.join('\n')}\n}`, `when HTTP_RESPONSE {\n${b.join('\n')}\n}`];
        const t0 = Date.now();
        const report = simulate({
          rules: rules.map((text, i) => ({ name: `r${i}`, text })),
          config: testConfig,
          virtual: 'http_vs',
          version: '14.1.0',
          clients: [{ address: '10.1.1.1' }, { address: '10.1.1.2' }],
          limits: LIMITS,
        });
        expect(Date.now() - t0, rules.join('\n')).toBeLessThan(2 * WALL_MS);
        // A rule BIG-IP would refuse to load is reported as such; one that loads runs every client.
        if ('error' in report) return;
        loaded++;
        expect(report.results).toHaveLength(2);
        for (const r of report.results) if (r.error) expect(r.error.message).not.toMatch(/internal error|TypeError|RangeError|undefined/);
      }),
      { numRuns: Math.ceil(RUNS / 2), seed: SEED },
    );
    // The property is only worth something if rules do load and run.
    expect(loaded).toBeGreaterThan(RUNS / 20
    );
  });
});

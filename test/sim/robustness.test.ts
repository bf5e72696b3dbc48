/**
 * Robustness: arbitrary (often broken) scripts never make the simulator throw. Uses the parser
 * oracle's generators of nasty Tcl, plus random command lines built from the simulator's own
 * builtins with random arguments (wrong counts, odd values), so every builtin meets bad input.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTclInterp, formatList } from '../../src/sim/index.js';
import { mutated, tclScript } from '../oracle/generators.js';

const limits = { maxSteps: 5000, maxStringLength: 100_000, timeMs: 1000 };

describe('robustness', () => {
  it.each(['irule', 'tcl'] as const)('robust-fuzz.1 %s dialect: generated and mutated scripts never throw', (dialect) => {
    const interp = createTclInterp({ dialect, limits });
    fc.assert(
      fc.property(fc.oneof(tclScript(2), mutated(tclScript(2))), (script) => {
        const r = interp.run(script);
        expect(typeof r.value).toBe('string');
      }),
      { numRuns: Number(process.env.SIM_FUZZ_RUNS ?? 400), seed: Number(process.env.SIM_FUZZ_SEED ?? 4242) },
    );
  });

  it('robust-fuzz.2 every builtin survives random arguments', () => {
    const interp = createTclInterp({ dialect: 'tcl', limits });
    const names = [...interp.commands.keys()].filter((n) => n !== 'while' && n !== 'for');
    const arg = fc.oneof(
      fc.constantFrom('', '0', '-1', '1', '2', 'end', 'end-1', 'x', '-all', '-nocase', '--', '{', '}', '"', '\\', '$', '[', '*', '?', 'a b', '{a b} c', '1.5', '0x10', '08', 'abc', '%d', '%s %d', '%*d', '%1$s', '(', '[[:alpha:]]', 'a*', 'length', 'map', 'is', 'integer', 'format', 'scan', 'names', 'set', 'get', 'exists', 'level', 'body', 'seconds', '-inline', '-indices', '-start', '-index', '-integer', '-command', 'lsort', '-code', 'error', 'return', 'break', 'a(1)', '::x', 'static::y'),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.array(arg, { maxLength: 6 }), (name, args) => {
        const r = interp.run(formatList([name, ...args]));
        expect(typeof r.value).toBe('string');
        expect(r.limit).toBeUndefined();
      }),
      { numRuns: Number(process.env.SIM_FUZZ_RUNS ?? 4000), seed: Number(process.env.SIM_FUZZ_SEED ?? 99) },
    );
  });
});

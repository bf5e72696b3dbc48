/**
 * Table-driven simulator tests: `[id, script, expected, tag?]` rows, ids `<command>-<group>.<n>`.
 * `expected` is the OK result string, `{ error }` for an ERROR with that message, or
 * `{ code, value }` for other completion codes. `tag` marks rows whose answer differs from
 * tclsh 8.6 on purpose: `8.4` (Tcl 8.4 behaves differently and BIG-IP runs 8.4), `irule` (iRule
 * extension), `sim` (a documented limitation of the simulator). Untagged rows are also run through
 * tclsh by differential.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { createTclInterp, type Interp, type InterpOptions } from '../../src/sim/index.js';

/** Expected outcome of a row. */
export type Expected = string | { error: string } | { code: number; value: string };

/** Why a row's answer differs from tclsh 8.6. */
export type Tag = '8.4' | 'irule' | 'sim';

/** One row. */
export type Row = readonly [id: string, script: string, expected: Expected, tag?: Tag];

/** The outcome of running `script` in a fresh interpreter, in the shape of `Expected`. */
export function outcome(script: string, options: InterpOptions = {}, setup?: (interp: Interp) => void): Expected {
  const interp = createTclInterp({ dialect: 'tcl', now: () => 1_700_000_000_000, randomSeed: 1, ...options });
  setup?.(interp);
  const r = interp.run(script);
  if (r.code === 0) return r.value;
  if (r.code === 1) return { error: r.value };
  return { code: r.code, value: r.value };
}

/** Runs a table as a vitest `describe` block. */
export function table(name: string, rows: readonly Row[], options: InterpOptions = {}): void {
  describe(name, () => {
    it.each(rows.map((r) => [r[0], r] as const))('%s', (_id, row) => {
      expect(outcome(row[1], options)).toEqual(row[2]);
    });
  });
}

/** Fails on duplicate ids across tables (checked by the meta test). */
export function ids(rows: readonly Row[]): string[] {
  return rows.map((r) => r[0]);
}

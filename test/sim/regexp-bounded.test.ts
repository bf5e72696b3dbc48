/**
 * The regexp matcher has a bounded cost: patterns that make a backtracking engine take
 * exponential time (`(a+)+$` on `aaa…b`) answer at once as Tcl does, back-reference patterns
 * stop at a step budget with a Tcl error, long matches end at the run's deadline, and patterns
 * too large for Tcl's engine are Tcl's compile error, never a JS exception.
 */
import { describe, expect, it } from 'vitest';
import { createTclInterp, type RunResult } from '../../src/sim/index.js';

function run(script: string, limits = {}, now?: () => number): RunResult {
  return createTclInterp({ dialect: 'tcl', limits, now }).run(script);
}

/** Runs and measures wall time. */
function timed(script: string, limits = {}): { r: RunResult; ms: number } {
  const t0 = Date.now();
  const r = run(script, limits);
  return { r, ms: Date.now() - t0 };
}

const HOSTILE = `[string repeat a 34]b`;

describe('exponential backtracking patterns', () => {
  it.each([
    ['re-bound.1', `regexp {(a+)+$} ${HOSTILE}`, '0'],
    ['re-bound.2', `regexp {(a|a)*$} ${HOSTILE}`, '1'],
    ['re-bound.3', `regexp {^(a|aa)+$} ${HOSTILE}`, '0'],
    ['re-bound.4', `regexp {(a*)*[0-9]} [string repeat a 5000]`, '0'],
    ['re-bound.5', `switch -regexp -- ${HOSTILE} {(a+)+$} {set r hit} default {set r miss}`, 'miss'],
    ['re-bound.6', `regsub -all {(a+)+$} ${HOSTILE} X`, 'a'.repeat(34) + 'b'],
    ['re-bound.7', `lsearch -regexp [list ${HOSTILE} x] {(a+)+$}`, '-1'],
    ['re-bound.8', `expr {"${'a'.repeat(34)}b" matches_regex {(a+)+$}}`, '0'],
    ['re-bound.9', `regexp -inline {(x+x+)+y} [string repeat x 20000]y`, null],
  ])('%s %s answers at once', (_id, script, expected) => {
    const { r, ms } = timed(script);
    expect(r.code).toBe(0);
    if (expected !== null) expect(r.value).toBe(expected);
    expect(ms).toBeLessThan(1500);
  });

  it('re-bound.10 a back-reference pattern stops at the step budget with a catchable Tcl error', () => {
    const { r, ms } = timed('list [catch {regexp {(a*)*\\1b} [string repeat a 40]c} m] $m');
    expect(r.code).toBe(0);
    expect(r.value).toMatch(/^1 \{error while matching regular expression: .*backtracking/);
    expect(ms).toBeLessThan(3000);
  });

  it('re-bound.11 a long match ends at the run deadline (injectable clock)', () => {
    let t = 0;
    const r = run('regexp {(a|b)*c} [string repeat ab 500000]', { timeMs: 50, maxSteps: Infinity }, () => (t += 1));
    expect(r.code).toBe(1);
    expect(r.limit).toBe('time');
    expect(r.value).toBe('simulator limit: the run took longer than 50 ms');
  });

  it('re-bound.12 back references still match as in Tcl', () => {
    expect(run('regexp -inline {(a+)b\\1} xaabaa').value).toBe('aabaa aa');
    expect(run('regexp -inline -nocase {(a)\\1} xaA').value).toBe('aA a');
    expect(run('regexp {^(ab)\\1$} ababx').value).toBe('0');
  });
});

describe('huge patterns', () => {
  it.each([
    ['re-huge.1', 'regexp [string repeat a 60000] aaa'],
    ['re-huge.2', 'regexp [string repeat ( 30000]a[string repeat ) 30000] a'],
    ['re-huge.3', 'regexp {((a{255}){255}){255}} a'],
    ['re-huge.4', 'regexp [string repeat {(a)} 20000] a'],
  ])('%s %s is Tcl\'s compile error, catchable', (_id, script) => {
    const { r, ms } = timed(`list [catch {${script}} m] $m`);
    expect(r).toMatchObject({ code: 0, value: "1 {couldn't compile regular expression pattern: out of memory}" });
    expect(ms).toBeLessThan(3000);
  });

  it('re-huge.5 a pattern of a thousand nested groups still works (Tcl accepts it)', () => {
    expect(run('regexp [string repeat ( 1000]a[string repeat ) 1000] a').value).toBe('1');
  });
});

describe('glob over many elements', () => {
  it('glob-bound.1 lsearch of a long plain pattern in a long list takes time linear in the list', () => {
    const { r, ms } = timed('set big [string repeat ab 100000]; set l [string repeat "x " 100000]; lsearch $l $big');
    expect(r).toMatchObject({ code: 0, value: '-1' });
    expect(ms).toBeLessThan(1500);
  });
});

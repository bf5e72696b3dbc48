/**
 * Safety: the simulator runs untrusted rules. Runaway loops, recursion, deep nesting, huge strings
 * and slow code end with a clear error instead of hanging or crashing the process.
 */
import { describe, expect, it } from 'vitest';
import { createTclInterp, type RunResult } from '../../src/sim/index.js';

function run(script: string, limits = {}, now?: () => number): RunResult {
  return createTclInterp({ dialect: 'tcl', limits, now }).run(script);
}

describe('step limit', () => {
  it.each([
    ['limits-steps.1', 'while 1 {}'],
    ['limits-steps.2', 'for {} 1 {} {}'],
    ['limits-steps.3', 'set i 0; while 1 {incr i}'],
    ['limits-steps.4', 'while 1 {catch {while 1 {}}}'],
    ['limits-steps.5', 'proc f {} {while 1 {}}; catch f; set after 1'],
    ['limits-steps.6', 'foreach x {1 2 3} {while 1 {continue}}'],
    ['limits-steps.7', 'proc r {n} {catch {r [incr n]}; r $n}; r 0'],
  ])('%s %s ends with the step limit, which catch cannot swallow', (_id, script) => {
    const r = run(script, { maxSteps: 20_000 });
    expect(r.code).toBe(1);
    expect(r.limit).toBe('steps');
    expect(r.value).toBe('simulator limit: more than 20000 steps executed (infinite loop?)');
  });

  it('limits-steps.8 counts commands (and empty bodies, so `while 1 {}` is counted)', () => {
    expect(run('set a 1; set b 2; if 1 {set c 3}').steps).toBe(4);
    expect(run('set i 0; while {[incr i] < 4} {}').steps).toBe(9);
  });

  it('limits-steps.9 a fresh run gets a fresh budget', () => {
    const interp = createTclInterp({ dialect: 'tcl', limits: { maxSteps: 100 } });
    expect(interp.run('while 1 {}').limit).toBe('steps');
    expect(interp.run('set x ok')).toMatchObject({ code: 0, value: 'ok' });
    expect(interp.run('set i 0; while {$i < 10} {incr i}; set i', { limits: { maxSteps: 5 } }).limit).toBe('steps');
  });
});

describe('recursion and nesting', () => {
  it('limits-depth.1 infinite recursion ends with the 8.4 nesting error', () => {
    const r = run('proc r {} {r}; r');
    expect(r.code).toBe(1);
    expect(r.value).toBe('too many nested calls to Tcl_EvalObj (infinite loop?)');
    expect(r.limit).toBe('depth');
  });

  it('limits-depth.2 the nesting error is catchable, as in Tcl', () => {
    const r = run('proc r {} {r}; list [catch r m] $m');
    expect(r).toMatchObject({ code: 0, value: '1 {too many nested calls to Tcl_EvalObj (infinite loop?)}' });
  });

  it('limits-depth.3 maxDepth is configurable', () => {
    const r = run('proc r {n} {if {$n == 0} {return ok}; r [expr {$n - 1}]}; r 40', { maxDepth: 30 });
    expect(r.limit).toBe('depth');
    expect(run('proc r {n} {if {$n == 0} {return ok}; r [expr {$n - 1}]}; r 40', { maxDepth: 200 }).value).toBe('ok');
  });

  const N = 10_000;
  it.each([
    ['limits-nest.1', 'if', 'if 1 {'.repeat(N) + 'set a 1' + '}'.repeat(N)],
    ['limits-nest.2', 'eval', 'eval {'.repeat(N) + 'set a 1' + '}'.repeat(N)],
    ['limits-nest.3', 'brackets', 'set a ' + '[list '.repeat(N) + 'x' + ']'.repeat(N)],
    ['limits-nest.4', 'parens', 'expr {' + '('.repeat(N) + '1' + ')'.repeat(N) + '}'],
    ['limits-nest.5', 'unary', 'expr {' + '-'.repeat(N) + '1}'],
    ['limits-nest.6', 'quotes', 'set a "' + '[set b "'.repeat(N) + 'x' + '"]'.repeat(N) + '"'],
    ['limits-nest.7', 'dynamic expr', 'set e "' + '('.repeat(N) + '1' + ')'.repeat(N) + '"; expr $e'],
    ['limits-nest.8', 'braces', 'set a ' + '{'.repeat(N) + '}'.repeat(N) + '; string length $a'],
    ['limits-nest.9', 'catch', 'catch {'.repeat(N) + 'error x' + '}'.repeat(N)],
    ['limits-nest.10', 'procs', Array.from({ length: 2000 }, (_, k) => `proc p${k} {} {p${k + 1}}`).join('\n') + '\nproc p2000 {} {return bottom}\np0'],
  ])('%s %s nested 10,000 deep ends without crashing', (_id, _what, script) => {
    const t0 = Date.now();
    const r = run(script);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect([0, 1]).toContain(r.code);
    if (r.code === 1) expect(r.value).toMatch(/nested|simulator limit|syntax error|missing|extra characters/);
  });
});

describe('time limit', () => {
  it('limits-time.1 ends slow code at the deadline (injectable clock)', () => {
    let t = 0;
    const r = run('while 1 {}', { timeMs: 50, maxSteps: Infinity }, () => (t += 1));
    expect(r.code).toBe(1);
    expect(r.limit).toBe('time');
    expect(r.value).toBe('simulator limit: the run took longer than 50 ms');
  });

  it('limits-time.2 catch cannot swallow the time limit', () => {
    let t = 0;
    const r = run('while 1 {catch {while 1 {}}}', { timeMs: 50, maxSteps: Infinity }, () => (t += 1));
    expect(r.limit).toBe('time');
  });
});

describe('time limit on commands over large values', () => {
  it('limits-time.3 200 linsert calls on a large list end near the deadline', () => {
    const t0 = Date.now();
    const r = run('set l [string repeat "x " 300000]; for {set i 0} {$i < 200} {incr i} {set m [linsert $l 0 a]}', { timeMs: 300 });
    expect(r.limit).toBe('time');
    expect(Date.now() - t0).toBeLessThan(3000);
  });

  it('limits-time.4 the clock is read every few dozen steps, not every thousand', () => {
    let t = 0;
    const r = run('for {set i 0} {$i < 1000} {incr i} {}', { timeMs: 10 }, () => (t += 1));
    expect(r.limit).toBe('time');
  });
});

describe('string size limit', () => {
  it.each([
    ['limits-size.1', 'string repeat abc 100000000'],
    ['limits-size.2', 'set s x; while 1 {append s $s}'],
    ['limits-size.3', 'set l x; while 1 {lappend l $l}'],
    ['limits-size.4', 'format %100000000s x'],
    ['limits-size.5', 'binary format a200000000 x'],
    ['limits-size.6', 'set s x; while 1 {set s [string map {x xx} $s]}'],
    ['limits-size.7', 'set s x; while 1 {set s [join [list $s $s] $s]}'],
    ['limits-size.8', 'set s [string repeat x 400000]; list $s $s $s'],
    ['limits-size.9', 'set s [string repeat x 400000]; concat $s $s $s'],
    ['limits-size.10', 'set s [string repeat {a\\$b } 180000]; lrange $s 0 end'],
    ['limits-size.11', 'set s [string repeat x 400000]; eval list $s $s $s'],
    ['limits-size.12', 'set s [string repeat x 400000]; lappend l $s $s $s'],
    ['limits-size.13', 'set s [string repeat x 400000]; linsert [list $s] 0 $s $s'],
  ])('%s %s is refused with a clear error', (_id, script) => {
    const r = run(script, { maxStringLength: 1_000_000 });
    expect(r.code).toBe(1);
    expect(r.value).toMatch(/simulator limit|too large/);
  });
});

describe('memory limit', () => {
  it.each([
    ['limits-mem.1', 'set s [string repeat x 400000]; for {set i 0} {$i < 10} {incr i} {set a($i) $s}'],
    ['limits-mem.2', 'set s [string repeat x 400000]; for {set i 0} {$i < 10} {incr i} {set v$i $s}'],
    ['limits-mem.3', 'set s [string repeat x 400000]; proc f {n s} {if {$n > 0} {f [expr {$n - 1}] $s}}; f 10 $s'],
  ])('%s %s ends with the memory limit, which catch cannot swallow', (_id, script) => {
    const r = run(`catch {${script}}`, { maxMemory: 2_000_000 });
    expect(r.code).toBe(1);
    expect(r.limit).toBe('memory');
    expect(r.value).toBe('simulator limit: more than 2000000 characters held in variables, tables and after jobs');
  });

  it('limits-mem.4 a value larger than JavaScript can hold is a limit, not a crash', () => {
    const r = run('set s [string repeat x 16000000]; set l [list]; for {set i 0} {$i < 40} {incr i} {lappend l $s}; string length [join $l]', { maxStringLength: Infinity, maxMemory: Infinity });
    expect(r.code).toBe(1);
    expect(r.value).toMatch(/simulator limit/);
  });
});

describe('no host access', () => {
  it.each([
    ['limits-host.1', 'exec ls'],
    ['limits-host.2', 'open /etc/passwd'],
    ['limits-host.3', 'socket example.com 80'],
    ['limits-host.4', 'source /etc/passwd'],
    ['limits-host.5', 'file exists /'],
    ['limits-host.6', 'load libc.so'],
    ['limits-host.7', 'exit 1'],
    ['limits-host.8', 'glob *'],
    ['limits-host.9', 'cd /'],
    ['limits-host.10', 'interp create x'],
  ])('%s %s is not a command', (_id, script) => {
    const r = run(script);
    expect(r.code).toBe(1);
    expect(r.value).toBe(`invalid command name "${script.split(' ')[0]}"`);
  });
});

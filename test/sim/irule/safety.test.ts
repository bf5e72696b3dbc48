/**
 * The simulator runs untrusted rules: step, nesting and time limits end runaway code with a clear
 * error; there is no file, process or network access.
 */
import { describe, expect, it } from 'vitest';
import { simOne, simRules } from './harness.js';

describe('limits', () => {
  it('while 1 {} ends with a step limit error, not a hang', () => {
    const r = simOne('when CLIENT_ACCEPTED { while 1 {} }', { limits: { maxSteps: 100_000 } });
    expect(r.error?.limit).toBe('steps');
    expect(r.error?.message).toMatch(/simulator limit: more than 100000 steps/);
    expect(r.error?.tmmLog).toBeNull();
    expect(r.action).toBe('reject');
  });

  it('catch cannot swallow a limit', () => {
    const r = simOne('when CLIENT_ACCEPTED { catch { while 1 {} }; log local0. escaped }', { limits: { maxSteps: 50_000 } });
    expect(r.error?.limit).toBe('steps');
    expect(r.logs).toEqual([]);
  });

  it('runaway recursion ends with a nesting error', () => {
    const r = simOne('proc f {} { call f }\nwhen CLIENT_ACCEPTED { call f }', { limits: { maxDepth: 200 } });
    expect(r.error?.message).toMatch(/too many nested calls|nesting/);
  });

  it('a time limit ends slow code', () => {
    const r = simOne('when CLIENT_ACCEPTED { while 1 { string repeat x 1000 } }', { limits: { timeMs: 50, maxSteps: 1e12 } });
    expect(r.error?.limit).toBe('time');
  });

  it('simulated time (after) does not count against the time limit', () => {
    const r = simOne('when CLIENT_ACCEPTED { after 5000; for {set i 0} {$i < 5000} {incr i} { set x $i }; log local0. done }', { limits: { timeMs: 1000 } });
    expect(r.error).toBeNull();
    expect(r.logs).toEqual(['Rule /Common/rule_a <CLIENT_ACCEPTED>: done']);
  });

  it('a client that used up its budget runs no more iRule code; the next client gets a fresh one', () => {
    const report = simRules(['when CLIENT_ACCEPTED { if {[IP::client_addr] eq "10.1.1.1"} { while 1 {} } }', 'when CLIENT_CLOSED { log local0. closed }'], {
      limits: { maxSteps: 10_000 },
      clients: ['10.1.1.1', '10.1.1.2'],
    });
    const [first, second] = report.results;
    expect(first.error?.limit).toBe('steps');
    expect(first.error?.event).toBe('CLIENT_ACCEPTED');
    expect(first.logs).toEqual([]);
    expect(second.error).toBeNull();
    expect(second.logs).toEqual(['Rule /Common/rule_b <CLIENT_CLOSED>: closed']);
  });

});

describe('limits per client', () => {
  it('steps add up over the events of one client', () => {
    const loop = 'for {set i 0} {$i < 3000} {incr i} {}';
    const r = simOne([`when CLIENT_ACCEPTED { ${loop} }`, `when HTTP_REQUEST { ${loop} }`, `when CLIENT_CLOSED { ${loop}; log local0. end }`], { limits: { maxSteps: 15_000 } });
    expect(r.error?.limit).toBe('steps');
    expect(r.logs).toEqual([]);
  });

  it('after jobs share the client\'s time budget instead of getting a fresh one each', () => {
    const jobs = Array.from({ length: 8 }, () => 'after 1 { set t [clock clicks -milliseconds]; while {[clock clicks -milliseconds] - $t < 40} {} }').join('\n');
    const t0 = Date.now();
    const r = simOne(`when CLIENT_ACCEPTED {\n${jobs}\n}`, { limits: { timeMs: 100, maxSteps: 1e12 } });
    const ms = Date.now() - t0;
    expect(r.error?.limit).toBe('time');
    expect(ms).toBeLessThan(250);
  });

  it('memory held in variables, arrays, table and after jobs counts against one limit', () => {
    const big = 'set s [string repeat x 400000]';
    expect(simOne(`when CLIENT_ACCEPTED { ${big}; for {set i 0} {$i < 10} {incr i} { set a($i) $s } }`, { limits: { maxMemory: 2_000_000 } }).error?.limit).toBe('memory');
    expect(simOne(`when CLIENT_ACCEPTED { ${big}; for {set i 0} {$i < 10} {incr i} { table set k$i $s } }`, { limits: { maxMemory: 2_000_000 } }).error?.limit).toBe('memory');
    expect(simOne(`when CLIENT_ACCEPTED { ${big}; for {set i 0} {$i < 10} {incr i} { after 10 $s } }`, { limits: { maxMemory: 2_000_000 } }).error?.limit).toBe('memory');
    expect(simOne(`when CLIENT_ACCEPTED { ${big}; set a $s; set b $s }\nwhen HTTP_REQUEST { set c $s; set d $s; set e $s }`, { limits: { maxMemory: 2_000_000 } }).error?.limit).toBe('memory');
  });

  it('memory given back (unset, overwritten, a proc\'s locals) is not counted', () => {
    const r = simOne(
      'proc f {} { set l [string repeat y 400000]; return [string length $l] }\nwhen CLIENT_ACCEPTED { for {set i 0} {$i < 20} {incr i} { set s [string repeat x 400000]; unset s; set t [string repeat z 400000]; call f } ; log local0. ok }',
      { limits: { maxMemory: 2_000_000 } },
    );
    expect(r.error).toBeNull();
    expect(r.logs).toHaveLength(1);
  });

  it('the session table as a whole cannot grow past the memory limit over many clients', () => {
    const clients = Array.from({ length: 8 }, (_, i) => `10.1.1.${i + 1}`);
    const report = simRules('when CLIENT_ACCEPTED { table set [IP::client_addr] [string repeat x 600000] 3600 }', { limits: { maxMemory: 2_000_000 }, clients });
    const limited = report.results.filter((r) => r.error?.limit === 'memory');
    expect(limited.length).toBeGreaterThan(0);
    expect(report.results.slice(0, 3).every((r) => r.error === null)).toBe(true);
  });
});

describe('bad input to builtins is a Tcl error, never a JS exception', () => {
  it.each([
    ['URI::path', 'wrong # args: should be "URI::path URI_STRING (depth | START | (START END))?"'],
    ['clock format 99999999999999999', 'integer value too large to represent'],
    ['clock format -99999999999999999', 'integer value too large to represent'],
  ])('%s', (cmd, message) => {
    const r = simOne(`when CLIENT_ACCEPTED { log local0. [catch {${cmd}} m]:$m }`);
    expect(r.error).toBeNull();
    expect(r.logs).toEqual([`Rule /Common/rule_a <CLIENT_ACCEPTED>: 1:${message}`]);
  });
});

describe('no file, process or network access', () => {
  it.each(['open /etc/passwd', 'exec ls', 'socket example.com 80', 'source /etc/x.tcl', 'file exists /etc', 'glob /*', 'cd /', 'exit 1', 'load x', 'interp create'])('%s is not a command', (cmd) => {
    const r = simOne(`when CLIENT_ACCEPTED { set c {${cmd}}; eval $c }`);
    expect(r.error?.message).toBe(`invalid command name "${cmd.split(' ')[0]}"`);
  });
});

/**
 * The simulator runs untrusted rules: step, nesting and time limits end runaway code with a clear
 * error; there is no file, process or network access.
 */
import { describe, expect, it } from 'vitest';
import { simOne } from './harness.js';

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

  it('each event run gets its own budget, the next client runs normally', () => {
    const r = simOne(['when CLIENT_ACCEPTED { while 1 {} }', 'when CLIENT_CLOSED { log local0. closed }'], { limits: { maxSteps: 10_000 } });
    expect(r.error?.limit).toBe('steps');
    expect(r.logs).toEqual(['Rule /Common/rule_b <CLIENT_CLOSED>: closed']);
  });
});

describe('no file, process or network access', () => {
  it.each(['open /etc/passwd', 'exec ls', 'socket example.com 80', 'source /etc/x.tcl', 'file exists /etc', 'glob /*', 'cd /', 'exit 1', 'load x', 'interp create'])('%s is not a command', (cmd) => {
    const r = simOne(`when CLIENT_ACCEPTED { set c {${cmd}}; eval $c }`);
    expect(r.error?.message).toBe(`invalid command name "${cmd.split(' ')[0]}"`);
  });
});

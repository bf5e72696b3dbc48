/** Runs the iRule command table (cases.ts). */
import { describe, expect, it } from 'vitest';
import { cases } from './cases.js';
import { messages, simOne } from './harness.js';

describe('iRule commands', () => {
  it('has unique ids of the form <command>-<group>.<n>', () => {
    const ids = cases.map((c) => c[0]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => !/^[A-Za-z_0-9]+(::[A-Za-z_0-9]+)?-[a-z0-9]+\.\d+$/.test(id))).toEqual([]);
  });

  it.each(cases.map((c) => [c[0], c] as const))('%s', (_id, [, event, body, expected, scenario]) => {
    const r = simOne(`when ${event} {\n${body}\n}`, scenario ?? {});
    if (Array.isArray(expected)) {
      expect(r.error).toBeNull();
      expect(messages(r)).toEqual(expected);
    } else {
      expect(r.error?.message).toBe((expected as { error: string }).error);
    }
  });
});

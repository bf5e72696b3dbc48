/** Runs the iRule command table (cases.ts). */
import { describe, expect, it } from 'vitest';
import { cases } from './cases.js';
import { messages, simOne } from './harness.js';

describe('iRule commands', () => {
  it('has unique ids', () => {
    const ids = cases.map((c) => c[0]);
    expect(new Set(ids).size).toBe(ids.length);
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

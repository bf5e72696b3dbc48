/** Loading a rule costs time linear in its size, however many problems it has. */
import { describe, expect, it } from 'vitest';
import { loadRule, positionOf } from '../../../src/sim/irule/load.js';

describe('rule loading at scale', () => {
  it('16,000 bad when blocks load in linear time, each problem at its own line', () => {
    const text = 'when NOT_AN_EVENT { log local0. x }\n'.repeat(16_000);
    const t0 = performance.now();
    const { problems } = loadRule({ name: 'r', text }, 0);
    const ms = performance.now() - t0;
    expect(problems).toHaveLength(16_000);
    expect(problems[15_999]).toMatchObject({ line: 16_000, column: 6, message: 'unknown event (NOT_AN_EVENT)' });
    expect(ms).toBeLessThan(3000);
  });

  it('positionOf counts lines and columns as before (1-based, clamped to the text)', () => {
    expect(positionOf('ab\ncd\n', 0)).toEqual({ line: 1, column: 1 });
    expect(positionOf('ab\ncd\n', 4)).toEqual({ line: 2, column: 2 });
    expect(positionOf('ab\ncd\n', 6)).toEqual({ line: 3, column: 1 });
    expect(positionOf('ab\ncd\n', 99)).toEqual({ line: 3, column: 1 });
    expect(positionOf('x', 0)).toEqual({ line: 1, column: 1 });
  });
});

/** Simulation reports of any size format without overflowing the stack. */
import { describe, expect, it } from 'vitest';
import { formatSimJson } from '../../../src/report/sim-json.js';
import { formatSimText } from '../../../src/report/sim-text.js';
import { simRules } from './harness.js';

describe('report scale', () => {
  it('a client that logs 200,000 lines is reported in text and JSON', () => {
    const report = simRules('when CLIENT_ACCEPTED { for {set i 0} {$i < 200000} {incr i} { log local0. "line $i" } }', { limits: { timeMs: 20_000 } });
    expect(report.results[0].logs).toHaveLength(200_000);
    const text = formatSimText(report);
    expect(text).toContain('line 199999');
    expect(text.split('\n').length).toBeGreaterThan(200_000);
    expect(formatSimJson(report)).toContain('line 199999');
  });
});

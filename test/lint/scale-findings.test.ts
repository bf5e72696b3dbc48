/** Linter items of issue 14 "linear time and bounded output": huge names, huge finding counts, many same-line suppressions through the whole linter. */
import { describe, expect, it } from 'vitest';
import { closest } from '../../src/lint/config.js';
import { lint } from '../../src/lint/run.js';
import type { FileReport } from '../../src/report/messages.js';
import { formatStylish } from '../../src/report/stylish.js';

describe('linter scale', () => {
  it('the did-you-mean of an unknown command costs nothing for a very long name', () => {
    for (const n of [8 * 1024, 2 * 1024 * 1024]) {
      const t0 = performance.now();
      const r = lint(`when HTTP_REQUEST {\n  ${'x'.repeat(n)} a\n}\n`, {});
      expect(performance.now() - t0).toBeLessThan(2000);
      expect(r.diagnostics.some((d) => d.ruleId === 'unknown-command')).toBe(true);
    }
  });

  it('closest still finds typos, and skips candidates too different in length', () => {
    expect(closest('HTTP::hots', ['HTTP::host', 'HTTP::header', 'IP::client_addr'])).toBe('HTTP::host');
    expect(closest('x'.repeat(300), ['x', 'xx'])).toBeUndefined();
  });

  it('stylish formats 200,000 findings without overflowing the stack', () => {
    const messages = Array.from({ length: 200_000 }, (_, i) => ({ ruleId: 'r', severity: 'error' as const, message: `m${i}`, line: i + 1, column: 1, endLine: i + 1, endColumn: 2 }));
    const reports = [{ filePath: '/a', displayPath: 'a', messages }] as unknown as FileReport[];
    const out = formatStylish(reports);
    expect(out).toContain('a:200000:1');
    expect(out).toContain('200000 problems');
  });

  it('20,000 same-line suppressions take linear time and still silence their own line only', () => {
    const body = Array.from({ length: 20_000 }, (_, i) => `  log local0. $v${i} ;# irule-lint-disable-line undefined-variable -- test`).join('\n');
    const t0 = performance.now();
    const r = lint(`when HTTP_REQUEST {\n${body}\n  log local0. $unsilenced\n}\n`, {});
    expect(performance.now() - t0).toBeLessThan(10_000);
    const undef = r.diagnostics.filter((d) => d.ruleId === 'undefined-variable');
    expect(undef).toHaveLength(1);
    expect(r.diagnostics.filter((d) => d.ruleId === 'unused-suppression')).toHaveLength(0);
  });
});

/**
 * Linear time on hostile input (issue 14): generated files with tens of thousands of directives or
 * findings. Bounds are loose (the quadratic versions took tens of seconds), so a busy machine does
 * not make them flaky; the suppression filter is also checked for the exact work it keeps.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics.js';
import { closest } from '../../src/lint/config.js';
import { allRules } from '../../src/lint/rules/index.js';
import { lint } from '../../src/lint/run.js';
import { applySuppressions } from '../../src/lint/suppress.js';
import type { Comment } from '../../src/syntax/ast.js';
import { LineIndex } from '../../src/syntax/line-index.js';

const known = new Set(allRules.map((r) => r.id));

/** Milliseconds a call takes. */
function timed(f: () => void): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

describe('suppressions at scale', () => {
  it('filters 100,000 findings under 100,000 same-line directives in linear time', () => {
    const n = 100_000;
    const lineText = 'x ;# irule-lint-disable-line undefined-variable -- ok\n';
    const text = lineText.repeat(n);
    const comments: Comment[] = [];
    const diagnostics: Diagnostic[] = [];
    for (let i = 0; i < n; i++) {
      const at = i * lineText.length;
      const body = '# irule-lint-disable-line undefined-variable -- ok';
      comments.push({ type: 'Comment', text: body, range: { start: at + 3, end: at + 3 + body.length } });
      // Every other line has a finding of the named rule, the rest one of another rule.
      const ruleId = i % 2 === 0 ? 'undefined-variable' : 'unbraced-expression';
      diagnostics.push({ ruleId, severity: 'warning', message: 'm', range: { start: at, end: at + 1 } });
    }
    let result: ReturnType<typeof applySuppressions> | undefined;
    const ms = timed(() => {
      result = applySuppressions(diagnostics, { comments, lineIndex: () => new LineIndex(text), knownRules: known, enabledRules: known });
    });
    expect(result!.kept.every((d) => d.ruleId === 'unbraced-expression')).toBe(true);
    expect(result!.kept).toHaveLength(n / 2);
    // The directives on odd lines silenced nothing.
    expect(result!.problems.filter((p) => p.ruleId === 'unused-suppression')).toHaveLength(n / 2);
    expect(ms).toBeLessThan(5_000);
  });

  it('keeps 300,000 findings of a file without directives, in order, and never builds its line index', () => {
    const n = 300_000;
    const diagnostics: Diagnostic[] = [];
    for (let i = 0; i < n; i++) diagnostics.push({ ruleId: 'unknown-command', severity: 'error', message: 'm', range: { start: i, end: i + 1 } });
    const result = applySuppressions(diagnostics, {
      comments: [],
      lineIndex: () => {
        throw new Error('no directive, so no line index is needed');
      },
      knownRules: known,
      enabledRules: known,
    });
    expect(result.kept).toHaveLength(n);
    expect(result.kept[n - 1]).toBe(diagnostics[n - 1]);
    expect(result.problems).toEqual([]);
  });

  it('keeps region, next-line and same-line directives of one rule apart', () => {
    const code = [
      'when HTTP_REQUEST {',
      '  # irule-lint-disable undefined-variable -- region',
      '  log local0. $a ;# irule-lint-disable-line undefined-variable -- also',
      '  # irule-lint-enable undefined-variable',
      '  # irule-lint-disable-next-line undefined-variable -- next',
      '  log local0. $b ;# irule-lint-disable-line undefined-variable -- same line',
      '  log local0. $c',
      '}',
      '',
    ].join('\n');
    const { diagnostics } = lint(code);
    expect(diagnostics.map((d) => [d.ruleId, d.range.start])).toEqual([['undefined-variable', code.indexOf('$c')]]);
  });

  it('lints 20,000 lines that each carry a same-line directive in seconds, not minutes', () => {
    const lines = ['when HTTP_REQUEST {'];
    for (let i = 0; i < 20_000; i++) lines.push(`  set a${i} [expr $x${i} + 1] ;# irule-lint-disable-line unbraced-expression -- ok`);
    lines.push('}', '');
    let kept: Diagnostic[] = [];
    const ms = timed(() => {
      kept = lint(lines.join('\n')).diagnostics;
    });
    expect(kept.filter((d) => d.ruleId === 'unbraced-expression')).toEqual([]);
    expect(ms).toBeLessThan(15_000);
  });

  it('20,000 same-line suppressions still silence their own line only, and none is reported unused', () => {
    const body = Array.from({ length: 20_000 }, (_, i) => `  log local0. $v${i} ;# irule-lint-disable-line undefined-variable -- test`).join('\n');
    let r: ReturnType<typeof lint> | undefined;
    const ms = timed(() => {
      r = lint(`when HTTP_REQUEST {\n${body}\n  log local0. $unsilenced\n}\n`, {});
    });
    expect(ms).toBeLessThan(10_000);
    expect(r!.diagnostics.filter((d) => d.ruleId === 'undefined-variable')).toHaveLength(1);
    expect(r!.diagnostics.filter((d) => d.ruleId === 'unused-suppression')).toHaveLength(0);
  });
});

describe('unknown names at scale', () => {
  it('the did-you-mean of an unknown command costs nothing for a very long name', () => {
    for (const n of [8 * 1024, 2 * 1024 * 1024]) {
      let r: ReturnType<typeof lint> | undefined;
      const ms = timed(() => {
        r = lint(`when HTTP_REQUEST {\n  ${'x'.repeat(n)} a\n}\n`, {});
      });
      expect(ms).toBeLessThan(2000);
      expect(r!.diagnostics.some((d) => d.ruleId === 'unknown-command')).toBe(true);
    }
  });

  it('closest still finds typos, and skips candidates too different in length', () => {
    expect(closest('HTTP::hots', ['HTTP::host', 'HTTP::header', 'IP::client_addr'])).toBe('HTTP::host');
    expect(closest('x'.repeat(300), ['x', 'xx'])).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import type { Diagnostic, Severity } from '../../src/diagnostics.js';
import { formatJson, toJsonResults } from '../../src/report/json.js';
import { toReportMessages, type FileReport } from '../../src/report/messages.js';
import { formatStylish } from '../../src/report/stylish.js';

/** A diagnostic over `[start,end)`. */
const diag = (start: number, end: number, severity: Severity = 'error', ruleId = 'syntax-error'): Diagnostic => ({
  ruleId,
  severity,
  message: `m${start}`,
  range: { start, end },
});

describe('toReportMessages', () => {
  it('gives 1-based lines and columns with an exclusive end column', () => {
    const text = 'set a 1\nset b {\n';
    const [m] = toReportMessages(text, [diag(text.indexOf('{'), text.indexOf('{') + 1)]);
    expect(m).toMatchObject({ line: 2, column: 7, endLine: 2, endColumn: 8 });
  });

  it('counts CRLF line ends once and a tab as one column', () => {
    const text = 'set a 1\r\n\tset b {\r\n';
    const at = text.indexOf('{');
    expect(toReportMessages(text, [diag(at, at + 1)])[0]).toMatchObject({ line: 2, column: 8, endColumn: 9 });
    // A range ending at the CR of a CRLF stays on its line.
    const cr = text.indexOf('\r');
    expect(toReportMessages(text, [diag(0, cr)])[0]).toMatchObject({ line: 1, endLine: 1, endColumn: 8 });
  });

  it('counts columns in UTF-16 code units (an astral character is two)', () => {
    const text = 'log "é😀" {';
    const at = text.indexOf('{');
    expect(toReportMessages(text, [diag(at, at + 1)])[0]).toMatchObject({ line: 1, column: 11 });
  });

  it('sorts by position and treats a reversed range as empty', () => {
    const text = 'a\nb\nc\n';
    const ms = toReportMessages(text, [diag(4, 5), diag(0, 1), diag(2, 1)]);
    expect(ms.map((m) => [m.line, m.column, m.endLine, m.endColumn])).toEqual([
      [1, 1, 1, 2],
      [2, 1, 2, 1],
      [3, 1, 3, 2],
    ]);
  });
});

/** Two files' worth of findings, one of them clean. */
function sample(): FileReport[] {
  const text = 'x\nyy\n';
  return [
    {
      filePath: '/abs/rules/a.irule',
      displayPath: 'rules/a.irule',
      messages: toReportMessages(text, [
        diag(0, 1),
        { ...diag(2, 4, 'warning', 'some-rule'), message: 'a longer message' },
      ]),
    },
    { filePath: '/abs/clean.tcl', displayPath: 'clean.tcl', messages: [] },
    { filePath: '<stdin>', displayPath: '<stdin>', messages: toReportMessages(text, [diag(2, 3, 'info', 'hint')]) },
  ];
}

describe('formatStylish', () => {
  it('prints aligned path:line:col, severity, message and rule id, then a summary', () => {
    expect(formatStylish(sample())).toBe(
      [
        'rules/a.irule:1:1  error    m0                syntax-error',
        'rules/a.irule:2:1  warning  a longer message  some-rule',
        '<stdin>:2:1        info     m2                hint',
        '',
        '✖ 3 problems (1 error, 1 warning, 1 info)',
        '',
      ].join('\n'),
    );
  });

  it('uses singular and plural forms and omits a zero info count', () => {
    const [a] = sample();
    expect(formatStylish([{ ...a, messages: [a.messages[0]] }])).toMatch(/\n✖ 1 problem \(1 error, 0 warnings\)\n$/);
  });

  it('prints nothing for a clean run', () => {
    expect(formatStylish([sample()[1]])).toBe('');
    expect(formatStylish([])).toBe('');
  });
});

describe('formatJson', () => {
  it('produces ESLint result objects for every input, clean ones included', () => {
    const results = JSON.parse(formatJson(sample()));
    expect(results).toEqual(toJsonResults(sample()));
    expect(results).toEqual([
      {
        filePath: '/abs/rules/a.irule',
        messages: [
          { ruleId: 'syntax-error', severity: 2, message: 'm0', line: 1, column: 1, endLine: 1, endColumn: 2 },
          { ruleId: 'some-rule', severity: 1, message: 'a longer message', line: 2, column: 1, endLine: 2, endColumn: 3 },
        ],
        errorCount: 1,
        warningCount: 1,
        infoCount: 0,
      },
      { filePath: '/abs/clean.tcl', messages: [], errorCount: 0, warningCount: 0, infoCount: 0 },
      {
        filePath: '<stdin>',
        messages: [{ ruleId: 'hint', severity: 1, message: 'm2', line: 2, column: 1, endLine: 2, endColumn: 2 }],
        // An info is severity 1 (ESLint has no lower level) but not a warning, as in every format.
        errorCount: 0,
        warningCount: 0,
        infoCount: 1,
      },
    ]);
  });

  it('is one line ending in a newline', () => {
    expect(formatJson(sample())).toMatch(/^\[[^\n]*\]\n$/);
  });
});

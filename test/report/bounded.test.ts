/**
 * Output stays proportional to the findings (issue 14): messages quote at most a short excerpt of
 * the offending text, in every format, and `stylish` neither crashes on a huge number of findings
 * nor pads every line to the longest message.
 */
import { describe, expect, it } from 'vitest';
import { EXCERPT_LENGTH, excerpt } from '../../src/diagnostics.js';
import { lint } from '../../src/lint/run.js';
import { toReportMessages, type FileReport, type ReportMessage } from '../../src/report/messages.js';
import { formatStylish } from '../../src/report/stylish.js';
import { FORMATS } from './all-formats.js';

/** Bytes of output a single finding may take in any format, the message included. */
const PER_FINDING = 1_500;

const long = (n: number, unit = 'x'): string => unit.repeat(n);

/**
 * Inputs whose findings quote a long piece of the text (unknown names are kept to a few thousand
 * characters: the cost of their did-you-mean is another item of issue 14, not measured here).
 */
const hostile: Record<string, string> = {
  'unknown command': `when HTTP_REQUEST {\n  frob${long(3_000)} a b\n}\n`,
  'unknown event': `when HTTP_${long(3_000, 'Q')} {\n}\n`,
  'unclosed quote': `when HTTP_REQUEST {\n  set y "${long(60_000)}\n}\n`,
  'bareword in expression': `when HTTP_REQUEST {\n  if {${long(60_000, 'b')} > 1} { drop }\n}\n`,
  'unexpected token in expression': `when HTTP_REQUEST {\n  set v [expr {1 + + "${long(60_000)}" *}]\n}\n`,
  'unknown rule in a directive': `when HTTP_REQUEST {\n  drop ;# irule-lint-disable-line ${long(60_000, 'r')} -- why\n}\n`,
  'unknown subcommand': `when HTTP_REQUEST {\n  set n [info ${long(60_000, 'h')}]\n}\n`,
  'many long unknown commands': `when HTTP_REQUEST {\n${`  zz${long(200)}\n`.repeat(40)}}\n`,
};

describe('bounded output', () => {
  it('cuts a long text to a short excerpt, keeping surrogate pairs whole', () => {
    expect(excerpt('short')).toBe('short');
    const cut = excerpt(long(1_000));
    expect(cut).toHaveLength(EXCERPT_LENGTH);
    expect(cut.endsWith('…')).toBe(true);
    const emoji = excerpt('a'.repeat(EXCERPT_LENGTH - 3) + '😀'.repeat(50));
    expect(emoji.length).toBeLessThanOrEqual(EXCERPT_LENGTH);
    expect(emoji).not.toMatch(/[\ud800-\udbff]…$/);
  });

  for (const [name, text] of Object.entries(hostile)) {
    it(`quotes only an excerpt for ${name}, in every format`, () => {
      const { diagnostics } = lint(text);
      expect(diagnostics.length).toBeGreaterThan(0);
      for (const d of diagnostics) expect(d.message.length, d.message.slice(0, 200)).toBeLessThan(500);
      const reports: FileReport[] = [{ filePath: '/work/a.irule', displayPath: 'a.irule', messages: toReportMessages(text, diagnostics) }];
      const empty: FileReport[] = [{ filePath: '/work/a.irule', displayPath: 'a.irule', messages: [] }];
      for (const [format, render] of Object.entries(FORMATS)) {
        const size = render(reports).length;
        expect(size, format).toBeLessThanOrEqual(render(empty).length + 200 + PER_FINDING * diagnostics.length);
      }
    });
  }

  it('keeps every message on one line: line breaks in quoted text are shown as \\n (found by npm run fuzz)', () => {
    const text = 'when HTTP_REQUEST {\n  if { $count > $static:: {\n    log local0. "x"\r\n    reject\n  }\n}\n';
    const { diagnostics } = lint(text);
    expect(diagnostics.some((d) => d.message.includes('\\n'))).toBe(true);
    for (const d of diagnostics) expect(d.message).not.toMatch(/[\r\n]/);
    const reports: FileReport[] = [{ filePath: '/work/a.irule', displayPath: 'a.irule', messages: toReportMessages(text, diagnostics) }];
    expect(FORMATS.compact(reports).split('\n')).toHaveLength(diagnostics.length + 1);
    expect(excerpt('a\r\nb')).toBe('a\\r\\nb');
  });

  it('renders 300,000 findings in stylish without overflowing the stack', () => {
    const messages: ReportMessage[] = [];
    for (let i = 0; i < 300_000; i++) messages.push({ ruleId: 'r', severity: 'warning', message: `m${i % 10}`, line: i + 1, column: 1, endLine: i + 1, endColumn: 2 });
    const out = formatStylish([{ filePath: '/a', displayPath: 'a', messages }]);
    expect(out.split('\n')).toHaveLength(300_000 + 3);
    expect(out).toContain('a:300000:1');
    expect(out).toContain('300000 problems');
  });

  it('does not pad every stylish line to the longest message', () => {
    const at = (line: number, message: string): ReportMessage => ({ ruleId: 'r', severity: 'error', message, line, column: 1, endLine: line, endColumn: 2 });
    const messages = [at(1, 'm'.repeat(5_000)), ...Array.from({ length: 100 }, (_, i) => at(i + 2, 'short'))];
    const lines = formatStylish([{ filePath: '/a', displayPath: 'a', messages }]).split('\n');
    expect(lines[0].length).toBeGreaterThan(5_000);
    for (const l of lines.slice(1)) expect(l.length).toBeLessThan(300);
  });
});

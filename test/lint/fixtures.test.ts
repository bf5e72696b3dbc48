/**
 * No false alarms on correct code: every realistic, correct iRule in fixtures/lint/correct/ is
 * linted with every rule on, and its findings (compact format) are compared with the golden file
 * beside it (`<case>.expected.txt`, empty when clean). None may get an error-severity finding.
 * The files of fixtures/lint/dialect/ (iRules kept as `.tcl`, a tmsh export, a plain Tcl script,
 * each with real problems or none) are linted in the dialect `explainDialect` picks, and compared
 * with their goldens, which start with that dialect.
 * The parser fixtures (fixtures/parser/*.irule, also correct rules) must get no error either.
 * Update the goldens with `UPDATE_GOLDEN=1 npx vitest run test/lint/fixtures.test.ts`; never by hand.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allRules } from '../../src/lint/rules/index.js';
import { lint } from '../../src/lint/run.js';
import { formatCompact } from '../../src/report/compact.js';
import { toReportMessages } from '../../src/report/messages.js';
import { explainDialect } from '../../src/syntax/dialect.js';

const FIXTURES = new URL('../../fixtures/', import.meta.url);
const update = process.env.UPDATE_GOLDEN === '1';

/** Every rule on, at its default severity (preview rules included). */
const everyRule = [Object.fromEntries(allRules.map((r) => [r.id, r.meta.defaultSeverity === 'warning' ? 'warn' : r.meta.defaultSeverity] as const))];

/** The `.irule` files of a fixture folder. */
function cases(dir: string): string[] {
  return readdirSync(new URL(dir, FIXTURES))
    .filter((f) => f.endsWith('.irule'))
    .sort();
}

/** Findings of a fixture as compact text. */
function lintFixture(dir: string, name: string): { text: string; errors: string[] } {
  const source = readFileSync(new URL(`${dir}${name}`, FIXTURES), 'utf8');
  const { diagnostics } = lint(source, { rules: everyRule });
  const messages = toReportMessages(source, diagnostics);
  return {
    text: formatCompact([{ filePath: name, displayPath: name, messages }]),
    errors: messages.filter((m) => m.severity === 'error').map((m) => `${name}:${m.line}:${m.column} ${m.message} [${m.ruleId}]`),
  };
}

describe('correct iRules (fixtures/lint/correct)', () => {
  const names = cases('lint/correct/');
  it('has at least 30 of them', () => {
    expect(names.length).toBeGreaterThanOrEqual(30);
  });

  it.each(names)('%s gets no error and matches its golden output', (name) => {
    const { text, errors } = lintFixture('lint/correct/', name);
    expect(errors).toEqual([]);
    const golden = new URL(`lint/correct/${name.replace(/\.irule$/, '.expected.txt')}`, FIXTURES);
    if (update) writeFileSync(golden, text);
    expect(existsSync(golden), `missing golden; run with UPDATE_GOLDEN=1`).toBe(true);
    expect(text).toBe(readFileSync(golden, 'utf8'));
  });
});

describe('dialect and misses (fixtures/lint/dialect)', () => {
  const dir = 'lint/dialect/';
  const names = readdirSync(new URL(dir, FIXTURES))
    .filter((f) => f.endsWith('.tcl') || f.endsWith('.irule'))
    .sort();

  it.each(names)('%s is linted in the dialect its name and content give, and matches its golden output', (name) => {
    const source = readFileSync(new URL(`${dir}${name}`, FIXTURES), 'utf8');
    const { dialect, reason } = explainDialect(name, source);
    const messages = toReportMessages(source, lint(source, { rules: everyRule, dialect }).diagnostics);
    const text = `# dialect: ${dialect} (${reason})\n${formatCompact([{ filePath: name, displayPath: name, messages }])}`;
    const golden = new URL(`${dir}${name.replace(/\.(tcl|irule)$/, '.expected.txt')}`, FIXTURES);
    if (update) writeFileSync(golden, text);
    expect(existsSync(golden), `missing golden; run with UPDATE_GOLDEN=1`).toBe(true);
    expect(text).toBe(readFileSync(golden, 'utf8'));
  });
});

describe('parser fixtures (fixtures/parser)', () => {
  it.each(cases('parser/'))('%s gets no error', (name) => {
    expect(lintFixture('parser/', name).errors).toEqual([]);
  });
});

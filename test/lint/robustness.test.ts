/**
 * The linter never fails: on random text, on mutations of real iRules and on every fixture, `lint`
 * and `fixText` return normally and no rule reports an internal error.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBigipConf } from '../../src/bigip/parse-config.js';
import { fixText } from '../../src/lint/fix.js';
import { allRules } from '../../src/lint/rules/index.js';
import { lint, type LintOptions } from '../../src/lint/run.js';
import { parseVersion } from '../../src/lint/version.js';

const FIXTURES = new URL('../../fixtures/', import.meta.url);
const bigip = parseBigipConf(readFileSync(new URL('seed/bigip.conf', FIXTURES), 'utf8')).config;
const everyRule: LintOptions = {
  rules: [Object.fromEntries(allRules.map((r) => [r.id, 'warn' as const]))],
  bigip,
  version: parseVersion('10.2')!,
};

/** Every fixture text (iRules and Tcl), recursively. */
function fixtureTexts(dir = FIXTURES): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const url = new URL(e.name + (e.isDirectory() ? '/' : ''), dir);
    if (e.isDirectory()) out.push(...fixtureTexts(url));
    else if (/\.(irule|tcl)$/.test(e.name)) out.push(readFileSync(url, 'utf8'));
  }
  return out;
}

const texts = fixtureTexts();

/** Lints a text and fails on an internal error. */
function check(text: string): void {
  const { diagnostics } = lint(text, everyRule);
  const internal = diagnostics.filter((d) => d.message.startsWith('internal error'));
  expect(internal.map((d) => d.message)).toEqual([]);
}

describe('robustness', () => {
  it('lints every fixture without an internal error', () => {
    expect(texts.length).toBeGreaterThan(50);
    for (const t of texts) check(t);
  });

  it('survives random text built from Tcl syntax characters', () => {
    const piece = fc.constantFrom('when ', 'HTTP_REQUEST ', 'proc ', 'if ', 'switch ', '{', '}', '[', ']', '"', '$', '::', 'set ', 'x ', '\n', ';', '#', '\\', 'class match ', '$::dg ', 'snat ', 'call ', 'expr ', 'HTTP::respond 200 ', 'return', 'drop', '-- ', 'static::a ');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        check(pieces.join(''));
      }),
      { numRuns: 300 },
    );
  });

  it('survives deleting any slice of a real iRule, and fixing it', () => {
    const sources = texts.filter((t) => t.includes('when ')).slice(0, 20);
    fc.assert(
      fc.property(fc.nat(sources.length - 1), fc.nat(), fc.nat(40), (which, at, len) => {
        const src = sources[which];
        const start = at % (src.length + 1);
        const mutated = src.slice(0, start) + src.slice(start + len);
        check(mutated);
        expect(() => fixText(mutated, everyRule, true)).not.toThrow();
      }),
      { numRuns: 200 },
    );
  });
});

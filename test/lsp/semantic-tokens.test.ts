/**
 * Semantic tokens, checked on the encoded data decoded back to (line, character, length, type,
 * modifiers) and read against the text: what each word is, that tokens never overlap and stay on
 * one line, range results, and the delta edits.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { legend, semanticTokenData, tokenDataEdits } from '../../src/lsp/features/semantic-tokens.js';
import { BinaryOp, keywords } from '../../src/syntax/expr-tokens.js';
import type { Dialect } from '../../src/syntax/ast.js';
import { analyzed } from './harness.js';
import { anyText, fixtureFiles, parsedDoc } from './layout-inputs.js';

/** One decoded token. */
interface Decoded {
  line: number;
  char: number;
  length: number;
  type: string;
  modifiers: string[];
  /** The text it covers. */
  text: string;
}

/** Decodes LSP token data against the text's lines, through the legend. */
function decode(text: string, data: readonly number[]): Decoded[] {
  const lines = text.split(/\r\n|\r|\n/);
  const out: Decoded[] = [];
  let line = 0;
  let char = 0;
  expect(data.length % 5).toBe(0);
  for (let i = 0; i < data.length; i += 5) {
    const [dl, dc, length, type, mods] = data.slice(i, i + 5);
    line += dl;
    char = dl === 0 ? char + dc : dc;
    out.push({
      line,
      char,
      length,
      type: legend.tokenTypes[type],
      modifiers: legend.tokenModifiers.filter((_, bit) => (mods & (1 << bit)) !== 0),
      text: lines[line].slice(char, char + length),
    });
  }
  return out;
}

/** The tokens of a text, as `text:type[+modifier...]` strings in order. */
function tokens(text: string): string[] {
  return decode(text, semanticTokenData(analyzed(text))).map((t) => [`${t.text}:${t.type}`, ...t.modifiers].join('+'));
}

const SAMPLE = [
  '# Route by path.',
  'when HTTP_REQUEST priority 100 {',
  '    if { [HTTP::uri] starts_with "/api" and not [class match -- [IP::client_addr] equals private_nets] } {',
  '        set target "api_$static::suffix"',
  '        pool api_pool',
  '        call tidy $target',
  '    } else {',
  '        HTTP::respond 200 content "line one',
  'line two"',
  '    }',
  '}',
  'proc tidy {s} { return [expr { abs(-1) + 2 }] }',
].join('\n');

describe('semantic tokens', () => {
  const all = tokens(SAMPLE);

  it('declares standard token types and modifiers', () => {
    expect(legend.tokenTypes).toEqual(expect.arrayContaining(['keyword', 'function', 'variable', 'operator', 'event', 'type', 'comment', 'string', 'number']));
    expect(legend.tokenModifiers).toEqual(expect.arrayContaining(['declaration', 'defaultLibrary']));
  });

  it('marks when, events, priorities, comments and procs', () => {
    expect(all.slice(0, 5)).toEqual(['# Route by path.:comment', 'when:keyword', 'HTTP_REQUEST:event', 'priority:keyword', '100:number']);
    expect(all).toContain('proc:keyword');
    expect(all).toContain('tidy:function+declaration');
  });

  it('marks deprecated commands and events', () => {
    const deprecated = tokens('when HTTP_REQUEST {\n    if { [matchclass [IP::client_addr] equals nets] } { pool a }\n}\nwhen AUTH_WANTCREDENTIAL { }\n');
    expect(deprecated).toContain('matchclass:function+defaultLibrary+deprecated');
    expect(deprecated).toContain('HTTP_REQUEST:event');
    expect(deprecated).toContain('AUTH_WANTCREDENTIAL:event+deprecated');
  });

  it('marks catalog commands and subcommands as library functions, and calls of the file procs as functions', () => {
    for (const name of ['if', 'HTTP::uri', 'class', 'IP::client_addr', 'set', 'pool', 'call', 'HTTP::respond', 'return', 'expr']) {
      expect(all, name).toContain(`${name}:function+defaultLibrary`);
    }
    expect(all).toContain('match:method+defaultLibrary');
    expect(all.filter((t) => t === 'tidy:function')).toHaveLength(1);
  });

  it('marks iRule word operators and catalog keyword arguments as keywords, symbols as operators', () => {
    for (const k of ['starts_with', 'and', 'not', 'equals', 'else']) expect(all, k).toContain(`${k}:keyword`);
    expect(all).toContain('+:operator');
    expect(all).toContain('-:operator');
    expect(all).toContain('abs:function+defaultLibrary');
    expect(all).toContain('2:number');
  });

  it('marks data groups, pools, variables and strings, the variable inside a string cutting it', () => {
    expect(all).toContain('private_nets:type');
    expect(all).toContain('api_pool:enumMember');
    expect(all).toContain('target:variable');
    expect(all).toContain('$target:variable');
    expect(all).toContain('$static::suffix:variable+static');
    const set = all.indexOf('target:variable');
    expect(all.slice(set + 1, set + 4)).toEqual(['"api_:string', '$static::suffix:variable+static', '":string']);
  });

  it('splits a multi-line string into one token per line', () => {
    expect(all).toContain('"line one:string');
    expect(all).toContain('line two":string');
  });

  it('takes every word operator of the expression lexer as a keyword', () => {
    for (const t of keywords) {
      const op = (t.PATTERN as RegExp).source;
      const expr = t.CATEGORIES?.includes(BinaryOp) ? `$a ${op} $b` : `${op} $b`;
      const text = `when HTTP_REQUEST { if { ${expr} } { pool p } }`;
      expect(tokens(text), op).toContain(`${op}:keyword`);
    }
  });

  it('limits range results to the tokens the range touches', () => {
    const a = analyzed(SAMPLE);
    const start = SAMPLE.indexOf('        pool');
    const got = decode(SAMPLE, semanticTokenData(a, { start, end: start + '        pool api_pool'.length })).map((t) => `${t.text}:${t.type}`);
    expect(got).toEqual(['pool:function', 'api_pool:enumMember']);
  });

  /** Checks that decoded tokens are sorted, non-empty, on one line each and never overlapping. */
  function wellFormed(name: string, text: string, decoded: Decoded[]): void {
    const lines = text.split(/\r\n|\r|\n/);
    let prev = { line: -1, end: 0 };
    for (const t of decoded) {
      expect(t.length, name).toBeGreaterThan(0);
      expect(t.char + t.length, `${name}:${t.line}`).toBeLessThanOrEqual(lines[t.line].length);
      if (t.line === prev.line) expect(t.char, `${name}:${t.line}`).toBeGreaterThanOrEqual(prev.end);
      else expect(t.line, name).toBeGreaterThan(prev.line);
      prev = { line: t.line, end: t.char + t.length };
    }
  }

  it('gives tokens that are sorted, on one line each, inside the text and never overlapping, for every fixture', () => {
    const files = fixtureFiles();
    expect(files.length).toBeGreaterThan(50);
    for (const { name, text, dialect } of files) {
      const decoded = decode(text, semanticTokenData(analyzed(text, { dialect })));
      expect(decoded.length, name).toBeGreaterThan(0);
      wellFormed(name, text, decoded);
    }
  });

  it('gives well-formed tokens for random and broken texts', () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom('irule', 'tcl') as fc.Arbitrary<Dialect>, (text, dialect) => {
        wellFormed(JSON.stringify(text), text, decode(text, semanticTokenData(parsedDoc(text, dialect))));
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});

describe('semantic token deltas', () => {
  it('turns the old data into the new with the edits', () => {
    const before = semanticTokenData(analyzed(SAMPLE));
    const after = semanticTokenData(analyzed(SAMPLE.replace('pool api_pool', 'pool api_pool\n        log local0. "x"')));
    const edits = tokenDataEdits(before, after);
    expect(edits).toHaveLength(1);
    const patched = [...before];
    for (const e of [...edits].reverse()) patched.splice(e.start, e.deleteCount, ...(e.data ?? []));
    expect(patched).toEqual(after);
    expect(edits[0].data!.length).toBeLessThan(after.length / 2);
    expect(tokenDataEdits(after, after)).toEqual([]);
  });
});

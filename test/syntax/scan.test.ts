/**
 * `scanBraced` and `scanBracedCached` jump between braces and backslashes with indexOf; they must
 * agree with the plain character walk below (Tcl's rule): the same end for every `{`, within any
 * limit, and every nested end the cached scan records the one the walk finds from that brace.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Dialect } from '../../src/syntax/ast.js';
import { escapeLength, foldBackslashNewlines, scanBraced, scanBracedCached } from '../../src/syntax/scan.js';

/** The reference: one character at a time, a backslash hiding the next one. */
function walk(text: string, pos: number, limit = text.length): { end: number; closed: boolean } {
  let depth = 0;
  for (let i = pos; i < limit; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return { end: i + 1, closed: true };
  }
  return { end: limit, closed: false };
}

/** Checks every `{` of `text`, each with a fresh cache, at offset `base` in a larger source. */
function agree(text: string, base: number): void {
  for (let pos = 0; pos < text.length; pos++) {
    if (text[pos] !== '{') continue;
    for (let limit = pos; limit <= text.length; limit++) {
      expect(scanBraced(text, pos, limit), `${JSON.stringify(text)} at ${pos} to ${limit}`).toEqual(walk(text, pos, limit));
    }
    const ends = new Int32Array(base + text.length + 1);
    expect(scanBracedCached(text, pos, base, ends), `${JSON.stringify(text)} at ${pos}`).toEqual(walk(text, pos));
    ends.forEach((end, at) => {
      if (end === 0) return;
      expect(text[at - base]).toBe('{');
      expect(walk(text, at - base)).toEqual({ end: end - base, closed: true });
    });
    // A second scan answers from the cache, with the same result.
    expect(scanBracedCached(text, pos, base, ends)).toEqual(walk(text, pos));
  }
}

describe('scanBraced and scanBracedCached', () => {
  it.each([
    ['nested', 'x {a {b} {c {d}} e} f'],
    ['escaped braces', '{a \\} b \\{ c}'],
    ['escaped backslashes', '{a \\\\} b} {\\\\\\}}'],
    ['a backslash last', '{a \\'],
    ['unclosed', '{a {b} {c'],
    ['a stray close first', '} {a}'],
    ['empty', '{}{}'],
  ])('match the character walk: %s', (_name, text) => {
    agree(text, 0);
    agree(text, 7);
  });

  it('match the character walk on random text', () => {
    const chars = fc.constantFrom('{', '}', '\\', 'a', ' ', '\n');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 30 }).map((a) => a.join('')), fc.nat(5), (text, base) => {
        agree(text, base);
      }),
      { numRuns: 2000 },
    );
  });
});

/** The reference for foldBackslashNewlines: every backslash-newline (and its blanks) becomes one space. */
function fold(text: string, dialect: Dialect): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const next = text[i + 1];
    if (text[i] !== '\\') out += text[i];
    else if (next === '\n' || (next === '\r' && dialect === 'irule' && text[i + 2] === '\n')) {
      out += ' ';
      i += escapeLength(text, i, dialect) - 1;
    } else out += text.slice(i, i + 2), i++;
  }
  return out;
}

describe('foldBackslashNewlines', () => {
  it('matches the character walk on random text', () => {
    const chars = fc.constantFrom('\\', '\n', '\r', ' ', '\t', 'a');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 30 }).map((a) => a.join('')), fc.constantFrom<Dialect>('irule', 'tcl'), (text, dialect) => {
        expect(foldBackslashNewlines(text, dialect)).toBe(fold(text, dialect));
      }),
      { numRuns: 2000 },
    );
    expect(foldBackslashNewlines('a \\\n  b \\\\\nc \\x', 'irule')).toBe('a  b \\\\\nc \\x');
  });
});

/**
 * `scanBracedCached` (the lexer's brace matcher, which jumps between braces and backslashes with
 * indexOf) must agree with `scanBraced` (the plain character walk): the same end for every `{`,
 * and every nested end it records in the cache the one `scanBraced` finds from that brace.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanBraced, scanBracedCached } from '../../src/syntax/scan.js';

/** Checks every `{` of `text`, each with a fresh cache, at offset `base` in a larger source. */
function agree(text: string, base: number): void {
  for (let pos = 0; pos < text.length; pos++) {
    if (text[pos] !== '{') continue;
    const ends = new Int32Array(base + text.length + 1);
    expect(scanBracedCached(text, pos, base, ends), `${JSON.stringify(text)} at ${pos}`).toEqual(scanBraced(text, pos));
    ends.forEach((end, at) => {
      if (end === 0) return;
      expect(text[at - base]).toBe('{');
      expect(scanBraced(text, at - base)).toEqual({ end: end - base, closed: true });
    });
    // A second scan answers from the cache, with the same result.
    expect(scanBracedCached(text, pos, base, ends)).toEqual(scanBraced(text, pos));
  }
}

describe('scanBracedCached', () => {
  it.each([
    ['nested', 'x {a {b} {c {d}} e} f'],
    ['escaped braces', '{a \\} b \\{ c}'],
    ['escaped backslashes', '{a \\\\} b} {\\\\\\}}'],
    ['a backslash last', '{a \\'],
    ['unclosed', '{a {b} {c'],
    ['a stray close first', '} {a}'],
    ['empty', '{}{}'],
  ])('matches scanBraced: %s', (_name, text) => {
    agree(text, 0);
    agree(text, 7);
  });

  it('matches scanBraced on random text', () => {
    const chars = fc.constantFrom('{', '}', '\\', 'a', ' ', '\n');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 30 }).map((a) => a.join('')), fc.nat(5), (text, base) => {
        agree(text, base);
      }),
      { numRuns: 2000 },
    );
  });
});

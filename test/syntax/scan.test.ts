/**
 * `scanBraced` and `scanBracedCached` jump between braces and backslashes with indexOf; they must
 * agree with the plain character walk below (Tcl's rule): the same end for every `{`, within any
 * limit, and every nested end the cached scan records the one the walk finds from that brace.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Dialect } from '../../src/syntax/ast.js';
import { escapeLength, foldBackslashNewlines, recoverBraced, scanBraced, scanBracedCached } from '../../src/syntax/scan.js';

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

/**
 * The reference recovery: for every brace, the indentation of its line found by walking back to
 * the line start (what recoverBraced did before it kept the indentation as it walks).
 */
function recoverByRescan(text: string, pos: number, limit = text.length): { end: number; unclosed: number[] } {
  const lineIndent = (at: number): { indent: number; first: boolean } => {
    let s = at;
    while (s > 0 && text.charCodeAt(s - 1) !== 10) s--;
    let i = s;
    let indent = 0;
    for (; i < at; i++) {
      const c = text.charCodeAt(i);
      if (c === 32) indent++;
      else if (c === 9) indent += 8 - (indent % 8);
      else break;
    }
    return { indent, first: i === at };
  };
  const stack: { at: number; indent: number }[] = [];
  const unclosed: number[] = [];
  for (let i = pos; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 123) stack.push({ at: i, indent: lineIndent(i).indent });
    else if (c === 125) {
      const li = lineIndent(i);
      if (li.first) while (stack.length > 1 && stack[stack.length - 1].indent > li.indent) unclosed.push(stack.pop()!.at);
      stack.pop();
      if (stack.length === 0) return { end: i + 1, unclosed };
    }
  }
  return { end: limit, unclosed: [pos] };
}

describe('recoverBraced', () => {
  const piece = fc.constantFrom('{', '}', '\\', '\n', ' ', '  ', '\t', 'x', 'if {1} ', '\\\n', '\r\n', ';');
  it('finds what rescanning each brace line finds, from every brace and within any limit', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 80 }).map((a) => a.join('')), fc.nat(), (text, cut) => {
        const limit = text.length - (text.length === 0 ? 0 : cut % (text.length + 1));
        for (let pos = text.indexOf('{'); pos >= 0 && pos < limit; pos = text.indexOf('{', pos + 1)) {
          expect(recoverBraced(text, pos, limit), JSON.stringify({ text, pos, limit })).toEqual(recoverByRescan(text, pos, limit));
        }
      }),
      { numRuns: 3000, seed: 42 },
    );
  });

  it('takes linear time on an unclosed nest written on one line', () => {
    // Rescanning the line at every brace made this cubic overall: 7 KB took about 5 s to lint.
    const text = `when X {${'if {1} {'.repeat(20_000)}`;
    const t0 = performance.now();
    const r = recoverBraced(text, text.indexOf('{'));
    expect(r.end).toBe(text.length);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

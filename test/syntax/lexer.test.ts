/**
 * The hand-written lexer (`lexer.ts`) must produce exactly what Chevrotain's lexer produces from
 * the token definitions in `tokens.ts`: the same tokens (type, image, offset, payload), problems
 * and unmatched characters. Checked on every fixture (the whole file and each body and expression
 * the parser re-lexes), on snippets for each corner, and on generated and mutated text.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Dialect } from '../../src/syntax/ast.js';
import { parse } from '../../src/syntax/index.js';
import { tokenize } from '../../src/syntax/lexer.js';
import { commentEnd, resetLexState, tokenizeWithChevrotain, type LexResult } from '../../src/syntax/tokens.js';
import { fixtureFiles, onGeneratedScripts, onRandomText, repoRoot as root } from './inputs.js';

/** A lexing result as plain data (token types by name). */
function plain(r: LexResult): unknown {
  return {
    tokens: r.tokens.map((t) => [t.tokenType.name, t.startOffset, t.image, ...(t.payload === undefined ? [] : [t.payload])]),
    problems: r.problems,
    unmatched: r.unmatched,
  };
}

/** Lexes `text` both ways (each with a fresh brace-end cache) and expects the same result. */
function same(text: string, dialect: Dialect, mode: 'script' | 'expr'): void {
  const ours = tokenize(text, dialect, mode, 0, new Int32Array(text.length + 1));
  const reference = tokenizeWithChevrotain(text, dialect, mode, 0, new Int32Array(text.length + 1));
  expect(plain(ours), `${mode} ${dialect}: ${JSON.stringify(text)}`).toEqual(plain(reference));
}

/** The whole text and every body and expression the parser re-lexes in it, in both dialects. */
function sameEverywhere(text: string): void {
  for (const dialect of ['irule', 'tcl'] as const) {
    same(text, dialect, 'script');
    same(text, dialect, 'expr');
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(visit);
      if (!node || typeof node !== 'object') return;
      const n = node as { type?: string; contentRange?: { start: number; end: number }; parsed?: { type: string } };
      if (n.contentRange && n.parsed) {
        const body = text.slice(n.contentRange.start, n.contentRange.end);
        same(body, dialect, n.parsed.type === 'Expr' ? 'expr' : 'script');
      }
      for (const v of Object.values(n)) if (v && typeof v === 'object') visit(v);
    };
    visit(parse(text, { dialect }).ast);
  }
}

describe('hand-written lexer agrees with the Chevrotain token definitions', () => {
  it.each(fixtureFiles().map((f) => [f.slice(root.length)]))('on %s', (file) => {
    sameEverywhere(readFileSync(join(root, file), 'utf8'));
  });

  it.each([
    ['words and separators', 'set a b; puts  x\n\n  \t log local0. "x"\r\nfoo\\\n  bar \\\r\n baz'],
    ['variables', 'puts $a ${b c} $::x $a::b:c $arr($i) $(x) $ $$ $a$b x$y ${unclosed\nnext'],
    ['braces', 'if {1}{2} {a {b} c} x{y} {*}{a} {*} {*}{*}x {unclosed\n  set x 1\n'],
    ['quotes', 'puts "a b" "a $b [c] \\n" x"y" "unclosed\nline'],
    ['brackets', 'puts [a [b c] d] a]b ]x [list y]] [unclosed'],
    ['comments', '# c\nset a 1 ;# d\n  # e \\\n f\r\nx # not'],
    ['escapes', 'puts \\t \\x41 \\u00e9 \\101 \\ \\\\ \\'],
    ['deep brackets', `set x ${'['.repeat(120)}y${']'.repeat(120)} "${'['.repeat(105)}${']'.repeat(105)}" $a(${'$b('.repeat(102)})`],
    ['variables at the nesting limit', `${'['.repeat(100)}$a(1) "$b(2) [x]" ${'$c('.repeat(3)}${')'.repeat(3)}${']'.repeat(100)}`],
    ['deep array indexes', `set x $a(${'$b('.repeat(105)}1${')'.repeat(106)}`],
    ['expression operators', '$a**2 << 1 >> 2 <= >= == != && || < > + - * / % ~ ! & ^ | ? : ( ) ,'],
    ['expression words', 'eq ne in ni lt gt le ge and or not equals eqx equalsy contains starts_with ends_with matches matches_glob matches_regex int( abs _x X9'],
    ['expression operands', '1 0x1F 1.5e3 .5 1e 0x 007 {braced} "q" "a$b" "a[b]" [cmd $x] ${v} $a(1) $a($b)'],
    ['expression whitespace', 'a\n\t\v\f\r b \\\n c \\\r\n d'],
  ])('on %s', (_name, text) => {
    sameEverywhere(text);
  });

  it.each([
    ['lone =', '$a = 1'],
    ['lone backslash', '$a \\x'],
    ['lone dot', '. 1'],
    ['unclosed brace', '{a'],
    ['dollar without a name', '$ + 1'],
    ['other characters', '$a # b; c @ é'],
  ])('falls back to Chevrotain for unmatched characters in expressions: %s', (_name, text) => {
    expect(tokenize(text, 'irule', 'expr').unmatched.length).toBeGreaterThan(0);
    sameEverywhere(text);
  });

  it('on generated scripts and their mutations', () => {
    onGeneratedScripts(sameEverywhere);
  });

  it('on random text', () => {
    onRandomText(' \t\n\r\\{}[]()"$;#*&|<>=!x1._eq', sameEverywhere);
  });
});

/** The reference for commentEnd: a backslash hides the next character (CR LF in the irule dialect). */
function walkComment(text: string, dialect: Dialect): number {
  let i = 0;
  while (i < text.length && text[i] !== '\n') i += text[i] === '\\' ? (dialect === 'irule' && text.startsWith('\r\n', i + 1) ? 3 : 2) : 1;
  i = Math.min(i, text.length);
  return i > 0 && text[i - 1] === '\r' && text[i] === '\n' ? i - 1 : i;
}

describe('commentEnd', () => {
  it('ends where a character walk ends', () => {
    const chars = fc.constantFrom('\\', '\n', '\r', ' ', 'a');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 30 }).map((a) => '#' + a.join('')), fc.constantFrom<Dialect>('irule', 'tcl'), (text, dialect) => {
        resetLexState(dialect, 0, new Int32Array(text.length + 1));
        expect(commentEnd(text, 0)).toBe(walkComment(text, dialect));
      }),
      { numRuns: 2000 },
    );
  });
});

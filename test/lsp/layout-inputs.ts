/**
 * Inputs shared by the tests of the layout features (formatting, folding, semantic tokens): the
 * repository's iRules, the rule doc examples, random texts, and documents parsed without linting.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalyzedDocument } from '../../src/lsp/document.js';
import type { Dialect } from '../../src/syntax/ast.js';
import { parse } from '../../src/syntax/index.js';

const root = new URL('../../', import.meta.url).pathname;

/** A named input text with its dialect. */
export interface Input {
  name: string;
  text: string;
  dialect: Dialect;
}

/**
 * A document with its tree and the parser's findings, without linting: what the layout features
 * read (linting is left out because some random texts are slow to lint).
 */
export function parsedDoc(text: string, dialect: Dialect = 'irule'): Pick<AnalyzedDocument, 'doc' | 'ast' | 'diagnostics'> {
  return { doc: TextDocument.create('file:///t.irule', 'irule', 1, text), ...parse(text, { dialect }) };
}

/** Every iRule and Tcl file under fixtures/, with its dialect. */
export function fixtureFiles(): Input[] {
  const dir = join(root, 'fixtures');
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => /\.(irule|tcl)$/.test(f))
    .sort()
    .map((f) => ({ name: f, text: readFileSync(join(dir, f), 'utf8'), dialect: f.endsWith('.tcl') ? 'tcl' : 'irule' }));
}

/** The code examples of the rule docs. */
export function docExamples(): Input[] {
  const dir = join(root, 'docs/rules');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .flatMap((f) =>
      [...readFileSync(join(dir, f), 'utf8').matchAll(/^```irule[^\n]*\n([^]*?)^```$/gm)].map((m, i) => ({ name: `${f}#${i}`, text: m[1], dialect: 'irule' as Dialect })),
    );
}

/** Pieces random texts are made of: words, braces, quotes, blanks, comments, continuations. */
const PIECES = [
  'when HTTP_REQUEST ', 'proc p {a b} ', 'if ', 'elseif ', 'else ', 'switch -glob -- $x ', 'foreach i $l ', 'while ', 'catch ',
  'set x ', 'pool a', 'log local0. ', 'HTTP::uri', '{', '}', '{ ', ' }', '[', ']', '"', '$x', '${y}', '\\', '\\\n', '#', ';',
  '\n', '\n', '\n', ' ', '  ', '\t', '   ', '\r\n', 'a', '1', '-', 'default', 'expr {$a + 1}', ' eq ', ' contains ', '(', ')',
];

/** A text and a few places to change the blanks of. */
export const randomText = fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((p) => p.join(''));

/** Blanks as they may start or end a line. */
const blanks = fc.constantFrom('', ' ', '  ', '\t', '       ', ' \t ');
/** Words, some spread over lines: strings, braced data, substitutions, continuations. */
const word = fc.constantFrom('a', '$x', '${y}', '"s t"', '"str\n   multi"', '{data\n   more  \n}', '[cmd\n  x]', '"a\\\n   b"', '{*}x', '-', 'eq', '[if {1} {\n  x\n}]');
/** Whole scripts with nested bodies, switch lists, comments and continuation lines, indented at random. */
export const { script: nestedScript } = fc.letrec<{ script: string; statement: string; body: string }>((tie) => ({
  script: fc
    .array(fc.tuple(blanks, tie('statement'), blanks, fc.constantFrom('\n', '\r\n', ';\n', '\n\n')), { maxLength: 5 })
    .map((lines) => lines.map(([b, st, t, end]) => b + st + t + end).join('')),
  body: fc.tuple(fc.constantFrom('{', '{\n', '{ '), tie('script'), blanks).map(([open, inner, b]) => `${open}${inner}${b}}`),
  statement: fc.oneof(
    { maxDepth: 4, withCrossShrink: true },
    fc.array(word, { minLength: 1, maxLength: 4 }).chain((ws) => fc.tuple(fc.constant(ws), fc.array(fc.constantFrom(' ', ' \\\n   ', '\t'), { minLength: ws.length, maxLength: ws.length }))).map(([ws, seps]) => 'log' + ws.map((w, i) => seps[i] + w).join('')),
    fc.constantFrom('# note', '# ends in a continuation \\', '# escaped blank \\ ', '#{ unbalanced in a comment }'),
    fc.tuple(fc.constantFrom('when HTTP_REQUEST', 'if {$x}', 'foreach i $l', 'proc p {a}', 'catch', 'while {$i < 3}', 'if {$a &&\n   $b}'), tie('body')).map(([head, b]) => `${head} ${b}`),
    fc.tuple(tie('body'), tie('body')).map(([a, b]) => `if {$x} ${a} else ${b}`),
    fc
      .array(fc.tuple(blanks, fc.constantFrom('a*', '"b c"', '{d}', '#', 'default'), fc.oneof(fc.constant('-'), tie('body')), fc.constantFrom('\n', ' ')), { maxLength: 4 })
      .map((arms) => `switch -glob -- $x {\n${arms.map(([b, p, body, end]) => `${b}${p} ${body}${end}`).join('')}}`),
  ),
}));

/** A fixture with the leading blanks of some lines changed (which must not matter to the result). */
export const mutatedFixture = fc
  .tuple(fc.constantFrom(...fixtureFiles().filter((f) => f.dialect === 'irule')), fc.array(fc.tuple(fc.nat(), blanks), { maxLength: 12 }))
  .map(([f, changes]) => {
    const lines = f.text.split('\n');
    for (const [at, b] of changes) {
      const i = at % lines.length;
      lines[i] = b + lines[i].replace(/^[ \t]*/, '');
    }
    return lines.join('\n');
  });

/** Any of the random texts. */
export const anyText = fc.oneof(randomText, nestedScript, mutatedFixture);

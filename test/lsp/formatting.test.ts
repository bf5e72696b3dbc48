/**
 * The re-indenter: exact results on small cases, then the proof that it never changes meaning:
 * every fixture, rule doc example and generated corpus file, formatted with several option sets,
 * re-parses to the same tree (positions aside) with the same findings, and formats to itself again;
 * random and mutated texts keep their tree too; and tclsh computes the same results before and after.
 */
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { generateCorpus, type Template } from '../../bench/corpus.js';
import { toLspEdit } from '../../src/lsp/convert.js';
import { formatDocument, type IndentOptions } from '../../src/lsp/features/formatting.js';
import type { Range } from '../../src/diagnostics.js';
import type { Dialect } from '../../src/syntax/ast.js';
import { parse } from '../../src/syntax/index.js';
import { printAst } from '../../src/syntax/print.js';
import { analyzed } from './harness.js';
import { anyText, docExamples, fixtureFiles, parsedDoc } from './layout-inputs.js';

const FOUR: IndentOptions = { tabSize: 4, insertSpaces: true };

/** The text after formatting (the edits applied through the LSP conversion, as a client would). */
function format(text: string, options: IndentOptions = FOUR, dialect: Dialect = 'irule', range?: Range): string {
  const a = parsedDoc(text, dialect);
  const edits = formatDocument(a, options, range).map((e) => toLspEdit(a.doc, e));
  return TextDocument.applyEdits(a.doc, edits);
}

/** The tree without positions, and the findings as rule id, line and message. */
function meaning(text: string, dialect: Dialect): { tree: string; findings: string[] } {
  const a = analyzed(text, { dialect });
  return {
    tree: printAst(a.ast),
    findings: a.diagnostics.map((d) => `${d.ruleId} ${a.doc.positionAt(d.range.start).line} ${d.message}`),
  };
}

describe('re-indenting', () => {
  it('indents commands and comments by nesting, closing braces like their opening line', () => {
    const text = ['when HTTP_REQUEST {', 'if { [HTTP::uri] eq "/" } {', '        # home', '  HTTP::redirect /x', '      } else {', '   pool web', ' }', '}', ''].join('\n');
    expect(format(text)).toBe(
      ['when HTTP_REQUEST {', '    if { [HTTP::uri] eq "/" } {', '        # home', '        HTTP::redirect /x', '    } else {', '        pool web', '    }', '}', ''].join('\n'),
    );
  });

  it('indents with tabs when asked, and measures existing tabs by the tab size', () => {
    const text = 'when HTTP_REQUEST {\n  if {1} {\n pool a\n  }\n}\n';
    expect(format(text, { tabSize: 8, insertSpaces: false })).toBe('when HTTP_REQUEST {\n\tif {1} {\n\t\tpool a\n\t}\n}\n');
    expect(format('proc p {} {\n\tset x 1\n}\n', { tabSize: 2, insertSpaces: true })).toBe('proc p {} {\n  set x 1\n}\n');
  });

  it('indents switch patterns one step in and their bodies one more', () => {
    const text = [
      'when HTTP_REQUEST {',
      'switch -glob -- [HTTP::path] {',
      '"/a*" -',
      '      "/b*" {',
      'pool ab',
      '}',
      '# not a comment: a pattern',
      '{x} { pool x }',
      'default { pool web }',
      '}',
      '}',
    ].join('\n');
    expect(format(text)).toBe(
      [
        'when HTTP_REQUEST {',
        '    switch -glob -- [HTTP::path] {',
        '        "/a*" -',
        '        "/b*" {',
        '            pool ab',
        '        }',
        '        # not a comment: a pattern',
        '        {x} { pool x }',
        '        default { pool web }',
        '    }',
        '}',
      ].join('\n'),
    );
  });

  it('leaves braced data, strings, expressions and continuation lines as they are', () => {
    const lines = [
      'when HTTP_REQUEST {',
      '      set map {',
      '  /old   /new',
      '     /a /b',
      '  }',
      '  HTTP::respond 200 content "<html>',
      '        <body>hi</body>',
      '     </html>"',
      '  if { [HTTP::uri] eq "/" &&',
      '          [HTTP::host] eq "x" } {',
      'log local0. \\',
      '      "continued"',
      '  }',
      '  set x [string map {',
      '       a b',
      '  } [HTTP::uri]]',
      '}',
    ];
    // Only the lines that start a command of the handler or the `if` body, or close that body.
    const changed: Record<number, string> = { 1: '    ', 5: '    ', 8: '    ', 10: '        ', 12: '    ', 13: '    ' };
    const want = lines.map((l, i) => (i in changed ? changed[i] + l.trimStart() : l));
    expect(format(lines.join('\n')).split('\n')).toEqual(want);
  });

  it('indents bodies that open on continuation lines from the line they open on', () => {
    const text = ['when HTTP_REQUEST {', '  switch -- [HTTP::method] \\', '      GET {', ' pool a', '   } \\', '      default {', 'pool b', '}', '}'].join('\n');
    expect(format(text, { tabSize: 2, insertSpaces: true })).toBe(
      ['when HTTP_REQUEST {', '  switch -- [HTTP::method] \\', '      GET {', '        pool a', '      } \\', '      default {', '        pool b', '      }', '}'].join('\n'),
    );
  });

  it('makes no edit to a text with syntax errors', () => {
    const a = analyzed('when HTTP_REQUEST {\n      pool a\n');
    expect(a.diagnostics.some((d) => d.ruleId === 'syntax-error')).toBe(true);
    expect(formatDocument(a, FOUR)).toEqual([]);
  });

  it('keeps CRLF line ends and formats CRLF texts like LF ones', () => {
    const text = 'when HTTP_REQUEST {\r\n  pool a   \r\n}\r\n';
    expect(format(text, { ...FOUR, trimTrailingWhitespace: true })).toBe('when HTTP_REQUEST {\r\n    pool a\r\n}\r\n');
  });

  it('formats only the lines a range touches, anchored on the lines around it', () => {
    const text = 'when HTTP_REQUEST {\n  set a 1\n  set b 2\n  set c 3\n}\n';
    const start = text.indexOf('set b');
    expect(format(text, FOUR, 'irule', { start, end: start + 3 })).toBe('when HTTP_REQUEST {\n  set a 1\n    set b 2\n  set c 3\n}\n');
    // Whole lines selected: the range ends at the start of the next line, which stays as it is.
    const lineB = text.lastIndexOf('\n', start) + 1;
    expect(format(text, FOUR, 'irule', { start: lineB, end: text.indexOf('set c') - 2 })).toBe('when HTTP_REQUEST {\n  set a 1\n    set b 2\n  set c 3\n}\n');
    expect(format(text, FOUR, 'irule', { start, end: start })).toBe('when HTTP_REQUEST {\n  set a 1\n    set b 2\n  set c 3\n}\n');
  });

  it('trims trailing blanks between commands only, never in strings, data or comments', () => {
    const text = [
      'when HTTP_REQUEST {   ',
      '    set a "x   ',
      'y"  ',
      '    # a comment ending in an escaped blank \\ ',
      '    set b {data   ',
      '}',
      '    ',
      '}  ',
      '',
    ].join('\n');
    expect(format(text, { ...FOUR, trimTrailingWhitespace: true })).toBe(
      ['when HTTP_REQUEST {', '    set a "x   ', 'y"', '    # a comment ending in an escaped blank \\ ', '    set b {data   ', '}', '', '}', ''].join('\n'),
    );
  });

  it('adds a final newline and drops extra ones when asked', () => {
    expect(format('when HTTP_REQUEST {\n    pool a\n}', { ...FOUR, insertFinalNewline: true })).toBe('when HTTP_REQUEST {\n    pool a\n}\n');
    expect(format('when HTTP_REQUEST {\n    pool a\n}\n\n  \n\n', { ...FOUR, trimFinalNewlines: true })).toBe('when HTTP_REQUEST {\n    pool a\n}\n');
    expect(format('# end \\', { ...FOUR, insertFinalNewline: true })).toBe('# end \\');
  });
});

const OPTION_SETS: IndentOptions[] = [
  { tabSize: 4, insertSpaces: true, trimTrailingWhitespace: true, insertFinalNewline: true, trimFinalNewlines: true },
  { tabSize: 2, insertSpaces: true },
  { tabSize: 4, insertSpaces: false, trimTrailingWhitespace: true },
];

describe('formatting never changes meaning', () => {
  const fixtures = fixtureFiles();
  const corpusTemplates: Template[] = fixtures.filter((f) => f.dialect === 'irule').map(({ name, text }) => ({ name, text }));
  const inputs = [
    ...fixtures,
    ...docExamples(),
    ...generateCorpus(7, corpusTemplates, 120_000).map((text, i) => ({ name: `corpus#${i}`, text, dialect: 'irule' as Dialect })),
  ];

  it('has inputs from fixtures, rule docs and the corpus generator', () => {
    expect(fixtures.length).toBeGreaterThan(50);
    expect(inputs.length - fixtures.length).toBeGreaterThan(60);
  });

  it.each(OPTION_SETS.map((o) => [JSON.stringify(o), o] as const))('keeps trees and findings, and is idempotent, with %s', (_, options) => {
    let changed = 0;
    for (const { name, text, dialect } of inputs) {
      const once = format(text, options, dialect);
      if (once !== text) changed++;
      expect(meaning(once, dialect), name).toEqual(meaning(text, dialect));
      expect(format(once, options, dialect), `${name} (second pass)`).toBe(once);
    }
    // Not a vacuous pass: most inputs are re-indented under some option set.
    expect(changed).toBeGreaterThan(inputs.length / 4);
  });
});

const optionsArb = fc.record({
  tabSize: fc.integer({ min: 1, max: 8 }),
  insertSpaces: fc.boolean(),
  trimTrailingWhitespace: fc.boolean(),
  insertFinalNewline: fc.boolean(),
  trimFinalNewlines: fc.boolean(),
});

describe('formatting random texts', () => {
  it.each(['irule', 'tcl'] as const)('keeps the tree of random %s texts, and is idempotent', (dialect) => {
    fc.assert(
      fc.property(anyText, optionsArb, (text, options) => {
        const once = format(text, options, dialect);
        expect(printAst(parse(once, { dialect }).ast)).toBe(printAst(parse(text, { dialect }).ast));
        expect(format(once, options, dialect)).toBe(once);
      }),
      { numRuns: 600, seed: 9, endOnFailure: !!process.env.NOSHRINK },
    );
  });
});

/** What tclsh prints running `script` (errors included, as text). */
function tclRun(script: string): string {
  return execFileSync('tclsh', [], { input: `if {[catch {\n${script}\n} err]} { puts "ERROR: $err" }\n`, encoding: 'utf8' });
}

describe('tclsh computes the same before and after formatting', () => {
  const scripts = [
    // Bodies, comments and switch lists re-indented; strings and data must keep their blanks.
    'proc f {x} {\n        set s "a\n   b"\n  # c \\\n  puts "continued comment"\n     switch -glob -- $x {\n  a* {\n return "A:$s"\n }\n      # {\n return hash }\n  default {\n    return [list {  data  } $x]\n }\n }\n}\nputs [f abc]\nputs [f #]\nputs [f zz]',
    'set total 0\nforeach {k v} {a 1\n      b 2\n  c 3} {\n        incr total $v\n   if {$v > 1} {\n  append out "$k\\\n      =$v;"\n   }\n}\nputs "$total $out"',
    'proc g {} {\n  return [string map {\n      x y\n  } "x\n    x"]\n}\nputs [g]\nputs [info args g]',
  ];
  it.each(scripts.map((s, i) => [i, s] as const))('script %i', (_, script) => {
    const formatted = format(script, { tabSize: 3, insertSpaces: false, trimTrailingWhitespace: true }, 'tcl');
    expect(formatted).not.toBe(script);
    expect(tclRun(formatted)).toBe(tclRun(script));
  });
});

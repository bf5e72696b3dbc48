/**
 * Checks the Tcl parser oracle itself (test/oracle): the C extension reports what Tcl's
 * Tcl_ParseCommand does, with UTF-16 offsets, and the driver streams many scripts quickly.
 * Needs tclsh 8.6 + tcl8.6-dev + gcc; set IRULE_LINT_NO_TCL=1 to skip locally.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tclSkipped } from '../oracle/build.js';
import { TclOracle } from '../oracle/driver.js';
import type { TclAnswer, TclCommand } from '../oracle/types.js';

const suite = tclSkipped ? describe.skip : describe;

/** Only the commands that have words, as `[start, end, wordTexts]`. */
function shape(script: string, answer: TclAnswer): [number, number, string[]][] {
  return answer.parse.commands
    .filter((c: TclCommand) => c.words.length > 0)
    .map((c) => [c.start, c.end, c.words.map((w) => script.slice(w.start, w.end))]);
}

suite('Tcl parser oracle', () => {
  let tcl: TclOracle;
  beforeAll(async () => {
    tcl = await TclOracle.start();
  });
  afterAll(async () => {
    await tcl?.close();
  });

  it('reports commands, words and the terminator-inclusive command size', async () => {
    const script = 'set a b; puts "x$y"\nfoo {a b} [x [y]]';
    const answer = await tcl.ask(script);
    expect(answer.complete).toBe(true);
    expect(answer.parse.error).toBeNull();
    expect(shape(script, answer)).toEqual([
      [0, 8, ['set', 'a', 'b']],
      [9, 20, ['puts', '"x$y"']],
      [20, 37, ['foo', '{a b}', '[x [y]]']],
    ]);
    const puts = answer.parse.commands[1].words[1];
    expect(puts).toMatchObject({ kind: 'word', delim: 'quote' });
    expect(puts.literal).toBeUndefined();
    expect(puts.parts).toEqual([
      { type: 'text', start: 15, end: 16 },
      { type: 'var', start: 16, end: 18, name: [17, 18] },
    ]);
    const subst = answer.parse.commands[2].words[2].parts[0];
    expect(subst.type).toBe('cmd');
    expect(subst.commands?.map((c) => c.words.map((w) => script.slice(w.start, w.end)))).toEqual([['x', '[y]']]);
  });

  it('reports variable names and index tokens', async () => {
    const script = 'x $a($i,\\n) ${b c}';
    const [, arr, braced] = (await tcl.ask(script)).parse.commands[0].words;
    expect(arr.parts).toEqual([
      {
        type: 'var',
        start: 2,
        end: 11,
        name: [3, 4],
        index: [
          { type: 'var', start: 5, end: 7, name: [6, 7] },
          { type: 'text', start: 7, end: 8 },
          { type: 'bs', start: 8, end: 10, value: '\n' },
        ],
      },
    ]);
    expect(braced.parts).toEqual([{ type: 'var', start: 12, end: 18, name: [14, 17] }]);
  });

  it('gives literal values for words of text and backslash sequences', async () => {
    const script = 'x \\x41\\u00e9\\101\\n\\\\ "a\\"b" {a\\\n   b} {\\{}';
    const answer = await tcl.ask(script);
    expect(answer.parse.commands[0].words.map((w) => w.literal)).toEqual(['x', 'AéA\n\\', 'a"b', 'a b', '\\{']);
    expect(answer.parse.commands[0].words.map((w) => w.kind)).toEqual(['simple', 'word', 'word', 'word', 'simple']);
  });

  it('splits the comment block into single comments, honouring backslash-newline', async () => {
    const script = '# one\n  # two \\\n still two\n\n#three\nset x 1';
    const answer = await tcl.ask(script);
    const cmd = answer.parse.commands[0];
    expect(cmd.comments.map(([s, e]) => script.slice(s, e))).toEqual(['# one', '# two \\\n still two', '#three']);
    expect(script.slice(cmd.words[0].start)).toBe('set x 1');
  });

  it('keeps a trailing comment on a command with no words', async () => {
    const answer = await tcl.ask('set x 1\n# end');
    expect(answer.parse.commands.map((c) => c.words.length)).toEqual([3, 0]);
    expect(answer.parse.commands[1].comments).toEqual([[8, 13]]);
  });

  it('reports {*} as an expand word covering the prefix', async () => {
    const answer = await tcl.ask('list {*}$l {*} {*}{a {b}c}');
    const words = answer.parse.commands[0].words;
    expect(words.map((w) => [w.start, w.end, w.kind, w.delim])).toEqual([
      [0, 4, 'simple', 'none'],
      [5, 10, 'expand', 'none'],
      [11, 14, 'simple', 'brace'],
      [15, 26, 'expand', 'brace'],
    ]);
    expect(words[3].literal).toBe('a {b}c');
  });

  it('shows Tcl 8.6 expanding a plain literal list after {*} at parse time', async () => {
    // Tcl_ParseCommand replaces `{*}{a b}` by one simple word per element (none for `{*}{}`),
    // so the comparison must accept several Tcl words inside one of our ExpandWords.
    const script = 'list {*}{a b} {*}{} {*}"c"';
    const answer = await tcl.ask(script);
    expect(answer.parse.commands[0].words.map((w) => [script.slice(w.start, w.end), w.kind])).toEqual([
      ['list', 'simple'],
      ['a', 'simple'],
      ['b', 'simple'],
      ['c', 'simple'],
    ]);
  });

  it.each([
    ['set x {abc', 'missing close-brace', 'MISSING_BRACE', 6, false],
    ['set x [foo', 'missing close-bracket', 'MISSING_BRACKET', 6, false],
    ['set x "foo', 'missing "', 'MISSING_QUOTE', 6, false],
    ['set x ${foo', 'missing close-brace for variable name', 'MISSING_VAR_BRACE', 7, false],
    ['set x $a(b', 'missing )', 'MISSING_PAREN', 8, false],
    ['set x {a}b', 'extra characters after close-brace', 'BRACE_EXTRA', 9, true],
    ['set x "a"b', 'extra characters after close-quote', 'QUOTE_EXTRA', 9, true],
    ['if {1}{log x}', 'extra characters after close-brace', 'BRACE_EXTRA', 6, true],
  ])('reports the parse error in %j', async (script, message, type, term, complete) => {
    const answer = await tcl.ask(script);
    expect(answer.parse.error).toMatchObject({ message, type, term, incomplete: !complete });
    expect(answer.complete).toBe(complete);
  });

  it('reports a trailing backslash-newline as incomplete without an error', async () => {
    for (const script of ['set x a\\\n', '# c \\\n', 'set x \\\n']) {
      const answer = await tcl.ask(script);
      expect(answer).toMatchObject({ complete: false, parse: { error: null, incomplete: true } });
    }
    expect((await tcl.ask('set x a\\\nb')).parse.incomplete).toBe(false);
  });

  it('keeps the commands parsed before an error', async () => {
    const answer = await tcl.ask('a\nb {x}y\nc');
    expect(answer.parse.commands.map((c) => c.words.length)).toEqual([1]);
    expect(answer.parse.error?.term).toBe(7);
  });

  it('converts byte offsets to UTF-16 offsets', async () => {
    const script = 'é 😀 {x} "\u00e9\u4e2d" \\u00e9';
    const answer = await tcl.ask(script);
    const words = answer.parse.commands[0].words;
    expect(words.map((w) => script.slice(w.start, w.end))).toEqual(['é', '😀', '{x}', '"é中"', '\\u00e9']);
    expect(words.map((w) => w.literal)).toEqual(['é', '😀', 'x', 'é中', 'é']);
  });

  it('answers a thousand scripts in well under a few seconds', async () => {
    const scripts = Array.from({ length: 1000 }, (_, i) => `set v${i} [expr {$i + ${i}}]; # ${'x'.repeat(i % 50)}`);
    const t0 = Date.now();
    const answers = await tcl.askAll(scripts);
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(answers.every((a) => a.complete && a.parse.error === null)).toBe(true);
    expect(answers[999].parse.commands[0].words[1].literal).toBe('v999');
  });
});

/**
 * The parser's run-time shortcuts (table-driven statement, part and operand loops, one-token
 * words: parser.ts) must build exactly what its Chevrotain DSL builds alone: the same tree and the
 * same problems, on every fixture, on snippets for each construct, and on generated and random text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EmbeddedActionsParser } from 'chevrotain';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parse, parseExpressionText } from '../../src/syntax/index.js';
import { setParserShortcuts } from '../../src/syntax/parser.js';
import { fixtureFiles, onGeneratedScripts, onRandomText, repoRoot as root } from './inputs.js';

/** Parses `text` with and without the shortcuts, as a script and as an expression, in both dialects. */
function same(text: string): void {
  for (const dialect of ['irule', 'tcl'] as const) {
    for (const how of [parse, parseExpressionText]) {
      setParserShortcuts(true);
      const fast = how(text, { dialect });
      setParserShortcuts(false);
      const dsl = how(text, { dialect });
      setParserShortcuts(true);
      expect(fast, `${how.name} ${dialect}: ${JSON.stringify(text)}`).toEqual(dsl);
    }
  }
}

describe('parser shortcuts build what the DSL alone builds', () => {
  afterEach(() => setParserShortcuts(true));

  it('the switch changes the path: the DSL alone makes more OR calls', () => {
    // Without this the comparisons below could be comparing one path with itself.
    let owner: object | null = EmbeddedActionsParser.prototype;
    while (owner && !Object.prototype.hasOwnProperty.call(owner, 'OR')) owner = Object.getPrototypeOf(owner);
    const or = vi.spyOn(owner as { OR: () => unknown }, 'OR');
    const text = 'when HTTP_REQUEST {\n  set a $b\n  log local0. "x $a"\n}\n';
    parse(text, { dialect: 'irule' });
    const withShortcuts = or.mock.calls.length;
    setParserShortcuts(false);
    parse(text, { dialect: 'irule' });
    const dslAlone = or.mock.calls.length - withShortcuts;
    or.mockRestore();
    expect(dslAlone).toBeGreaterThan(withShortcuts);
  });

  it.each(fixtureFiles().map((f) => [f.slice(root.length)]))('on %s', (file) => {
    same(readFileSync(join(root, file), 'utf8'));
  });

  it.each([
    ['one-token words', 'set a b; puts $x {braced} "quoted" ""\nlog local0. x'],
    ['mixed words', 'puts a$b "a $b [c]" x[y]z ${v}w $a(1) $a($b) \\t\\n "x"y {a}{b} {*}{a b} {*}'],
    ['separators and comments', '# c\n\n;;set a 1 ;# d\n  # e \\\n f\r\nx # not\n'],
    ['continuation lines (irule)', 'if {$a} {\n  x\n}\nelse {\n  y\n}\nwhen E\n{\n  z\n}'],
    ['nested substitutions', 'set x [a [b $c([d])] "[e]"] ]'],
    ['unclosed', 'puts "a [b\nset {x\n$a(1'],
    ['expressions', 'if {$a + 1 * 2 ** 3 ** 2 > 4 && !($b eq "x") || [f] ? 1 : {s}} {}'],
    ['expression operands', 'expr {-1 + ~$a + 0x1F + 1.5e3 + "q$v" + ${w} + $a($i) + int(2.5) + max(1, 2) + true}'],
    ['bad expressions', 'expr {$a +} ; expr {foo} ; expr {(1} ; expr {1 2}'],
  ])('on %s', (_name, text) => {
    same(text);
  });

  it('on generated scripts and their mutations', () => {
    onGeneratedScripts(same);
  });

  it('on random text', () => {
    onRandomText(' \t\n\r\\{}[]()"$;#*&|<>=!x1._eq?:,', same);
  });
});

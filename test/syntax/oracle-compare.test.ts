/**
 * Checks that the oracle comparison (test/oracle/compare.ts) notices disagreements: our real
 * parse of a script is tampered with in one place and the comparison must report it. Without
 * this, a comparison that silently compared nothing would make the oracle tests pass vacuously.
 * Needs tclsh 8.6 + tcl8.6-dev + gcc; set IRULE_LINT_NO_TCL=1 to skip locally.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Command, Word } from '../../src/syntax/ast.js';
import { parse } from '../../src/syntax/index.js';
import { tclSkipped } from '../oracle/build.js';
import { compareScope, directSyntaxErrors, parsedContentRanges, type OurParse } from '../oracle/compare.js';
import { TclOracle } from '../oracle/driver.js';

const suite = tclSkipped ? describe.skip : describe;

suite('oracle comparison', () => {
  let tcl: TclOracle;
  beforeAll(async () => {
    tcl = await TclOracle.start();
  });
  afterAll(async () => {
    await tcl?.close();
  });

  /** Disagreements after applying `tamper` to our tcl-dialect parse of `text`. */
  async function compare(text: string, tamper: (ours: OurParse) => void = () => {}): Promise<string[]> {
    const ours = structuredClone(parse(text, { dialect: 'tcl' })) as OurParse;
    tamper(ours);
    const answer = await tcl.ask(text);
    return compareScope(text, 'script', { start: 0, end: text.length }, ours.ast.body, answer, ours, parsedContentRanges(ours.ast));
  }
  const command = (ours: OurParse, i = 0): Command => ours.ast.body.filter((s) => s.type !== 'Comment')[i] as Command;
  const word = (ours: OurParse, c: number, w: number): Word => command(ours, c).words[w];

  it('finds no disagreement in an untouched parse', async () => {
    expect(await compare('# c\nset x {a b}; puts "$y [z]" \\x41\nlist {*}{a b} {*}$l')).toEqual([]);
  });

  it('reports a word that ends elsewhere', async () => {
    const d = await compare('set x {a b}', (o) => {
      word(o, 0, 2).range.end--;
    });
    expect(d.join()).toMatch(/word range differs/);
  });

  it('reports a wrong literal value', async () => {
    const d = await compare('set x a\\x41', (o) => {
      const w = word(o, 0, 2);
      if (w.type === 'BareWord') w.parts = [{ type: 'Text', range: w.range, value: 'aB' }];
    });
    expect(d.join()).toMatch(/literal value of "a\\\\x41" differs: Tcl "aA", ours "aB"/);
  });

  it('reports a wrong variable range inside a quoted word', async () => {
    const d = await compare('puts "a$b c"', (o) => {
      const w = word(o, 0, 1);
      const v = w.type === 'QuotedWord' ? w.parts.find((p) => p.type === 'VarRef') : undefined;
      if (v) v.range.end++;
    });
    expect(d.join()).toMatch(/word pieces differ|variable differs/);
  });

  it('reports a wrong word inside a command substitution', async () => {
    const d = await compare('set x [foo bar]', (o) => {
      const w = word(o, 0, 2);
      const sub = w.type === 'BareWord' ? w.parts[0] : undefined;
      if (sub?.type === 'CmdSubst') (sub.script.body[0] as Command).words.pop();
    });
    expect(d.join()).toMatch(/\[6-15\].*we miss Tcl's word "bar"/);
  });

  it('reports a missing command, a missing comment and a wrong command start', async () => {
    expect((await compare('a\nb', (o) => void o.ast.body.pop())).join()).toMatch(/command count differs/);
    expect((await compare('# c\nb', (o) => void o.ast.body.shift())).join()).toMatch(/comments differ/);
    expect((await compare('a b', (o) => void command(o).range.start++)).join()).toMatch(/command start differs/);
  });

  it('reports a missing close-brace diagnostic when Tcl finds the script incomplete', async () => {
    const d = await compare('set x {a', (o) => {
      o.diagnostics = [];
    });
    expect(d.join()).toMatch(/Tcl: incomplete \(missing close-brace at 6\)/);
  });

  it('reports a missing extra-characters diagnostic', async () => {
    const d = await compare('set x {a}b', (o) => {
      o.diagnostics = [];
    });
    expect(d.join()).toMatch(/Tcl: extra characters after close-brace at 9/);
  });

  it('reports a syntax error where Tcl parses cleanly', async () => {
    const d = await compare('set x 1', (o) => {
      o.diagnostics.push({ ruleId: 'syntax-error', severity: 'error', message: 'missing close-brace', range: { start: 0, end: 1 } });
    });
    expect(d.join()).toMatch(/Tcl parses it without error, we report/);
  });

  it('does not count an error inside a parsed body as a top-level error', () => {
    const text = 'if 1 {set x {a}b}';
    const ours = parse(text, { dialect: 'tcl' });
    const top = directSyntaxErrors(ours, { start: 0, end: text.length }, parsedContentRanges(ours.ast));
    expect(ours.diagnostics.some((d) => d.message.includes('extra characters after close-brace'))).toBe(true);
    expect(top).toEqual([]);
  });
});

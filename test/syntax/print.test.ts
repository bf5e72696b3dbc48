import { describe, expect, it } from 'vitest';
import type {
  BareWord,
  BracedWord,
  Command,
  Expr,
  ExprNode,
  Part,
  Script,
  Statement,
  Text,
  VarRef,
} from '../../src/syntax/ast.js';
import { MAX_INDENT, printAst } from '../../src/syntax/print.js';
import { parse } from '../../src/syntax/index.js';

// Hand-built nodes. Ranges are made up but distinct, so the range output can be checked.
const r = (start: number, end: number) => ({ start, end });
const text = (value: string, start = 0): Text => ({ type: 'Text', range: r(start, start + value.length), value });
const bare = (start: number, ...parts: Part[]): BareWord => ({
  type: 'BareWord',
  range: r(start, parts.length ? parts[parts.length - 1].range.end : start),
  parts,
});
const word = (value: string, start = 0): BareWord => bare(start, text(value, start));
const cmd = (...words: Command['words']): Command => ({ type: 'Command', range: r(0, 9), words });
const script = (...body: Statement[]): Script => ({ type: 'Script', range: r(0, 99), body });
const braced = (t: string, parsed?: BracedWord['parsed']): BracedWord => ({
  type: 'BracedWord',
  range: r(10, 12 + t.length),
  text: t,
  contentRange: r(11, 11 + t.length),
  parsed,
});
const varRef = (name: string, index?: Part[]): VarRef => ({
  type: 'VarRef',
  range: r(0, name.length + 1),
  name,
  nameRange: r(1, name.length + 1),
  braced: false,
  index,
});
const lit = (value: string, kind: 'number' | 'boolean' | 'string' = 'number'): ExprNode => ({
  type: 'ExprLiteral',
  range: r(0, value.length),
  kind,
  value,
});
const expr = (root?: ExprNode): Expr => ({ type: 'Expr', range: r(0, 5), root });

describe('printAst', () => {
  it('prints commands, words and parts one per line with indentation', () => {
    const ast = script(
      { type: 'Comment', range: r(0, 5), text: '# hi' },
      cmd(word('set'), word('x'), bare(6, text('a'), varRef('y'), { type: 'Escape', range: r(9, 11), raw: '\\n', value: '\n' })),
      cmd(bare(0, { type: 'CmdSubst', range: r(0, 5), script: script(cmd(word('clock'), word('seconds'))) })),
    );
    expect(printAst(ast)).toBe(
      [
        'Script',
        '  Comment "# hi"',
        '  Command set',
        '    BareWord "set"',
        '    BareWord "x"',
        '    BareWord',
        '      Text "a"',
        '      VarRef y',
        '      Escape "\\\\n" -> "\\n"',
        '  Command',
        '    BareWord',
        '      CmdSubst',
        '        Script',
        '          Command clock',
        '            BareWord "clock"',
        '            BareWord "seconds"',
        '',
      ].join('\n'),
    );
  });

  it('appends [start,end) ranges and braced content ranges when asked', () => {
    const ast = script(cmd(word('set', 0), braced('a b')));
    expect(printAst(ast, { ranges: true })).toBe(
      [
        'Script [0,99)',
        '  Command set [0,9)',
        '    BareWord "set" [0,3)',
        '    BracedWord "a b" [10,15) content=[11,14)',
        '',
      ].join('\n'),
    );
  });

  it('prints When and Proc with their lifted fields and body', () => {
    const body = script(cmd(word('return')));
    const ast = script(
      {
        type: 'When',
        range: r(0, 40),
        words: [word('when'), word('HTTP_REQUEST'), braced('return', body)],
        event: 'HTTP_REQUEST',
        eventRange: r(5, 17),
        priority: 100,
        timing: 'on',
        body,
      },
      {
        type: 'Proc',
        range: r(0, 40),
        words: [word('proc'), word('f'), braced('a b'), braced('return', body)],
        name: 'f',
        nameRange: r(5, 6),
        params: ['a', 'b'],
        body,
      },
      // Without a body the words are printed, so nothing is lost.
      { type: 'When', range: r(0, 9), words: [word('when')], event: '', eventRange: r(4, 4) },
    );
    expect(printAst(ast)).toBe(
      [
        'Script',
        '  When HTTP_REQUEST priority=100 timing=on',
        '    Script',
        '      Command return',
        '        BareWord "return"',
        '  Proc f params=(a b)',
        '    Script',
        '      Command return',
        '        BareWord "return"',
        '  When ""',
        '    BareWord "when"',
        '',
      ].join('\n'),
    );
  });

  it('prints expression trees with operators, calls and ternary roles', () => {
    const e = expr({
      type: 'ExprTernary',
      range: r(0, 30),
      cond: {
        type: 'ExprBinary',
        range: r(0, 10),
        op: 'eq',
        opRange: r(3, 5),
        left: varRef('x'),
        right: { type: 'ExprQuoted', range: r(6, 10), parts: [text('a b')] },
      },
      then: { type: 'ExprUnary', range: r(0, 2), op: '-', operand: lit('1') },
      else: { type: 'ExprCall', range: r(0, 8), name: 'abs', args: [lit('2'), lit('true', 'boolean')] },
    });
    expect(printAst(script(cmd(word('expr'), braced('...', e)), cmd(word('expr'), braced('', expr()))))).toBe(
      [
        'Script',
        '  Command expr',
        '    BareWord "expr"',
        '    BracedWord',
        '      Expr',
        '        ExprTernary',
        '          if: ExprBinary eq',
        '            VarRef x',
        '            ExprQuoted "a b"',
        '          then: ExprUnary -',
        '            ExprLiteral number "1"',
        '          else: ExprCall abs',
        '            ExprLiteral number "2"',
        '            ExprLiteral boolean "true"',
        '  Command expr',
        '    BareWord "expr"',
        '    BracedWord',
        '      Expr (empty)',
        '',
      ].join('\n'),
    );
  });

  it('prints lists, list items, expansion, array indexes and quoted words', () => {
    const list: BracedWord['parsed'] = {
      type: 'List',
      range: r(0, 20),
      items: [
        { type: 'ListItem', range: r(0, 3), contentRange: r(0, 3), delim: 'none', value: 'foo' },
        {
          type: 'ListItem',
          range: r(4, 12),
          contentRange: r(5, 11),
          delim: 'brace',
          value: 'return',
          parsed: script(cmd(word('return'))),
        },
      ],
    };
    const ast = script(
      cmd(
        word('switch'),
        { type: 'ExpandWord', range: r(0, 6), word: word('args', 3) },
        bare(0, varRef('arr', [text('k'), varRef('i')])),
        { ...varRef('v'), type: 'VarRef', braced: true } as unknown as BareWord, // not a word; only to reach the braced flag
        { type: 'QuotedWord', range: r(0, 2), parts: [] },
        braced('foo {return}', list),
      ),
    );
    const out = printAst(ast, { ranges: true });
    expect(out).toContain('    ExpandWord [0,6)\n      BareWord "args" [3,7)\n');
    expect(out).toContain('      VarRef arr (index) [0,4)\n        Text "k" [0,1)\n        VarRef i [0,2)\n');
    expect(out).toContain('    VarRef v braced [0,2)\n');
    expect(out).toContain('    QuotedWord "" [0,2)\n');
    expect(out).toContain(
      [
        '      List [0,20)',
        '        ListItem none "foo" [0,3) content=[0,3)',
        '        ListItem brace [4,12) content=[5,11)',
        '          Script [0,99)',
      ].join('\n'),
    );
  });

  it('quotes names that contain spaces or Tcl specials, and keeps plain names bare', () => {
    const ast = script(cmd(word('HTTP::header')), cmd(word('my cmd')), cmd(braced('x y')));
    expect(printAst(ast)).toContain('Command HTTP::header\n');
    expect(printAst(ast)).toContain('Command "my cmd"\n');
    expect(printAst(ast)).toContain('Command "x y"\n');
  });

  it('does not overflow on very deep trees', () => {
    let node: ExprNode = lit('1');
    for (let i = 0; i < 10_000; i++) node = { type: 'ExprUnary', range: r(0, 1), op: '!', operand: node };
    const out = printAst(expr(node));
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(10_002);
    // Indentation stops growing at MAX_INDENT levels; deeper lines carry their depth as a number.
    expect(lines[MAX_INDENT + 1]).toBe(`${'  '.repeat(MAX_INDENT)}<${MAX_INDENT + 1}> ExprUnary !`);
    expect(lines[lines.length - 1]).toBe(`${'  '.repeat(MAX_INDENT)}<10001> ExprLiteral number "1"`);
  });

  it('keeps the dump of a deeply nested 40 KB expression linear in its size', () => {
    const text = `set x [expr {1${'+1'.repeat(20_000)}}]\n`;
    const out = printAst(parse(text).ast, { ranges: true });
    // A chain of 20,000 binary operators is 20,000 levels deep: quadratic indentation made this 800 MB.
    expect(out.length).toBeLessThan(200 * text.length);
    for (const line of out.split('\n')) expect(line.length).toBeLessThan(200);
    expect(out).toContain(`<${MAX_INDENT + 1}> `);
  });

  it('indents shallow trees by two spaces per level, as before', () => {
    const lines = printAst(parse('if {1} {set a [list b]}').ast).split('\n');
    for (const l of lines) expect(/^( *)/.exec(l)![1].length % 2).toBe(0);
    expect(lines.some((l) => l.startsWith('      '))).toBe(true);
  });

  it('names an unknown node type instead of failing', () => {
    const odd = { type: 'Future', range: r(0, 1) } as unknown as Statement;
    expect(printAst(script(odd))).toBe('Script\n  Future (unknown node type)\n');
  });
});

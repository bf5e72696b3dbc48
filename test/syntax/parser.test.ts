import { describe, expect, it } from 'vitest';
import type { BracedWord, Command, Script, Statement, Word } from '../../src/syntax/ast.js';
import { literalValue, parse } from '../../src/syntax/index.js';

/** Compact one-line rendering of a command's words. */
function words(st: Statement): string[] {
  if (st.type === 'Comment') return [st.text];
  return st.words.map((w) => literalValue(w) ?? `<${w.type}>`);
}

function commands(script: Script): string[][] {
  return script.body.map(words);
}

function bodyOf(w: Word): Script {
  const b = w as BracedWord;
  if (b.parsed?.type !== 'Script') throw new Error('not a parsed body');
  return b.parsed;
}

describe('commands and words', () => {
  it('splits commands on newlines and semicolons', () => {
    const { ast, diagnostics } = parse('set a 1; set b 2\nputs $a', { dialect: 'tcl' });
    expect(diagnostics).toEqual([]);
    expect(commands(ast)).toEqual([['set', 'a', '1'], ['set', 'b', '2'], ['puts', '<BareWord>']]);
  });

  it('gives exact ranges for commands and words', () => {
    const src = 'set  x "a b"  ;  log {c}';
    const { ast } = parse(src);
    const [c1, c2] = ast.body as Command[];
    expect(src.slice(c1.range.start, c1.range.end)).toBe('set  x "a b"');
    expect(c1.words.map((w) => src.slice(w.range.start, w.range.end))).toEqual(['set', 'x', '"a b"']);
    expect(src.slice(c2.range.start, c2.range.end)).toBe('log {c}');
  });

  it('reads variable references of every form', () => {
    const src = 'puts $a${b c}$::x$static::y$arr($i)[x]';
    const { ast } = parse(src);
    const w = (ast.body[0] as Command).words[1];
    if (w.type !== 'BareWord') throw new Error('bare expected');
    expect(w.parts.map((p) => (p.type === 'VarRef' ? `$${p.name}${p.index ? '()' : ''}` : p.type))).toEqual([
      '$a',
      '$b c',
      '$::x',
      '$static::y',
      '$arr()',
      'CmdSubst',
    ]);
  });

  it('keeps ] as an ordinary character outside a command substitution', () => {
    expect(commands(parse('puts a]b ]x [list y]').ast)).toEqual([['puts', 'a]b', ']x', '<BareWord>']]);
    expect(commands(parse('puts [list a]]').ast)).toEqual([['puts', '<BareWord>']]);
  });

  it('folds backslash sequences into literal values', () => {
    const { ast } = parse('puts a\\tb\\x41\\101\\u00e9 "q\\"x"');
    expect(words(ast.body[0])).toEqual(['puts', 'a\tbAAé', 'q"x']);
  });

  it('treats backslash-newline as a word separator', () => {
    const { ast } = parse('log local0. \\\n    "hello"');
    expect(words(ast.body[0])).toEqual(['log', 'local0.', 'hello']);
  });

  it('keeps a # after a command on the same line as an argument, not a comment', () => {
    const { ast } = parse('log local0. hi # not a comment\n# comment\nset x 1 ;# trailing');
    expect(commands(ast)).toEqual([
      ['log', 'local0.', 'hi', '#', 'not', 'a', 'comment'],
      ['# comment'],
      ['set', 'x', '1'],
      ['# trailing'],
    ]);
  });
});

describe('irule dialect (BIG-IP parser quirks)', () => {
  const seed = 'if { [class exists dg] }\n{\n  snat automap\n}\nelse {\n  snat none\n}';

  it('continues a command when the next line starts with { and accepts else on the next line', () => {
    const { ast, diagnostics } = parse(seed);
    expect(diagnostics).toEqual([]);
    expect(ast.body).toHaveLength(1);
    expect(words(ast.body[0]).slice(0, 1)).toEqual(['if']);
    expect((ast.body[0] as Command).words).toHaveLength(5);
  });

  it('does not continue in the tcl dialect', () => {
    const { ast } = parse(seed, { dialect: 'tcl' });
    expect(ast.body.length).toBeGreaterThan(1);
  });

  it('ends a word at a closing brace or quote in irule, reports it in tcl', () => {
    expect(parse('if {1}{log x}').diagnostics).toEqual([]);
    const tcl = parse('if {1}{log x}', { dialect: 'tcl' });
    expect(tcl.diagnostics.map((d) => d.message)).toEqual(['extra characters after close-brace']);
    expect(parse('set x "a"b', { dialect: 'tcl' }).diagnostics[0].message).toBe('extra characters after close-quote');
  });

  it('reads {*} as a braced word in irule and as expansion in tcl', () => {
    expect((parse('list {*}$l').ast.body[0] as Command).words.map((w) => w.type)).toEqual(['BareWord', 'BracedWord', 'BareWord']);
    expect((parse('list {*}$l', { dialect: 'tcl' }).ast.body[0] as Command).words.map((w) => w.type)).toEqual(['BareWord', 'ExpandWord']);
  });

  it('lifts when blocks with priority and parses their bodies', () => {
    const src = 'when HTTP_REQUEST priority 200 {\n  HTTP::redirect "https://[HTTP::host]/"\n}';
    const { ast } = parse(src);
    const w = ast.body[0];
    if (w.type !== 'When') throw new Error('When expected');
    expect(w.event).toBe('HTTP_REQUEST');
    expect(w.priority).toBe(200);
    expect(w.body && commands(w.body)).toEqual([['HTTP::redirect', '<QuotedWord>']]);
    expect(src.slice(w.eventRange.start, w.eventRange.end)).toBe('HTTP_REQUEST');
  });
});

describe('nested code', () => {
  it('parses if conditions as expressions and bodies as scripts', () => {
    const src = 'if {$a eq "x" && [llength $l] > 2} { set y 1 } elseif {!$b} then { set y 2 } else { set y 3 }';
    const { ast, diagnostics } = parse(src);
    expect(diagnostics).toEqual([]);
    const cmd = ast.body[0] as Command;
    const cond = (cmd.words[1] as BracedWord).parsed;
    expect(cond?.type).toBe('Expr');
    if (cond?.type !== 'Expr' || cond.root?.type !== 'ExprBinary') throw new Error('binary expected');
    expect(cond.root.op).toBe('&&');
    expect(commands(bodyOf(cmd.words[2]))).toEqual([['set', 'y', '1']]);
    expect(commands(bodyOf(cmd.words[6]))).toEqual([['set', 'y', '2']]);
    expect(commands(bodyOf(cmd.words[8]))).toEqual([['set', 'y', '3']]);
  });

  it('parses iRule expression operators', () => {
    const src = 'if { [HTTP::uri] starts_with "/a" and not ($h contains "b" or $h ends_with ".c") } { return }';
    const { diagnostics, ast } = parse(src);
    expect(diagnostics).toEqual([]);
    const e = ((ast.body[0] as Command).words[1] as BracedWord).parsed;
    if (e?.type !== 'Expr' || e.root?.type !== 'ExprBinary') throw new Error('binary expected');
    expect(e.root.op).toBe('and');
  });

  it('parses switch pattern lists with fall-through and exact body positions', () => {
    const src = 'switch -glob -- $u {\n  "/a*" -\n  "/b*" { pool p1 }\n  default { pool p2 }\n}';
    const { ast, diagnostics } = parse(src);
    expect(diagnostics).toEqual([]);
    const list = ((ast.body[0] as Command).words[4] as BracedWord).parsed;
    if (list?.type !== 'List') throw new Error('list expected');
    expect(list.items.map((i) => i.value.trim())).toEqual(['/a*', '-', '/b*', 'pool p1', 'default', 'pool p2']);
    const body = list.items[3].parsed;
    if (body?.type !== 'Script') throw new Error('script expected');
    const c = body.body[0] as Command;
    expect(src.slice(c.range.start, c.range.end)).toBe('pool p1');
  });

  it('parses bodies of commands inside command substitutions, also within expressions', () => {
    const src = 'set x [if {$a} {list 1} else {list [while {1} {break}]}]\nif {[catch {foo} r]} { log $r }';
    const { ast, diagnostics } = parse(src);
    expect(diagnostics).toEqual([]);
    const bodies: string[] = [];
    const visit = (n: unknown): void => {
      if (!n || typeof n !== 'object') return;
      if (Array.isArray(n)) return n.forEach(visit);
      const o = n as Record<string, unknown>;
      if (o.type === 'BracedWord' && (o.parsed as { type?: string } | undefined)?.type === 'Script') bodies.push((o.text as string).trim());
      for (const k of Object.keys(o)) if (k !== 'range') visit(o[k]);
    };
    visit(ast);
    expect(bodies.sort()).toEqual(['break', 'foo', 'list 1', 'list [while {1} {break}]', 'log $r'].sort());
  });

  it('parses foreach, for, while, catch and proc bodies', () => {
    const src = [
      'proc p {a {b 2}} { return $a }',
      'foreach {k v} $l { log $k }',
      'for {set i 0} {$i < 3} {incr i} { log $i }',
      'while {$x} { break }',
      'catch { error x } r',
    ].join('\n');
    const { ast, diagnostics } = parse(src);
    expect(diagnostics).toEqual([]);
    const p = ast.body[0];
    if (p.type !== 'Proc') throw new Error('Proc expected');
    expect(p.name).toBe('p');
    expect(p.params).toEqual(['a', 'b']);
    expect(commands(p.body!)).toEqual([['return', '<BareWord>']]);
    const f = ast.body[2] as Command;
    expect(f.words.map((w) => (w as BracedWord).parsed?.type)).toEqual([undefined, 'Script', 'Expr', 'Script', 'Script']);
  });
});

describe('errors and recovery', () => {
  it('reports an unclosed brace at the opener and keeps later blocks', () => {
    const src = 'when A {\n  if {1} {\n    log x\n\n}\nwhen B {\n  log y\n}\n';
    const { ast, diagnostics } = parse(src);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toMatch(/^missing close-brace/);
    expect(diagnostics[0].range.start).toBe(src.indexOf('{\n    log'));
    expect(ast.body.map((s) => s.type)).toEqual(['When', 'When']);
  });

  it('reports unclosed quotes and brackets at the opener', () => {
    const q = parse('set x "abc\nset y 1');
    expect(q.diagnostics[0].message).toMatch(/^missing close-quote/);
    expect(q.diagnostics[0].range.start).toBe(6);
    const b = parse('set x [foo\nset y 1');
    expect(b.diagnostics[0].message).toMatch(/^missing close-bracket/);
    expect(b.diagnostics[0].range.start).toBe(6);
  });

  it('does not take a brace closed outside a body as closed inside it', () => {
    // The switch body "{" is a quoted list element; as a script it is an unclosed brace.
    const src = 'switch -- $x { a "{" b "}" }';
    const { diagnostics } = parse(src, { dialect: 'tcl' });
    expect(diagnostics.filter((d) => d.severity === 'error').map((d) => [d.range.start, d.message.split(':')[0]])).toEqual([
      [src.indexOf('"{"') + 1, 'missing close-brace'],
    ]);
  });

  it('reports several errors in one file', () => {
    const src = 'when A {\n  set x "abc\n}\nwhen B {\n  set y [foo\n}\n';
    expect(parse(src).diagnostics.length).toBeGreaterThanOrEqual(2);
  });

  it('survives 10,000 levels of nesting with a diagnostic', () => {
    for (const [open, close] of [['{', '}'], ['[', ']'], ['if {1} {', '}']] as const) {
      const src = open.repeat(10000) + 'x' + close.repeat(10000);
      const r = parse(src);
      expect(r.ast.type).toBe('Script');
      expect(r.diagnostics.some((d) => /nesting/.test(d.message)) || open === '{').toBe(true);
    }
    const e = parse(`expr {${'('.repeat(10000)}1${')'.repeat(10000)}}`);
    expect(e.diagnostics.some((d) => /nested deeper/.test(d.message))).toBe(true);
  });

  it('never throws on arbitrary input', () => {
    const alphabet = ['{', '}', '[', ']', '"', '\\', '$', '(', ')', ';', '\n', ' ', '#', 'a', 'if', 'when', 'x', '\r\n'];
    let seed = 7;
    for (let n = 0; n < 300; n++) {
      let s = '';
      for (let i = 0; i < 60; i++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        s += alphabet[seed % alphabet.length];
      }
      expect(() => parse(s)).not.toThrow();
      expect(() => parse(s, { dialect: 'tcl' })).not.toThrow();
    }
  });
});

describe('expressions', () => {
  it.each([
    '$a equals "x"',
    '$a eq "x"',
    '($h ends_with ".c") and not ($h equals "b")',
    '$x ne $y',
    '[HTTP::host] matches_glob "*.example.com"',
    '$u matches_regex {^/a}',
    '$i in $l',
    '$n ni $l',
    '$a contains $b or $a starts_with $b',
    '-$a ** 2 + abs($b) * 3 % 2 << 1 >= 4 ? 1 : 0',
    '!$x && ~$y | 1 ^ 2 & 3',
    '{abc} == "abc" && true',
  ])('parses %s', (e) => {
    const { diagnostics, ast } = parse(`expr {${e}}`);
    expect(diagnostics).toEqual([]);
    const x = ((ast.body[0] as Command).words[1] as BracedWord).parsed;
    expect(x?.type === 'Expr' && x.root !== undefined).toBe(true);
  });

  it('uses Tcl precedence and keeps operator names', () => {
    const { ast } = parse('expr {$a || $b && $c equals "x"}');
    const x = ((ast.body[0] as Command).words[1] as BracedWord).parsed;
    if (x?.type !== 'Expr' || x.root?.type !== 'ExprBinary') throw new Error('binary expected');
    expect(x.root.op).toBe('||');
    expect(x.root.right.type === 'ExprBinary' && x.root.right.op).toBe('&&');
  });

  it.each([
    ['1 + 2 * 3 - 4', '((1 + (2 * 3)) - 4)'],
    ['2 ** 3 ** 2', '(2 ** (3 ** 2))'],
    ['-2 ** 2', '((-2) ** 2)'],
    ['$a < 1 == $b > 2 && !$c || $d', '((((a < 1) == (b > 2)) && (!c)) || d)'],
    ['1 << 2 + 3 & 7 ^ 1 | 8', '((((1 << (2 + 3)) & 7) ^ 1) | 8)'],
    ['$a ? $b : $c ? 1 : 2', '(a ? b : (c ? 1 : 2))'],
  ])('applies precedence and associativity to %s', (e, tree) => {
    const { ast } = parse(`expr {${e}}`);
    const x = ((ast.body[0] as Command).words[1] as BracedWord).parsed;
    if (x?.type !== 'Expr' || !x.root) throw new Error('expr expected');
    const show = (n: import('../../src/syntax/ast.js').ExprNode): string => {
      switch (n.type) {
        case 'ExprBinary':
          return `(${show(n.left)} ${n.op} ${show(n.right)})`;
        case 'ExprUnary':
          return `(${n.op}${show(n.operand)})`;
        case 'ExprTernary':
          return `(${show(n.cond)} ? ${show(n.then)} : ${show(n.else)})`;
        case 'VarRef':
          return n.name;
        case 'ExprLiteral':
          return n.value;
        default:
          return n.type;
      }
    };
    expect(show(x.root)).toBe(tree);
  });

  it.each(['$a +', '$a $b', 'foo', '(1', '1 +* 2', ''])('reports a syntax error in %j', (e) => {
    expect(parse(`expr {${e}}`).diagnostics.length).toBeGreaterThan(0);
  });
});

describe('fast-path tokens build the same nodes as the general rules', () => {
  it('reads a whole-word $name like a bare word with one variable part', () => {
    const src = 'set a $b; set c [x $d]; set e $f\\\n';
    const { ast, diagnostics } = parse(src, { dialect: 'tcl' });
    expect(diagnostics).toEqual([]);
    const w = (ast.body[0] as Command).words[2];
    expect(w).toEqual({
      type: 'BareWord',
      range: { start: 6, end: 8 },
      parts: [{ type: 'VarRef', range: { start: 6, end: 8 }, name: 'b', nameRange: { start: 7, end: 8 }, braced: false }],
    });
    const sub = (ast.body[1] as Command).words[2];
    expect(sub.type).toBe('BareWord');
    const inner = (sub as { parts: { script: Script }[] }).parts[0].script.body[0] as Command;
    expect(inner.words[1]).toMatchObject({ type: 'BareWord', parts: [{ type: 'VarRef', name: 'd' }] });
    // Followed by a backslash: not a whole word, the general rule reads `$f` then the escape.
    expect((ast.body[2] as Command).words[2]).toMatchObject({ type: 'BareWord', parts: [{ type: 'VarRef', name: 'f' }] });
  });

  it('reads a "..." operand without substitutions like a quoted operand', () => {
    const src = 'expr {$a eq "x y" || $a eq ""}';
    const { ast, diagnostics } = parse(src);
    expect(diagnostics).toEqual([]);
    const e = ((ast.body[0] as Command).words[1] as BracedWord).parsed as { root: unknown };
    expect(e.root).toMatchObject({
      type: 'ExprBinary',
      left: { right: { type: 'ExprQuoted', range: { start: 12, end: 17 }, parts: [{ type: 'Text', range: { start: 13, end: 16 }, value: 'x y' }] } },
      right: { right: { type: 'ExprQuoted', range: { start: 27, end: 29 }, parts: [] } },
    });
  });
});

describe('rule wrapper (bigip.conf / tmsh export form)', () => {
  const RULE = '    when HTTP_REQUEST {\n        pool web\n    }\n';

  it('parses the content of ltm rule NAME { ... } as the rule, with offsets in the file', () => {
    const src = `# exported with tmsh\nltm rule /Common/web {\n${RULE}}\n`;
    const { ast, diagnostics } = parse(src);
    expect(diagnostics).toEqual([]);
    expect(ast.wrapper).toEqual({ name: '/Common/web', range: { start: src.indexOf('ltm'), end: src.indexOf('{\n    when') } });
    expect(ast.body.map((s) => s.type)).toEqual(['Comment', 'When']);
    const when = ast.body[1];
    expect(src.slice(when.range.start, when.range.end)).toBe('when HTTP_REQUEST {\n        pool web\n    }');
  });

  it('parses the v9/v10 form rule NAME { ... } too', () => {
    const { ast } = parse(`rule web {\n${RULE}}\n`);
    expect(ast.wrapper?.name).toBe('web');
    expect(ast.body.map((s) => s.type)).toEqual(['When']);
  });

  it('leaves other files alone: two wrappers, a wrapper next to commands, plain Tcl, wrong shapes', () => {
    for (const src of [
      `rule a {\n${RULE}}\nrule b {\n${RULE}}\n`,
      `rule a {\n${RULE}}\nset x 1\n`,
      `rule a extra {\n${RULE}}\n`,
      `ltm pool a {\n${RULE}}\n`,
      `rule a "when HTTP_REQUEST {}"\n`,
    ]) {
      const { ast } = parse(src);
      expect(ast.wrapper, src).toBeUndefined();
      expect(ast.body.every((s) => s.type !== 'When'), src).toBe(true);
    }
    expect(parse(`rule a {\n${RULE}}\n`, { dialect: 'tcl' }).ast.wrapper).toBeUndefined();
  });

  it('reports problems inside the wrapper where they are', () => {
    const src = `ltm rule r {\nwhen HTTP_REQUEST {\n  set a "x\n}\n}\n`;
    const { diagnostics } = parse(src);
    expect(diagnostics.map((d) => [d.message.split(':')[0], d.range.start])).toContainEqual(['missing close-quote', src.indexOf('"x')]);
  });
});

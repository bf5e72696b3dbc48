/**
 * fast-check generators of Tcl scripts for the parser oracle tests: realistic iRule-shaped code
 * and the nasty corners of the Tcl syntax (Tcl(n) rules [1]–[12]): every backslash sequence,
 * every variable form, nested command substitution with `]` inside braces, comments in odd
 * places, `{*}`, words glued to a closing brace or quote, and mutations that unbalance a script.
 *
 * Every generator takes a `depth` so nesting stays bounded; strings are plain JS strings
 * (mostly ASCII, with a few non-ASCII characters to exercise offset conversion).
 */
import fc from 'fast-check';

type Arb = fc.Arbitrary<string>;

const join = (parts: string[]): string => parts.join('');

/** Generators recurse on depth; building them eagerly for every call would be exponential. */
const memo = new Map<string, Arb>();
function cached(key: string, make: () => Arb): Arb {
  let arb = memo.get(key);
  if (!arb) {
    arb = make();
    memo.set(key, arb);
  }
  return arb;
}
const w = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });

/** Characters that are plain text in every context. */
const plainChar = fc.constantFrom(
  ...'abcdefghijklmnopqrstuvwxyzABCXYZ0123456789_.:/=-+*%,@!?<>&|~^'.split(''),
  'é',
  '中',
  '😀',
);

/** A short run of plain text. */
const plainText: Arb = fc.array(plainChar, { minLength: 1, maxLength: 6 }).map(join);

/** A command name: realistic Tcl and iRule commands plus random identifiers. */
const commandName: Arb = fc.oneof(
  w(3, fc.constantFrom('set', 'puts', 'log', 'list', 'expr', 'string', 'append', 'lappend', 'incr', 'return', 'pool', 'drop', 'HTTP::header', 'HTTP::respond', 'TCP::collect', 'class', 'regexp', 'after', 'catch', 'info')),
  w(1, fc.stringMatching(/^[a-z][a-z0-9_:]{0,8}$/)),
);

/** A variable name for `$name` (no braces needed). */
const varName: Arb = fc.oneof(
  w(4, fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,6}$/)),
  w(1, fc.constantFrom('::x', '::ns::x', 'static::y', 'a::b::c', 'ns:::x', '::', 'x:', 'a:b')),
);

/** Every kind of backslash sequence, valid or odd (see `bmpOnly` for `\U`). */
export const escape: Arb = fc.oneof(
  w(3, fc.constantFrom('\\n', '\\t', '\\\\', '\\"', '\\{', '\\}', '\\[', '\\]', '\\$', '\\;', '\\ ', '\\#')),
  w(2, fc.constantFrom('\\a', '\\b', '\\f', '\\r', '\\v', '\\0', '\\q', '\\é')),
  w(2, fc.constantFrom('\\x41', '\\x4', '\\x', '\\xZ', '\\x414', '\\x0a', '\\xff')),
  w(2, fc.constantFrom('\\u00e9', '\\u4e2d', '\\u41', '\\u', '\\uZ', '\\u00e9f', '\\U000000e9', '\\U41', '\\U')),
  w(2, fc.constantFrom('\\101', '\\7', '\\77', '\\777', '\\400', '\\1018', '\\8')),
  w(2, fc.constantFrom('\\\n', '\\\n  ', '\\\n\t x', '\\\r\n')),
);

/** `$...` in all its forms, including a lone `$`. */
function variable(depth: number): Arb {
  return cached(`variable:${depth}`, () => {
    const index: Arb = fc.oneof(
      w(3, plainText),
      w(1, fc.constant('')),
      w(2, varName.map((n) => `$${n}`)),
      w(1, escape.filter((e) => !e.startsWith('\\\n'))),
      ...(depth > 0 ? [w(1, cmdSubst(depth - 1))] : []),
      w(1, fc.constantFrom('a b', 'x,y', '$i,$j', '{k}', '"q"')),
    );
    return fc.oneof(
      w(4, varName.map((n) => `$${n}`)),
      w(2, fc.constantFrom('${name with spaces}', '${a}', '${}', '${a$b}', '${a[b]}', '${::x}', '${x(y)}', '${a\\}')),
      w(3, fc.tuple(fc.stringMatching(/^[a-z][a-z0-9]{0,4}$/), fc.array(index, { minLength: 1, maxLength: 2 })).map(([n, i]) => `$${n}(${i.join('')})`)),
      w(1, fc.constantFrom('$', '$ ', '$$', '$-', '$(x)', '$::(a)', '$a(', '$a(b', '${a')),
    );
  });
}

/** `[script]`, possibly nested, possibly with `]` inside braces or quotes. */
function cmdSubst(depth: number): Arb {
  return cached(`cmdSubst:${depth}`, () => {
    return fc.oneof(
      w(3, script(depth, { inBrackets: true }).map((s) => `[${s}]`)),
      w(1, fc.constantFrom('[]', '[ ]', '[foo {]}]', '[foo "]"]', '[foo \\]]', '[a [b [c]]]', '[set x {[}]', '[list ]]')),
    );
  });
}

/** A run inside a bare word. */
function barePiece(depth: number): Arb {
  return cached(`barePiece:${depth}`, () => {
    return fc.oneof(
      w(6, plainText),
      w(3, escape),
      w(3, variable(depth)),
      ...(depth > 0 ? [w(2, cmdSubst(depth - 1))] : []),
      w(1, fc.constantFrom('"', '}', '{', '#', 'a"b', 'x{y}', ']')),
    );
  });
}

/** An unquoted word (it must not start with `{` or `"`, or it would be another kind). */
function bareWord(depth: number): Arb {
  return cached(`bareWord:${depth}`, () => {
    return fc
      .array(barePiece(depth), { minLength: 1, maxLength: 4 })
      .map(join)
      .filter((s) => s.length > 0 && s[0] !== '{' && s[0] !== '"' && !/^\\\r?\n/.test(s));
  });
}

/** A `"..."` word. */
function quotedWord(depth: number): Arb {
  return cached(`quotedWord:${depth}`, () => {
    const piece = fc.oneof(
      w(6, plainText),
      w(3, fc.constantFrom(' ', '  ', '\t', '\n', ';', '{', '}', '{a}', '}{', '#', '# x', ']')),
      w(3, escape),
      w(3, variable(depth)),
      ...(depth > 0 ? [w(2, cmdSubst(depth - 1))] : []),
    );
    return fc.array(piece, { maxLength: 5 }).map((p) => `"${p.join('')}"`);
  });
}

/** Balanced brace content (nested braces, escaped braces, quotes, brackets, newlines). */
function braceContent(depth: number): Arb {
  return cached(`braceContent:${depth}`, () => {
    const piece: Arb = fc.oneof(
      w(6, plainText),
      w(4, fc.constantFrom(' ', '\n', '\t', ';', '"', '"a b"', '[', ']', '$x', '[cmd]', '#', '# c\n', '\\{', '\\}', '\\\\', '\\"', '\\')),
      w(2, fc.constantFrom('\\\n', '\\\n   ', '\\\\\n', '\\\\\\\n ')),
      w(2, escape),
      ...(depth > 0 ? [w(3, braceContent(depth - 1).map((c) => `{${c}}`))] : []),
    );
    return fc
      .array(piece, { maxLength: 6 })
      .map(join)
      .map((s) => (s.endsWith('\\') && !s.endsWith('\\\\') ? `${s}x` : s));
  });
}

/** A `{...}` word. */
function bracedWord(depth: number): Arb {
  return cached(`bracedWord:${depth}`, () => {
    return braceContent(depth).map((c) => `{${c}}`);
  });
}

/** Any word, optionally with `{*}` in front. */
export function word(depth: number): Arb {
  return cached(`word:${depth}`, () => {
    const plain = fc.oneof(w(5, bareWord(depth)), w(3, quotedWord(depth)), w(3, bracedWord(depth)));
    return fc.oneof(
      w(12, plain),
      w(1, plain.map((x) => `{*}${x}`)),
      w(1, fc.constantFrom('{*}', '{*}{}', '{*}{a b}', '{*}$l', '{*}[list a b]', '{*}"a b"', '{**}x', '{*}{*}x')),
    );
  });
}

/** Spacing between words. */
const wordSep: Arb = fc.oneof(w(10, fc.constant(' ')), w(1, fc.constantFrom('  ', '\t', ' \\\n  ', '\\\n', ' \r', '\f', '\v')));

/** Spacing before a command. */
const lead: Arb = fc.oneof(w(6, fc.constant('')), w(2, fc.constantFrom('  ', '\t', ' \\\n ')));

/** A command: words separated by spacing. */
export function command(depth: number): Arb {
  return cached(`command:${depth}`, () => {
    return fc
      .tuple(lead, commandName, fc.array(fc.tuple(wordSep, word(depth)), { maxLength: 4 }), fc.constantFrom('', '', ' ', '\t'))
      .map(([l, name, rest, trail]) => l + name + rest.map(([s, x]) => s + x).join('') + trail);
  });
}

/** A comment at command start (braces, quotes and backslash-newline included). */
export const comment: Arb = fc
  .tuple(
    fc.constantFrom('', '  ', '\t'),
    fc.array(fc.oneof(w(5, plainText), w(3, fc.constantFrom(' ', '{', '}', '"', '[', ']', ';', '$x', '\\', '\\\n', '\\\n  ', '\\\\', '\\{', '#'))), { maxLength: 6 }),
  )
  .map(([l, p]) => `${l}#${p.join('')}`.replace(/\\$/, '\\\\'));

/** Realistic iRule-shaped commands (bodies are braced scripts, conditions braced exprs). */
function realistic(depth: number, clean = false): Arb {
  return cached(`realistic:${depth}:${clean}`, () => {
    const body = depth === 0 ? fc.constant('log local0. "x"') : clean ? cleanScript(depth - 1) : script(depth - 1, {});
    const cond = fc.constantFrom('{$x eq "a"}', '{[HTTP::uri] starts_with "/api"}', '{$n > 3 && $m}', '{![info exists x]}', '1', '{[string match -nocase "*.gif" $p]}');
    return fc.oneof(
      fc.tuple(fc.constantFrom('HTTP_REQUEST', 'CLIENT_ACCEPTED', 'RULE_INIT'), body).map(([e, b]) => `when ${e} {\n${b}\n}`),
      fc.tuple(cond, body, body).map(([c, a, b]) => `if ${c} {\n  ${a}\n} elseif {$y} {\n${b}\n} else {\n  ${b}\n}`),
      fc.tuple(cond, body).map(([c, a]) => `if ${c} then {${a}}`),
      fc.tuple(body, body).map(([a, b]) => `switch -glob -- [HTTP::uri] {\n  "/a*" {${a}}\n  default {\n${b}\n  }\n}`),
      body.map((b) => `foreach {k v} $pairs {\n${b}\n}`),
      body.map((b) => `proc p {a {b 1} args} {\n${b}\n}`),
      body.map((b) => `while {$i < 10} {incr i; ${b}}`),
      fc.constantFrom(
        'set static::x [class match -value [IP::client_addr] equals dg_hosts]',
        'HTTP::respond 302 Location "https://[HTTP::host][HTTP::uri]"',
        'log local0. "client [IP::client_addr]:[TCP::client_port] -> $uri"',
        'set a($i) [expr {$a($i) + 1}]',
        'set v [string map {"\\"" "" \\{ \\}} $s]',
        'regexp {^(\\d+)\\.(\\d+)$} $v -> maj min',
        'set x "{"; set y \\}',
      ),
    );
  });
}

/** How commands are separated. */
const terminator: Arb = fc.oneof(w(8, fc.constant('\n')), w(3, fc.constantFrom(';', '; ', ';\n', '\n\n', '\r\n', ' ;;  ', '\n \n')));

/** A script: commands and comments with separators. */
export function script(depth: number, opts: { inBrackets?: boolean } = {}): Arb {
  return cached(`script:${depth}:${opts.inBrackets === true}`, () => {
    const item = fc.oneof(
      w(6, command(depth)),
      w(opts.inBrackets ? 0 : 2, comment),
      w(depth > 0 && !opts.inBrackets ? 2 : 0, realistic(depth)),
    );
    return fc
      .tuple(fc.array(fc.tuple(item, terminator), { maxLength: opts.inBrackets ? 2 : 4 }), fc.option(command(depth)))
      .map(([items, last]) => items.map(([i, t]) => i + t).join('') + (last ?? ''));
  });
}

/** Characters that break balance when inserted. */
const breaker: Arb = fc.constantFrom('{', '}', '[', ']', '"', '\\', '$', ';', '\n', '#', '{*}', '"x"y', '{a}b', '${', '$a(');

/** Damages a script: truncation, deletion or insertion of a delimiter at a random spot. */
export function mutated(base: Arb): Arb {
  return fc
    .tuple(base, fc.nat(), fc.constantFrom('truncate', 'delete', 'insert', 'insert'), breaker)
    .map(([s, n, op, ins]) => {
      // Never split a surrogate pair: the oracle and our parser would both see a lone half.
      let at = s.length === 0 ? 0 : n % (s.length + 1);
      if (at > 0 && at < s.length && /[\udc00-\udfff]/.test(s[at])) at--;
      if (op === 'truncate') return s.slice(0, at);
      if (op === 'delete') {
        const len = at < s.length && /[\ud800-\udbff]/.test(s[at]) ? 2 : 1;
        return s.slice(0, at) + s.slice(at + len);
      }
      return s.slice(0, at) + ins + s.slice(at);
    });
}

/**
 * Keeps backslash sequences within U+FFFF: `\U41aaa` becomes `\U41aa_a`, and a backslash
 * before a character beyond U+FFFF is dropped. The Tcl 8.6 we run is built with TCL_UTF_MAX=3
 * and turns both into U+FFFD, a documented known difference. (Text after an escaped backslash
 * may be rewritten too; that only changes which valid script is tested.)
 */
export function bmpOnly(text: string): string {
  return text
    .replace(/\\U([0-9a-fA-F]{1,8})/g, (m, h: string) => (parseInt(h, 16) <= 0xffff ? m : `\\U${h.slice(0, 4)}_${h.slice(4)}`))
    .replace(/(^|[^\\])((?:\\\\)*)\\(?=[\ud800-\udbff])/g, '$1$2');
}

/** The main mix: mostly well-formed scripts, a good share of damaged ones. */
export function tclScript(depth = 2): Arb {
  const base = script(depth);
  return fc.oneof(w(3, base), w(2, mutated(base))).map(bmpOnly);
}

/** A clean word as people write them: names, numbers, variables, strings, calls, bodies. */
function cleanWord(depth: number): Arb {
  return cached(`cleanWord:${depth}`, () => {
    const call = depth > 0 ? cleanCommand(depth - 1).map((c) => `[${c}]`) : fc.constant('[HTTP::uri]');
    const v = fc.oneof(
      varName.map((n) => `$${n}`),
      fc.constantFrom('${host name}', '$arr(key)', '$arr($i)', '$::count', '$static::limit'),
    );
    const textRun = fc.stringMatching(/^[a-zA-Z0-9 _./:=-]{1,10}$/);
    return fc.oneof(
      w(4, fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_.:-]{0,10}$/)),
      w(2, fc.stringMatching(/^-?[0-9]{1,4}$/)),
      w(1, fc.constantFrom('-nocase', '-glob', '--', 'local0.', 'eq', '"-"')),
      w(3, v),
      w(2, call),
      w(3, fc.array(fc.oneof(w(3, textRun), w(1, v), w(1, call), w(1, fc.constantFrom('\\n', '\\"', '\\t', '\\\\'))), { maxLength: 4 }).map((p) => `"${p.join('')}"`)),
      w(2, (depth > 0 ? cleanScript(depth - 1) : fc.constant('log local0. "x"')).map((b) => (b.includes('\n') ? `{\n${b}\n}` : `{ ${b} }`))),
      w(1, fc.constantFrom('{$x > 1}', '{$a eq "b"}', '{}', '{a b c}', '{^/api/(v[0-9]+)/}')),
    );
  });
}

/** A clean command. */
function cleanCommand(depth: number): Arb {
  return cached(`cleanCommand:${depth}`, () =>
    fc
      .tuple(commandName, fc.array(cleanWord(depth), { maxLength: 4 }))
      .map(([name, words]) => [name, ...words].join(' ')),
  );
}

/** A clean script: indented commands and comments, one per line or `;`-separated. */
export function cleanScript(depth = 2): Arb {
  return cached(`cleanScript:${depth}`, () => {
    const item = fc.oneof(
      w(6, cleanCommand(depth)),
      w(1, fc.stringMatching(/^[a-zA-Z0-9 _."-]{0,20}$/).map((t) => `# ${t}`)),
      w(depth > 0 ? 2 : 0, realistic(depth, true)),
    );
    return fc
      .array(fc.tuple(fc.constantFrom('', '  ', '\t'), item, fc.constantFrom('\n', '\n', '\n', '; ', '\n\n')), { minLength: 1, maxLength: 5 })
      .map((items) => bmpOnly(items.map(([i, c, t]) => i + c + t).join('')));
  });
}

/**
 * Tcl's regular expressions (ARE, as in Tcl 8.4 `re_syntax`): our own recursive-descent parser
 * builds a syntax tree for the matcher in `re-engine.ts` (a Pike VM, so that no pattern can make a
 * match take exponential time; back references use a backtracking VM with a step budget).
 *
 * One-character atoms are tested with small JS RegExps (so `\d \w \s`, POSIX classes
 * `[[:alpha:]]` and `-nocase` use JS's Unicode tables and case folding); `\m \M \y \Y \A \Z`,
 * `^` and `$` are assertions that follow `-line`, `-linestop` and `-lineanchor` as in Tcl (only
 * `\n` separates lines); `\b` is backspace (as in ARE), `{` not followed by a digit is literal;
 * embedded options `(?i)`, `***=` literals, `-expanded` comments and white space are supported.
 *
 * Tcl's engine finds the leftmost-longest match (or leftmost-shortest when the RE prefers
 * shortest), and so does the matcher, so `regexp {a|ab} ab` gives `ab` as in Tcl. Capture groups
 * then follow a backtracking engine's preference among matches of that extent. Constructs we
 * cannot express are reported as errors instead of matching wrongly.
 */
import { Assert, compileProgram, MatchAbort, ProgramTooLarge, regexPred, runProgram, type CharPred, type Program, type RegexGuard, type ReNode } from './re-engine.js';

export { MatchAbort, type RegexGuard } from './re-engine.js';

/** Options of `regexp` / `regsub` that change compilation. */
export interface RegexOptions {
  /** `-nocase` or `(?i)`. */
  nocase?: boolean;
  /** `-expanded` or `(?x)`. */
  expanded?: boolean;
  /** `-linestop` (`.` and `[^...]` do not match newline). */
  lineStop?: boolean;
  /** `-lineanchor` (`^`/`$` match at line boundaries). */
  lineAnchor?: boolean;
  /** The string passed does not start at a beginning of line (`-start`, `-all` iterations). */
  notBol?: boolean;
}

/** A compiled pattern. */
export interface TclRegex {
  /** Number of capturing groups. */
  groups: number;
  /** Tcl's preference for the whole pattern (leftmost-shortest instead of leftmost-longest). */
  shortest: boolean;
  /** The matcher's program. */
  prog: Program;
  /** Set when the pattern is a plain string (matched with indexOf). */
  literal?: string;
}

/** A match: [start, end] per group (group 0 = whole match); -1 for groups that did not take part. */
export type RegexMatch = number[];

const PREFIX = "couldn't compile regular expression pattern: ";

/** Result of compilation: the pattern or Tcl's error message. */
export type CompileResult = TclRegex | { error: string };

const WORD = '[\\p{L}\\p{Nd}_]';
const NOT_WORD = '[^\\p{L}\\p{Nd}_]';

/** Contents (inside a class) for each POSIX class name. */
const POSIX: Record<string, string> = {
  alpha: '\\p{L}',
  upper: '\\p{Lu}',
  lower: '\\p{Ll}',
  digit: '\\p{Nd}',
  xdigit: '0-9A-Fa-f',
  alnum: '\\p{L}\\p{Nd}',
  space: '\\t\\n\\v\\f\\r\\p{Z}',
  blank: ' \\t',
  punct: '\\p{P}',
  cntrl: '\\p{Cc}\\p{Cf}',
  graph: '\\p{L}\\p{M}\\p{N}\\p{P}\\p{S}',
  print: '\\p{L}\\p{M}\\p{N}\\p{P}\\p{S}\\p{Zs}',
};

/** Named collating elements we support (the common ones). */
const COLLATING: Record<string, string> = {
  NUL: '\0',
  tab: '\t',
  newline: '\n',
  'carriage-return': '\r',
  space: ' ',
  hyphen: '-',
  'hyphen-minus': '-',
  period: '.',
  'full-stop': '.',
  slash: '/',
  solidus: '/',
  backslash: '\\',
  'reverse-solidus': '\\',
  underscore: '_',
  'low-line': '_',
  'left-square-bracket': '[',
  'right-square-bracket': ']',
  'left-curly-bracket': '{',
  'right-curly-bracket': '}',
  'circumflex-accent': '^',
  circumflex: '^',
};

class CompileError {
  constructor(readonly message: string) {}
}

/** Escapes one character for use outside a class in a `u`-mode JS regex. */
function litChar(c: string): string {
  if (/[\^$\\.*+?()[\]{}|/]/.test(c)) return '\\' + c;
  const code = c.codePointAt(0)!;
  if (code < 32 || code > 126) return `\\u{${code.toString(16)}}`;
  return c;
}

/** Escapes one character for use inside a class. */
function classChar(c: string): string {
  if (/[A-Za-z0-9 ]/.test(c)) return c;
  return `\\u{${c.codePointAt(0)!.toString(16)}}`;
}

function isHex(c: string | undefined): boolean {
  return c !== undefined && /^[0-9A-Fa-f]$/.test(c);
}

/** A parsed piece and its matching preference (Tcl re_syntax "MATCHING"). */
type Pref = 'greedy' | 'lazy' | undefined;
interface Piece {
  node: ReNode;
  pref: Pref;
}

/** Deepest parenthesis nesting parsed (deeper patterns are Tcl's "out of memory"). */
const MAX_NESTING = 1024;

const predCache = new Map<string, CharPred>();

/** A one-character test from JS class source (`a`, `[^\\n]`, `\\p{Nd}`...), cached. */
function predicate(src: string, nocase: boolean): CharPred {
  const key = (nocase ? 'i' : 'c') + src;
  let pred = predCache.get(key);
  if (pred) return pred;
  if (src === '[\\s\\S]') pred = () => true;
  else if (src === '[^\\n]') pred = (cp) => cp !== 10;
  else {
    pred = regexPred(new RegExp(`^(?:${src})$`, nocase ? 'ui' : 'u'));
  }
  if (predCache.size >= 2000) predCache.clear();
  predCache.set(key, pred);
  return pred;
}

/** A literal character node (nocase: case-insensitive through the JS class). */
function charNode(ch: string, nocase: boolean): ReNode {
  if (nocase) return { k: 'char', pred: predicate(litChar(ch), true) };
  const code = ch.codePointAt(0)!;
  return { k: 'char', pred: (cp) => cp === code, lit: ch };
}

function cat(items: ReNode[]): ReNode {
  return items.length === 1 ? items[0] : { k: 'cat', items };
}

class Translator {
  pos = 0;
  groups = 0;
  /** Lookahead nesting: groups inside are non-capturing. */
  inLookahead = 0;
  /** Parenthesis nesting. */
  depth = 0;

  constructor(
    readonly pat: string,
    readonly opts: RegexOptions,
  ) {}

  fail(what: string): never {
    throw new CompileError(PREFIX + what);
  }

  peek(k = 0): string | undefined {
    return this.pat[this.pos + k];
  }

  /** A one-character atom from JS class source. */
  cls(src: string): ReNode {
    return { k: 'char', pred: predicate(src, !!this.opts.nocase) };
  }

  /** Skips white space and comments in expanded mode. */
  skipExpanded(): void {
    if (!this.opts.expanded) return;
    for (;;) {
      const c = this.pat[this.pos];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v') this.pos++;
      else if (c === '#') {
        while (this.pos < this.pat.length && this.pat[this.pos] !== '\n') this.pos++;
      } else return;
    }
  }

  /** re := branch ('|' branch)*; an RE of two or more branches prefers the longest match. */
  regex(): Piece {
    if (++this.depth > MAX_NESTING) this.fail('out of memory');
    const first = this.branch();
    if (this.peek() !== '|') {
      this.depth--;
      return first;
    }
    const branches = [first.node];
    while (this.peek() === '|') {
      this.pos++;
      branches.push(this.branch().node);
    }
    this.depth--;
    return { node: { k: 'alt', items: branches }, pref: 'greedy' };
  }

  /** branch := (constraint | atom quantifier?)*; its preference is that of its first atom that has one. */
  branch(): Piece {
    const items: ReNode[] = [];
    let pref: Pref;
    for (;;) {
      this.skipExpanded();
      const c = this.peek();
      if (c === undefined || c === '|' || c === ')') return { node: cat(items), pref };
      const piece = this.piece();
      items.push(piece.node);
      pref ??= piece.pref;
    }
  }

  piece(): Piece {
    const c = this.peek()!;
    let atom: ReNode;
    let inner: Pref;
    let quantifiable = true;
    if (c === '*' || c === '+' || c === '?') this.fail('quantifier operand invalid');
    if (c === '{' && /[0-9]/.test(this.peek(1) ?? '')) this.fail('quantifier operand invalid');
    if (c === '^') {
      this.pos++;
      atom = { k: 'assert', a: this.opts.lineAnchor ? (this.opts.notBol ? Assert.AfterNewline : Assert.BolLine) : this.opts.notBol ? Assert.Never : Assert.Bos };
      quantifiable = false;
    } else if (c === '$') {
      this.pos++;
      atom = { k: 'assert', a: this.opts.lineAnchor ? Assert.EolLine : Assert.Eos };
      quantifiable = false;
    } else if (c === '(') {
      this.pos++;
      if (this.peek() === '?') {
        const k = this.peek(1);
        if (k === ':') {
          this.pos += 2;
          const r = this.regex();
          atom = r.node;
          inner = r.pref;
        } else if (k === '=' || k === '!') {
          this.pos += 2;
          this.inLookahead++;
          atom = { k: 'look', neg: k === '!', body: this.regex().node };
          this.inLookahead--;
          quantifiable = false;
        } else {
          this.fail('quantifier operand invalid');
        }
      } else if (this.inLookahead > 0) {
        atom = this.regex().node;
      } else {
        const index = ++this.groups;
        const r = this.regex();
        atom = { k: 'group', index, body: r.node };
        inner = r.pref;
      }
      if (this.peek() !== ')') this.fail('parentheses () not balanced');
      this.pos++;
    } else if (c === ')') {
      this.fail('parentheses () not balanced');
    } else if (c === '[') {
      atom = this.cls(this.bracket());
    } else if (c === '.') {
      this.pos++;
      atom = this.cls(this.opts.lineStop ? '[^\\n]' : '[\\s\\S]');
    } else if (c === '\\') {
      const e = this.escape();
      atom = e.node;
      quantifiable = e.node.k !== 'assert';
    } else {
      const cp = this.pat.codePointAt(this.pos)!;
      const ch = String.fromCodePoint(cp);
      this.pos += ch.length;
      atom = charNode(ch, !!this.opts.nocase);
    }
    this.skipExpanded();
    const quant = this.quantifier();
    if (quant === undefined) return { node: atom, pref: inner };
    if (!quantifiable) this.fail('quantifier operand invalid');
    // A quantifier directly after a quantifier is an error in ARE (except the `?` of laziness).
    this.skipExpanded();
    const n = this.peek();
    if (n === '*' || n === '+' || n === '?' || (n === '{' && /[0-9]/.test(this.peek(1) ?? ''))) this.fail('quantifier operand invalid');
    return { node: { k: 'rep', body: atom, min: quant.min, max: quant.max, lazy: quant.lazy }, pref: quant.pref ?? inner };
  }

  /** quantifier := ('*' | '+' | '?' | '{m}' | '{m,}' | '{m,n}') '?'?; `{m}` keeps the atom's preference. */
  quantifier(): { min: number; max: number; lazy: boolean; pref: Pref } | undefined {
    const c = this.peek();
    let min: number;
    let max: number;
    let bounded = false;
    if (c === '*' || c === '+' || c === '?') {
      this.pos++;
      min = c === '+' ? 1 : 0;
      max = c === '?' ? 1 : Infinity;
    } else if (c === '{' && /[0-9]/.test(this.peek(1) ?? '')) {
      const m = /^\{([0-9]+)(,([0-9]*))?/.exec(this.pat.slice(this.pos, this.pos + 24));
      if (!m) this.fail('braces {} not balanced');
      this.pos += m[0].length;
      if (this.peek() !== '}') this.fail('braces {} not balanced');
      this.pos++;
      min = Number(m[1]);
      max = m[3] === undefined ? (m[2] ? Infinity : min) : m[3] === '' ? Infinity : Number(m[3]);
      if (min > 255 || (max !== Infinity && (max > 255 || max < min))) this.fail('invalid repetition count(s)');
      bounded = !m[2];
    } else return undefined;
    let lazy = false;
    if (this.peek() === '?') {
      this.pos++;
      lazy = true;
    }
    return { min, max, lazy, pref: bounded ? undefined : lazy ? 'lazy' : 'greedy' };
  }

  /** A backslash escape outside brackets. */
  escape(): { node: ReNode } {
    const pat = this.pat;
    this.pos++;
    const c = pat[this.pos];
    if (c === undefined) this.fail('invalid escape \\ sequence');
    this.pos++;
    const assert = (a: Assert) => ({ node: { k: 'assert', a } as ReNode });
    switch (c) {
      case 'd':
        return { node: this.cls('\\p{Nd}') };
      case 'D':
        return { node: this.cls('\\P{Nd}') };
      case 's':
        return { node: this.cls('[\\t\\n\\v\\f\\r\\p{Z}]') };
      case 'S':
        return { node: this.cls('[^\\t\\n\\v\\f\\r\\p{Z}]') };
      case 'w':
        return { node: this.cls(WORD) };
      case 'W':
        return { node: this.cls(NOT_WORD) };
      case 'A':
        return assert(Assert.Bos);
      case 'Z':
        return assert(Assert.Eos);
      case 'm':
        return assert(Assert.WordStart);
      case 'M':
        return assert(Assert.WordEnd);
      case 'y':
        return assert(Assert.WordBoundary);
      case 'Y':
        return assert(Assert.NotWordBoundary);
      default:
        break;
    }
    if (c >= '1' && c <= '9') {
      this.pos--;
      const m = /^[0-9]+/.exec(pat.slice(this.pos, this.pos + 16))![0];
      if (m.length === 1) {
        this.pos++;
        if (Number(m) > this.groups || this.inLookahead > 0) this.fail('invalid backreference number');
        return { node: { k: 'backref', n: Number(m) } };
      }
      // Multi-digit: a back reference when such a group exists, else octal.
      for (let len = m.length; len >= 2; len--) {
        const n = Number(m.slice(0, len));
        if (n <= this.groups && this.inLookahead === 0) {
          this.pos += len;
          return { node: { k: 'backref', n } };
        }
      }
      const oct = /^[0-7]{2,3}/.exec(m);
      if (oct) {
        this.pos += oct[0].length;
        return { node: charNode(String.fromCharCode(parseInt(oct[0], 8)), !!this.opts.nocase) };
      }
      this.fail('invalid backreference number');
    }
    const ch = this.charEscape(c);
    if (ch !== undefined) return { node: charNode(ch, !!this.opts.nocase) };
    if (/[A-Za-z0-9]/.test(c)) this.fail('invalid escape \\ sequence');
    return { node: charNode(c, !!this.opts.nocase) };
  }

  /** Character-entry escapes shared by both contexts; `c` was just consumed. */
  charEscape(c: string): string | undefined {
    const pat = this.pat;
    switch (c) {
      case 'a':
        return '\x07';
      case 'b':
        return '\b';
      case 'B':
        return '\\';
      case 'e':
        return '\x1b';
      case 'f':
        return '\f';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'v':
        return '\v';
      case 'c': {
        const x = pat[this.pos];
        if (x === undefined) this.fail('invalid escape \\ sequence');
        this.pos++;
        return String.fromCharCode(x.charCodeAt(0) & 0x1f);
      }
      case 'x': {
        let j = this.pos;
        while (isHex(pat[j])) j++;
        if (j === this.pos) this.fail('invalid escape \\ sequence');
        const hex = pat.slice(this.pos, j);
        this.pos = j;
        const v = parseInt(hex.slice(-8), 16);
        return v > 0xffff ? this.fail('invalid escape \\ sequence') : String.fromCharCode(v);
      }
      case 'u':
      case 'U': {
        const len = c === 'u' ? 4 : 8;
        let j = this.pos;
        while (j - this.pos < len && isHex(pat[j])) j++;
        if (j === this.pos) this.fail('invalid escape \\ sequence');
        const v = parseInt(pat.slice(this.pos, j), 16);
        this.pos = j;
        if (v > 0x10ffff) this.fail('invalid escape \\ sequence');
        return String.fromCodePoint(v);
      }
      case '0': {
        let j = this.pos;
        while (j - this.pos < 2 && /[0-7]/.test(pat[j] ?? '')) j++;
        const v = j === this.pos ? 0 : parseInt(pat.slice(this.pos, j), 8);
        this.pos = j;
        return String.fromCharCode(v);
      }
      default:
        return undefined;
    }
  }

  /** `[...]` bracket expression. */
  bracket(): string {
    const pat = this.pat;
    this.pos++;
    let negate = false;
    if (pat[this.pos] === '^') {
      negate = true;
      this.pos++;
    }
    let out = '';
    let first = true;
    for (;;) {
      const c = pat[this.pos];
      if (c === undefined) this.fail('brackets [] not balanced');
      if (c === ']' && !first) {
        this.pos++;
        break;
      }
      first = false;
      // One element: a character (possibly a range start), a class, or an escape.
      const lo = this.bracketChar();
      if (lo.cls !== undefined) {
        if (pat[this.pos] === '-' && pat[this.pos + 1] !== ']' && pat[this.pos + 1] !== undefined) this.fail('invalid character range');
        out += lo.cls;
        continue;
      }
      if (pat[this.pos] === '-' && pat[this.pos + 1] !== ']' && pat[this.pos + 1] !== undefined) {
        this.pos++;
        const hi = this.bracketChar();
        if (hi.cls !== undefined || hi.ch === undefined) this.fail('invalid character range');
        if (hi.ch.codePointAt(0)! < lo.ch!.codePointAt(0)!) this.fail('invalid character range');
        out += `${classChar(lo.ch!)}-${classChar(hi.ch)}`;
      } else {
        out += classChar(lo.ch!);
      }
    }
    if (negate && this.opts.lineStop) out += '\\n';
    return `[${negate ? '^' : ''}${out}]`;
  }

  /** One bracket element: a single character, or a class's contents. */
  bracketChar(): { ch?: string; cls?: string } {
    const pat = this.pat;
    const c = pat[this.pos];
    if (c === '[' && (pat[this.pos + 1] === ':' || pat[this.pos + 1] === '.' || pat[this.pos + 1] === '=')) {
      const kind = pat[this.pos + 1];
      const close = pat.indexOf(kind + ']', this.pos + 2);
      if (close < 0) this.fail('brackets [] not balanced');
      const name = pat.slice(this.pos + 2, close);
      this.pos = close + 2;
      if (kind === ':') {
        const cls = POSIX[name];
        if (cls === undefined) this.fail('invalid character class');
        return { cls };
      }
      if ([...name].length === 1) return { ch: name };
      const named = COLLATING[name];
      if (named === undefined) this.fail('invalid collating element');
      return { ch: named };
    }
    if (c === '\\') {
      this.pos++;
      const e = pat[this.pos];
      if (e === undefined) this.fail('brackets [] not balanced');
      this.pos++;
      if (e === 'd') return { cls: '\\p{Nd}' };
      if (e === 's') return { cls: '\\t\\n\\v\\f\\r\\p{Z}' };
      if (e === 'w') return { cls: '\\p{L}\\p{Nd}_' };
      if (e === 'D' || e === 'S' || e === 'W') this.fail('invalid escape \\ sequence');
      const ch = this.charEscape(e);
      if (ch !== undefined) return { ch };
      if (/[A-Za-z0-9]/.test(e)) this.fail('invalid escape \\ sequence');
      return { ch: e };
    }
    const cp = pat.codePointAt(this.pos)!;
    const ch = String.fromCodePoint(cp);
    this.pos += ch.length;
    return { ch };
  }
}

/** Parses leading `***=`, `***:` and `(?flags)` directors; returns the rest of the pattern. */
function directors(pattern: string, opts: RegexOptions): { rest: string; literal: boolean } | { error: string } {
  let rest = pattern;
  if (rest.startsWith('***=')) return { rest: rest.slice(4), literal: true };
  if (rest.startsWith('***:')) rest = rest.slice(4);
  const m = /^\(\?([a-z]*)\)/.exec(rest);
  if (m) {
    for (const f of m[1]) {
      switch (f) {
        case 'i':
          opts.nocase = true;
          break;
        case 'c':
          opts.nocase = false;
          break;
        case 'x':
          opts.expanded = true;
          break;
        case 't':
          opts.expanded = false;
          break;
        case 'n':
        case 'm':
          opts.lineStop = true;
          opts.lineAnchor = true;
          break;
        case 'p':
          opts.lineStop = true;
          break;
        case 'w':
          opts.lineAnchor = true;
          break;
        case 's':
          opts.lineStop = false;
          opts.lineAnchor = false;
          break;
        case 'q':
          return { rest: rest.slice(m[0].length), literal: true };
        case 'e':
          break;
        case 'b':
          return { error: PREFIX + 'basic regular expressions (?b) are not supported by the simulator' };
        default:
          return { error: PREFIX + 'invalid embedded option' };
      }
    }
    rest = rest.slice(m[0].length);
  } else if (/^\(\?[^:=!]/.test(rest)) {
    return { error: PREFIX + 'invalid embedded option' };
  }
  return { rest, literal: false };
}

const cache = new Map<string, CompileResult>();
const CACHE_MAX = 500;

/** Compiles a Tcl regular expression (cached by pattern and options). */
export function compileRegex(pattern: string, options: RegexOptions = {}): CompileResult {
  const key = `${options.nocase ? 'i' : ''}${options.expanded ? 'x' : ''}${options.lineStop ? 'p' : ''}${options.lineAnchor ? 'w' : ''}${options.notBol ? 'B' : ''}\0${pattern}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const result = compileUncached(pattern, { ...options });
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(key, result);
  return result;
}

function compileUncached(pattern: string, opts: RegexOptions): CompileResult {
  const d = directors(pattern, opts);
  if ('error' in d) return d;
  let root: ReNode;
  let groups = 0;
  let shortest = false;
  if (d.literal) {
    root = cat([...d.rest].map((ch) => charNode(ch, !!opts.nocase)));
  } else {
    const t = new Translator(d.rest, opts);
    try {
      const r = t.regex();
      if (t.pos < d.rest.length) t.fail('parentheses () not balanced');
      root = r.node;
      shortest = r.pref === 'lazy';
    } catch (e) {
      if (e instanceof CompileError) return { error: e.message };
      throw e;
    }
    groups = t.groups;
  }
  let prog: Program;
  try {
    prog = compileProgram(root, groups, !!opts.nocase);
  } catch (e) {
    if (e instanceof ProgramTooLarge) return { error: PREFIX + 'out of memory' };
    throw e;
  }
  const re: TclRegex = { groups, shortest, prog };
  const literal = literalText(root);
  if (literal !== undefined) re.literal = literal;
  return re;
}

/** The text of a pattern made of plain (case-sensitive) characters only. */
function literalText(node: ReNode): string | undefined {
  if (node.k === 'char') return node.lit;
  if (node.k !== 'cat') return undefined;
  let out = '';
  for (const it of node.items) {
    if (it.k !== 'char' || it.lit === undefined) return undefined;
    out += it.lit;
  }
  return out;
}

/**
 * Finds the first match at or after `from` in `str`, with Tcl's choice of overall extent.
 * Returns [start, end) pairs per group, or null; a MatchAbort when the guard's deadline passed or
 * a back-reference pattern ran out of its backtracking budget. `wantGroups` false leaves the
 * groups unset (-1), which is quicker.
 */
export function execRegex(re: TclRegex, str: string, from = 0, guard?: RegexGuard, wantGroups = true): RegexMatch | null | MatchAbort {
  if (re.literal !== undefined) {
    const at = str.indexOf(re.literal, from);
    return at < 0 ? null : [at, at + re.literal.length];
  }
  try {
    return runProgram(re.prog, str, from, re.shortest, guard, wantGroups);
  } catch (e) {
    if (e instanceof MatchAbort) return e;
    throw e;
  }
}

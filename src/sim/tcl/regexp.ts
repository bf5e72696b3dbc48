/**
 * Tcl's regular expressions (ARE, as in Tcl 8.4 `re_syntax`) translated to JS RegExp source.
 *
 * The translation is our own recursive-descent pass over the pattern. It maps ARE-only syntax to
 * JS equivalents: `\m \M \y \Y \A \Z` become lookarounds, POSIX classes `[[:alpha:]]` and `\d \w
 * \s` become Unicode property classes, `\b` is backspace (as in ARE), `{` not followed by a digit
 * is literal, embedded options `(?i)`, `***=` literals, `-expanded` comments and white space.
 * `^`, `$` and `.` are emitted as explicit lookarounds/classes so that `-line`, `-linestop` and
 * `-lineanchor` behave as in Tcl (only `\n` separates lines).
 *
 * Matching semantics differ: Tcl's engine finds the leftmost-longest match (or leftmost-shortest
 * when the first quantifier is non-greedy), JS backtracking takes the first alternative that
 * works. For patterns where that can matter (alternation, quantified groups, mixed greediness) the
 * matcher re-runs the pattern with an end-position constraint until it has the longest (or
 * shortest) overall match, so `regexp {a|ab} ab` gives `ab` as in Tcl. Capture groups then follow
 * JS's preference among matches of that extent. Constructs we cannot express are reported as
 * errors instead of matching wrongly.
 */

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
  /** JS source of the whole pattern. */
  source: string;
  /** JS flags used (without `g`/`y`/`d`). */
  flags: string;
  /** Number of capturing groups. */
  groups: number;
  /** Whether the overall match must be fixed up to leftmost-longest/shortest. */
  needsExtent: boolean;
  /** Tcl's preference for the whole pattern. */
  shortest: boolean;
  /** Searching regex (global, with indices). */
  search: RegExp;
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

/** A translated piece and its matching preference (Tcl re_syntax "MATCHING"). */
type Pref = 'greedy' | 'lazy' | undefined;
interface Piece {
  src: string;
  pref: Pref;
}

class Translator {
  pos = 0;
  groups = 0;
  totalGroups = 0;
  /** Lookahead nesting: groups inside are non-capturing. */
  inLookahead = 0;
  hasAlternation = false;
  hasGroupQuantifier = false;
  /** Preferences seen anywhere (an alternation prefers longest, like a greedy quantifier). */
  sawGreedy = false;
  sawLazy = false;
  quantifiers = 0;

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
    const first = this.branch();
    if (this.peek() !== '|') return first;
    const branches = [first.src];
    while (this.peek() === '|') {
      this.pos++;
      this.hasAlternation = true;
      branches.push(this.branch().src);
    }
    this.sawGreedy = true;
    return { src: branches.join('|'), pref: 'greedy' };
  }

  /** branch := (constraint | atom quantifier?)*; its preference is that of its first atom that has one. */
  branch(): Piece {
    let out = '';
    let pref: Pref;
    for (;;) {
      this.skipExpanded();
      const c = this.peek();
      if (c === undefined || c === '|' || c === ')') return { src: out, pref };
      const piece = this.piece();
      out += piece.src;
      pref ??= piece.pref;
    }
  }

  piece(): Piece {
    const c = this.peek()!;
    let atom: string;
    let inner: Pref;
    let quantifiable = true;
    let isGroup = false;
    if (c === '*' || c === '+' || c === '?') this.fail('quantifier operand invalid');
    if (c === '{' && /[0-9]/.test(this.peek(1) ?? '')) this.fail('quantifier operand invalid');
    if (c === '^') {
      this.pos++;
      atom = this.opts.lineAnchor ? (this.opts.notBol ? '(?<=\\n)' : '(?<![^\\n])') : this.opts.notBol ? '(?!)' : '(?<![\\s\\S])';
      quantifiable = false;
    } else if (c === '$') {
      this.pos++;
      atom = this.opts.lineAnchor ? '(?![^\\n])' : '(?![\\s\\S])';
      quantifiable = false;
    } else if (c === '(') {
      this.pos++;
      if (this.peek() === '?') {
        const k = this.peek(1);
        if (k === ':') {
          this.pos += 2;
          const r = this.regex();
          atom = `(?:${r.src})`;
          inner = r.pref;
        } else if (k === '=' || k === '!') {
          this.pos += 2;
          this.inLookahead++;
          atom = `(?${k}${this.regex().src})`;
          this.inLookahead--;
          quantifiable = false;
        } else {
          this.fail('quantifier operand invalid');
        }
      } else if (this.inLookahead > 0) {
        atom = `(?:${this.regex().src})`;
      } else {
        this.groups++;
        const r = this.regex();
        atom = `(${r.src})`;
        inner = r.pref;
      }
      if (this.peek() !== ')') this.fail('parentheses () not balanced');
      this.pos++;
      isGroup = true;
    } else if (c === ')') {
      this.fail('parentheses () not balanced');
    } else if (c === '[') {
      atom = this.bracket();
    } else if (c === '.') {
      this.pos++;
      atom = this.opts.lineStop ? '[^\\n]' : '[\\s\\S]';
    } else if (c === '\\') {
      const e = this.escape();
      atom = e.src;
      quantifiable = !e.constraint;
    } else {
      const cp = this.pat.codePointAt(this.pos)!;
      const ch = String.fromCodePoint(cp);
      this.pos += ch.length;
      atom = litChar(ch);
    }
    this.skipExpanded();
    const quant = this.quantifier();
    if (quant === undefined) return { src: atom, pref: inner };
    const q = quant.src;
    if (!quantifiable) this.fail('quantifier operand invalid');
    if (isGroup) this.hasGroupQuantifier = true;
    // A quantifier directly after a quantifier is an error in ARE (except the `?` of laziness).
    this.skipExpanded();
    const n = this.peek();
    if (n === '*' || n === '+' || n === '?' || (n === '{' && /[0-9]/.test(this.peek(1) ?? ''))) this.fail('quantifier operand invalid');
    return { src: (isGroup ? atom : `(?:${atom})`) + q, pref: quant.pref ?? inner };
  }

  /** quantifier := ('*' | '+' | '?' | '{m}' | '{m,}' | '{m,n}') '?'?; `{m}` keeps the atom's preference. */
  quantifier(): Piece | undefined {
    const c = this.peek();
    let q: string;
    let bounded = false;
    if (c === '*' || c === '+' || c === '?') {
      this.pos++;
      q = c;
    } else if (c === '{' && /[0-9]/.test(this.peek(1) ?? '')) {
      const m = /^\{([0-9]+)(,([0-9]*))?/.exec(this.pat.slice(this.pos));
      if (!m) this.fail('braces {} not balanced');
      this.pos += m[0].length;
      if (this.peek() !== '}') this.fail('braces {} not balanced');
      this.pos++;
      const lo = Number(m[1]);
      const hi = m[3] === undefined ? (m[2] ? Infinity : lo) : m[3] === '' ? Infinity : Number(m[3]);
      if (lo > 255 || (hi !== Infinity && (hi > 255 || hi < lo))) this.fail('invalid repetition count(s)');
      q = m[3] === undefined ? (m[2] ? `{${lo},}` : `{${lo}}`) : m[3] === '' ? `{${lo},}` : `{${lo},${hi}}`;
      bounded = !m[2];
    } else return undefined;
    let lazy = false;
    if (this.peek() === '?') {
      this.pos++;
      lazy = true;
      q += '?';
    }
    if (bounded) return { src: q, pref: undefined };
    this.quantifiers++;
    if (lazy) this.sawLazy = true;
    else this.sawGreedy = true;
    return { src: q, pref: lazy ? 'lazy' : 'greedy' };
  }

  /** A backslash escape outside brackets. */
  escape(): { src: string; constraint?: boolean } {
    const pat = this.pat;
    this.pos++;
    const c = pat[this.pos];
    if (c === undefined) this.fail('invalid escape \\ sequence');
    this.pos++;
    switch (c) {
      case 'd':
        return { src: '\\p{Nd}' };
      case 'D':
        return { src: '\\P{Nd}' };
      case 's':
        return { src: '[\\t\\n\\v\\f\\r\\p{Z}]' };
      case 'S':
        return { src: '[^\\t\\n\\v\\f\\r\\p{Z}]' };
      case 'w':
        return { src: WORD };
      case 'W':
        return { src: NOT_WORD };
      case 'A':
        return { src: this.opts.notBol ? '(?<![\\s\\S])' : '(?<![\\s\\S])', constraint: true };
      case 'Z':
        return { src: '(?![\\s\\S])', constraint: true };
      case 'm':
        return { src: `(?<!${WORD})(?=${WORD})`, constraint: true };
      case 'M':
        return { src: `(?<=${WORD})(?!${WORD})`, constraint: true };
      case 'y':
        return { src: `(?:(?<=${WORD})(?!${WORD})|(?<!${WORD})(?=${WORD}))`, constraint: true };
      case 'Y':
        return { src: `(?:(?<=${WORD})(?=${WORD})|(?<!${WORD})(?!${WORD}))`, constraint: true };
      default:
        break;
    }
    if (c >= '1' && c <= '9') {
      this.pos--;
      const m = /^[0-9]+/.exec(pat.slice(this.pos))![0];
      if (m.length === 1) {
        this.pos++;
        if (Number(m) > this.groups || this.inLookahead > 0) this.fail('invalid backreference number');
        return { src: `\\${m}` };
      }
      // Multi-digit: a back reference when such a group exists, else octal.
      for (let len = m.length; len >= 2; len--) {
        const n = Number(m.slice(0, len));
        if (n <= this.groups && this.inLookahead === 0) {
          this.pos += len;
          return { src: `(?:\\${n})` };
        }
      }
      const oct = /^[0-7]{2,3}/.exec(m);
      if (oct) {
        this.pos += oct[0].length;
        return { src: litChar(String.fromCharCode(parseInt(oct[0], 8))) };
      }
      this.fail('invalid backreference number');
    }
    const ch = this.charEscape(c);
    if (ch !== undefined) return { src: litChar(ch) };
    if (/[A-Za-z0-9]/.test(c)) this.fail('invalid escape \\ sequence');
    return { src: litChar(c) };
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
  let source: string;
  let groups = 0;
  let needsExtent = false;
  let shortest = false;
  if (d.literal) {
    source = [...d.rest].map(litChar).join('');
  } else {
    const t = new Translator(d.rest, opts);
    let pref: Pref;
    try {
      const r = t.regex();
      source = r.src;
      pref = r.pref;
      if (t.pos < d.rest.length) t.fail('parentheses () not balanced');
    } catch (e) {
      if (e instanceof CompileError) return { error: e.message };
      throw e;
    }
    groups = t.groups;
    shortest = pref === 'lazy';
    needsExtent = t.hasAlternation || t.hasGroupQuantifier || (t.sawLazy && t.sawGreedy) || (shortest && t.quantifiers > 1);
  }
  const flags = 'u' + (opts.nocase ? 'i' : '');
  let search: RegExp;
  try {
    search = new RegExp(source, flags + 'gd');
  } catch (e) {
    return { error: PREFIX + `the simulator cannot translate this pattern (${(e as Error).message})` };
  }
  return { source, flags, groups, needsExtent, shortest, search };
}

const boundCache = new Map<string, RegExp>();

function boundRegex(re: TclRegex, longer: boolean, end: number): RegExp {
  const key = `${longer ? '>' : '<'}${end}/${re.flags}/${re.source}`;
  let r = boundCache.get(key);
  if (!r) {
    const tail = longer ? `(?<!^[\\s\\S]{0,${end}})` : `(?<=^[\\s\\S]{0,${end - 1}})`;
    r = new RegExp(`(?:${re.source})${tail}`, re.flags + 'yd');
    if (boundCache.size >= CACHE_MAX) boundCache.clear();
    boundCache.set(key, r);
  }
  return r;
}

function toMatch(m: RegExpExecArray, groups: number): RegexMatch {
  const out: number[] = new Array((groups + 1) * 2);
  const idx = m.indices!;
  for (let g = 0; g <= groups; g++) {
    const p = idx[g];
    out[2 * g] = p ? p[0] : -1;
    out[2 * g + 1] = p ? p[1] : -1;
  }
  return out;
}

/**
 * Finds the first match at or after `from` in `str`, with Tcl's choice of overall extent.
 * Returns [start, end) pairs per group, or null.
 */
export function execRegex(re: TclRegex, str: string, from = 0): RegexMatch | null {
  const search = re.search;
  search.lastIndex = from;
  const m = search.exec(str);
  if (!m) return null;
  let best = toMatch(m, re.groups);
  if (!re.needsExtent) return best;
  const start = best[0];
  // Extend to the longest (or shrink to the shortest) overall match at this start.
  for (let guard = 0; guard <= str.length; guard++) {
    const end = best[1];
    if (!re.shortest && end >= str.length) break;
    if (re.shortest && end <= start) break;
    const b = boundRegex(re, !re.shortest, end);
    b.lastIndex = start;
    const m2 = b.exec(str);
    if (!m2) break;
    best = toMatch(m2, re.groups);
  }
  return best;
}

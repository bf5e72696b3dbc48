/**
 * Character-level helpers shared by the lexers: Tcl's character classes, brace/quote/bracket
 * extent scanners (as Tcl's own parser finds them) and backslash substitution.
 */
import type { Dialect } from './ast.js';

/** Tcl's whitespace inside a command (not newline): space, tab, vertical tab, form feed, CR. */
export function isTclSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 11 || c === 12 || c === 13;
}

/** Characters that may appear in a `$name` variable name (Tcl: ASCII letters, digits, underscore). */
export function isVarNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/** Counts of the end of a `$` reference name starting at `pos` (just after `$`); returns `pos` if none. */
export function scanVarName(text: string, pos: number): number {
  let i = pos;
  const n = text.length;
  for (;;) {
    const c = text.charCodeAt(i);
    if (i < n && isVarNameChar(c)) {
      i++;
    } else if (c === 58 && text.charCodeAt(i + 1) === 58) {
      // Two or more colons are a namespace separator; a single colon ends the name.
      i += 2;
      while (text.charCodeAt(i) === 58) i++;
    } else {
      return i;
    }
  }
}

/** Result of scanning a balanced construct. */
export interface ScanResult {
  /** Offset just past the closing delimiter, or where scanning stopped when unclosed. */
  end: number;
  /** Whether the closing delimiter was found. */
  closed: boolean;
}

/**
 * Scans a braced word starting at `pos` (which holds `{`), counting nested braces and skipping
 * backslash-escaped characters, exactly as Tcl does. Returns where it ends.
 */
export function scanBraced(text: string, pos: number, limit = text.length): ScanResult {
  return walkBraces(text, pos, limit, undefined, 0);
}

/**
 * `scanBraced` that also remembers where every nested braced word ends, in `ends` (indexed by
 * `base + offset`, holding `base + end`), so that scanning a nested body later costs nothing.
 */
export function scanBracedCached(text: string, pos: number, base: number, ends: Int32Array): ScanResult {
  const known = ends[base + pos];
  // A brace matched beyond this text (the text is a piece of a larger braced word) does not count.
  if (known > 0 && known - base <= text.length) return { end: known - base, closed: true };
  return walkBraces(text, pos, text.length, ends, base);
}

/**
 * The brace walk of `scanBraced`, recording nested ends in `ends` when given. It jumps from one
 * `{`, `}` or backslash to the next with indexOf (a native search, several times faster than a
 * char-code loop over the text between them): the next of each is kept, and the earliest of the
 * three is handled.
 */
function walkBraces(text: string, pos: number, limit: number, ends: Int32Array | undefined, base: number): ScanResult {
  const stack: number[] = [];
  let open = nextOf(text, '{', pos, limit);
  let close = nextOf(text, '}', pos, limit);
  let escape = nextOf(text, '\\', pos, limit);
  for (;;) {
    if (escape < open && escape < close) {
      // A backslash hides the next character, brace or not.
      const after = escape + 2;
      escape = nextOf(text, '\\', after, limit);
      if (open < after) open = nextOf(text, '{', after, limit);
      if (close < after) close = nextOf(text, '}', after, limit);
    } else if (open < close) {
      stack.push(open);
      open = nextOf(text, '{', open + 1, limit);
    } else if (close < limit) {
      const at = close;
      close = nextOf(text, '}', at + 1, limit);
      const opener = stack.pop();
      if (opener === undefined) continue;
      if (ends) ends[base + opener] = base + at + 1;
      if (stack.length === 0) return { end: at + 1, closed: true };
    } else {
      return { end: limit, closed: false };
    }
  }
}

/** Offset of the next `ch` at or after `from` and before `limit`, or `limit` if there is none. */
function nextOf(text: string, ch: string, from: number, limit: number): number {
  const i = text.indexOf(ch, from);
  return i < 0 || i > limit ? limit : i;
}

/** An unclosed opener found by brace recovery. */
export interface BraceRecovery {
  /** Where the braced word presumably ends (just past its `}`), or the limit. */
  end: number;
  /** Offsets of `{` characters presumed never closed (innermost suspects first). */
  unclosed: number[];
}

/** Indentation (spaces, tabs) of the line containing offset `pos`, and whether `pos` is its first non-blank. */
function lineIndent(text: string, pos: number): { indent: number; first: boolean } {
  let s = pos;
  while (s > 0 && text.charCodeAt(s - 1) !== 10) s--;
  let i = s;
  let indent = 0;
  while (i < pos) {
    const c = text.charCodeAt(i);
    if (c === 32) indent++;
    else if (c === 9) indent += 8 - (indent % 8);
    else break;
    i++;
  }
  return { indent, first: i === pos };
}

/**
 * Recovery for an unclosed braced word: walks it again tracking the indentation of each `{`'s
 * line. A `}` that starts a line closes the innermost `{` whose line is indented no deeper; any
 * deeper-indented `{` still open in between is presumed to be the one missing its `}`.
 */
export function recoverBraced(text: string, pos: number, limit = text.length): BraceRecovery {
  const stack: { at: number; indent: number }[] = [];
  const unclosed: number[] = [];
  // The current line's indentation and whether only blanks precede `i` on it, kept as the walk
  // goes (asking lineIndent at every brace rescanned the line: cubic on a long one-line nest).
  const start = lineIndent(text, pos);
  let indent = start.indent;
  let blanksOnly = start.first;
  for (let i = pos; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) {
      i++;
      // An escaped newline still starts a new line for the indentation.
      if (i < limit && text.charCodeAt(i) === 10) {
        indent = 0;
        blanksOnly = true;
      } else blanksOnly = false;
      continue;
    }
    if (c === 10) {
      indent = 0;
      blanksOnly = true;
      continue;
    }
    if (c === 32 || c === 9) {
      if (blanksOnly) indent = c === 32 ? indent + 1 : indent + 8 - (indent % 8);
      continue;
    }
    const first = blanksOnly;
    blanksOnly = false;
    if (c === 123) {
      stack.push({ at: i, indent });
    } else if (c === 125) {
      if (first) {
        while (stack.length > 1 && stack[stack.length - 1].indent > indent) {
          unclosed.push(stack.pop()!.at);
        }
      }
      stack.pop();
      if (stack.length === 0) return { end: i + 1, unclosed };
    }
  }
  // Nothing better: the outermost brace runs to the end.
  return { end: limit, unclosed: [pos] };
}

/**
 * Finds the end of a `[...]` command substitution whose `[` is at `pos`, understanding nested
 * words (braces, quotes, brackets, comments, escapes). Used where a construct must be skipped as
 * a unit (inside expressions).
 */
export function scanBracket(text: string, pos: number, limit = text.length): ScanResult {
  // Iterative: a stack of contexts ('[' = script in brackets, '"' = quoted word).
  const stack: number[] = [91];
  let i = pos + 1;
  let wordStart = true;
  let cmdStart = true;
  while (i < limit) {
    const c = text.charCodeAt(i);
    const top = stack[stack.length - 1];
    if (c === 92) {
      i += 2;
      wordStart = false;
      cmdStart = false;
      continue;
    }
    if (top === 34) {
      if (c === 34) {
        stack.pop();
        wordStart = false;
      } else if (c === 91) {
        stack.push(91);
        wordStart = true;
        cmdStart = true;
      }
      i++;
      continue;
    }
    // Inside a script.
    if (c === 93) {
      stack.pop();
      i++;
      if (stack.length === 0) return { end: i, closed: true };
      wordStart = false;
      cmdStart = false;
      continue;
    }
    if (c === 10 || c === 59) {
      wordStart = true;
      cmdStart = true;
      i++;
      continue;
    }
    if (isTclSpace(c)) {
      wordStart = true;
      i++;
      continue;
    }
    if (cmdStart && c === 35) {
      // Comment to end of line (backslash-newline continues it).
      while (i < limit && text.charCodeAt(i) !== 10) {
        if (text.charCodeAt(i) === 92) i++;
        i++;
      }
      continue;
    }
    if (wordStart && c === 123) {
      const r = scanBraced(text, i, limit);
      i = r.end;
      if (!r.closed) return { end: limit, closed: false };
      wordStart = false;
      cmdStart = false;
      continue;
    }
    if (wordStart && c === 34) {
      stack.push(34);
      i++;
      wordStart = false;
      cmdStart = false;
      continue;
    }
    if (c === 91) {
      stack.push(91);
      i++;
      wordStart = true;
      cmdStart = true;
      continue;
    }
    wordStart = false;
    cmdStart = false;
    i++;
  }
  return { end: limit, closed: false };
}

/** Finds the end of a `"..."` word whose opening quote is at `pos` (brackets inside are skipped as units). */
export function scanQuoted(text: string, pos: number, limit = text.length): ScanResult {
  let i = pos + 1;
  while (i < limit) {
    const c = text.charCodeAt(i);
    if (c === 92) {
      i += 2;
    } else if (c === 34) {
      return { end: i + 1, closed: true };
    } else if (c === 91) {
      const r = scanBracket(text, i, limit);
      if (!r.closed) return { end: limit, closed: false };
      i = r.end;
    } else {
      i++;
    }
  }
  return { end: limit, closed: false };
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/**
 * Length of the backslash sequence at `pos` (which holds `\`), as Tcl scans it. Backslash-newline
 * includes the spaces and tabs after the newline. `dialect` selects `\x` rules: Tcl 8.4 (iRules)
 * takes every following hex digit, Tcl 8.6 at most two.
 */
export function escapeLength(text: string, pos: number, dialect: Dialect): number {
  const n = text.length;
  if (pos + 1 >= n) return 1;
  const c = text.charCodeAt(pos + 1);
  if (c === 10 || (c === 13 && dialect === 'irule' && text.charCodeAt(pos + 2) === 10)) {
    let i = pos + (c === 13 ? 3 : 2);
    while (i < n && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    return i - pos;
  }
  if (c === 120) {
    // \x
    let i = pos + 2;
    const max = dialect === 'irule' ? Infinity : 2;
    while (i < n && i - pos - 2 < max && isHex(text.charCodeAt(i))) i++;
    return i - pos;
  }
  if (c === 117 || (c === 85 && dialect === 'tcl')) {
    // \u (1-4 hex digits), \U (Tcl 8.6: 1-8)
    const max = c === 117 ? 4 : 8;
    let i = pos + 2;
    while (i < n && i - pos - 2 < max && isHex(text.charCodeAt(i))) i++;
    return i - pos;
  }
  if (c >= 48 && c <= 55) {
    // Up to three octal digits; Tcl 8.6 takes the third only while the value stays below \400.
    let i = pos + 2;
    const max = dialect === 'tcl' && c > 51 ? 2 : 3;
    while (i < n && i - pos - 1 < max && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 55) i++;
    return i - pos;
  }
  // Any other character (a surrogate pair counts as one).
  if (c >= 0xd800 && c <= 0xdbff && pos + 2 < n) return 3;
  return 2;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/** The value a backslash sequence (as returned by `escapeLength`) stands for. */
export function escapeValue(raw: string): string {
  if (raw.length === 1) return '\\';
  const c = raw[1];
  // Backslash-newline (and, in the irule dialect, backslash-CRLF) is a space; `\<CR>` alone is a CR.
  if (c === '\n' || (c === '\r' && raw.length > 2 && raw[2] === '\n')) return ' ';
  if (c in SIMPLE_ESCAPES) return SIMPLE_ESCAPES[c];
  if (c === 'x') {
    if (raw.length === 2) return 'x';
    const hex = raw.slice(2);
    return String.fromCharCode(parseInt(hex.slice(-2), 16));
  }
  if (c === 'u' || c === 'U') {
    if (raw.length === 2) return c;
    const cp = parseInt(raw.slice(2), 16);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
  }
  if (c >= '0' && c <= '7') return String.fromCharCode(parseInt(raw.slice(1), 8) & 0xff);
  return raw.slice(1);
}

/** Replaces each backslash-newline-whitespace sequence with one space, as Tcl does inside braces. */
export function foldBackslashNewlines(text: string, dialect: Dialect): string {
  // From backslash to backslash with indexOf (bodies are long, backslashes rare).
  let i = text.indexOf('\\');
  if (i === -1) return text;
  let out = '';
  let last = 0;
  while (i !== -1) {
    const next = text.charCodeAt(i + 1);
    if (next === 10 || (next === 13 && dialect === 'irule' && text.charCodeAt(i + 2) === 10)) {
      const len = escapeLength(text, i, dialect);
      out += text.slice(last, i) + ' ';
      last = i + len;
      i = text.indexOf('\\', last);
    } else {
      // Any other backslash sequence hides the next character (a backslash too).
      i = text.indexOf('\\', i + 2);
    }
  }
  return out + text.slice(last);
}

/**
 * Tcl values: everything is a string. This module holds the string conversions Tcl 8.4 applies:
 * list parsing and list quoting (exactly as 8.4's Tcl_SplitList / Tcl_Merge), integers (decimal,
 * hex, octal with a leading 0, 64-bit wrap-around), doubles (printed with tcl_precision 12, the 8.4
 * default), booleans and list indices (`end-N`).
 */
import type { Dialect } from '../syntax/ast.js';
import { escapeLength, escapeValue } from '../syntax/scan.js';
import { formatGeneral } from './tcl/numfmt.js';

// ---- Characters -------------------------------------------------------------------------------

/** C `isspace` on ASCII: the white space of lists and numbers. */
export function isSpaceCode(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

// ---- Lists -------------------------------------------------------------------------------------

/** A list that could not be parsed. */
export interface ListError {
  /** Tcl's message. */
  error: string;
}

/** Splits a string into list elements as Tcl does, or returns Tcl's error. */
export function parseList(s: string, dialect: Dialect = 'irule'): string[] | ListError {
  const out: string[] = [];
  const n = s.length;
  let i = 0;
  for (;;) {
    while (i < n && isSpaceCode(s.charCodeAt(i))) i++;
    if (i >= n) return out;
    const c = s.charCodeAt(i);
    if (c === 123) {
      // {braced}: literal content, nested braces counted, backslash skips a sequence.
      let depth = 1;
      let j = i + 1;
      for (;;) {
        if (j >= n) return { error: 'unmatched open brace in list' };
        const d = s.charCodeAt(j);
        if (d === 92) {
          j += escapeLength(s, j, dialect);
          continue;
        }
        if (d === 123) depth++;
        else if (d === 125 && --depth === 0) break;
        j++;
      }
      out.push(s.slice(i + 1, j));
      i = j + 1;
      if (i < n && !isSpaceCode(s.charCodeAt(i))) return { error: `list element in braces followed by "${garbage(s, i)}" instead of space` };
    } else if (c === 34) {
      let j = i + 1;
      let hasEscape = false;
      for (;;) {
        if (j >= n) return { error: 'unmatched open quote in list' };
        const d = s.charCodeAt(j);
        if (d === 92) {
          hasEscape = true;
          j += escapeLength(s, j, dialect);
          continue;
        }
        if (d === 34) break;
        j++;
      }
      out.push(hasEscape ? collapse(s, i + 1, j, dialect) : s.slice(i + 1, j));
      i = j + 1;
      if (i < n && !isSpaceCode(s.charCodeAt(i))) return { error: `list element in quotes followed by "${garbage(s, i)}" instead of space` };
    } else {
      let j = i;
      let hasEscape = false;
      while (j < n) {
        const d = s.charCodeAt(j);
        if (isSpaceCode(d)) break;
        if (d === 92) {
          hasEscape = true;
          j += escapeLength(s, j, dialect);
        } else j++;
      }
      if (j > n) j = n;
      out.push(hasEscape ? collapse(s, i, j, dialect) : s.slice(i, j));
      i = j;
    }
  }
}

/** Up to 20 non-space characters from `i`, for list error messages. */
function garbage(s: string, i: number): string {
  let j = i;
  while (j < s.length && j < i + 20 && !isSpaceCode(s.charCodeAt(j))) j++;
  return s.slice(i, j);
}

/** Backslash substitution of `s[start, end)`. */
export function collapse(s: string, start: number, end: number, dialect: Dialect = 'irule'): string {
  let out = '';
  let i = start;
  let last = start;
  while (i < end) {
    if (s.charCodeAt(i) === 92) {
      const len = Math.min(escapeLength(s, i, dialect), end - i);
      out += s.slice(last, i) + escapeValue(s.slice(i, i + len));
      i += len;
      last = i;
    } else i++;
  }
  return out + s.slice(last, end);
}

const USE_BRACES = 1;
const DONT_USE_BRACES = 2;
const BRACES_UNMATCHED = 4;

/** Quotes one element the way Tcl 8.4 does (braces when possible, else backslashes). */
export function quoteElement(s: string, dialect: Dialect = 'irule'): string {
  const n = s.length;
  if (n === 0) return '{}';
  let flags = 0;
  let c0 = s.charCodeAt(0);
  if (c0 === 123 || c0 === 34) flags |= USE_BRACES;
  let nesting = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    switch (c) {
      case 123:
        nesting++;
        break;
      case 125:
        nesting--;
        if (nesting < 0) flags |= DONT_USE_BRACES | BRACES_UNMATCHED;
        break;
      case 91: // [
      case 36: // $
      case 59: // ;
      case 32:
      case 12:
      case 10:
      case 13:
      case 9:
      case 11:
        flags |= USE_BRACES;
        break;
      case 92:
        if (i + 1 === n || s.charCodeAt(i + 1) === 10) flags = DONT_USE_BRACES | BRACES_UNMATCHED;
        else {
          i += escapeLength(s, i, dialect) - 1;
          flags |= USE_BRACES;
        }
        break;
      default:
        break;
    }
  }
  if (nesting !== 0) flags = DONT_USE_BRACES | BRACES_UNMATCHED;
  if (flags === 0) {
    // Fast path: nothing special except maybe characters that need a backslash.
    if (!/[\]"]/.test(s)) return s;
  }
  if (flags & USE_BRACES && !(flags & DONT_USE_BRACES)) return `{${s}}`;
  let out = '';
  let i = 0;
  if (c0 === 123) {
    out = '\\{';
    i = 1;
    flags |= BRACES_UNMATCHED;
  }
  for (; i < n; i++) {
    c0 = s.charCodeAt(i);
    const ch = s[i];
    switch (c0) {
      case 93:
      case 91:
      case 36:
      case 59:
      case 32:
      case 92:
      case 34:
        out += '\\' + ch;
        break;
      case 123:
      case 125:
        out += flags & BRACES_UNMATCHED ? '\\' + ch : ch;
        break;
      case 12:
        out += '\\f';
        break;
      case 10:
        out += '\\n';
        break;
      case 13:
        out += '\\r';
        break;
      case 9:
        out += '\\t';
        break;
      case 11:
        out += '\\v';
        break;
      default:
        out += ch;
    }
  }
  return out;
}

/** Builds a list string from elements (Tcl_Merge). */
export function formatList(items: readonly string[], dialect: Dialect = 'irule'): string {
  if (items.length === 1) return quoteElement(items[0], dialect);
  let out = '';
  for (let i = 0; i < items.length; i++) {
    if (i > 0) out += ' ';
    out += quoteElement(items[i], dialect);
  }
  return out;
}

/** Tcl's `concat`: trims each argument, drops empty ones, joins with spaces. */
export function concatStrings(args: readonly string[]): string {
  let out = '';
  for (const a of args) {
    let s = 0;
    let e = a.length;
    while (s < e && isSpaceCode(a.charCodeAt(s))) s++;
    while (e > s && isSpaceCode(a.charCodeAt(e - 1)) && !(e - 2 >= s && a.charCodeAt(e - 2) === 92)) e--;
    if (e === s) continue;
    out += out === '' ? a.slice(s, e) : ' ' + a.slice(s, e);
  }
  return out;
}

// ---- Numbers -----------------------------------------------------------------------------------

/** An integer value: a JS number while it is a safe integer, a bigint (64-bit) beyond. */
export type Int = number | bigint;

/** A floating-point value inside `expr` (boxed so that `2.0` stays distinct from `2`). */
export class TclDouble {
  constructor(
    /** The value. */
    readonly v: number,
  ) {}
}

/** A numeric value inside `expr`. */
export type Num = Int | TclDouble;

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = -MAX_SAFE;

/** Normalises a bigint to 64-bit two's complement, and to a number when safe. */
export function wrap64(b: bigint): Int {
  const w = BigInt.asIntN(64, b);
  return w >= MIN_SAFE && w <= MAX_SAFE ? Number(w) : w;
}

const INT_RE = /^[ \t\n\v\f\r]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)[ \t\n\v\f\r]*$/;
const BAD_OCTAL_RE = /^[ \t\n\v\f\r]*[+-]?0[0-9]+[ \t\n\v\f\r]*$/;

/** Parses Tcl integer syntax (8.4: white space around, sign, 0x hex, 0 octal); undefined if not one. */
export function scanInt(s: string): Int | undefined {
  // Fast path: short plain decimals.
  const n = s.length;
  if (n > 0 && n < 16) {
    let i = 0;
    let neg = false;
    const c0 = s.charCodeAt(0);
    if (c0 === 45 || c0 === 43) {
      neg = c0 === 45;
      i = 1;
    }
    const first = s.charCodeAt(i);
    if (i < n && first >= 49 && first <= 57) {
      let v = 0;
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c < 48 || c > 57) break;
        v = v * 10 + (c - 48);
      }
      if (i === n) return neg ? -v : v;
    } else if (n === 1 && first === 48) return 0;
  }
  const m = INT_RE.exec(s);
  if (!m) return undefined;
  const body = m[2];
  let big: bigint;
  if (body.length > 1 && body[0] === '0') {
    big = body[1] === 'x' || body[1] === 'X' ? BigInt('0x' + body.slice(2)) : BigInt('0o' + body.slice(1));
  } else big = BigInt(body);
  if (big > 0xffffffffffffffffn) return undefined;
  if (m[1] === '-') big = -big;
  return wrap64(big);
}

/** Why text is not an integer: too large, a bad octal number, or not a number at all. */
export function intFailure(s: string): 'tooLarge' | 'badOctal' | 'no' {
  if (INT_RE.test(s)) return 'tooLarge';
  if (BAD_OCTAL_RE.test(s)) return 'badOctal';
  return 'no';
}

const DOUBLE_RE = /^[ \t\n\v\f\r]*[+-]?(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|inf(?:inity)?|nan)[ \t\n\v\f\r]*$/i;

/** Parses C strtod syntax (whole string, white space allowed around). */
export function scanDouble(s: string): number | undefined {
  if (!DOUBLE_RE.test(s)) return undefined;
  const t = s.trim().toLowerCase();
  const body = t.replace(/^[+-]/, '');
  if (body.startsWith('inf')) return t[0] === '-' ? -Infinity : Infinity;
  if (body === 'nan') return NaN;
  return Number(t);
}

/** Formats a double as Tcl 8.4 does (tcl_precision 12; a ".0" is added to integral values). */
export function formatDouble(v: number): string {
  if (!isFinite(v)) return isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
  const s = (v < 0 || Object.is(v, -0) ? '-' : '') + formatGeneral(Math.abs(v), 12);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46 || (c >= 97 && c <= 122) || (c >= 65 && c <= 90)) return s;
  }
  return s + '.0';
}

/** Formats an integer. */
export function formatInt(v: Int): string {
  return typeof v === 'number' ? String(v) : v.toString();
}

/** Formats a numeric `expr` value. */
export function formatNum(v: Num): string {
  return v instanceof TclDouble ? formatDouble(v.v) : formatInt(v);
}

/** The message Tcl gives for text that is not an integer. */
export function expectedInteger(s: string): string {
  const why = intFailure(s);
  if (why === 'tooLarge') return 'integer value too large to represent';
  if (why === 'badOctal') return `expected integer but got "${s}" (looks like invalid octal number)`;
  return `expected integer but got "${s}"`;
}

/** A parsed integer argument or an error message. */
export type IntOrError = { ok: true; value: Int } | { ok: false; error: string };

/** Tcl_GetInt: an integer argument, with Tcl's error message when it is not one. */
export function getInt(s: string): IntOrError {
  const v = scanInt(s);
  if (v === undefined) return { ok: false, error: expectedInteger(s) };
  return { ok: true, value: v };
}

/** Tcl_GetInt as a plain number (for counts and indices); undefined when not an integer. */
export function toSmallInt(s: string): number | undefined {
  const v = scanInt(s);
  return typeof v === 'bigint' ? Number(v) : v;
}

// ---- Booleans ----------------------------------------------------------------------------------

/** Tcl_GetBoolean on a string (what `string is boolean` uses): 0, 1, or a boolean word or its unique prefix. */
export function getBooleanStrict(s: string): boolean | undefined {
  if (s === '0') return false;
  if (s === '1') return true;
  const w = s.toLowerCase();
  const n = w.length;
  if (n === 0) return undefined;
  if ('yes'.startsWith(w) || 'true'.startsWith(w)) return true;
  if ('no'.startsWith(w) || 'false'.startsWith(w)) return false;
  if (n >= 2 && 'on'.startsWith(w)) return true;
  if (n >= 2 && 'off'.startsWith(w)) return false;
  return undefined;
}

/**
 * A value as a boolean where Tcl also accepts numbers (conditions, `&&`, `-gmt` ...: Tcl 8.4's
 * SetBooleanFromAny): non-zero numbers are true. Undefined when the text is not a boolean.
 */
export function getBoolean(s: string): boolean | undefined {
  switch (s) {
    case '1':
      return true;
    case '0':
      return false;
    case 'true':
    case 'yes':
    case 'on':
      return true;
    case 'false':
    case 'no':
    case 'off':
      return false;
    default:
      break;
  }
  const i = scanInt(s);
  if (i !== undefined) return typeof i === 'bigint' ? i !== 0n : i !== 0;
  const d = scanDouble(s);
  if (d !== undefined) return d !== 0;
  const w = s.toLowerCase();
  const n = w.length;
  if (n === 0) return undefined;
  if ('yes'.startsWith(w)) return true;
  if ('true'.startsWith(w)) return true;
  if ('no'.startsWith(w)) return false;
  if ('false'.startsWith(w)) return false;
  if (n >= 2 && 'on'.startsWith(w)) return true;
  if (n >= 2 && 'off'.startsWith(w)) return false;
  return undefined;
}

/** Tcl's message for a non-boolean. */
export function expectedBoolean(s: string): string {
  return `expected boolean value but got "${s}"`;
}

// ---- Indices -----------------------------------------------------------------------------------

/** Parses a list/string index (`N`, `end`, `end-N`) against the last valid index `end`. */
export function parseIndex(s: string, end: number): number | ListError {
  const n = scanInt(s);
  if (typeof n === 'number') return n;
  if (typeof n === 'bigint') return n < 0n ? -Infinity : Infinity;
  if (s.length > 0 && s[0] === 'e' && 'end'.startsWith(s.slice(0, 3))) {
    if (s.length <= 3) return end;
    if (s[3] === '-') {
      const off = scanInt(s.slice(4));
      if (typeof off === 'number') return end - off;
      if (typeof off === 'bigint') return off > 0n ? -Infinity : Infinity;
    }
  }
  return { error: `bad index "${s}": must be integer or end?-integer?` };
}

/** Whether `x` is a ListError. */
export function isError(x: unknown): x is ListError {
  return typeof x === 'object' && x !== null && 'error' in x;
}

/**
 * Tcl 8.4 `format` and `scan`: our own implementation of the C-style conversions Tcl supports
 * (`%d %i %u %o %x %X %c %s %f %e %E %g %G`, flags `- + space 0 #`, width and precision with `*`,
 * XPG `%n$` positions, `h`/`l` modifiers) and of scan's conversions (`%d %o %x %i %u %c %s %f %e
 * %g %[...] %n`, widths, `*` suppression, `%n$`).
 */
import { formatExp, formatFixed, formatGeneral } from './numfmt.js';
import { formatDouble, isSpaceCode, scanDouble, scanInt, type Int } from '../values.js';

/** A failed conversion. */
export interface FormatError {
  /** Tcl's message. */
  error: string;
}

/** Longest output a single field may produce (guards `%2000000000s`). */
export const MAX_FIELD_WIDTH = 1 << 20;

function pad(body: string, width: number, left: boolean, zero: boolean, signLen: number): string {
  if (body.length >= width) return body;
  const fill = width - body.length;
  if (left) return body + ' '.repeat(fill);
  if (zero) return body.slice(0, signLen) + '0'.repeat(fill) + body.slice(signLen);
  return ' '.repeat(fill) + body;
}

function toBig(v: Int): bigint {
  return typeof v === 'bigint' ? v : BigInt(v);
}

/** Parses an integer argument as format does (integers, or an error naming the text). */
function intArg(s: string): Int | FormatError {
  const v = scanInt(s);
  if (v === undefined) return { error: `expected integer but got "${s}"` };
  return v;
}

function doubleArg(s: string): number | FormatError {
  const i = scanInt(s);
  if (i !== undefined) return Number(i);
  const d = scanDouble(s);
  if (d === undefined) return { error: `expected floating-point number but got "${s}"` };
  return d;
}

/** Tcl's `format formatString ?arg ...?`. */
export function tclFormat(fmt: string, args: readonly string[]): string | FormatError {
  let out = '';
  let argIndex = 0;
  let gotXpg = false;
  let gotSequential = false;
  const n = fmt.length;
  let i = 0;
  const nextArg = (): string | FormatError => {
    if (argIndex >= args.length) return { error: 'not enough arguments for all format specifiers' };
    return args[argIndex++];
  };
  while (i < n) {
    const pct = fmt.indexOf('%', i);
    if (pct < 0) {
      out += fmt.slice(i);
      break;
    }
    out += fmt.slice(i, pct);
    i = pct + 1;
    if (fmt[i] === '%') {
      out += '%';
      i++;
      continue;
    }
    // XPG position.
    const xpg = /^([0-9]+)\$/.exec(fmt.slice(i, i + 12));
    if (xpg) {
      if (gotSequential) return { error: 'cannot mix "%" and "%n$" conversion specifiers' };
      gotXpg = true;
      const pos = Number(xpg[1]) - 1;
      if (pos < 0 || pos >= args.length) return { error: '"%n$" argument index out of range' };
      argIndex = pos;
      i += xpg[0].length;
    } else {
      if (gotXpg) return { error: 'cannot mix "%" and "%n$" conversion specifiers' };
      gotSequential = true;
    }
    let left = false;
    let plus = false;
    let space = false;
    let zero = false;
    let alt = false;
    for (;;) {
      const c = fmt[i];
      if (c === '-') left = true;
      else if (c === '+') plus = true;
      else if (c === ' ') space = true;
      else if (c === '0') zero = true;
      else if (c === '#') alt = true;
      else break;
      i++;
    }
    let width = 0;
    if (fmt[i] === '*') {
      if (gotXpg) return { error: 'cannot mix "%" and "%n$" conversion specifiers' };
      const a = nextArg();
      if (typeof a !== 'string') return a;
      const w = intArg(a);
      if (typeof w === 'object') return w;
      width = Number(w);
      if (width < 0) {
        width = -width;
        left = true;
      }
      i++;
    } else {
      const m = /^[0-9]+/.exec(fmt.slice(i));
      if (m) {
        width = Number(m[0]);
        i += m[0].length;
      }
    }
    let precision = -1;
    if (fmt[i] === '.') {
      i++;
      if (fmt[i] === '*') {
        if (gotXpg) return { error: 'cannot mix "%" and "%n$" conversion specifiers' };
        const a = nextArg();
        if (typeof a !== 'string') return a;
        const p = intArg(a);
        if (typeof p === 'object') return p;
        precision = Math.max(0, Number(p));
        i++;
      } else {
        const m = /^[0-9]*/.exec(fmt.slice(i))!;
        precision = m[0] === '' ? 0 : Number(m[0]);
        i += m[0].length;
      }
    }
    if (width > MAX_FIELD_WIDTH || precision > MAX_FIELD_WIDTH) return { error: 'format field width too large for the simulator' };
    let short = false;
    if (fmt[i] === 'h') {
      short = true;
      i++;
    } else if (fmt[i] === 'l' || fmt[i] === 'L') {
      i++;
    }
    const conv = fmt[i];
    if (conv === undefined) return { error: 'format string ended in middle of field specifier' };
    i++;
    const a = nextArg();
    if (typeof a !== 'string') return a;
    switch (conv) {
      case 'd':
      case 'i': {
        const v = intArg(a);
        if (typeof v === 'object') return v;
        let b = toBig(v);
        if (short) b = BigInt.asIntN(16, b);
        const neg = b < 0n;
        let digits = (neg ? -b : b).toString();
        if (precision >= 0) digits = precision === 0 && b === 0n ? '' : digits.padStart(precision, '0');
        const sign = neg ? '-' : plus ? '+' : space ? ' ' : '';
        out += pad(sign + digits, width, left, zero && precision < 0, sign.length);
        break;
      }
      case 'u':
      case 'o':
      case 'x':
      case 'X': {
        const v = intArg(a);
        if (typeof v === 'object') return v;
        let b = toBig(v);
        b = short ? BigInt.asUintN(16, b) : BigInt.asUintN(64, b);
        let digits = conv === 'u' ? b.toString() : conv === 'o' ? b.toString(8) : b.toString(16);
        if (conv === 'X') digits = digits.toUpperCase();
        if (precision >= 0) digits = precision === 0 && b === 0n ? '' : digits.padStart(precision, '0');
        let prefix = '';
        if (alt && b !== 0n) {
          if (conv === 'o' && digits[0] !== '0') digits = '0' + digits;
          else if (conv === 'x') prefix = '0x';
          else if (conv === 'X') prefix = '0X';
        }
        out += pad(prefix + digits, width, left, zero && precision < 0, prefix.length);
        break;
      }
      case 'c': {
        const v = intArg(a);
        if (typeof v === 'object') return v;
        const code = Number(BigInt.asUintN(32, toBig(v)));
        const ch = code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
        out += pad(ch, width, left, false, 0);
        break;
      }
      case 's': {
        const s = precision >= 0 ? a.slice(0, precision) : a;
        out += pad(s, width, left, zero, 0);
        break;
      }
      case 'f':
      case 'e':
      case 'E':
      case 'g':
      case 'G': {
        const v = doubleArg(a);
        if (typeof v === 'object') return v;
        const neg = v < 0 || Object.is(v, -0);
        const abs = Math.abs(v);
        const p = precision < 0 ? 6 : precision;
        let body: string;
        if (!isFinite(abs)) body = isNaN(abs) ? 'nan' : 'inf';
        else if (conv === 'f') body = formatFixed(abs, p, alt);
        else if (conv === 'e' || conv === 'E') body = formatExp(abs, p, conv === 'E', alt);
        else body = formatGeneral(abs, p, conv === 'G', alt);
        if (conv === 'E' || conv === 'G') body = body.toUpperCase();
        const sign = neg && !isNaN(v) ? '-' : plus ? '+' : space ? ' ' : '';
        out += pad(sign + body, width, left, zero && isFinite(abs), sign.length);
        break;
      }
      default:
        return { error: `bad field specifier "${conv}"` };
    }
  }
  return out;
}

// ---- scan ----------------------------------------------------------------------------------------

/** One scan conversion result: its value, or undefined when it was not assigned. */
export interface ScanOutcome {
  /** Values per assignable conversion, in variable order (undefined = not assigned). */
  values: (string | undefined)[];
  /** Number of successful assigning conversions. */
  count: number;
  /** Whether the input ran out before the first conversion. */
  underflow: boolean;
}

interface Spec {
  /** Conversion character. */
  conv: string;
  /** Assign to this slot (undefined = suppressed). */
  slot?: number;
  /** Maximum field width (0 = none). */
  width: number;
  /** Char set for %[...]. */
  set?: { negate: boolean; chars: string; ranges: [string, string][] };
}

/** Parses the scan format into literal text and conversions, validating it as Tcl does. */
function parseScanFormat(fmt: string): { items: (string | Spec)[]; slots: number } | FormatError {
  const items: (string | Spec)[] = [];
  let gotXpg = false;
  let gotSeq = false;
  let seqSlot = 0;
  let maxSlot = 0;
  const used = new Set<number>();
  let i = 0;
  while (i < fmt.length) {
    const c = fmt[i];
    if (c !== '%') {
      items.push(c);
      i++;
      continue;
    }
    i++;
    if (fmt[i] === '%') {
      items.push('%');
      i++;
      continue;
    }
    let slot: number | undefined;
    let suppress = false;
    if (fmt[i] === '*') {
      suppress = true;
      i++;
    } else {
      const m = /^([0-9]+)\$/.exec(fmt.slice(i, i + 12));
      if (m) {
        if (gotSeq) return { error: 'cannot mix "%" and "%n$" conversion specifiers' };
        gotXpg = true;
        slot = Number(m[1]) - 1;
        i += m[0].length;
      } else {
        if (gotXpg) return { error: 'cannot mix "%" and "%n$" conversion specifiers' };
      }
    }
    const wm = /^[0-9]+/.exec(fmt.slice(i));
    const width = wm ? Number(wm[0]) : 0;
    if (wm) i += wm[0].length;
    if (fmt[i] === 'l' || fmt[i] === 'L' || fmt[i] === 'h') i++;
    const conv = fmt[i];
    if (conv === undefined) return { error: 'format string ended in middle of field specifier' };
    i++;
    const spec: Spec = { conv, width };
    switch (conv) {
      case 'n':
      case 'd':
      case 'i':
      case 'o':
      case 'x':
      case 'u':
      case 'f':
      case 'e':
      case 'g':
      case 's':
        break;
      case 'c':
        if (width) return { error: 'field width may not be specified in %c conversion' };
        break;
      case '[': {
        let negate = false;
        if (fmt[i] === '^') {
          negate = true;
          i++;
        }
        let chars = '';
        const ranges: [string, string][] = [];
        let first = true;
        for (;;) {
          if (i >= fmt.length) return { error: 'unmatched [ in format string' };
          const ch = fmt[i];
          if (ch === ']' && !first) {
            i++;
            break;
          }
          first = false;
          if (fmt[i + 1] === '-' && i + 2 < fmt.length && fmt[i + 2] !== ']') {
            const a = ch;
            const b = fmt[i + 2];
            ranges.push(a <= b ? [a, b] : [b, a]);
            i += 3;
          } else {
            chars += ch;
            i++;
          }
        }
        spec.set = { negate, chars, ranges };
        break;
      }
      default:
        return { error: `bad scan conversion character "${conv}"` };
    }
    if (!suppress && conv !== 'n') {
      if (slot === undefined) {
        gotSeq = gotSeq || !gotXpg;
        slot = seqSlot++;
      }
      spec.slot = slot;
      used.add(slot);
      maxSlot = Math.max(maxSlot, slot + 1);
    } else if (conv === 'n' && !suppress) {
      if (slot === undefined) slot = seqSlot++;
      spec.slot = slot;
      used.add(slot);
      maxSlot = Math.max(maxSlot, slot + 1);
    }
    items.push(spec);
  }
  return { items, slots: maxSlot };
}

function inSet(set: NonNullable<Spec['set']>, ch: string): boolean {
  let hit = set.chars.includes(ch);
  if (!hit) for (const [a, b] of set.ranges) if (ch >= a && ch <= b) hit = true;
  return set.negate ? !hit : hit;
}

/** Tcl's `scan string format`: the values of the conversions (nVars = how many variables are given, or -1 for inline). */
export function tclScan(input: string, fmt: string, nVars: number): ScanOutcome | FormatError {
  const parsed = parseScanFormat(fmt);
  if ('error' in parsed) return parsed;
  const { items, slots } = parsed;
  if (nVars >= 0) {
    if (slots !== nVars) {
      if (slots < nVars) return { error: 'variable is not assigned by any conversion specifiers' };
      return { error: 'different numbers of variable names and field specifiers' };
    }
  }
  const values: (string | undefined)[] = new Array(slots).fill(undefined);
  let count = 0;
  let pos = 0;
  let underflow = false;
  const n = input.length;
  const skipWs = () => {
    while (pos < n && isSpaceCode(input.charCodeAt(pos))) pos++;
  };
  outer: for (const item of items) {
    if (typeof item === 'string') {
      if (isSpaceCode(item.charCodeAt(0))) {
        skipWs();
        continue;
      }
      if (pos >= n) {
        underflow = true;
        break;
      }
      if (input[pos] !== item) break;
      pos++;
      continue;
    }
    const { conv, slot } = item;
    const width = item.width || Infinity;
    if (conv === 'n') {
      if (slot !== undefined) values[slot] = String(pos);
      continue;
    }
    if (conv !== 'c' && conv !== '[') skipWs();
    if (pos >= n) {
      underflow = true;
      break;
    }
    let text: string;
    switch (conv) {
      case 'c': {
        const cp = input.codePointAt(pos)!;
        pos += cp > 0xffff ? 2 : 1;
        if (slot !== undefined) {
          values[slot] = String(cp);
          count++;
        }
        continue;
      }
      case 's': {
        const start = pos;
        while (pos < n && pos - start < width && !isSpaceCode(input.charCodeAt(pos))) pos++;
        text = input.slice(start, pos);
        break;
      }
      case '[': {
        const start = pos;
        while (pos < n && pos - start < width && inSet(item.set!, input[pos])) pos++;
        if (pos === start) break outer;
        text = input.slice(start, pos);
        break;
      }
      case 'f':
      case 'e':
      case 'g': {
        const field = input.slice(pos, width === Infinity ? undefined : pos + width);
        const m = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/.exec(field);
        if (!m) {
          // A lone sign or point at the end of the input counts as running out of input.
          if (/^[+-]?\.?$/.test(field) && pos + field.length >= n) underflow = true;
          break outer;
        }
        // An exponent marker without digits is not consumed.
        pos += m[0].length;
        const v = Number(m[0]);
        text = formatDouble(v);
        break;
      }
      default: {
        // Integers.
        const limit = width === Infinity ? n : Math.min(n, pos + width);
        const start = pos;
        let j = pos;
        let neg = false;
        if (j < limit && (input[j] === '+' || input[j] === '-')) {
          neg = input[j] === '-';
          j++;
        }
        let base = conv === 'o' ? 8 : conv === 'x' ? 16 : conv === 'i' ? 0 : 10;
        if ((base === 16 || base === 0) && input[j] === '0' && (input[j + 1] === 'x' || input[j + 1] === 'X') && j + 2 < limit && /[0-9a-fA-F]/.test(input[j + 2])) {
          j += 2;
          base = 16;
        } else if (base === 0) base = input[j] === '0' ? 8 : 10;
        const digitRe = base === 8 ? /[0-7]/ : base === 16 ? /[0-9a-fA-F]/ : /[0-9]/;
        const dstart = j;
        while (j < limit && digitRe.test(input[j])) j++;
        if (j === dstart) {
          // Only a sign (or "0x") before the end of the input: Tcl counts it as running out of input.
          if (j >= n) underflow = true;
          pos = start;
          break outer;
        }
        pos = j;
        let v = BigInt((base === 16 ? '0x' : base === 8 ? '0o' : '') + input.slice(dstart, j));
        if (neg) v = -v;
        text = conv === 'u' ? BigInt.asUintN(64, v).toString() : BigInt.asIntN(64, v).toString();
        break;
      }
    }
    if (slot !== undefined) {
      values[slot] = text;
      count++;
    }
  }
  return { values, count, underflow: underflow && count === 0 };
}

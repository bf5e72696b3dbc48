/**
 * `clock` (seconds, clicks, format; the clock is the interpreter's injectable `now`, and local
 * time is taken as UTC) and `binary format` / `binary scan` with Tcl 8.4's field types
 * (a A b B h H c s S i I w W f d x X @). Binary strings are strings of characters 0-255.
 */
import { isResult, lookup, subcommand } from '../args.js';
import type { Interp } from '../interp.js';
import { err, ok, wrongArgs, type TclResult } from '../result.js';
import { formatDouble, formatList, getBoolean, parseList, scanDouble, scanInt } from '../values.js';

// ---- clock --------------------------------------------------------------------------------------

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function pad(n: number, width: number, fill = '0'): string {
  return String(n).padStart(width, fill);
}

function dayOfYear(d: Date): number {
  return Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86400000) + 1;
}

function isoWeek(d: Date): { week: number; year: number } {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  return { week: Math.ceil(((t.getTime() - yearStart) / 86400000 + 1) / 7), year: t.getUTCFullYear() };
}

/** The widest clock value a JS Date can format (8.64e15 ms). */
const MAX_CLOCK_SECONDS = 8.64e12;

/** strftime-style formatting in UTC. */
export function clockFormat(seconds: number, fmt: string, gmt: boolean): string {
  const d = new Date(seconds * 1000);
  const h = d.getUTCHours();
  let out = '';
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i];
    if (c !== '%' || i + 1 >= fmt.length) {
      out += c;
      continue;
    }
    const k = fmt[++i];
    switch (k) {
      case 'a':
        out += DAYS[d.getUTCDay()].slice(0, 3);
        break;
      case 'A':
        out += DAYS[d.getUTCDay()];
        break;
      case 'b':
      case 'h':
        out += MONTHS[d.getUTCMonth()].slice(0, 3);
        break;
      case 'B':
        out += MONTHS[d.getUTCMonth()];
        break;
      case 'c':
        out += clockFormat(seconds, '%a %b %e %H:%M:%S %Y', gmt);
        break;
      case 'C':
        out += pad(Math.floor(d.getUTCFullYear() / 100), 2);
        break;
      case 'd':
        out += pad(d.getUTCDate(), 2);
        break;
      case 'D':
        out += clockFormat(seconds, '%m/%d/%y', gmt);
        break;
      case 'e':
        out += pad(d.getUTCDate(), 2, ' ');
        break;
      case 'H':
        out += pad(h, 2);
        break;
      case 'I':
        out += pad(h % 12 === 0 ? 12 : h % 12, 2);
        break;
      case 'j':
        out += pad(dayOfYear(d), 3);
        break;
      case 'k':
        out += pad(h, 2, ' ');
        break;
      case 'l':
        out += pad(h % 12 === 0 ? 12 : h % 12, 2, ' ');
        break;
      case 'm':
        out += pad(d.getUTCMonth() + 1, 2);
        break;
      case 'M':
        out += pad(d.getUTCMinutes(), 2);
        break;
      case 'n':
        out += '\n';
        break;
      case 'p':
        out += h < 12 ? 'AM' : 'PM';
        break;
      case 'r':
        out += clockFormat(seconds, '%I:%M:%S %p', gmt);
        break;
      case 'R':
        out += clockFormat(seconds, '%H:%M', gmt);
        break;
      case 's':
        out += String(seconds);
        break;
      case 'S':
        out += pad(d.getUTCSeconds(), 2);
        break;
      case 't':
        out += '\t';
        break;
      case 'T':
        out += clockFormat(seconds, '%H:%M:%S', gmt);
        break;
      case 'u':
        out += String(d.getUTCDay() || 7);
        break;
      case 'V':
        out += pad(isoWeek(d).week, 2);
        break;
      case 'G':
        out += String(isoWeek(d).year);
        break;
      case 'w':
        out += String(d.getUTCDay());
        break;
      case 'U': {
        const yd = dayOfYear(d) - 1;
        out += pad(Math.floor((yd + 7 - d.getUTCDay()) / 7), 2);
        break;
      }
      case 'W': {
        const yd = dayOfYear(d) - 1;
        out += pad(Math.floor((yd + 7 - ((d.getUTCDay() + 6) % 7)) / 7), 2);
        break;
      }
      case 'y':
        out += pad(d.getUTCFullYear() % 100, 2);
        break;
      case 'Y':
        out += String(d.getUTCFullYear());
        break;
      case 'Z':
        out += gmt ? 'GMT' : 'UTC';
        break;
      case 'z':
        out += '+0000';
        break;
      case 'x':
        out += clockFormat(seconds, '%m/%d/%y', gmt);
        break;
      case 'X':
        out += clockFormat(seconds, '%H:%M:%S', gmt);
        break;
      case '%':
        out += '%';
        break;
      default:
        out += '%' + k;
    }
  }
  return out;
}

function clockCmd(interp: Interp, argv: string[]): TclResult {
  if (argv.length < 2) return wrongArgs('clock option ?arg ...?');
  const sub = subcommand(['clock'], argv[1]);
  if (isResult(sub)) return sub;
  const now = interp.now();
  switch (sub) {
    case 'seconds':
      if (argv.length !== 2) return wrongArgs('clock seconds');
      return ok(String(Math.floor(now / 1000)));
    case 'clicks': {
      if (argv.length > 3) return wrongArgs('clock clicks ?-milliseconds?');
      if (argv.length === 3) {
        const opt = lookup(argv[2], ['-milliseconds']);
        if (isResult(opt)) return err(`bad switch "${argv[2]}": must be -milliseconds`);
        return ok(String(Math.floor(now)));
      }
      return ok(String(Math.floor(now * 1000)));
    }
    case 'format': {
      if (argv.length < 3 || argv.length % 2 === 0) return wrongArgs('clock format clockval ?-format string? ?-gmt boolean?');
      const secs = scanInt(argv[2]);
      if (secs === undefined) return err(`expected integer but got "${argv[2]}"`);
      let fmt = '%a %b %d %H:%M:%S %Z %Y';
      let gmt = false;
      for (let i = 3; i < argv.length; i += 2) {
        const opt = lookup(argv[i], ['-format', '-gmt']);
        if (isResult(opt)) return err(`bad switch "${argv[i]}": must be -format or -gmt`);
        if (opt === '-format') fmt = argv[i + 1];
        else {
          const b = getBoolean(argv[i + 1]);
          if (b === undefined) return err(`expected boolean value but got "${argv[i + 1]}"`);
          gmt = b;
        }
      }
      // Beyond what a JS Date holds (about 275,000 years either way) the simulator cannot format.
      if (Number(secs) > MAX_CLOCK_SECONDS || Number(secs) < -MAX_CLOCK_SECONDS) return err('integer value too large to represent');
      return ok(clockFormat(Number(secs), fmt, gmt));
    }
    default:
      return err('clock scan is not modelled by the simulator');
  }
}

// ---- binary -------------------------------------------------------------------------------------

interface Field {
  type: string;
  /** Count: a number, '*' for all, or undefined for the default. */
  count: number | '*' | undefined;
}

function parseFields(fmt: string): Field[] | TclResult {
  const fields: Field[] = [];
  let i = 0;
  while (i < fmt.length) {
    const c = fmt[i++];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') continue;
    if (!'aAbBhHcsSiIwWfdxX@'.includes(c)) return err(`bad field specifier "${c}"`);
    let count: Field['count'];
    if (fmt[i] === '*') {
      count = '*';
      i++;
    } else {
      const m = /^[0-9]+/.exec(fmt.slice(i));
      if (m) {
        count = Number(m[0]);
        i += m[0].length;
      }
    }
    fields.push({ type: c, count });
  }
  return fields;
}

const INT_SIZE: Record<string, number> = { c: 1, s: 2, S: 2, i: 4, I: 4, w: 8, W: 8 };

function binaryFormat(interp: Interp, argv: string[]): TclResult {
  const fields = parseFields(argv[2]);
  if (isResult(fields)) return fields;
  const bytes: number[] = [];
  let pos = 0;
  let arg = 3;
  const put = (b: number) => {
    bytes[pos++] = b & 0xff;
  };
  for (const f of fields) {
    const needsArg = !'xX@'.includes(f.type);
    if (needsArg && arg >= argv.length) return err('not enough arguments for all format specifiers');
    const value = needsArg ? argv[arg++] : '';
    switch (f.type) {
      case 'a':
      case 'A': {
        const n = f.count === '*' ? value.length : (f.count ?? 1);
        const tooLong = interp.checkLength(pos + n);
        if (tooLong) return tooLong;
        for (let k = 0; k < n; k++) put(k < value.length ? value.charCodeAt(k) : f.type === 'a' ? 0 : 32);
        break;
      }
      case 'b':
      case 'B': {
        const n = f.count === '*' ? value.length : Math.min(f.count ?? 1, value.length);
        let byte = 0;
        let bit = 0;
        for (let k = 0; k < n; k++) {
          const ch = value[k];
          if (ch !== '0' && ch !== '1') return err(`expected binary string but got "${value}" instead`);
          if (ch === '1') byte |= f.type === 'b' ? 1 << bit : 0x80 >> bit;
          if (++bit === 8) {
            put(byte);
            byte = 0;
            bit = 0;
          }
        }
        if (bit > 0) put(byte);
        break;
      }
      case 'h':
      case 'H': {
        const n = f.count === '*' ? value.length : Math.min(f.count ?? 1, value.length);
        let byte = 0;
        let half = 0;
        for (let k = 0; k < n; k++) {
          const d = parseInt(value[k], 16);
          if (isNaN(d)) return err(`expected hexadecimal string but got "${value}" instead`);
          byte |= f.type === 'h' ? d << (4 * half) : d << (4 * (1 - half));
          if (++half === 2) {
            put(byte);
            byte = 0;
            half = 0;
          }
        }
        if (half > 0) put(byte);
        break;
      }
      case 'c':
      case 's':
      case 'S':
      case 'i':
      case 'I':
      case 'w':
      case 'W':
      case 'f':
      case 'd': {
        let values: string[];
        if (f.count === undefined) values = [value];
        else {
          const l = parseList(value, interp.dialect);
          if (!Array.isArray(l)) return err(l.error);
          if (f.count !== '*' && l.length < f.count) return err('number of elements in list does not match count');
          values = f.count === '*' ? l : l.slice(0, f.count);
        }
        for (const v of values) {
          if (f.type === 'f' || f.type === 'd') {
            const iv = scanInt(v);
            const dv = iv !== undefined ? Number(iv) : scanDouble(v);
            if (dv === undefined) return err(`expected floating-point number but got "${v}"`);
            const buf = new DataView(new ArrayBuffer(8));
            if (f.type === 'f') {
              buf.setFloat32(0, dv, true);
              for (let k = 0; k < 4; k++) put(buf.getUint8(k));
            } else {
              buf.setFloat64(0, dv, true);
              for (let k = 0; k < 8; k++) put(buf.getUint8(k));
            }
            continue;
          }
          const iv = scanInt(v);
          if (iv === undefined) return err(`expected integer but got "${v}"`);
          const size = INT_SIZE[f.type];
          const big = BigInt.asUintN(64, BigInt(iv));
          const bigEndian = f.type === 'S' || f.type === 'I' || f.type === 'W';
          for (let k = 0; k < size; k++) {
            const shift = BigInt(8 * (bigEndian ? size - 1 - k : k));
            put(Number((big >> shift) & 0xffn));
          }
        }
        break;
      }
      case 'x': {
        const n = f.count === '*' ? 0 : (f.count ?? 1);
        const tooLong = interp.checkLength(pos + n);
        if (tooLong) return tooLong;
        for (let k = 0; k < n; k++) put(0);
        break;
      }
      case 'X': {
        const n = f.count === '*' ? pos : (f.count ?? 1);
        pos = Math.max(0, pos - n);
        break;
      }
      case '@': {
        if (f.count === undefined) return err('missing count for "@" field specifier');
        const n = f.count === '*' ? bytes.length : f.count;
        const tooLong = interp.checkLength(n);
        if (tooLong) return tooLong;
        while (bytes.length < n) bytes.push(0);
        pos = n;
        break;
      }
    }
  }
  if (arg < argv.length) return err('too many arguments for all format specifiers');
  for (let k = 0; k < bytes.length; k++) if (bytes[k] === undefined) bytes[k] = 0;
  let out = '';
  for (const b of bytes) out += String.fromCharCode(b);
  return ok(out);
}

function binaryScan(interp: Interp, argv: string[]): TclResult {
  const data = argv[2];
  const fields = parseFields(argv[3]);
  if (isResult(fields)) return fields;
  let pos = 0;
  let arg = 4;
  let assigned = 0;
  for (const f of fields) {
    const needsVar = !'xX@'.includes(f.type);
    if (needsVar && arg >= argv.length) return err('not enough arguments for all format specifiers');
    const varName = needsVar ? argv[arg++] : '';
    let value: string | undefined;
    switch (f.type) {
      case 'a':
      case 'A': {
        const n = f.count === '*' ? data.length - pos : (f.count ?? 1);
        if (pos + n > data.length) break;
        value = data.slice(pos, pos + n);
        if (f.type === 'A') value = value.replace(/[\0 ]+$/, '');
        pos += n;
        break;
      }
      case 'b':
      case 'B':
      case 'h':
      case 'H': {
        const per = f.type === 'b' || f.type === 'B' ? 8 : 2;
        const avail = (data.length - pos) * per;
        const n = f.count === '*' ? avail : (f.count ?? 1);
        if (n > avail) break;
        let s = '';
        for (let k = 0; k < n; k++) {
          const byte = data.charCodeAt(pos + Math.floor(k / per)) & 0xff;
          const sub = k % per;
          if (f.type === 'b') s += (byte >> sub) & 1;
          else if (f.type === 'B') s += (byte >> (7 - sub)) & 1;
          else if (f.type === 'h') s += ((byte >> (4 * sub)) & 0xf).toString(16);
          else s += ((byte >> (4 * (1 - sub))) & 0xf).toString(16);
        }
        value = s;
        pos += Math.ceil(n / per);
        break;
      }
      case 'c':
      case 's':
      case 'S':
      case 'i':
      case 'I':
      case 'w':
      case 'W':
      case 'f':
      case 'd': {
        const size = f.type === 'f' ? 4 : f.type === 'd' ? 8 : INT_SIZE[f.type];
        const avail = Math.floor((data.length - pos) / size);
        const n = f.count === '*' ? avail : (f.count ?? 1);
        if (n > avail) break;
        const vals: string[] = [];
        for (let k = 0; k < n; k++) {
          const buf = new DataView(new ArrayBuffer(8));
          for (let b = 0; b < size; b++) buf.setUint8(b, data.charCodeAt(pos + b) & 0xff);
          pos += size;
          if (f.type === 'f') vals.push(formatDouble(buf.getFloat32(0, true)));
          else if (f.type === 'd') vals.push(formatDouble(buf.getFloat64(0, true)));
          else {
            const bigEndian = f.type === 'S' || f.type === 'I' || f.type === 'W';
            let v = 0n;
            for (let b = 0; b < size; b++) v |= BigInt(buf.getUint8(b)) << BigInt(8 * (bigEndian ? size - 1 - b : b));
            vals.push(BigInt.asIntN(size * 8, v).toString());
          }
        }
        value = f.count === undefined ? vals[0] : formatList(vals, interp.dialect);
        break;
      }
      case 'x': {
        const n = f.count === '*' ? data.length - pos : (f.count ?? 1);
        pos = Math.min(data.length, pos + n);
        continue;
      }
      case 'X': {
        const n = f.count === '*' ? pos : (f.count ?? 1);
        pos = Math.max(0, pos - n);
        continue;
      }
      case '@': {
        if (f.count === undefined) return err('missing count for "@" field specifier');
        pos = f.count === '*' ? data.length : Math.min(f.count, data.length);
        continue;
      }
    }
    if (value === undefined) break;
    const r = interp.setVar(varName, value);
    if (typeof r !== 'string') return r;
    assigned++;
  }
  return ok(String(assigned));
}

function binaryCmd(interp: Interp, argv: string[]): TclResult {
  if (argv.length < 2) return wrongArgs('binary option ?arg arg ...?');
  const sub = subcommand(['binary'], argv[1]);
  if (isResult(sub)) return sub;
  if (sub === 'format') {
    if (argv.length < 3) return wrongArgs('binary format formatString ?arg arg ...?');
    return binaryFormat(interp, argv);
  }
  if (argv.length < 4) return wrongArgs('binary scan value formatString ?varName varName ...?');
  return binaryScan(interp, argv);
}

/** Installs `clock` and `binary`. */
export function install(interp: Interp): void {
  interp.register('clock', clockCmd);
  interp.register('binary', binaryCmd);
}


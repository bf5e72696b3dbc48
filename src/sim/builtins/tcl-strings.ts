/**
 * Strings: `string` (Tcl 8.4's subcommands), `format`, `scan`, `subst`.
 */
import { escapeLength, escapeValue, scanBracket, scanVarName } from '../../syntax/scan.js';
import { indexArg, intArg, isResult, lookup, subcommand } from '../args.js';
import type { Interp } from '../interp.js';
import { Code, err, ok, OK_EMPTY, wrongArgs, type TclResult } from '../result.js';
import { tclFormat, tclScan } from '../tcl/format.js';
import { globMatch } from '../tcl/glob.js';
import { formatList, getBooleanStrict, parseList, scanDouble, scanInt } from '../values.js';

/** Per-character tests of `string is`. */
const CHAR_CLASS: Record<string, RegExp> = {
  alnum: /^[\p{L}\p{Nd}]$/u,
  alpha: /^\p{L}$/u,
  ascii: /^[\x00-\x7f]$/,
  control: /^[\p{Cc}\p{Cf}]$/u,
  digit: /^\p{Nd}$/u,
  graph: /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u,
  lower: /^\p{Ll}$/u,
  print: /^[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]$/u,
  punct: /^\p{P}$/u,
  space: /^[\t\n\v\f\r\p{Z}]$/u,
  upper: /^\p{Lu}$/u,
  wordchar: /^[\p{L}\p{Nd}\p{Pc}]$/u,
  xdigit: /^[0-9A-Fa-f]$/,
};

function isWordChar(c: string): boolean {
  return CHAR_CLASS.wordchar.test(c);
}

/** UTF-8 length as Tcl counts it (NUL takes two bytes in Tcl's modified UTF-8). */
function byteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0) n += 2;
    else if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else n += 3;
  }
  return n;
}

/** Parses `?-nocase? ?-length int?` before two strings (compare/equal). */
function compareArgs(argv: string[], usage: string): { nocase: boolean; length: number; a: string; b: string } | TclResult {
  if (argv.length < 4 || argv.length > 7) return wrongArgs(`string ${usage}`);
  let nocase = false;
  let length = -1;
  for (let i = 2; i < argv.length - 2; i++) {
    const opt = lookup(argv[i], ['-nocase', '-length']);
    if (isResult(opt)) return err(`bad option "${argv[i]}": must be -nocase or -length`);
    if (opt === '-nocase') nocase = true;
    else {
      if (i + 1 >= argv.length - 2) return wrongArgs(`string ${usage}`);
      const l = intArg(argv[++i]);
      if (isResult(l)) return l;
      length = l;
    }
  }
  let a = argv[argv.length - 2];
  let b = argv[argv.length - 1];
  if (length >= 0) {
    a = a.slice(0, length);
    b = b.slice(0, length);
  }
  if (nocase) {
    a = a.toLowerCase();
    b = b.toLowerCase();
  }
  return { nocase, length, a, b };
}

function stringIs(interp: Interp, argv: string[]): TclResult {
  if (argv.length < 4 || argv.length > 7) return wrongArgs('string is class ?-strict? ?-failindex var? str');
  const cls = subcommand(['string', 'is'], argv[2], 'class');
  if (isResult(cls)) return cls;
  let strict = false;
  let failVar: string | undefined;
  for (let i = 3; i < argv.length - 1; i++) {
    const opt = lookup(argv[i], ['-strict', '-failindex']);
    if (isResult(opt)) return err(`bad option "${argv[i]}": must be -strict or -failindex`);
    if (opt === '-strict') strict = true;
    else {
      if (i + 1 >= argv.length - 1) return wrongArgs('string is class ?-strict? ?-failindex var? str');
      failVar = argv[++i];
    }
  }
  const s = argv[argv.length - 1];
  let result: boolean;
  let failAt = -1;
  if (s === '') {
    result = !strict;
  } else {
    switch (cls) {
      case 'boolean':
      case 'true':
      case 'false': {
        const b = getBooleanStrict(s);
        result = b !== undefined && (cls === 'boolean' || b === (cls === 'true'));
        if (!result) failAt = 0;
        break;
      }
      case 'integer': {
        const v = scanInt(s);
        result = v !== undefined && Number(v) >= -4294967295 && Number(v) <= 4294967295;
        if (!result) failAt = /^[ \t\n\v\f\r]*[+-]?(?:0[xX][0-9a-fA-F]+|[0-9]+)/.exec(s)?.[0].length ?? 0;
        break;
      }
      case 'double': {
        result = scanInt(s) !== undefined || scanDouble(s) !== undefined;
        if (!result) failAt = /^[ \t\n\v\f\r]*[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/.exec(s)?.[0].length ?? 0;
        break;
      }
      default: {
        const re = CHAR_CLASS[cls];
        result = true;
        for (let i = 0; i < s.length; i++) {
          if (!re.test(s[i])) {
            result = false;
            failAt = i;
            break;
          }
        }
      }
    }
  }
  if (!result && failVar !== undefined) {
    const r = interp.setVar(failVar, String(failAt < 0 ? 0 : failAt));
    if (typeof r !== 'string') return r;
  }
  return ok(result ? '1' : '0');
}

function stringMap(interp: Interp, argv: string[]): TclResult {
  let nocase = false;
  if (argv.length === 5) {
    if (lookup(argv[2], ['-nocase']) !== '-nocase') return err(`bad option "${argv[2]}": must be -nocase`);
    nocase = true;
  } else if (argv.length !== 4) return wrongArgs('string map ?-nocase? charMap string');
  const map = parseList(argv[argv.length - 2], interp.dialect);
  if (!Array.isArray(map)) return err(map.error);
  if (map.length % 2 !== 0) return err('char map list unbalanced');
  const s = argv[argv.length - 1];
  if (map.length === 0 || s === '') return ok(s);
  const keys: string[] = [];
  const vals: string[] = [];
  for (let k = 0; k < map.length; k += 2) {
    if (map[k] === '') continue;
    keys.push(nocase ? map[k].toLowerCase() : map[k]);
    vals.push(map[k + 1]);
  }
  const hay = nocase ? s.toLowerCase() : s;
  let out = '';
  let i = 0;
  let last = 0;
  outer: while (i < s.length) {
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k];
      if (hay.startsWith(key, i)) {
        out += s.slice(last, i) + vals[k];
        i += key.length;
        last = i;
        const tooLong = interp.checkLength(out.length);
        if (tooLong) return tooLong;
        continue outer;
      }
    }
    i++;
  }
  return ok(out + s.slice(last));
}

function trimSet(s: string, chars: string, left: boolean, right: boolean): string {
  let a = 0;
  let b = s.length;
  if (left) while (a < b && chars.includes(s[a])) a++;
  if (right) while (b > a && chars.includes(s[b - 1])) b--;
  return s.slice(a, b);
}

function caseRange(argv: string[], f: (s: string) => string, usage: string): TclResult {
  if (argv.length < 3 || argv.length > 5) return wrongArgs(`string ${usage} string ?first? ?last?`);
  const s = argv[2];
  if (argv.length === 3) return ok(f(s));
  let first = indexArg(argv[3], s.length - 1);
  if (isResult(first)) return first;
  let last: number | TclResult = first;
  if (argv.length === 5) {
    last = indexArg(argv[4], s.length - 1);
    if (isResult(last)) return last;
  }
  if (first < 0) first = 0;
  if (last >= s.length) last = s.length - 1;
  if (last < first) return ok(s);
  return ok(s.slice(0, first) + f(s.slice(first, last + 1)) + s.slice(last + 1));
}

function totitle(s: string): string {
  if (s === '') return s;
  return s[0].toUpperCase() + s.slice(1).toLowerCase();
}

function stringCmd(interp: Interp, argv: string[]): TclResult {
  if (argv.length < 2) return wrongArgs('string option arg ?arg ...?');
  const sub = subcommand(['string'], argv[1]);
  if (isResult(sub)) return sub;
  const n = argv.length;
  switch (sub) {
    case 'length':
      if (n !== 3) return wrongArgs('string length string');
      return ok(String(argv[2].length));
    case 'bytelength':
      if (n !== 3) return wrongArgs('string bytelength string');
      return ok(String(byteLength(argv[2])));
    case 'compare': {
      const c = compareArgs(argv, 'compare ?-nocase? ?-length int? string1 string2');
      if (isResult(c)) return c;
      return ok(c.a < c.b ? '-1' : c.a > c.b ? '1' : '0');
    }
    case 'equal': {
      const c = compareArgs(argv, 'equal ?-nocase? ?-length int? string1 string2');
      if (isResult(c)) return c;
      // Without -length the test is plain equality of the (case-folded) texts.
      if (interp.probe !== undefined && n <= 5) interp.probe.text('equal', c.a, c.b, false, c.a === c.b);
      return ok(c.a === c.b ? '1' : '0');
    }
    case 'first': {
      if (n < 4 || n > 5) return wrongArgs('string first subString string ?startIndex?');
      const [needle, hay] = [argv[2], argv[3]];
      let start = 0;
      if (n === 5) {
        const s = indexArg(argv[4], hay.length - 1);
        if (isResult(s)) return s;
        start = Math.max(0, s);
      }
      if (needle === '') return ok('-1');
      return ok(String(hay.indexOf(needle, start)));
    }
    case 'last': {
      if (n < 4 || n > 5) return wrongArgs('string last subString string ?startIndex?');
      const [needle, hay] = [argv[2], argv[3]];
      let start = hay.length - 1;
      if (n === 5) {
        const s = indexArg(argv[4], hay.length - 1);
        if (isResult(s)) return s;
        if (s < 0) return ok('-1');
        start = Math.min(s, hay.length - 1);
      }
      if (needle === '') return ok('-1');
      const at = hay.lastIndexOf(needle, start - needle.length + 1);
      return ok(String(at >= 0 && at + needle.length - 1 <= start ? at : -1));
    }
    case 'index': {
      if (n !== 4) return wrongArgs('string index string charIndex');
      const i = indexArg(argv[3], argv[2].length - 1);
      if (isResult(i)) return i;
      return ok(i >= 0 && i < argv[2].length ? argv[2][i] : '');
    }
    case 'is':
      return stringIs(interp, argv);
    case 'map':
      return stringMap(interp, argv);
    case 'match': {
      if (n === 5) {
        if (lookup(argv[2], ['-nocase']) !== '-nocase') return err(`bad option "${argv[2]}": must be -nocase`);
        const hit = globMatch(argv[3], argv[4], true);
        if (interp.probe !== undefined) interp.probe.text('glob', argv[4], argv[3], true, hit);
        return ok(hit ? '1' : '0');
      }
      if (n !== 4) return wrongArgs('string match ?-nocase? pattern string');
      const hit = globMatch(argv[2], argv[3]);
      if (interp.probe !== undefined) interp.probe.text('glob', argv[3], argv[2], false, hit);
      return ok(hit ? '1' : '0');
    }
    case 'range': {
      if (n !== 5) return wrongArgs('string range string first last');
      const s = argv[2];
      let first = indexArg(argv[3], s.length - 1);
      if (isResult(first)) return first;
      let last = indexArg(argv[4], s.length - 1);
      if (isResult(last)) return last;
      if (first < 0) first = 0;
      if (last >= s.length) last = s.length - 1;
      return ok(first > last ? '' : s.slice(first, last + 1));
    }
    case 'repeat': {
      if (n !== 4) return wrongArgs('string repeat string count');
      const count = intArg(argv[3]);
      if (isResult(count)) return count;
      if (count <= 0 || argv[2] === '') return OK_EMPTY;
      const tooLong = interp.checkLength(argv[2].length * count);
      if (tooLong) return tooLong;
      return ok(argv[2].repeat(count));
    }
    case 'replace': {
      if (n < 5 || n > 6) return wrongArgs('string replace string first last ?string?');
      const s = argv[2];
      let first = indexArg(argv[3], s.length - 1);
      if (isResult(first)) return first;
      let last = indexArg(argv[4], s.length - 1);
      if (isResult(last)) return last;
      if (last < first || first >= s.length || last < 0) return ok(s);
      if (first < 0) first = 0;
      if (last >= s.length) last = s.length - 1;
      return ok(s.slice(0, first) + (argv[5] ?? '') + s.slice(last + 1));
    }
    case 'tolower':
      return caseRange(argv, (s) => s.toLowerCase(), 'tolower');
    case 'toupper':
      return caseRange(argv, (s) => s.toUpperCase(), 'toupper');
    case 'totitle':
      return caseRange(argv, totitle, 'totitle');
    case 'trim':
    case 'trimleft':
    case 'trimright': {
      if (n < 3 || n > 4) return wrongArgs(`string ${sub} string ?chars?`);
      const chars = n === 4 ? argv[3] : ' \t\n\r';
      return ok(trimSet(argv[2], chars, sub !== 'trimright', sub !== 'trimleft'));
    }
    case 'wordend': {
      if (n !== 4) return wrongArgs('string wordend string index');
      const s = argv[2];
      let i = indexArg(argv[3], s.length - 1);
      if (isResult(i)) return i;
      if (i < 0) i = 0;
      if (i >= s.length) return ok(String(s.length));
      let j = i;
      while (j < s.length && isWordChar(s[j])) j++;
      if (j === i) j++;
      return ok(String(j));
    }
    case 'wordstart': {
      if (n !== 4) return wrongArgs('string wordstart string index');
      const s = argv[2];
      let i = indexArg(argv[3], s.length - 1);
      if (isResult(i)) return i;
      if (i >= s.length) i = s.length - 1;
      if (i < 0) return ok('0');
      let j = i;
      while (j > 0 && isWordChar(s[j - 1]) && isWordChar(s[j])) j--;
      return ok(String(j));
    }
  }
  return err(`string ${sub} is not modelled`);
}

// ---- format, scan -------------------------------------------------------------------------------

function formatCmd(interp: Interp, argv: string[]): TclResult {
  const r = tclFormat(argv[1], argv.slice(2));
  if (typeof r !== 'string') return err(r.error);
  const tooLong = interp.checkLength(r.length);
  return tooLong ?? ok(r);
}

function scanCmd(interp: Interp, argv: string[]): TclResult {
  const vars = argv.slice(3);
  const r = tclScan(argv[1], argv[2], vars.length === 0 ? -1 : vars.length);
  if ('error' in r) return err(r.error);
  if (vars.length === 0) {
    if (r.underflow) return OK_EMPTY;
    return ok(formatList(r.values.map((v) => v ?? ''), interp.dialect));
  }
  for (let k = 0; k < vars.length; k++) {
    const v = r.values[k];
    if (v === undefined) continue;
    const s = interp.setVar(vars[k], v);
    if (typeof s !== 'string') return err(`couldn't set variable "${vars[k]}"`);
  }
  return ok(String(r.underflow ? -1 : r.count));
}

// ---- subst ----------------------------------------------------------------------------------------

const SUBST_SWITCHES = ['-nobackslashes', '-nocommands', '-novariables'];

/** Finds the `)` closing an array index that starts at `i` (after the `(`). */
function indexEnd(s: string, i: number): number {
  while (i < s.length) {
    const c = s[i];
    if (c === ')') return i;
    if (c === '\\') i += 2;
    else if (c === '[') {
      const r = scanBracket(s, i);
      if (!r.closed) return -1;
      i = r.end;
    } else i++;
  }
  return -1;
}

/** Performs Tcl's `subst` on `s`. */
export function substString(interp: Interp, s: string, backslashes: boolean, variables: boolean, commands: boolean): TclResult {
  let out = '';
  let i = 0;
  const n = s.length;
  while (i < n) {
    const c = s[i];
    if (c === '\\' && backslashes) {
      const len = escapeLength(s, i, interp.dialect);
      out += escapeValue(s.slice(i, i + len));
      i += len;
    } else if (c === '$' && variables) {
      let name: string;
      let end: number;
      let index: string | undefined;
      if (s[i + 1] === '{') {
        const close = s.indexOf('}', i + 2);
        if (close < 0) return err('missing close-brace for variable name');
        name = s.slice(i + 2, close);
        end = close + 1;
      } else {
        end = scanVarName(s, i + 1);
        if (end === i + 1) {
          out += '$';
          i++;
          continue;
        }
        name = s.slice(i + 1, end);
        if (s[end] === '(') {
          const close = indexEnd(s, end + 1);
          if (close < 0) return err('missing )');
          const idx = substString(interp, s.slice(end + 1, close), backslashes, variables, commands);
          if (idx.code !== Code.OK) return idx;
          index = idx.value;
          end = close + 1;
        }
      }
      const v = index === undefined ? interp.getVar(name) : interp.getVar2(name, index);
      if (typeof v !== 'string') return v;
      out += v;
      i = end;
    } else if (c === '[' && commands) {
      const r = scanBracket(s, i);
      if (!r.closed) return err('missing close-bracket');
      const res = interp.eval(s.slice(i + 1, r.end - 1));
      if (res.code === Code.BREAK) return ok(out);
      if (res.code === Code.ERROR || res.code === Code.RETURN || res.code > Code.CONTINUE) return res;
      if (res.code === Code.OK) out += res.value;
      i = r.end;
    } else {
      out += c;
      i++;
    }
    const tooLong = interp.checkLength(out.length);
    if (tooLong) return tooLong;
  }
  return ok(out);
}

function substCmd(interp: Interp, argv: string[]): TclResult {
  let backslashes = true;
  let variables = true;
  let commands = true;
  for (let i = 1; i < argv.length - 1; i++) {
    const sw = lookup(argv[i], SUBST_SWITCHES, 'switch');
    if (isResult(sw)) return sw;
    if (sw === '-nobackslashes') backslashes = false;
    else if (sw === '-nocommands') commands = false;
    else variables = false;
  }
  return substString(interp, argv[argv.length - 1], backslashes, variables, commands);
}

/** Installs the string commands. */
export function install(interp: Interp): void {
  interp.register('string', stringCmd);
  interp.register('format', formatCmd, { min: 1, usage: 'formatString ?arg arg ...?' });
  interp.register('scan', scanCmd, { min: 2, usage: 'string format ?varName varName ...?' });
  interp.register('subst', substCmd, { min: 1, max: 4, usage: '?-nobackslashes? ?-nocommands? ?-novariables? string' });
}

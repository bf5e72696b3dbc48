/**
 * Lists: `list`, `llength`, `lindex`, `lrange`, `linsert`, `lreplace`, `lsearch`, `lsort`, `lset`,
 * `concat`, `split`, `join` (Tcl 8.4 options and messages).
 */
import { indexArg, isResult, lookup } from '../args.js';
import type { Interp } from '../interp.js';
import { Code, err, ok, OK_EMPTY, wrongArgs, type TclResult } from '../result.js';
import { globMatch } from '../tcl/glob.js';
import { compileRegex } from '../tcl/regexp.js';
import { expectedInteger, formatList, isError, parseIndex, parseList, scanDouble, scanInt } from '../values.js';

function list(interp: Interp, s: string): string[] | TclResult {
  const l = parseList(s, interp.dialect);
  return Array.isArray(l) ? l : err(l.error);
}

function listResult(interp: Interp, items: string[]): TclResult {
  return interp.listOf(items);
}

function llengthCmd(interp: Interp, argv: string[]): TclResult {
  const l = list(interp, argv[1]);
  return Array.isArray(l) ? ok(String(l.length)) : l;
}

/** One level of lindex: the element, "" when out of range, or an error. */
function indexInto(interp: Interp, value: string, idx: string): string | TclResult {
  const l = list(interp, value);
  if (!Array.isArray(l)) return l;
  const i = indexArg(idx, l.length - 1);
  if (isResult(i)) return i;
  return i >= 0 && i < l.length ? l[i] : '';
}

function lindexCmd(interp: Interp, argv: string[]): TclResult {
  let value = argv[1];
  if (argv.length === 2) return ok(value);
  let indices: string[];
  if (argv.length === 3) {
    const asList = parseList(argv[2], interp.dialect);
    if (!Array.isArray(asList)) return err(asList.error);
    indices = asList.length === 1 && asList[0] === argv[2] ? [argv[2]] : asList;
    if (indices.length === 0) return ok(value);
  } else indices = argv.slice(2);
  for (const idx of indices) {
    const v = indexInto(interp, value, idx);
    if (typeof v !== 'string') return v;
    value = v;
  }
  return ok(value);
}

function lrangeCmd(interp: Interp, argv: string[]): TclResult {
  const l = list(interp, argv[1]);
  if (!Array.isArray(l)) return l;
  let first = indexArg(argv[2], l.length - 1);
  if (isResult(first)) return first;
  let last = indexArg(argv[3], l.length - 1);
  if (isResult(last)) return last;
  if (first < 0) first = 0;
  if (last >= l.length) last = l.length - 1;
  if (first > last) return OK_EMPTY;
  return listResult(interp, l.slice(first, last + 1));
}

function linsertCmd(interp: Interp, argv: string[]): TclResult {
  const l = list(interp, argv[1]);
  if (!Array.isArray(l)) return l;
  let at = indexArg(argv[2], l.length);
  if (isResult(at)) return at;
  if (at < 0) at = 0;
  if (at > l.length) at = l.length;
  l.splice(at, 0, ...argv.slice(3));
  return listResult(interp, l);
}

function lreplaceCmd(interp: Interp, argv: string[]): TclResult {
  const l = list(interp, argv[1]);
  if (!Array.isArray(l)) return l;
  let first = indexArg(argv[2], l.length - 1);
  if (isResult(first)) return first;
  let last = indexArg(argv[3], l.length - 1);
  if (isResult(last)) return last;
  if (first < 0) first = 0;
  if (first >= l.length && l.length > 0) return err(`list doesn't contain element ${argv[2]}`);
  if (last >= l.length) last = l.length - 1;
  const count = last >= first ? last - first + 1 : 0;
  l.splice(first, count, ...argv.slice(4));
  return listResult(interp, l);
}

// ---- lset ---------------------------------------------------------------------------------------

function lsetCmd(interp: Interp, argv: string[]): TclResult {
  const cur = interp.getVar(argv[1]);
  if (typeof cur !== 'string') return cur;
  let indices: string[];
  if (argv.length === 3) return setResult(interp, argv[1], argv[2]);
  if (argv.length === 4) {
    const asList = parseList(argv[2], interp.dialect);
    if (!Array.isArray(asList)) return err(asList.error);
    indices = asList.length === 1 && asList[0] === argv[2] ? [argv[2]] : asList;
    if (indices.length === 0) return setResult(interp, argv[1], argv[3]);
  } else indices = argv.slice(2, -1);
  const replaced = lsetInto(interp, cur, indices, 0, argv[argv.length - 1]);
  if (typeof replaced !== 'string') return replaced;
  return setResult(interp, argv[1], replaced);
}

function lsetInto(interp: Interp, value: string, indices: string[], k: number, newValue: string): string | TclResult {
  const l = list(interp, value);
  if (!Array.isArray(l)) return l;
  const i = indexArg(indices[k], l.length - 1);
  if (isResult(i)) return i;
  if (i < 0 || i >= l.length) return err('list index out of range');
  if (k === indices.length - 1) l[i] = newValue;
  else {
    const inner = lsetInto(interp, l[i], indices, k + 1, newValue);
    if (typeof inner !== 'string') return inner;
    l[i] = inner;
  }
  return formatList(l, interp.dialect);
}

function setResult(interp: Interp, name: string, value: string): TclResult {
  const r = interp.setVar(name, value);
  return typeof r === 'string' ? ok(r) : r;
}

// ---- Comparison helpers --------------------------------------------------------------------------

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Tcl's dictionary order: case-insensitive, embedded numbers compared as numbers. */
export function dictionaryCompare(a: string, b: string): number {
  let i = 0;
  let j = 0;
  let secondary = 0;
  for (;;) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    if (isDigit(ca) && isDigit(cb)) {
      let zeros = 0;
      while (b.charCodeAt(j) === 48 && isDigit(b.charCodeAt(j + 1))) {
        j++;
        zeros--;
      }
      while (a.charCodeAt(i) === 48 && isDigit(a.charCodeAt(i + 1))) {
        i++;
        zeros++;
      }
      if (secondary === 0) secondary = zeros;
      let diff = 0;
      for (;;) {
        if (diff === 0) diff = a.charCodeAt(i) - b.charCodeAt(j);
        i++;
        j++;
        const da = isDigit(a.charCodeAt(i));
        const db = isDigit(b.charCodeAt(j));
        if (!db) {
          if (da) return 1;
          if (diff !== 0) return diff;
          break;
        } else if (!da) return -1;
      }
      continue;
    }
    if (i >= a.length || j >= b.length) {
      const diff = (i < a.length ? a.charCodeAt(i) : 0) - (j < b.length ? b.charCodeAt(j) : 0);
      return diff !== 0 ? diff : secondary;
    }
    const la = a[i].toLowerCase();
    const lb = b[j].toLowerCase();
    const diff = la.charCodeAt(0) - lb.charCodeAt(0);
    if (diff !== 0) return diff;
    if (secondary === 0) {
      const ua = a[i] !== la;
      const ub = b[j] !== lb;
      if (ua && !ub && b[j] !== b[j].toUpperCase()) secondary = -1;
      else if (ub && !ua && a[i] !== a[i].toUpperCase()) secondary = 1;
    }
    i++;
    j++;
  }
}

function asciiCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---- lsort --------------------------------------------------------------------------------------

const LSORT_OPTIONS = ['-ascii', '-command', '-decreasing', '-dictionary', '-increasing', '-index', '-integer', '-real', '-unique'];

function lsortCmd(interp: Interp, argv: string[]): TclResult {
  if (argv.length < 2) return wrongArgs('lsort ?options? list');
  let mode = '-ascii';
  let decreasing = false;
  let unique = false;
  let index: string | undefined;
  let command: string | undefined;
  const last = argv.length - 1;
  for (let i = 1; i < last; i++) {
    const opt = lookup(argv[i], LSORT_OPTIONS);
    if (isResult(opt)) return opt;
    switch (opt) {
      case '-ascii':
      case '-dictionary':
      case '-integer':
      case '-real':
        mode = opt;
        break;
      case '-increasing':
        decreasing = false;
        break;
      case '-decreasing':
        decreasing = true;
        break;
      case '-unique':
        unique = true;
        break;
      case '-index':
        if (i + 1 >= last) return err('"-index" option must be followed by list index');
        index = argv[++i];
        if (isError(parseIndex(index, 0))) return err(`bad index "${index}": must be integer or end?-integer?`);
        break;
      case '-command':
        if (i + 1 >= last) return err('"-command" option must be followed by comparison command');
        command = argv[++i];
        break;
    }
  }
  const items = list(interp, argv[last]);
  if (!Array.isArray(items)) return items;
  // Sort keys.
  const keys: string[] = new Array(items.length);
  for (let k = 0; k < items.length; k++) {
    if (index === undefined) keys[k] = items[k];
    else {
      const sub = list(interp, items[k]);
      if (!Array.isArray(sub)) return sub;
      const i = parseIndex(index, sub.length - 1) as number;
      if (i < 0 || i >= sub.length) return err(`element ${index} missing from sublist "${items[k]}"`);
      keys[k] = sub[i];
    }
  }
  let failure: TclResult | undefined;
  let cmp: (a: number, b: number) => number;
  if (command !== undefined) {
    const prefix = list(interp, command);
    if (!Array.isArray(prefix)) return prefix;
    cmp = (a, b) => {
      if (failure) return 0;
      const r = interp.call([...prefix, keys[a], keys[b]]);
      if (r.code !== Code.OK) {
        failure = r;
        return 0;
      }
      const v = scanInt(r.value);
      if (v === undefined) {
        failure = err('-compare command returned non-integer result');
        return 0;
      }
      return Number(v);
    };
  } else if (mode === '-integer' || mode === '-real') {
    const nums: number[] = new Array(keys.length);
    for (let k = 0; k < keys.length; k++) {
      if (mode === '-integer') {
        const v = scanInt(keys[k]);
        if (v === undefined) return err(expectedInteger(keys[k]));
        nums[k] = Number(v);
      } else {
        const iv = scanInt(keys[k]);
        const v = iv !== undefined ? Number(iv) : scanDouble(keys[k]);
        if (v === undefined) return err(`expected floating-point number but got "${keys[k]}"`);
        nums[k] = v;
      }
    }
    cmp = (a, b) => (nums[a] < nums[b] ? -1 : nums[a] > nums[b] ? 1 : 0);
  } else if (mode === '-dictionary') cmp = (a, b) => dictionaryCompare(keys[a], keys[b]);
  else cmp = (a, b) => asciiCompare(keys[a], keys[b]);
  const order = items.map((_, k) => k);
  order.sort(decreasing ? (a, b) => -cmp(a, b) : cmp);
  if (failure) return failure;
  let out: string[];
  if (unique) {
    out = [];
    for (let k = 0; k < order.length; k++) {
      if (k + 1 < order.length && cmp(order[k], order[k + 1]) === 0) continue;
      out.push(items[order[k]]);
    }
    if (failure) return failure;
  } else out = order.map((k) => items[k]);
  return listResult(interp, out);
}

// ---- lsearch ------------------------------------------------------------------------------------

const LSEARCH_OPTIONS = ['-all', '-ascii', '-decreasing', '-dictionary', '-exact', '-glob', '-increasing', '-inline', '-integer', '-not', '-real', '-regexp', '-sorted', '-start'];

function lsearchCmd(interp: Interp, argv: string[]): TclResult {
  if (argv.length < 3) return wrongArgs('lsearch ?options? list pattern');
  let match = '-glob';
  let data = '-ascii';
  let all = false;
  let inline = false;
  let negate = false;
  let start = 0;
  let startText: string | undefined;
  const n = argv.length;
  for (let i = 1; i < n - 2; i++) {
    const opt = lookup(argv[i], LSEARCH_OPTIONS);
    if (isResult(opt)) return opt;
    switch (opt) {
      case '-all':
        all = true;
        break;
      case '-inline':
        inline = true;
        break;
      case '-not':
        negate = true;
        break;
      case '-exact':
      case '-glob':
      case '-regexp':
        match = opt;
        break;
      case '-sorted':
        match = '-exact';
        break;
      case '-ascii':
      case '-dictionary':
      case '-integer':
      case '-real':
        data = opt;
        break;
      case '-start':
        if (i + 1 >= n - 2) return err('missing starting index');
        startText = argv[++i];
        break;
      default:
        break;
    }
  }
  // The pattern is compiled before the list is parsed (so a bad regexp is reported first).
  const pattern = argv[n - 1];
  const re = match === '-regexp' ? compileRegex(pattern) : undefined;
  if (re && 'error' in re) return err(re.error);
  const items = list(interp, argv[n - 2]);
  if (!Array.isArray(items)) return items;
  if (startText !== undefined) {
    const s = indexArg(startText, items.length - 1);
    if (isResult(s)) return s;
    start = Math.max(0, s);
  }
  let test: (s: string) => boolean | TclResult;
  if (match === '-glob') test = (s) => globMatch(pattern, s);
  else if (re && !('error' in re)) {
    test = (s) => interp.regexTest(re, s);
  } else if (data === '-integer') {
    const p = scanInt(pattern);
    if (p === undefined) return err(expectedInteger(pattern));
    test = (s) => {
      const v = scanInt(s);
      if (v === undefined) return err(expectedInteger(s));
      return v == p;
    };
  } else if (data === '-real') {
    const p = scanDouble(pattern);
    if (p === undefined) return err(`expected floating-point number but got "${pattern}"`);
    test = (s) => {
      const v = scanDouble(s);
      if (v === undefined) return err(`expected floating-point number but got "${s}"`);
      return v === p;
    };
  } else if (data === '-dictionary') test = (s) => dictionaryCompare(s, pattern) === 0;
  else test = (s) => s === pattern;
  const found: number[] = [];
  for (let k = start; k < items.length; k++) {
    const t = test(items[k]);
    if (typeof t !== 'boolean') return t;
    if (t !== negate) {
      found.push(k);
      if (!all) break;
    }
  }
  if (inline) {
    const vals = found.map((k) => items[k]);
    return all ? listResult(interp, vals) : ok(vals[0] ?? '');
  }
  if (all) return ok(found.join(' '));
  return ok(String(found.length ? found[0] : -1));
}

// ---- concat, split, join ------------------------------------------------------------------------

function splitCmd(interp: Interp, argv: string[]): TclResult {
  const s = argv[1];
  const chars = argv.length === 3 ? argv[2] : ' \n\t\r';
  if (s === '') return OK_EMPTY;
  const out: string[] = [];
  if (chars === '') {
    for (const ch of s) out.push(ch);
    return listResult(interp, out);
  }
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    if (chars.includes(s[i])) {
      out.push(s.slice(last, i));
      last = i + 1;
    }
  }
  out.push(s.slice(last));
  return listResult(interp, out);
}

function joinCmd(interp: Interp, argv: string[]): TclResult {
  const l = list(interp, argv[1]);
  if (!Array.isArray(l)) return l;
  const sep = argv.length === 3 ? argv[2] : ' ';
  let total = 0;
  for (const x of l) total += x.length + sep.length;
  const tooLong = interp.checkLength(total);
  if (tooLong) return tooLong;
  return ok(l.join(sep));
}

/** Installs the list commands. */
export function install(interp: Interp): void {
  interp.register('list', (it, argv) => it.listOf(argv.slice(1)));
  interp.register('llength', llengthCmd, { min: 1, max: 1, usage: 'list' });
  interp.register('lindex', lindexCmd, { min: 1, usage: 'list ?index...?' });
  interp.register('lrange', lrangeCmd, { min: 3, max: 3, usage: 'list first last' });
  interp.register('linsert', linsertCmd, { min: 3, usage: 'list index element ?element ...?' });
  interp.register('lreplace', lreplaceCmd, { min: 3, usage: 'list first last ?element element ...?' });
  interp.register('lset', lsetCmd, { min: 2, usage: 'listVar index ?index...? value' });
  interp.register('lsort', lsortCmd);
  interp.register('lsearch', lsearchCmd);
  interp.register('concat', (it, argv) => {
    const s = it.concatOf(argv.slice(1));
    return typeof s === 'string' ? ok(s) : s;
  });
  interp.register('split', splitCmd, { min: 1, max: 2, usage: 'string ?splitChars?' });
  interp.register('join', joinCmd, { min: 1, max: 2, usage: 'list ?joinString?' });
}


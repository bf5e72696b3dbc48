/**
 * `regexp` and `regsub` (Tcl 8.4 switches), on the ARE translation in `tcl/regexp.ts`.
 */
import { choices, intArg, isResult } from '../args.js';
import type { Interp } from '../interp.js';
import { err, ok, wrongArgs, type TclResult } from '../result.js';
import { compileRegex, type RegexMatch, type RegexOptions, type TclRegex } from '../tcl/regexp.js';
import { formatList } from '../values.js';

interface Switches extends RegexOptions {
  all: boolean;
  inline: boolean;
  indices: boolean;
  about: boolean;
  start?: string;
}

/** Parses leading switches; returns the index of the first non-switch argument. */
function parseSwitches(argv: string[], table: string[], sw: Switches): number | TclResult {
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('-')) break;
    if (a === '--') {
      i++;
      break;
    }
    if (!table.includes(a)) return err(`bad switch "${a}": must be ${choices(table)}`);
    switch (a) {
      case '-all':
        sw.all = true;
        break;
      case '-inline':
        sw.inline = true;
        break;
      case '-indices':
        sw.indices = true;
        break;
      case '-about':
        sw.about = true;
        break;
      case '-nocase':
        sw.nocase = true;
        break;
      case '-expanded':
        sw.expanded = true;
        break;
      case '-line':
        sw.lineStop = true;
        sw.lineAnchor = true;
        break;
      case '-linestop':
        sw.lineStop = true;
        break;
      case '-lineanchor':
        sw.lineAnchor = true;
        break;
      case '-start':
        if (i + 1 >= argv.length) return err('no value given for parameter "-start"');
        sw.start = argv[++i];
        break;
    }
  }
  return i;
}

/** Compiles for a match of the substring at `offset` (`notBol`: `^` may not match at its start). */
function compileAt(pattern: string, sw: Switches, notBol: boolean): TclRegex | TclResult {
  const re = compileRegex(pattern, { nocase: sw.nocase, expanded: sw.expanded, lineStop: sw.lineStop, lineAnchor: sw.lineAnchor, notBol });
  return 'error' in re ? err(re.error) : re;
}

/** `groups`: whether the capture groups are wanted (else only the whole match is filled in). */
function matchAt(interp: Interp, pattern: string, sw: Switches, str: string, offset: number, notBol: boolean, groups: boolean): RegexMatch | null | TclResult {
  const re = compileAt(pattern, sw, notBol);
  if ('code' in re) return re;
  const m = interp.regexExec(re, offset === 0 ? str : str.slice(offset), 0, groups);
  if (!Array.isArray(m)) return m;
  if (offset) for (let k = 0; k < m.length; k++) if (m[k] >= 0) m[k] += offset;
  return m;
}

const REGEXP_SWITCHES = ['-all', '-about', '-indices', '-inline', '-expanded', '-line', '-linestop', '-lineanchor', '-nocase', '-start', '--'];

function regexpCmd(interp: Interp, argv: string[]): TclResult {
  const sw: Switches = { all: false, inline: false, indices: false, about: false };
  const first = parseSwitches(argv, REGEXP_SWITCHES, sw);
  if (isResult(first)) return first;
  const rest = argv.length - first;
  if (rest < 2) return wrongArgs('regexp ?switches? exp string ?matchVar? ?subMatchVar subMatchVar ...?');
  const pattern = argv[first];
  const str = argv[first + 1];
  const vars = argv.slice(first + 2);
  if (sw.about) {
    const re = compileRegex(pattern, sw);
    if ('error' in re) return err(re.error);
    return ok(formatList([String(re.groups), ''], interp.dialect));
  }
  if (sw.inline && vars.length > 0) return err('regexp match variables not allowed when using -inline');
  let offset = 0;
  if (sw.start !== undefined) {
    const s = intArg(sw.start);
    if (isResult(s)) return s;
    offset = Math.min(Math.max(0, s), str.length);
  }
  const inline: string[] = [];
  let count = 0;
  let last: RegexMatch | undefined;
  for (;;) {
    // Tcl 8.4: `^` never matches at a -start offset or after the first -all match.
    const m = matchAt(interp, pattern, sw, str, offset, offset > 0, sw.inline || vars.length > 1);
    if (m === null) break;
    if ('code' in m) return m;
    count++;
    last = m;
    if (sw.inline) {
      const groups = m.length / 2;
      const wanted = sw.all ? groups : groups;
      for (let g = 0; g < wanted; g++) inline.push(groupValue(str, m, g, sw.indices));
    }
    if (!sw.all) break;
    const end = m[1];
    offset = end === m[0] ? end + 1 : end;
    if (offset >= str.length) break;
  }
  if (sw.inline) return ok(formatList(inline, interp.dialect));
  if (last) {
    for (let k = 0; k < vars.length; k++) {
      const v = k < last.length / 2 ? groupValue(str, last, k, sw.indices) : sw.indices ? '-1 -1' : '';
      const r = interp.setVar(vars[k], v);
      if (typeof r !== 'string') return err(`couldn't set variable "${vars[k]}"`);
    }
  }
  return ok(String(count));
}

function groupValue(str: string, m: RegexMatch, g: number, indices: boolean): string {
  const s = m[2 * g];
  const e = m[2 * g + 1];
  if (indices) return s < 0 ? '-1 -1' : `${s} ${e - 1}`;
  return s < 0 ? '' : str.slice(s, e);
}

const REGSUB_SWITCHES = ['-all', '-nocase', '-expanded', '-line', '-linestop', '-lineanchor', '-start', '--'];

/** Expands a regsub substitution spec for one match. */
function substitution(spec: string, str: string, m: RegexMatch): string {
  let out = '';
  for (let i = 0; i < spec.length; i++) {
    const c = spec[i];
    if (c === '&') {
      out += str.slice(m[0], m[1]);
    } else if (c === '\\' && i + 1 < spec.length) {
      const d = spec[i + 1];
      if (d >= '0' && d <= '9') {
        const g = Number(d);
        if (2 * g < m.length && m[2 * g] >= 0) out += str.slice(m[2 * g], m[2 * g + 1]);
        i++;
      } else if (d === '&' || d === '\\') {
        out += d;
        i++;
      } else out += c;
    } else out += c;
  }
  return out;
}

function regsubCmd(interp: Interp, argv: string[]): TclResult {
  const sw: Switches = { all: false, inline: false, indices: false, about: false };
  const first = parseSwitches(argv, REGSUB_SWITCHES, sw);
  if (isResult(first)) return first;
  const rest = argv.length - first;
  if (rest < 3 || rest > 4) return wrongArgs('regsub ?switches? exp string subSpec ?varName?');
  const [pattern, str, spec] = argv.slice(first, first + 3);
  const varName = argv[first + 3];
  let offset = 0;
  if (sw.start !== undefined) {
    const s = intArg(sw.start);
    if (isResult(s)) return s;
    offset = Math.max(0, s);
  }
  let out: string;
  let count = 0;
  if (sw.all && offset === 0 && !/[&\\]/.test(spec) && !/[*+?{}()[\].\\|^$]/.test(pattern)) {
    // Tcl's fast path for a literal pattern: a plain string replacement.
    const r = literalReplace(str, pattern, spec, !!sw.nocase);
    out = r.out;
    count = r.count;
    if (out.length > 0) {
      const tooLong = interp.checkLength(out.length);
      if (tooLong) return tooLong;
    }
    return finishRegsub(interp, varName, count === 0 ? str : out, count);
  }
  out = str.slice(0, offset);
  while (offset <= str.length) {
    const m = matchAt(interp, pattern, sw, str, offset, offset > 0 && str[offset - 1] !== '\n', /\\[0-9]/.test(spec));
    if (m === null) break;
    if ('code' in m) return m;
    count++;
    out += str.slice(offset, m[0]) + substitution(spec, str, m);
    const tooLong = interp.checkLength(out.length);
    if (tooLong) return tooLong;
    offset = m[1];
    if (m[0] === m[1]) {
      // Always consume a character after an empty match, so the loop advances.
      if (offset < str.length) out += str[offset];
      offset++;
    }
    if (!sw.all) break;
  }
  if (count === 0) out = str;
  else if (offset < str.length) out += str.slice(offset);
  return finishRegsub(interp, varName, out, count);
}

function finishRegsub(interp: Interp, varName: string | undefined, out: string, count: number): TclResult {
  if (varName === undefined) return ok(out);
  const r = interp.setVar(varName, out);
  if (typeof r !== 'string') return err(`couldn't set variable "${varName}"`);
  return ok(String(count));
}

/** regsub -all of a pattern without special characters: "" matches before each character. */
function literalReplace(str: string, pattern: string, spec: string, nocase: boolean): { out: string; count: number } {
  if (pattern === '') {
    let out = '';
    for (const ch of str) out += spec + ch;
    return { out, count: str.length };
  }
  const hay = nocase ? str.toLowerCase() : str;
  const needle = nocase ? pattern.toLowerCase() : pattern;
  let out = '';
  let count = 0;
  let last = 0;
  let at = hay.indexOf(needle);
  while (at >= 0) {
    out += str.slice(last, at) + spec;
    count++;
    last = at + needle.length;
    at = hay.indexOf(needle, last);
  }
  return { out: out + str.slice(last), count };
}

/** Installs `regexp` and `regsub`. */
export function install(interp: Interp): void {
  interp.register('regexp', regexpCmd);
  interp.register('regsub', regsubCmd);
}

/**
 * Variables: `set`, `unset`, `incr`, `append`, `lappend`, `global`, `upvar`, `array`, `info`.
 */
import { lookup, isResult, subcommand } from '../args.js';
import { Frame, type Interp, type Var } from '../interp.js';
import { Code, err, ok, OK_EMPTY, wrongArgs, type TclResult } from '../result.js';
import { globMatch } from '../tcl/glob.js';
import { compileRegex } from '../tcl/regexp.js';
import { expectedInteger, formatInt, formatList, parseList, scanInt, wrap64, type Int } from '../values.js';
import { parse } from '../../syntax/index.js';

function setCmd(interp: Interp, argv: string[]): TclResult {
  const r = argv.length === 2 ? interp.getVar(argv[1]) : interp.setVar(argv[1], argv[2]);
  return typeof r === 'string' ? ok(r) : r;
}

function unsetCmd(interp: Interp, argv: string[]): TclResult {
  let i = 1;
  let quiet = false;
  if (argv[i] === '-nocomplain') {
    quiet = true;
    i++;
  }
  if (argv[i] === '--') i++;
  for (; i < argv.length; i++) {
    const r = interp.unsetVar(argv[i], quiet);
    if (r) return r;
  }
  return OK_EMPTY;
}

function addInt(a: Int, b: Int): Int {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b;
    if (Number.isSafeInteger(r)) return r;
  }
  return wrap64(BigInt(a) + BigInt(b));
}

function incrCmd(interp: Interp, argv: string[]): TclResult {
  let by: Int = 1;
  if (argv.length === 3) {
    const b = scanInt(argv[2]);
    if (b === undefined) return err(expectedInteger(argv[2]));
    by = b;
  }
  const cur = interp.getVar(argv[1]);
  if (typeof cur !== 'string') return cur;
  const v = scanInt(cur);
  if (v === undefined) return err(expectedInteger(cur));
  const r = interp.setVar(argv[1], formatInt(addInt(v, by)));
  return typeof r === 'string' ? ok(r) : r;
}

function appendCmd(interp: Interp, argv: string[]): TclResult {
  if (argv.length === 2) {
    const r = interp.getVar(argv[1]);
    return typeof r === 'string' ? ok(r) : r;
  }
  let cur = '';
  if (interp.varExists(argv[1])) {
    const c = interp.getVar(argv[1]);
    if (typeof c !== 'string') return c;
    cur = c;
  }
  let total = cur.length;
  for (let i = 2; i < argv.length; i++) total += argv[i].length;
  const tooLong = interp.checkLength(total);
  if (tooLong) return tooLong;
  for (let i = 2; i < argv.length; i++) cur += argv[i];
  const r = interp.setVar(argv[1], cur);
  return typeof r === 'string' ? ok(r) : r;
}

function lappendCmd(interp: Interp, argv: string[]): TclResult {
  let items: string[] = [];
  if (interp.varExists(argv[1])) {
    const c = interp.getVar(argv[1]);
    if (typeof c !== 'string') return c;
    const l = parseList(c, interp.dialect);
    if (!Array.isArray(l)) return err(l.error);
    items = l;
  }
  for (let i = 2; i < argv.length; i++) items.push(argv[i]);
  const text = interp.listOf(items);
  if (text.code !== Code.OK) return text;
  const r = interp.setVar(argv[1], text.value);
  return typeof r === 'string' ? ok(r) : r;
}

function globalCmd(interp: Interp, argv: string[]): TclResult {
  if (interp.frame === interp.globalFrame) return OK_EMPTY;
  for (let i = 1; i < argv.length; i++) {
    const name = argv[i];
    const local = name.includes('::') ? name.slice(name.lastIndexOf('::') + 2) : name;
    const r = interp.linkVar(interp.globalFrame, name.replace(/^::/, ''), local);
    if (r) return r;
  }
  return OK_EMPTY;
}

/** `variable ?name value ...? name ?value?`: without namespaces, names the global variable (linked from procedures and connection frames). */
function variableCmd(interp: Interp, argv: string[]): TclResult {
  for (let i = 1; i < argv.length; i += 2) {
    const name = argv[i];
    const local = name.includes('::') ? name.slice(name.lastIndexOf('::') + 2) : name;
    if (interp.frame !== interp.globalFrame) {
      const r = interp.linkVar(interp.globalFrame, name.replace(/^::/, ''), local);
      if (r) return r;
    }
    if (i + 1 < argv.length) {
      const r = interp.setVar(local, argv[i + 1]);
      if (typeof r !== 'string') return r;
    }
  }
  return OK_EMPTY;
}

function upvarCmd(interp: Interp, argv: string[]): TclResult {
  let i = 1;
  let level = '1';
  const first = argv[1];
  if (first.startsWith('#') || /^[0-9]/.test(first)) {
    level = first;
    i = 2;
  }
  if ((argv.length - i) % 2 !== 0 || argv.length - i < 2) return wrongArgs('upvar ?level? otherVar localVar ?otherVar localVar ...?');
  const target = interp.frameAt(level);
  if (!target) return err(`bad level "${level}"`);
  for (; i < argv.length; i += 2) {
    if (target === interp.frame && argv[i] === argv[i + 1]) return err(`can't upvar from variable to itself`);
    const r = interp.linkVar(target, argv[i], argv[i + 1]);
    if (r) return r;
  }
  return OK_EMPTY;
}

// ---- array -------------------------------------------------------------------------------------

function arrayVar(interp: Interp, name: string): Var | undefined {
  const v = interp.frame.vars.get(name) ?? interp.lookupVar(name, false);
  return typeof v === 'string' ? undefined : v;
}

function namesMatching(interp: Interp, arr: Map<string, string>, mode: string, pattern: string | undefined): string[] | TclResult {
  const names = [...arr.keys()];
  if (pattern === undefined) return names;
  if (mode === '-exact') return names.filter((k) => k === pattern);
  if (mode === '-regexp') {
    const re = compileRegex(pattern);
    if ('error' in re) return err(re.error);
    const out: string[] = [];
    for (const k of names) {
      const hit = interp.regexTest(re, k);
      if (typeof hit !== 'boolean') return hit;
      if (hit) out.push(k);
    }
    return out;
  }
  return names.filter((k) => globMatch(pattern, k));
}

function arrayCmd(interp: Interp, argv: string[]): TclResult {
  if (argv.length < 3) return wrongArgs('array option arrayName ?arg ...?');
  const sub = subcommand(['array'], argv[1]);
  if (isResult(sub)) return sub;
  const name = argv[2];
  const v = arrayVar(interp, name);
  const arr = v?.arr;
  switch (sub) {
    case 'exists':
      if (argv.length !== 3) return wrongArgs('array exists arrayName');
      return ok(arr ? '1' : '0');
    case 'size':
      if (argv.length !== 3) return wrongArgs('array size arrayName');
      return ok(String(arr ? arr.size : 0));
    case 'get': {
      if (argv.length > 4) return wrongArgs('array get arrayName ?pattern?');
      if (!arr) return OK_EMPTY;
      const out: string[] = [];
      for (const [k, val] of arr) if (argv.length === 3 || globMatch(argv[3], k)) out.push(k, val);
      return ok(formatList(out, interp.dialect));
    }
    case 'names': {
      if (argv.length > 5) return wrongArgs('array names arrayName ?mode? ?pattern?');
      if (!arr) return OK_EMPTY;
      let mode = '-glob';
      let pattern: string | undefined = argv[3];
      if (argv.length === 5) {
        const m = lookup(argv[3], ['-exact', '-glob', '-regexp'], 'mode');
        if (isResult(m)) return m;
        mode = m;
        pattern = argv[4];
      }
      const names = namesMatching(interp, arr, mode, pattern);
      if (!Array.isArray(names)) return names;
      return ok(formatList(names, interp.dialect));
    }
    case 'set': {
      if (argv.length !== 4) return wrongArgs('array set arrayName list');
      const items = parseList(argv[3], interp.dialect);
      if (!Array.isArray(items)) return err(items.error);
      if (items.length % 2 !== 0) return err('list must have an even number of elements');
      if (v && v.value !== undefined) return err(`can't set "${name}(${items[0] ?? ''})": variable isn't array`);
      if (items.length === 0) {
        const slot = v ?? interp.lookupVar(name, true);
        if (typeof slot === 'string') return err(`can't set "${name}": ${slot}`);
        if (slot && !slot.arr) slot.arr = new Map();
        return OK_EMPTY;
      }
      for (let i = 0; i < items.length; i += 2) {
        const r = interp.setVar2(name, items[i], items[i + 1]);
        if (typeof r !== 'string') return r;
      }
      return OK_EMPTY;
    }
    case 'unset': {
      if (argv.length > 4) return wrongArgs('array unset arrayName ?pattern?');
      if (!arr) return OK_EMPTY;
      if (argv.length === 3) {
        interp.unsetVar(name, true);
        return OK_EMPTY;
      }
      for (const k of [...arr.keys()]) if (globMatch(argv[3], k)) arr.delete(k);
      return OK_EMPTY;
    }
    default:
      return err(`array ${sub} is not modelled by the simulator`);
  }
}

// ---- info ---------------------------------------------------------------------------------------

const MATH_FUNCTIONS = ['abs', 'acos', 'asin', 'atan', 'atan2', 'ceil', 'cos', 'cosh', 'double', 'exp', 'floor', 'fmod', 'hypot', 'int', 'log', 'log10', 'pow', 'rand', 'round', 'sin', 'sinh', 'sqrt', 'srand', 'tan', 'tanh', 'wide'];

function filterNames(names: Iterable<string>, pattern: string | undefined, dialect: Interp['dialect']): string {
  const out: string[] = [];
  for (const n of names) if (pattern === undefined || globMatch(pattern, n)) out.push(n);
  return formatList(out, dialect);
}

function existing(frame: Frame, linkedOk: boolean, interp: Interp): string[] {
  const out: string[] = [];
  for (const [k, v] of frame.vars) {
    if (!v.exists()) continue;
    if (!linkedOk && frame.level > 0 && interp.globalFrame.vars.get(k) === v) continue;
    out.push(k);
  }
  return out;
}

function infoCmd(interp: Interp, argv: string[]): TclResult {
  if (argv.length < 2) return wrongArgs('info option ?arg arg ...?');
  const sub = subcommand(['info'], argv[1]);
  if (isResult(sub)) return sub;
  const n = argv.length;
  const procOf = (name: string) => interp.getCommand(name)?.proc;
  switch (sub) {
    case 'exists':
      if (n !== 3) return wrongArgs('info exists varName');
      return ok(interp.varExists(argv[2]) ? '1' : '0');
    case 'level': {
      if (n === 2) return ok(String(interp.frame.level));
      if (n !== 3) return wrongArgs('info level ?number?');
      const v = scanInt(argv[2]);
      if (v === undefined) return err(`expected integer but got "${argv[2]}"`);
      let level = Number(v);
      if (level <= 0) level += interp.frame.level;
      let f: Frame | undefined = interp.frame;
      while (f && f.level > level) f = f.parent;
      if (!f || f.level !== level || level <= 0 || !f.argv) return err(`bad level "${argv[2]}"`);
      return ok(formatList(f.argv, interp.dialect));
    }
    case 'commands':
      if (n > 3) return wrongArgs('info commands ?pattern?');
      return ok(filterNames(interp.commands.keys(), argv[2], interp.dialect));
    case 'procs':
      if (n > 3) return wrongArgs('info procs ?pattern?');
      return ok(filterNames(interp.procs().keys(), argv[2], interp.dialect));
    case 'vars':
      if (n > 3) return wrongArgs('info vars ?pattern?');
      return ok(filterNames(existing(interp.frame, true, interp), argv[2], interp.dialect));
    case 'locals':
      if (n > 3) return wrongArgs('info locals ?pattern?');
      if (interp.frame.level === 0) return OK_EMPTY;
      return ok(filterNames(existing(interp.frame, false, interp), argv[2], interp.dialect));
    case 'globals':
      if (n > 3) return wrongArgs('info globals ?pattern?');
      return ok(filterNames(existing(interp.globalFrame, true, interp), argv[2], interp.dialect));
    case 'body': {
      if (n !== 3) return wrongArgs('info body procname');
      const p = procOf(argv[2]);
      if (!p) return err(`"${argv[2]}" isn't a procedure`);
      return ok(p.body);
    }
    case 'args': {
      if (n !== 3) return wrongArgs('info args procname');
      const p = procOf(argv[2]);
      if (!p) return err(`"${argv[2]}" isn't a procedure`);
      return ok(formatList(
        p.params.map((q) => q.name),
        interp.dialect,
      ));
    }
    case 'default': {
      if (n !== 5) return wrongArgs('info default procname arg varname');
      const p = procOf(argv[2]);
      if (!p) return err(`"${argv[2]}" isn't a procedure`);
      const param = p.params.find((q) => q.name === argv[3]);
      if (!param) return err(`procedure "${argv[2]}" doesn't have an argument "${argv[3]}"`);
      const r = interp.setVar(argv[4], param.def ?? '');
      if (typeof r !== 'string') return err(`couldn't store default value in variable "${argv[4]}"`);
      return ok(param.def === undefined ? '0' : '1');
    }
    case 'complete': {
      if (n !== 3) return wrongArgs('info complete command');
      const { diagnostics } = parse(argv[2], { dialect: 'tcl' });
      const incomplete = diagnostics.some((d) => /^missing close-(brace|quote|bracket)/.test(d.message));
      return ok(incomplete ? '0' : '1');
    }
    case 'cmdcount':
      return ok(String(interp.steps));
    case 'functions':
      return ok(filterNames(MATH_FUNCTIONS, argv[2], interp.dialect));
    case 'tclversion':
      return ok('8.4');
    case 'patchlevel':
      return ok('8.4.6');
    case 'script':
      return OK_EMPTY;
    case 'hostname': {
      // The embedder sets the host name (the iRule simulator: the configuration's sys global-settings hostname).
      if (n !== 2) return wrongArgs('info hostname');
      const host = interp.data.get('hostname');
      if (typeof host === 'string') return ok(host);
      return err(`info ${sub} is not available in the simulator`);
    }
    default:
      return err(`info ${sub} is not available in the simulator`);
  }
}

/** Installs the variable commands. */
export function install(interp: Interp): void {
  interp.register('set', setCmd, { min: 1, max: 2, usage: 'varName ?newValue?' });
  interp.register('unset', unsetCmd);
  interp.register('incr', incrCmd, { min: 1, max: 2, usage: 'varName ?increment?' });
  interp.register('append', appendCmd, { min: 1, usage: 'varName ?value value ...?' });
  interp.register('lappend', lappendCmd, { min: 1, usage: 'varName ?value value ...?' });
  interp.register('global', globalCmd, { min: 1, usage: 'varName ?varName ...?' });
  interp.register('variable', variableCmd, { min: 1, usage: '?name value...? name ?value?' });
  interp.register('upvar', upvarCmd, { min: 2, usage: '?level? otherVar localVar ?otherVar localVar ...?' });
  interp.register('array', arrayCmd);
  interp.register('info', infoCmd);
}


/**
 * Control flow: `if`, `while`, `for`, `foreach`, `switch`, `break`, `continue`, `return`,
 * `error`, `catch`, `eval`, `uplevel`, `proc`, `call`, `expr`. Bodies given as braced words
 * reuse the parser's trees; anything else is parsed from its text (cached).
 */
import type { ListNode, Word } from '../../syntax/ast.js';
import { choices, lookup, isResult } from '../args.js';
import type { Interp } from '../interp.js';
import { Code, err, ok, OK_EMPTY, wrongArgs, type TclResult } from '../result.js';
import { globMatch } from '../tcl/glob.js';
import { compileRegex } from '../tcl/regexp.js';
import { parseList, scanInt } from '../values.js';

function ifCmd(interp: Interp, argv: string[], words: readonly Word[] | undefined): TclResult {
  const n = argv.length;
  let i = 1;
  let chosen = -1;
  // Evaluate conditions up to the first true one, but check the whole command's syntax before
  // running a body (as Tcl does).
  for (;;) {
    if (i >= n) return err(`wrong # args: no expression after "${argv[i - 1]}" argument`);
    if (chosen < 0) {
      const cond = interp.evalCondition(argv[i], words?.[i]);
      if (typeof cond !== 'boolean') return cond;
      i++;
      if (i < n && argv[i] === 'then') i++;
      if (i >= n) return err(`wrong # args: no script following "${argv[i - 1]}" argument`);
      if (cond) chosen = i;
    } else {
      i++;
      if (i < n && argv[i] === 'then') i++;
      if (i >= n) return err(`wrong # args: no script following "${argv[i - 1]}" argument`);
    }
    i++;
    if (i >= n) break;
    if (argv[i] === 'elseif') {
      i++;
      continue;
    }
    if (argv[i] === 'else') {
      i++;
      if (i >= n) return err('wrong # args: no script following "else" argument');
    }
    if (i !== n - 1) return err('wrong # args: extra words after "else" clause in "if" command');
    if (chosen < 0) return interp.evalBody(argv[i], words?.[i], '"if" else script');
    break;
  }
  if (chosen < 0) return OK_EMPTY;
  return interp.evalBody(argv[chosen], words?.[chosen], '"if" then script');
}

function whileCmd(interp: Interp, argv: string[], words: readonly Word[] | undefined): TclResult {
  const test = argv[1];
  const testWord = words?.[1];
  const body = argv[2];
  const bodyWord = words?.[2];
  for (;;) {
    const cond = interp.evalCondition(test, testWord);
    if (typeof cond !== 'boolean') return cond;
    if (!cond) return OK_EMPTY;
    const r = interp.evalBody(body, bodyWord, '"while" body');
    if (r.code === Code.OK || r.code === Code.CONTINUE) continue;
    if (r.code === Code.BREAK) return OK_EMPTY;
    return r;
  }
}

function forCmd(interp: Interp, argv: string[], words: readonly Word[] | undefined): TclResult {
  let r = interp.evalBody(argv[1], words?.[1], '"for" initial command');
  if (r.code !== Code.OK) return r;
  for (;;) {
    const cond = interp.evalCondition(argv[2], words?.[2]);
    if (typeof cond !== 'boolean') return cond;
    if (!cond) return OK_EMPTY;
    r = interp.evalBody(argv[4], words?.[4], '"for" body');
    if (r.code === Code.BREAK) return OK_EMPTY;
    if (r.code !== Code.OK && r.code !== Code.CONTINUE) return r;
    r = interp.evalBody(argv[3], words?.[3], '"for" loop-end command');
    if (r.code === Code.BREAK) return OK_EMPTY;
    if (r.code !== Code.OK) return r;
  }
}

function foreachCmd(interp: Interp, argv: string[], words: readonly Word[] | undefined): TclResult {
  const n = argv.length;
  if (n < 4 || n % 2 !== 0) return wrongArgs('foreach varList list ?varList list ...? command');
  const varLists: string[][] = [];
  const valLists: string[][] = [];
  let iterations = 0;
  for (let i = 1; i < n - 1; i += 2) {
    const vars = parseList(argv[i], interp.dialect);
    if (!Array.isArray(vars)) return err(vars.error);
    if (vars.length === 0) return err('foreach varlist is empty');
    const vals = parseList(argv[i + 1], interp.dialect);
    if (!Array.isArray(vals)) return err(vals.error);
    varLists.push(vars);
    valLists.push(vals);
    iterations = Math.max(iterations, Math.ceil(vals.length / vars.length));
  }
  const body = argv[n - 1];
  const bodyWord = words?.[n - 1];
  for (let k = 0; k < iterations; k++) {
    for (let j = 0; j < varLists.length; j++) {
      const vars = varLists[j];
      const vals = valLists[j];
      for (let v = 0; v < vars.length; v++) {
        const idx = k * vars.length + v;
        const set = interp.setVar(vars[v], idx < vals.length ? vals[idx] : '');
        if (typeof set !== 'string') return err(`couldn't set loop variable: "${vars[v]}"`);
      }
    }
    const r = interp.evalBody(body, bodyWord, '"foreach" body');
    if (r.code === Code.OK || r.code === Code.CONTINUE) continue;
    if (r.code === Code.BREAK) break;
    return r;
  }
  return OK_EMPTY;
}

const SWITCH_OPTIONS = ['-exact', '-glob', '-regexp', '--'];

function switchCmd(interp: Interp, argv: string[], words: readonly Word[] | undefined): TclResult {
  let mode = '-exact';
  let i = 1;
  const n = argv.length;
  while (i < n && argv[i].startsWith('-')) {
    const opt = lookup(argv[i], SWITCH_OPTIONS, 'option', true);
    if (isResult(opt)) return err(`bad option "${argv[i]}": must be ${choices(SWITCH_OPTIONS)}`);
    i++;
    if (opt === '--') break;
    mode = opt;
  }
  if (n - i < 2) return wrongArgs('switch ?switches? string pattern body ... ?default body?');
  const subject = argv[i++];
  let arms: string[];
  let armWords: ListNode | undefined;
  let separateWords: readonly Word[] | undefined;
  let base = 0;
  if (n - i === 1) {
    const list = parseList(argv[i], interp.dialect);
    if (!Array.isArray(list)) return err(list.error);
    arms = list;
    const w = words?.[i];
    if (w?.type === 'BracedWord' && w.parsed?.type === 'List' && w.parsed.items.length === list.length) armWords = w.parsed;
  } else {
    arms = argv.slice(i);
    separateWords = words;
    base = i;
  }
  if (arms.length % 2 !== 0) return err('extra switch pattern with no body');
  if (arms[arms.length - 1] === '-') return err(`no body specified for pattern "${arms[arms.length - 2]}"`);
  for (let k = 0; k < arms.length; k += 2) {
    const pattern = arms[k];
    let hit: boolean;
    if (k === arms.length - 2 && pattern === 'default') hit = true;
    else if (mode === '-exact') {
      hit = pattern === subject;
      if (interp.probe !== undefined) interp.probe.text('equal', subject, pattern, false, hit);
    } else if (mode === '-glob') {
      hit = globMatch(pattern, subject);
      if (interp.probe !== undefined) interp.probe.text('glob', subject, pattern, false, hit);
    } else {
      if (interp.probe !== undefined) interp.probe.exprOp('regexp', subject, pattern);
      const re = compileRegex(pattern);
      if ('error' in re) return err(re.error);
      const m = interp.regexTest(re, subject);
      if (typeof m !== 'boolean') return m;
      hit = m;
    }
    if (!hit) continue;
    // Fall through "-" bodies.
    let b = k + 1;
    while (b < arms.length && arms[b] === '-') b += 2;
    if (b >= arms.length) return err(`no body specified for pattern "${arms[b - 1]}"`);
    const item = armWords?.items[b];
    if (item?.parsed?.type === 'Script' && item.value === arms[b]) return interp.evalInline(item.parsed, interp.src);
    const label = arms[b - 1].length > 50 ? arms[b - 1].slice(0, 50) : arms[b - 1];
    return interp.evalBody(arms[b], separateWords?.[base + b], `"${label}" arm`);
  }
  return OK_EMPTY;
}

const COMPLETION = ['ok', 'error', 'return', 'break', 'continue'];

/** Parses a `-code` value: a name or an integer. */
function completionCode(s: string): number | undefined {
  const k = COMPLETION.indexOf(s);
  if (k >= 0) return k;
  const v = scanInt(s);
  return v === undefined ? undefined : Number(v);
}

function returnCmd(interp: Interp, argv: string[]): TclResult {
  let code: number = Code.OK;
  let info: string | undefined;
  let ecode: string | undefined;
  let i = 1;
  for (; argv.length - i > 1; i += 2) {
    const opt = argv[i];
    if (opt === '-code') {
      const c = completionCode(argv[i + 1]);
      if (c === undefined) return err(`bad completion code "${argv[i + 1]}": must be ok, error, return, break, continue, or an integer`);
      code = c;
    } else if (opt === '-errorinfo') info = argv[i + 1];
    else if (opt === '-errorcode') ecode = argv[i + 1];
    else return err(`bad option "${opt}": must be -code, -errorcode, or -errorinfo`);
  }
  interp.returnCode = code;
  interp.returnErrorInfo = info;
  interp.returnErrorCode = ecode;
  return { code: Code.RETURN, value: i < argv.length ? argv[i] : '' };
}

function errorCmd(interp: Interp, argv: string[]): TclResult {
  const info = argv[2];
  if (info !== undefined && info !== '') {
    interp.errorInfo = info;
    interp.errInProgress = true;
    interp.errLogged = true;
  }
  interp.errorCode = argv[3] ?? 'NONE';
  return err(argv[1]);
}

function catchCmd(interp: Interp, argv: string[], words: readonly Word[] | undefined): TclResult {
  const r = interp.evalBody(argv[1], words?.[1]);
  if (interp.limitHit) return r;
  if (r.code === Code.ERROR) {
    interp.setGlobal('errorInfo', interp.errInProgress ? interp.errorInfo : r.value);
    interp.setGlobal('errorCode', interp.errorCode);
    interp.resetError();
  }
  if (r.code === Code.RETURN) interp.returnCode = Code.OK;
  if (argv.length === 3) {
    const s = interp.setVar(argv[2], r.value);
    if (typeof s !== 'string') return err(`couldn't save command result in variable`);
  }
  return ok(String(r.code));
}

function evalCmd(interp: Interp, argv: string[], words: readonly Word[] | undefined): TclResult {
  if (argv.length === 2) return interp.evalUnit(argv[1], words?.[1], '"eval" body');
  const code = interp.concatOf(argv.slice(1));
  if (typeof code !== 'string') return code;
  return interp.evalUnit(code, undefined, '"eval" body');
}

function uplevelCmd(interp: Interp, argv: string[], words: readonly Word[] | undefined): TclResult {
  let i = 1;
  let level = '1';
  const first = argv[1];
  if (argv.length > 2 && (first.startsWith('#') || /^[0-9]/.test(first))) {
    level = first;
    i = 2;
  }
  if (i >= argv.length) return wrongArgs('uplevel ?level? command ?arg ...?');
  const target = interp.frameAt(level);
  if (!target) return err(`bad level "${level}"`);
  const code = argv.length - i === 1 ? argv[i] : interp.concatOf(argv.slice(i));
  if (typeof code !== 'string') return code;
  const save = interp.frame;
  interp.frame = target;
  const r = argv.length - i === 1 ? interp.evalUnit(code, words?.[i], '"uplevel" body') : interp.evalUnit(code, undefined, '"uplevel" body');
  interp.frame = save;
  return r;
}

function procCmd(interp: Interp, argv: string[], words: readonly Word[] | undefined): TclResult {
  const [, name, paramText, body] = argv;
  const specs = parseList(paramText, interp.dialect);
  if (!Array.isArray(specs)) return err(specs.error);
  const params: { name: string; def?: string }[] = [];
  for (const spec of specs) {
    const fields = parseList(spec, interp.dialect);
    if (!Array.isArray(fields)) return err(fields.error);
    if (fields.length === 0 || fields[0] === '') return err(`procedure "${name}" has argument with no name`);
    if (fields.length > 2) return err(`too many fields in argument specifier "${spec}"`);
    if (fields[0].includes('::')) return err(`procedure "${name}" has formal parameter "${fields[0]}" that is not a simple name`);
    params.push(fields.length === 2 ? { name: fields[0], def: fields[1] } : { name: fields[0] });
  }
  const procName = name.startsWith('::') ? name.slice(2) : name;
  if (procName.includes('::')) return err(`can't create procedure "${name}": unknown namespace`);
  interp.defineProc({ name: procName, params, body, bodyWord: words?.[3], src: interp.src });
  return OK_EMPTY;
}

function callCmd(interp: Interp, argv: string[]): TclResult {
  const name = argv[1];
  const entry = interp.getCommand(name);
  if (!entry?.proc) return err(`proc ${name} not found`);
  return interp.callProc(entry.proc, argv.slice(1));
}

function exprCmd(interp: Interp, argv: string[], words: readonly Word[] | undefined): TclResult {
  if (argv.length === 2) return interp.evalExpr(argv[1], words?.[1]);
  const code = interp.concatOf(argv.slice(1));
  if (typeof code !== 'string') return code;
  return interp.evalExpr(code, undefined);
}

/** Installs the control-flow commands. */
export function install(interp: Interp): void {
  interp.register('if', ifCmd, { min: 0, usage: 'expr1 ?then? body1 elseif expr2 ?then? body2 elseif ... ?else? ?bodyN?' });
  interp.register('while', whileCmd, { min: 2, max: 2, usage: 'test command' });
  interp.register('for', forCmd, { min: 4, max: 4, usage: 'start test next command' });
  interp.register('foreach', foreachCmd);
  interp.register('switch', switchCmd);
  interp.register('break', () => ({ code: Code.BREAK, value: '' }), { min: 0, max: 0 });
  interp.register('continue', () => ({ code: Code.CONTINUE, value: '' }), { min: 0, max: 0 });
  interp.register('return', returnCmd);
  interp.register('error', errorCmd, { min: 1, max: 3, usage: 'message ?errorInfo? ?errorCode?' });
  interp.register('catch', catchCmd, { min: 1, max: 2, usage: 'command ?varName?' });
  interp.register('eval', evalCmd, { min: 1, usage: 'arg ?arg ...?' });
  interp.register('uplevel', uplevelCmd, { min: 1, usage: '?level? command ?arg ...?' });
  interp.register('proc', procCmd, { min: 3, max: 3, usage: 'name args body' });
  interp.register('call', callCmd, { min: 1, usage: 'procName ?arg ...?' });
  interp.register('expr', exprCmd, { min: 1, usage: 'arg ?arg ...?' });
}

/**
 * Argument matchers for the few commands whose syntax the catalog data cannot express
 * (keywords between arguments, optional leading levels). Keyed by the catalog's `handler`.
 */
import type { ArgMatch, ArgText } from '../args.js';
import type { ArgType } from '../types.js';

/** A special argument matcher. */
export type SpecialHandler = (args: ArgText[]) => ArgMatch;

function result(n: number): ArgMatch {
  return { types: new Array(n).fill(undefined), alone: new Array(n).fill(false), firstPositional: 0 };
}

function set(m: ArgMatch, i: number, t: ArgType): void {
  if (i < m.types.length) {
    m.types[i] = t;
    m.alone[i] = true;
  }
}

/** `if expr ?then? body (elseif expr ?then? body)* ?else? ?body?` */
function ifHandler(args: ArgText[]): ArgMatch {
  const m = result(args.length);
  let i = 0;
  for (;;) {
    if (i >= args.length) {
      m.arity = 'tooFew';
      return m;
    }
    set(m, i++, 'expr');
    if (args[i] === 'then') i++;
    if (i >= args.length) {
      m.arity = 'tooFew';
      return m;
    }
    set(m, i++, 'body');
    if (i >= args.length) return m;
    if (args[i] === 'elseif') {
      i++;
      continue;
    }
    if (args[i] === 'else') i++;
    if (i >= args.length) {
      m.arity = 'tooFew';
      return m;
    }
    set(m, i++, 'body');
    if (i < args.length) m.arity = 'tooMany';
    return m;
  }
}

/** `switch ?options? string {pattern body ...}` or `switch ?options? string pattern body ...` */
function switchHandler(args: ArgText[]): ArgMatch {
  const m = result(args.length);
  let i = 0;
  while (i < args.length) {
    const a = args[i];
    if (a === undefined || !a.startsWith('-')) break;
    i++;
    if (a === '--') break;
  }
  m.firstPositional = i;
  const rest = args.length - i;
  if (rest < 2) {
    m.arity = 'tooFew';
    return m;
  }
  m.types[i] = 'any';
  if (rest === 2) {
    set(m, i + 1, 'switchBody');
    return m;
  }
  if ((rest - 1) % 2 !== 0) m.arity = 'tooMany';
  for (let k = i + 1; k < args.length; k += 2) {
    m.types[k] = 'pattern';
    if (k + 1 < args.length && args[k + 1] !== '-') set(m, k + 1, 'body');
  }
  return m;
}

/** `when EVENT ?priority N? ?timing on|off? body` */
function whenHandler(args: ArgText[]): ArgMatch {
  const m = result(args.length);
  if (args.length < 2) {
    m.arity = 'tooFew';
    return m;
  }
  m.types[0] = 'event';
  set(m, args.length - 1, 'body');
  return m;
}

/** `uplevel ?level? arg ?arg ...?` */
function uplevelHandler(args: ArgText[]): ArgMatch {
  const m = result(args.length);
  const level = args.length > 1 && args[0] !== undefined && /^#?\d+$/.test(args[0]);
  const first = level ? 1 : 0;
  if (level) m.types[0] = 'level';
  if (args.length - first < 1) m.arity = 'tooFew';
  for (let k = first; k < args.length; k++) m.types[k] = 'script';
  if (args.length - first === 1) m.alone[first] = true;
  return m;
}

/** iRules `after ms ?-periodic? ?script?`, `after cancel ...`, `after info ...` */
function afterHandler(args: ArgText[]): ArgMatch {
  const m = result(args.length);
  if (args.length === 0) {
    m.arity = 'tooFew';
    return m;
  }
  if (args[0] === 'cancel' || args[0] === 'info') return m;
  m.types[0] = 'integer';
  let i = 1;
  if (args[i] === '-periodic') i++;
  if (i < args.length) set(m, args.length - 1, 'script');
  if (args.length - i > 1) m.arity = 'tooMany';
  return m;
}

/**
 * The words each handler compares arguments with, besides options (words starting with `-`) and,
 * for `uplevel`, levels (`#` or a digit first). Any other literal word is matched the same whatever
 * its text: callers that cache matches by argument shape rely on this (a test checks it).
 */
export const handlerKeywords: Record<string, readonly string[]> = {
  after: ['cancel', 'info'],
  if: ['then', 'elseif', 'else'],
  switch: [],
  uplevel: [],
  when: [],
};

/** The handlers by catalog key. */
export const specialHandlers: Record<string, SpecialHandler> = {
  after: afterHandler,
  if: ifHandler,
  switch: switchHandler,
  uplevel: uplevelHandler,
  when: whenHandler,
};

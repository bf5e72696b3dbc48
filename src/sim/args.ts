/**
 * Argument helpers shared by the builtins: Tcl_GetIndexFromObj-style lookup of subcommands and
 * switches (exact name or unique prefix, with Tcl's "bad option ... must be a, b, or c" message),
 * and integer/index arguments with Tcl's error messages.
 */
import { getCommand } from '../catalog/load.js';
import { formAt } from '../catalog/match.js';
import { err, type TclResult } from './result.js';
import { expectedInteger, isError, parseIndex, scanInt } from './values.js';

/** "a, b, or c" (Tcl's list of choices). */
export function choices(table: readonly string[]): string {
  if (table.length === 1) return table[0];
  if (table.length === 2) return `${table[0]} or ${table[1]}`;
  return `${table.slice(0, -1).join(', ')}, or ${table[table.length - 1]}`;
}

/**
 * Finds `value` in `table` as Tcl_GetIndexFromObj does: an exact match, else a unique prefix.
 * Returns the matched entry, or Tcl's error (`bad option "x": must be ...`).
 */
export function lookup(value: string, table: readonly string[], what = 'option', exactOnly = false): string | TclResult {
  let found: string | undefined;
  let count = 0;
  for (const t of table) {
    if (t === value) return t;
    if (!exactOnly && value !== '' && t.startsWith(value)) {
      found = t;
      count++;
    }
  }
  if (count === 1) return found!;
  return err(`${count > 1 ? 'ambiguous' : 'bad'} ${what} "${value}": must be ${choices(table)}`);
}

/** Subcommand tables read from the catalog, by command path (`string`, `string is`). */
const tables = new Map<string, { names: string[]; exactOnly: boolean }>();

/**
 * Looks up the subcommand `value` of a Tcl built-in in the catalog's table for `path` (`['string']`,
 * `['string', 'is']`), as Tcl_GetIndexFromObj does: prefixes only where the catalog says the
 * command takes them (`subcommandPrefixes`). `what` names the word in the error (`option`, `class`).
 */
export function subcommand(path: readonly string[], value: string, what = 'option'): string | TclResult {
  const key = path.join(' ');
  let t = tables.get(key);
  if (!t) {
    const spec = getCommand(path[0]);
    const form = spec && formAt(spec, path.slice(1));
    if (!form?.subcommands) throw new Error(`catalog has no subcommands for ${key}`); // a simulator bug, not user input
    tables.set(key, (t = { names: Object.keys(form.subcommands), exactOnly: form.subcommandPrefixes !== true }));
  }
  return lookup(value, t.names, what, t.exactOnly);
}

/** Whether a lookup result is an error. */
export function isResult(x: unknown): x is TclResult {
  return typeof x === 'object' && x !== null && 'code' in x;
}

/** An integer argument as a JS number, or Tcl's `expected integer` error. */
export function intArg(s: string): number | TclResult {
  const v = scanInt(s);
  if (v === undefined) return err(expectedInteger(s));
  return Number(v);
}

/** A list/string index argument resolved against the last valid index `end`. */
export function indexArg(s: string, end: number): number | TclResult {
  const r = parseIndex(s, end);
  if (isError(r)) return err(r.error);
  return r;
}

/**
 * What the thing under the cursor is: a command (or one of its subcommand words), an event name,
 * a variable, a proc definition or a word naming a proc, or a configuration object name. Hover,
 * definition, references and rename all start from this. Pure.
 */
import type { CommandSpec } from '../catalog/types.js';
import { catalog } from '../lint/run.js';
import type { Proc, Range, Script } from '../syntax/ast.js';
import { literalValue } from '../syntax/words.js';
import { objectRefsOf, type ObjectRef } from './config-objects.js';
import { typedOf } from './expect.js';
import { locate, nameOf, spanOf, type CommandLike, type Cursor } from './locate.js';
import { procRefAt, type ProcRef } from './procs.js';
import { namesVariables, siteAt, variableMap, type ScopeKey, type VariableMap, type VarSite } from './variables.js';

/** The thing under a cursor. */
export type Target =
  | { kind: 'command'; spec: CommandSpec; command: CommandLike; path: string[]; range: Range }
  | { kind: 'event'; name: string; range: Range }
  | { kind: 'variable'; site: VarSite; scope: ScopeKey; map: VariableMap; range: Range }
  | { kind: 'procDef'; proc: Proc; range: Range }
  | { kind: 'procRef'; ref: ProcRef; range: Range }
  | { kind: 'object'; ref: ObjectRef; range: Range };

const maps = new WeakMap<Script, VariableMap>();

/** The variables of a file (cached per tree). */
export function variablesOf(ast: Script, source: string): VariableMap {
  let map = maps.get(ast);
  if (!map) maps.set(ast, (map = variableMap(ast, source)));
  return map;
}

function contains(r: Range, offset: number): boolean {
  return r.start <= offset && offset <= r.end;
}

/** What is at `offset` of a file, if it is anything the features know. */
export function targetAt(ast: Script, source: string, offset: number): { target?: Target; cursor: Cursor } {
  const cursor = locate(ast, source, offset);
  const { command, word, wordIndex } = cursor;
  const typed = command ? typedOf(command) : undefined;
  // The file's variables are gathered only when the cursor may be on one.
  const mayBeVariable =
    cursor.varRef !== undefined ||
    (command?.type === 'Proc' && wordIndex === 2) ||
    (typed !== undefined && (typed.types[wordIndex] === 'varName' || namesVariables(typed.positionals[wordIndex])));
  if (mayBeVariable) {
    const map = variablesOf(ast, source);
    const v = siteAt(map, offset);
    if (v) return { cursor, target: { kind: 'variable', ...v, map, range: v.site.range } };
  }
  if (!command || !word) return { cursor };
  const wordSpan = spanOf(word, source);
  const range = wordSpan ? { start: wordSpan.start, end: wordSpan.start + wordSpan.text.length } : word.range;
  if (command.type === 'Proc' && wordIndex === 1) return { cursor, target: { kind: 'procDef', proc: command, range } };
  if (command.type === 'When' && wordIndex === 1) return { cursor, target: { kind: 'event', name: literalValue(word) ?? '', range } };
  const ref = procRefAt(command, wordIndex, source);
  if (ref?.procRange) return { cursor, target: { kind: 'procRef', ref, range: ref.procRange } };
  const obj = objectRefsOf(command, source).find((r) => contains(r.range, offset));
  if (obj) return { cursor, target: { kind: 'object', ref: obj, range: obj.range } };
  if (wordIndex === 0) {
    const name = nameOf(command);
    const spec = typed?.spec ?? (name === undefined ? undefined : catalog.command(name));
    if (spec && spec.kind !== 'namespace') return { cursor, target: { kind: 'command', spec, command, path: [], range } };
    return { cursor };
  }
  if (!typed) return { cursor };
  if (typed.types[wordIndex] === 'event') return { cursor, target: { kind: 'event', name: literalValue(word) ?? '', range } };
  if (wordIndex <= typed.path.length) {
    return { cursor, target: { kind: 'command', spec: typed.spec, command, path: typed.path.slice(0, wordIndex), range } };
  }
  return { cursor };
}

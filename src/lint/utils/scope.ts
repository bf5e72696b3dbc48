/** Helpers that place a node in the file: its variable scope, and whether a word is a plain `$name`. */
import type { Proc, VarRef, Word } from '../../syntax/ast.js';
import type { RuleContext } from '../rule.js';
import { variablesAnalysis, type VariableIndex, type VariableScope } from './variables.js';

/** The file's variable index, gathered in the rules' walk (call in `create`; complete in `end`). */
export function variablesOf(ctx: RuleContext<string>): VariableIndex {
  return ctx.analysis(variablesAnalysis);
}

/** The variable scope of a proc, or the connection's. */
export function scopeOf(index: VariableIndex, proc: Proc | undefined): VariableScope {
  return (proc && index.procs.get(proc)) || index.connection;
}

/** The variable reference when a word is exactly `$name` (no index, nothing around it). */
export function soleVarRef(word: Word): VarRef | undefined {
  if (word.type !== 'BareWord' && word.type !== 'QuotedWord') return undefined;
  if (word.parts.length !== 1) return undefined;
  const p = word.parts[0];
  return p.type === 'VarRef' && !p.index ? p : undefined;
}

/** Helpers that place a node in the file: its variable scope, and whether a word is a plain `$name`. */
import type { Proc, VarRef, Word } from '../../syntax/ast.js';
import type { RuleContext } from '../rule.js';
import { indexVariables, type VariableIndex, type VariableScope } from './variables.js';

/** The file's variable index (computed once per file, shared by all rules). */
export function variablesOf(ctx: RuleContext<string>): VariableIndex {
  return ctx.shared('variables', () => indexVariables(ctx.ast));
}

/** The variable scope of the node being visited: its proc's, else the connection's. */
export function currentScope(ctx: RuleContext<string>): VariableScope {
  const index = variablesOf(ctx);
  const proc: Proc | undefined = ctx.enclosingProc();
  return (proc && index.procs.get(proc)) || index.connection;
}

/** The variable reference when a word is exactly `$name` (no index, nothing around it). */
export function soleVarRef(word: Word): VarRef | undefined {
  if (word.type !== 'BareWord' && word.type !== 'QuotedWord') return undefined;
  if (word.parts.length !== 1) return undefined;
  const p = word.parts[0];
  return p.type === 'VarRef' && !p.index ? p : undefined;
}

/**
 * A cheap, conservative variable analysis shared by rules: which names a scope ever mentions as a
 * literal word (a stand-in for "may set": `set x`, `foreach x`, `regexp ... x`, `info exists x`
 * all mention `x`, whatever the command), which literal values plain `set name value` commands
 * give a name, and every `$name` read. Scopes: one per `proc` body, and the connection (every
 * `when` body together: plain variables live for the whole connection, across events).
 * Computed once per file with one walk, on first use.
 */
import type { BracedWord, Command, Proc, VarRef, Word } from '../../syntax/ast.js';
import { literalValue } from '../../syntax/words.js';
import type { Analysis } from '../rule.js';

/** A `set name value` with a literal name. */
export interface Assignment {
  /** The command. */
  command: Command;
  /** The value when it is literal, else undefined. */
  value: string | undefined;
  /** The value word as written (`"conns:[IP::client_addr]"`). */
  word: Word;
}

/** What one scope knows. */
export interface VariableScope {
  /** The proc, or undefined for the connection scope. */
  proc?: Proc;
  /** Names mentioned as literal argument words (array names without their index), with counts. */
  mentioned: Map<string, number>;
  /** `set name value` commands by name. */
  assignments: Map<string, Assignment[]>;
  /** Reads (`$name`), in source order. */
  reads: VarRef[];
  /** Set when the scope writes variables whose names are computed (`set $n 1`), or runs code from strings: nothing can be concluded. */
  dynamic: boolean;
}

/** The analysis of a file. */
export interface VariableIndex {
  /** The connection scope (all `when` bodies, and code outside any proc). */
  connection: VariableScope;
  /** One scope per proc. */
  procs: Map<Proc, VariableScope>;
}

/** Whether a name is mentioned anywhere in the file (in the connection scope or any proc). */
export function mentionedAnywhere(index: VariableIndex, name: string): boolean {
  if (index.connection.mentioned.has(name)) return true;
  for (const scope of index.procs.values()) if (scope.mentioned.has(name)) return true;
  return false;
}

/** The name a literal word would name as a variable: `x(a)` names `x`; a leading `::` is kept. */
export function variableNameOf(text: string): string {
  const paren = text.indexOf('(');
  return paren > 0 && text.endsWith(')') ? text.slice(0, paren) : text;
}

function newScope(proc?: Proc): VariableScope {
  const s: VariableScope = { mentioned: new Map(), assignments: new Map(), reads: [], dynamic: false };
  if (proc) s.proc = proc;
  return s;
}

/** Whether a braced word may name variables: code does not, and variable lists are short (a long one is a response body). */
function mayNameVariables(word: BracedWord): boolean {
  return !word.parsed && word.text.length <= 256;
}

const NO_MENTIONS: readonly string[] = [];

/** Literal words a command argument offers as possible variable names. */
function mentionsOf(word: Word): readonly string[] {
  if (word.type === 'BracedWord') {
    if (!mayNameVariables(word)) return NO_MENTIONS;
    // A braced list such as `foreach {k v} ...` or a proc parameter list, or one name with a
    // space in it (`set {client ip} ...`, read as `${client ip}`).
    const items = word.text.split(/[\s{}]+/).filter((s) => s !== '');
    return items.length > 1 ? [word.text, ...items] : items;
  }
  const v = literalValue(word);
  return v === undefined ? [] : [v];
}

/**
 * The variable index as an analysis: filled by visitors during the rules' walk (no walk of its
 * own), complete when the walk is over.
 */
export const variablesAnalysis: Analysis<VariableIndex> = {
  key: 'variables',
  create(ctx) {
    const connection = newScope();
    const procs = new Map<Proc, VariableScope>();
    const mention = (scope: VariableScope, name: string): void => {
      scope.mentioned.set(name, (scope.mentioned.get(name) ?? 0) + 1);
    };
    const scopeHere = (): VariableScope => {
      const proc = ctx.enclosingProc();
      return (proc && procs.get(proc)) || connection;
    };
    return {
      result: { connection, procs },
      visitors: {
        Proc(node) {
          const s = newScope(node);
          for (let i = 0; i < node.params.length; i++) mention(s, node.params[i]);
          procs.set(node, s);
        },
        VarRef(node) {
          scopeHere().reads.push(node);
        },
        Command(node) {
          if (node.words.length === 0) return;
          const scope = scopeHere();
          const name = literalValue(node.words[0]);
          if (name === undefined) {
            scope.dynamic = true;
            return;
          }
          const bare = name.startsWith('::') ? name.slice(2) : name;
          // `set $name v`, `eval $script`, `uplevel ...` with computed words: give up on the scope.
          if ((bare === 'set' || bare === 'eval' || bare === 'uplevel' || bare === 'subst') && node.words.length > 1) {
            const first = node.words[1];
            if (literalValue(first) === undefined && first.type !== 'BracedWord') scope.dynamic = true;
          }
          for (let i = 1; i < node.words.length; i++) {
            const w = node.words[i];
            if (w.type === 'BracedWord') {
              // Most braced words are bodies and expressions: no list of mentions for them.
              if (mayNameVariables(w)) {
                const ms = mentionsOf(w);
                for (let k = 0; k < ms.length; k++) mention(scope, variableNameOf(ms[k]));
              }
              continue;
            }
            // The common case, a plain or computed word, without a list per word.
            const v = literalValue(w);
            if (v !== undefined) mention(scope, variableNameOf(v));
          }
          if (bare === 'set' && node.words.length === 3) {
            const target = literalValue(node.words[1]);
            if (target !== undefined) {
              const list = scope.assignments.get(target) ?? [];
              list.push({ command: node, value: literalValue(node.words[2]), word: node.words[2] });
              scope.assignments.set(target, list);
            }
          }
        },
      },
    };
  },
};

/**
 * The literal values a variable can hold when every mention of it in its scope is a
 * `set name <literal>`; undefined when anything else may write it (a `foreach`, a `regexp`
 * match variable, a computed value ...), so callers only conclude from plain constants.
 */
export function constantValues(scope: VariableScope, name: string): { value: string; command: Command }[] | undefined {
  const sets = onlyAssignments(scope, name);
  if (!sets || sets.some((s) => s.value === undefined)) return undefined;
  return sets.map((s) => ({ value: s.value!, command: s.command }));
}

/**
 * The `set name <word>` commands of a variable when they are the only writes in its scope
 * (literal or computed values alike): the words a `$name` can be. Undefined when anything else
 * may write it, as for {@link constantValues}.
 */
export function onlyAssignments(scope: VariableScope, name: string): Assignment[] | undefined {
  if (scope.dynamic) return undefined;
  const sets = scope.assignments.get(name);
  if (!sets || sets.length === 0) return undefined;
  // Any other literal mention (foreach x, regexp ... x, incr x, append x) may write it.
  let mentions = 0;
  const countMentions = (w: Word): void => {
    for (const m of mentionsOf(w)) if (variableNameOf(m) === name) mentions++;
  };
  // Mentions by the `set` commands themselves are expected (a value equal to the name counts too).
  for (const s of sets) {
    for (let i = 1; i < s.command.words.length; i++) countMentions(s.command.words[i]);
  }
  if ((scope.mentioned.get(name) ?? 0) > mentions) return undefined;
  return sets;
}

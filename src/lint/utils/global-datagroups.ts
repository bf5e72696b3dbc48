/**
 * `$::name` words that stand for a data group, BIG-IP 9 style (data groups were global Tcl lists
 * then): in a data-group argument (`class match ... $::dg`), as a list (`lsearch $::dg $x`,
 * `foreach x $::dg`), or anywhere when the BIG-IP configuration defines a data group `name`. Shared
 * by datagroup-global-reference (which reports them) and cmp-global-variable (which leaves them to it).
 */
import type { Command, Script, VarRef } from '../../syntax/ast.js';
import { walk } from '../../syntax/walk.js';
import { literalValue } from '../../syntax/words.js';
import type { RuleContext } from '../rule.js';
import { commandName, dataGroupSlots, listSlots, typedCommand } from './args.js';
import { lookup } from './config-refs.js';
import { soleVarRef } from './scope.js';
import { variableNameOf } from './variables.js';

/** How a `$::name` word is a data group: named where a data group goes, read as a list, or named in the configuration. */
export type GlobalDataGroupUse = 'dataGroup' | 'list' | 'conf';

/** {@link globalWrites} by tree, so the rules that ask share one walk. */
const writesByTree = new WeakMap<Script, Set<string>>();

/**
 * The names the file writes or declares as global variables: literal `::name` argument words
 * (`set ::name`, `lappend ::name`, `array set ::name` ...) and `global name`. A `$::name` read as a
 * list is a real global, not a data group, when the rule itself writes it. Computed on demand by
 * a walk of its own, not as an analysis in the rules' walk: only a file with such a `$::name`
 * asks, and most files have none.
 */
export function globalWrites(ast: Script): ReadonlySet<string> {
  let written = writesByTree.get(ast);
  if (written) return written;
  const found = new Set<string>();
  walk(ast, {
    enter(node) {
      if (node.type !== 'Command') return;
      const isGlobal = commandName(node) === 'global';
      for (let i = 1; i < node.words.length; i++) {
        const v = literalValue(node.words[i]);
        if (v === undefined) continue;
        if (isGlobal) found.add(variableNameOf(v));
        else if (v.charCodeAt(0) === 58 && v.startsWith('::')) found.add(variableNameOf(v.slice(2)));
      }
    },
  });
  writesByTree.set(ast, (written = found));
  return written;
}

/** The name `x` of a `$::x` reference (no array index, no further namespace), else undefined. */
function globalName(ref: VarRef): string | undefined {
  if (ref.index !== undefined || !ref.name.startsWith('::')) return undefined;
  const name = ref.name.slice(2);
  return name === '' || name.includes('::') ? undefined : name;
}

/** The data group `name` a word of `cmd` stands for when it is a sole `$::name`, and how; undefined otherwise. */
export function globalDataGroupUse(ctx: RuleContext<string>, cmd: Command, index: number): { name: string; use: GlobalDataGroupUse } | undefined {
  const word = cmd.words[index];
  const ref = word.type === 'BareWord' ? soleVarRef(word) : undefined;
  const name = ref && globalName(ref);
  if (name === undefined) return undefined;
  const typed = typedCommand(cmd, ctx.catalog);
  if (typed && dataGroupSlots(typed).includes(index)) return { name, use: 'dataGroup' };
  if (typed && listSlots(typed).includes(index)) return { name, use: 'list' };
  return configDataGroup(ctx, ref!) !== undefined ? { name, use: 'conf' } : undefined;
}

/** The name of the data group a `$::name` reference (anywhere: in a string, an expression) names in `--bigip-conf`, else undefined. */
export function configDataGroup(ctx: RuleContext<string>, ref: VarRef): string | undefined {
  const name = ctx.bigip ? globalName(ref) : undefined;
  return name !== undefined && lookup(ctx.bigip!, 'dataGroup', name) ? name : undefined;
}

/**
 * `$::name` words that stand for a data group, BIG-IP 9 style (data groups were global Tcl lists
 * then): in a data-group argument (`class match ... $::dg`), as a list (`lsearch $::dg $x`,
 * `foreach x $::dg`), or anywhere when the BIG-IP configuration defines a data group `name`. Shared
 * by datagroup-global-reference (which reports them) and cmp-global-variable (which leaves them to it).
 */
import type { Command, VarRef } from '../../syntax/ast.js';
import { literalValue } from '../../syntax/words.js';
import type { Analysis, RuleContext } from '../rule.js';
import { commandName, dataGroupSlots, listSlots, typedCommand } from './args.js';
import { lookup } from './config-refs.js';
import { soleVarRef } from './scope.js';
import { variableNameOf } from './variables.js';

/** How a `$::name` word is a data group: named where a data group goes, read as a list, or named in the configuration. */
export type GlobalDataGroupUse = 'dataGroup' | 'list' | 'conf';

/**
 * The names the file writes or declares as global variables: literal `::name` argument words
 * (`set ::name`, `lappend ::name`, `array set ::name` ...) and `global name`. A `$::name` read as a
 * list is a real global, not a data group, when the rule itself writes it.
 */
export const globalWritesAnalysis: Analysis<Set<string>> = {
  key: 'global-writes',
  create() {
    const written = new Set<string>();
    return {
      result: written,
      visitors: {
        Command(cmd: Command) {
          const isGlobal = commandName(cmd) === 'global';
          for (let i = 1; i < cmd.words.length; i++) {
            const v = literalValue(cmd.words[i]);
            if (v === undefined) continue;
            if (isGlobal) written.add(variableNameOf(v));
            else if (v.charCodeAt(0) === 58 && v.startsWith('::')) written.add(variableNameOf(v.slice(2)));
          }
        },
      },
    };
  },
};

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

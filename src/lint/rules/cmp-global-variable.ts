// Reports global variables (`$::x`, `set ::x`, `global x`): on CMP platforms a virtual server
// whose iRule uses them is demoted to a single TMM. Doc: docs/rules/cmp-global-variable.md
import type { Command, VarRef } from '../../syntax/ast.js';
import { literalValue } from '../../syntax/words.js';
import { defineRule } from '../rule.js';
import { commandName, dataGroupSlots, typedCommand } from '../utils/args.js';
import { configDataGroup, globalDataGroupUse, globalWrites } from '../utils/global-datagroups.js';
import { variableNameOf } from '../utils/variables.js';

/** A literal word naming a global variable: `::name` or `::name(index)` (not `::static::`, GTM's spelling of static). */
const GLOBAL_NAME = /^::[A-Za-z_][A-Za-z0-9_]*(\(.*\))?$/;

/** Whether a global name is the GTM spelling of a static variable. */
function isStatic(name: string): boolean {
  return name.startsWith('::static::');
}

export default defineRule({
  id: 'cmp-global-variable',
  meta: {
    description: 'Global variable that demotes the virtual server from CMP',
    category: 'performance',
    defaultSeverity: 'warning',
    recommended: true,
    dialects: ['irule'],
    fixable: 'none',
    messages: {
      global: 'global variable "{{name}}": the virtual server is demoted from CMP (all its traffic on one TMM); use static::{{short}} set in RULE_INIT for constants, or table for shared state',
      globalCommand: '"global {{name}}" makes a global variable: the virtual server is demoted from CMP; use static::{{name}} set in RULE_INIT, or table',
    },
  },
  create(ctx) {
    /** Words naming a data group belong to datagroup-global-reference. */
    const isDataGroupWord = (cmd: Command, index: number): boolean => {
      const typed = typedCommand(cmd, ctx.catalog);
      return typed !== undefined && dataGroupSlots(typed).includes(index);
    };
    /** `$::name` words that datagroup-global-reference takes unless the rule writes `::name`. */
    const pending: { ref: VarRef; name: string }[] = [];
    return {
      VarRef(ref) {
        if (!ref.name.startsWith('::') || isStatic(ref.name)) return;
        // `$::dg` as a data-group argument is reported by datagroup-global-reference.
        const anc = ctx.ancestors();
        const word = anc[anc.length - 1];
        const cmd = anc[anc.length - 2];
        if (cmd?.type === 'Command' && (word?.type === 'BareWord' || word?.type === 'QuotedWord')) {
          const index = cmd.words.indexOf(word);
          if (isDataGroupWord(cmd, index)) return;
          // Read as a list or named in bigip.conf: a data group unless the rule writes the global (decided at the end).
          const dg = word.type === 'BareWord' ? globalDataGroupUse(ctx, cmd, index) : undefined;
          if (dg) {
            pending.push({ ref, name: dg.name });
            return;
          }
        }
        // In a string or an expression: a data group of the configuration is datagroup-global-reference's too.
        const dgName = configDataGroup(ctx, ref);
        if (dgName !== undefined) {
          pending.push({ ref, name: dgName });
          return;
        }
        ctx.report({ node: ref, messageId: 'global', data: { name: ref.name, short: ref.name.slice(2) } });
      },
      end() {
        if (pending.length === 0) return;
        const written = globalWrites(ctx.ast);
        for (const { ref, name } of pending) if (written.has(name)) ctx.report({ node: ref, messageId: 'global', data: { name: ref.name, short: name } });
      },
      Command(cmd) {
        const name = commandName(cmd);
        if (name === 'global') {
          for (const w of cmd.words.slice(1)) {
            const v = literalValue(w);
            if (v !== undefined) ctx.report({ node: w, messageId: 'globalCommand', data: { name: v } });
          }
          return;
        }
        let types: (string | undefined)[] | undefined;
        for (let i = 1; i < cmd.words.length; i++) {
          const w = cmd.words[i];
          if (w.type === 'BracedWord') continue;
          const v = literalValue(w);
          // Cheap test first: most words do not start with `::`.
          if (v === undefined || v.charCodeAt(0) !== 58 || !GLOBAL_NAME.test(v) || isStatic(v) || isDataGroupWord(cmd, i)) continue;
          types ??= typedCommand(cmd, ctx.catalog)?.types ?? [];
          // A proc name such as `call ::p` is not a variable.
          if (types?.[i] === 'procName') continue;
          const n = variableNameOf(v);
          ctx.report({ node: w, messageId: 'global', data: { name: n, short: n.slice(2) } });
        }
      },
    };
  },
});

// Reports static:: variables written outside RULE_INIT: each TMM has its own copy, so the change
// is not seen by connections on other TMMs (counters and flags silently diverge).
// Doc: docs/rules/static-write-outside-rule-init.md
import { literalValue } from '../../syntax/words.js';
import { defineRule } from '../rule.js';
import { typedCommand } from '../utils/args.js';
import { indexProcs } from '../utils/procs.js';
import { variableNameOf } from '../utils/variables.js';

export default defineRule({
  id: 'static-write-outside-rule-init',
  meta: {
    description: 'static:: variable written outside RULE_INIT',
    category: 'correctness',
    defaultSeverity: 'warning',
    recommended: true,
    fixable: 'none',
    messages: {
      write: '{{command}} writes {{name}} in {{where}}: static variables are per TMM, so other TMMs keep the old value; set constants in RULE_INIT and use table for shared state',
    },
  },
  create(ctx) {
    return {
      Command(cmd) {
        // Cheap test first: is a static:: name written literally as an argument at all?
        let found = -1;
        for (let i = 1; i < cmd.words.length && found < 0; i++) {
          const v = cmd.words[i].type === 'BracedWord' ? undefined : literalValue(cmd.words[i]);
          if (v !== undefined && /^(::)?static::/.test(v)) found = i;
        }
        if (found < 0) return;
        const when = ctx.enclosingWhen();
        const proc = ctx.enclosingProc();
        let where: string | undefined;
        if (when) where = when.event === 'RULE_INIT' ? undefined : when.event;
        else if (proc) {
          const events = [...(ctx.shared('procs', () => indexProcs(ctx.ast)).events.get(proc)?.keys() ?? [])].filter((e) => e !== 'RULE_INIT');
          where = events.length > 0 ? `proc ${proc.name} (called from ${events.join(', ')})` : undefined;
        }
        if (where === undefined) return;
        const typed = typedCommand(cmd, ctx.catalog);
        // `info exists static::x` and the like only look at the variable.
        if (!typed || typed.name === 'info') return;
        for (let i = found; i < cmd.words.length; i++) {
          if (typed.types[i] !== 'varName') continue;
          const v = literalValue(cmd.words[i]);
          if (v === undefined || !/^(::)?static::/.test(v)) continue;
          // `set name` with no value only reads it; `info exists` is not a write either (its name is not typed varName).
          if (typed.name === 'set' && cmd.words.length === 2) continue;
          ctx.report({ node: cmd.words[i], messageId: 'write', data: { command: typed.name, name: variableNameOf(v), where } });
        }
      },
    };
  },
});

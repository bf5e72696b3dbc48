// Reports static:: variables written outside RULE_INIT: each TMM has its own copy, so the change
// is not seen by connections on other TMMs (counters and flags silently diverge).
// Doc: docs/rules/static-write-outside-rule-init.md
import { literalValue } from '../../syntax/words.js';
import { defineRule } from '../rule.js';
import { typedCommand } from '../utils/args.js';
import { procsAnalysis } from '../utils/procs.js';
import type { Command, Proc } from '../../syntax/ast.js';
import { variableNameOf } from '../utils/variables.js';

/** Cheap test before the pattern: a static:: name starts with `s` or `::`. */
function mayBeStatic(v: string): boolean {
  const c = v.charCodeAt(0);
  return c === 115 /* s */ || c === 58 /* : */;
}

export default defineRule({
  id: 'static-write-outside-rule-init',
  meta: {
    description: 'static:: variable written outside RULE_INIT',
    category: 'correctness',
    defaultSeverity: 'warning',
    recommended: true,
    dialects: ['irule'],
    fixable: 'none',
    messages: {
      write: '{{command}} writes {{name}} in {{where}}: static variables are per TMM, so other TMMs keep the old value; set constants in RULE_INIT and use table for shared state',
    },
  },
  create(ctx) {
    const procs = ctx.analysis(procsAnalysis);
    const inProcs: { cmd: Command; found: number; proc: Proc }[] = [];
    return {
      Command(cmd) {
        // Cheap test first: is a static:: name written literally as an argument at all?
        let found = -1;
        for (let i = 1; i < cmd.words.length && found < 0; i++) {
          const v = cmd.words[i].type === 'BracedWord' ? undefined : literalValue(cmd.words[i]);
          if (v !== undefined && mayBeStatic(v) && /^(::)?static::/.test(v)) found = i;
        }
        if (found < 0) return;
        const when = ctx.enclosingWhen();
        const proc = ctx.enclosingProc();
        if (when && when.event !== 'RULE_INIT') check(cmd, found, when.event);
        else if (!when && proc) inProcs.push({ cmd, found, proc });
      },
      end() {
        // A proc's writes count for the events that call it, known once the walk is over.
        for (const { cmd, found, proc } of inProcs) {
          const events = [...procs.eventsOf(proc).keys()].filter((e) => e !== 'RULE_INIT');
          if (events.length > 0) check(cmd, found, `proc ${proc.name} (called from ${events.join(', ')})`);
        }
      },
    };
    /** Reports the static:: names `cmd` writes, from word `found` on. */
    function check(cmd: Command, found: number, where: string): void {
      const typed = typedCommand(cmd, ctx.catalog);
      // `info exists static::x` and the like only look at the variable.
      if (!typed || typed.name === 'info') return;
      for (let i = found; i < cmd.words.length; i++) {
        if (typed.types[i] !== 'varName') continue;
        const v = literalValue(cmd.words[i]);
        if (v === undefined || !/^(::)?static::/.test(v)) continue;
        // `set name` with no value only reads it.
        if (typed.name === 'set' && cmd.words.length === 2) continue;
        ctx.report({ node: cmd.words[i], messageId: 'write', data: { command: typed.name, name: variableNameOf(v), where } });
      }
    }
  },
});

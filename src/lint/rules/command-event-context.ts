// Reports a command used in an event where BIG-IP refuses it ("command is not valid in current
// event context"), also inside procs called from that event. Doc: docs/rules/command-event-context.md
import type { CommandSpec } from '../../catalog/types.js';
import type { Command, Proc } from '../../syntax/ast.js';
import { defineRule } from '../rule.js';
import { specOf } from '../utils/args.js';
import { procsAnalysis } from '../utils/procs.js';

export default defineRule({
  id: 'command-event-context',
  meta: {
    description: 'Command used in an event where BIG-IP rejects it',
    category: 'correctness',
    defaultSeverity: 'error',
    recommended: true,
    dialects: ['irule'],
    fixable: 'none',
    messages: {
      invalid: '{{name}} is not valid in {{event}}: BIG-IP refuses the rule at load ("command is not valid in current event context ({{event}})")',
      invalidViaProc: '{{name}} in proc {{proc}} is not valid in {{event}}, which calls it (line {{line}}): BIG-IP refuses it at load ("command is not valid in current event context")',
    },
  },
  // Only a command with events listed as invalid can be refused (most commands have none).
  commandFilter: (spec) => (spec?.eventsInvalid?.length ?? 0) > 0,
  create(ctx) {
    // Verdicts by command and event: a handler repeats the same commands a lot.
    const verdicts = new Map<CommandSpec, Map<string, boolean>>();
    const procs = ctx.analysis(procsAnalysis);
    const inProcs: { cmd: Command; spec: CommandSpec; proc: Proc }[] = [];
    const invalidIn = (spec: CommandSpec, event: string): boolean => {
      let byEvent = verdicts.get(spec);
      if (!byEvent) verdicts.set(spec, (byEvent = new Map()));
      let v = byEvent.get(event);
      if (v === undefined) byEvent.set(event, (v = ctx.catalog.commandInEvent(spec, event).verdict === 'invalid'));
      return v;
    };
    return {
      Command(cmd) {
        const spec = specOf(cmd, ctx.catalog);
        if (!spec) return;
        const typed = { spec, name: spec.name };
        const when = ctx.enclosingWhen();
        if (when) {
          if (when.event !== '' && invalidIn(spec, when.event)) {
            ctx.report({ node: cmd.words[0], messageId: 'invalid', data: { name: typed.name, event: when.event } });
          }
          return;
        }
        const proc = ctx.enclosingProc();
        if (proc) inProcs.push({ cmd, spec, proc });
      },
      end() {
        // Procs are judged once the walk has seen every call.
        for (const { cmd, spec, proc } of inProcs) {
          for (const [event, w] of procs.eventsOf(proc)) {
            if (!invalidIn(spec, event)) continue;
            ctx.report({
              node: cmd.words[0],
              messageId: 'invalidViaProc',
              data: { name: spec.name, proc: proc.name, event, line: ctx.lines.position(w.range.start).line + 1 },
            });
          }
        }
      },
    };
  },
});

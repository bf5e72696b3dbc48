// Reports a command used in an event where BIG-IP refuses it ("command is not valid in current
// event context"), also inside procs called from that event. Doc: docs/rules/command-event-context.md
import type { When } from '../../syntax/ast.js';
import { defineRule } from '../rule.js';
import { typedCommand } from '../utils/args.js';
import { indexProcs } from '../utils/procs.js';

export default defineRule({
  id: 'command-event-context',
  meta: {
    description: 'Command used in an event where BIG-IP rejects it',
    category: 'correctness',
    defaultSeverity: 'error',
    recommended: true,
    fixable: 'none',
    messages: {
      invalid: '{{name}} is not valid in {{event}}: BIG-IP refuses the rule at load ("command is not valid in current event context ({{event}})")',
      invalidViaProc: '{{name}} in proc {{proc}} is not valid in {{event}}, which calls it (line {{line}}): BIG-IP refuses it at load ("command is not valid in current event context")',
    },
  },
  create(ctx) {
    if (ctx.dialect !== 'irule') return {};
    return {
      Command(cmd) {
        const typed = typedCommand(cmd, ctx.catalog);
        if (!typed) return;
        const when = ctx.enclosingWhen();
        if (when) {
          if (when.event !== '' && ctx.catalog.commandInEvent(typed.spec, when.event).verdict === 'invalid') {
            ctx.report({ node: cmd.words[0], messageId: 'invalid', data: { name: typed.name, event: when.event } });
          }
          return;
        }
        const proc = ctx.enclosingProc();
        if (!proc) return;
        const callers = ctx.shared('procs', () => indexProcs(ctx.ast)).events.get(proc);
        if (!callers) return;
        for (const [event, w] of callers as Map<string, When>) {
          if (ctx.catalog.commandInEvent(typed.spec, event).verdict !== 'invalid') continue;
          ctx.report({
            node: cmd.words[0],
            messageId: 'invalidViaProc',
            data: { name: typed.name, proc: proc.name, event, line: ctx.lines.position(w.range.start).line + 1 },
          });
        }
      },
    };
  },
});

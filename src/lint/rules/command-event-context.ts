// Reports a command used in an event where BIG-IP refuses it ("command is not valid in current
// event context"), also inside procs called from that event. The verdict is the load check's
// (src/load/check.ts), shared with the simulator. Doc: docs/rules/command-event-context.md
import { defineRule } from '../rule.js';
import { reportLoadIssues } from '../utils/load.js';

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
  create(ctx) {
    return reportLoadIssues(ctx, 'command-event-context');
  },
});

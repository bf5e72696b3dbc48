// Reports Tcl commands that iRules switch off (exec, namespace, rename, file, socket ...): BIG-IP
// refuses a rule that uses one ("command is disabled"). The verdict is the load check's
// (src/load/check.ts), shared with the simulator. Doc: docs/rules/disabled-command.md
import { defineRule } from '../rule.js';
import { reportLoadIssues } from '../utils/load.js';

export default defineRule({
  id: 'disabled-command',
  meta: {
    description: 'Tcl command that iRules disable',
    category: 'correctness',
    defaultSeverity: 'error',
    recommended: true,
    dialects: ['irule'],
    fixable: 'none',
    messages: {
      disabled: '"{{name}}" is disabled in iRules: BIG-IP refuses the rule at load (command is disabled: "{{name}}")',
    },
  },
  create(ctx) {
    return reportLoadIssues(ctx, 'disabled-command');
  },
});

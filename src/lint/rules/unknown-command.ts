// Reports commands BIG-IP does not know (at the version checked): a literal unknown command is a
// load-time error ("undefined procedure"), even inside catch. The verdict is the load check's
// (src/load/check.ts), shared with the simulator. Doc: docs/rules/unknown-command.md
import { allCommands } from '../../catalog/load.js';
import { closest } from '../config.js';
import { defineRule } from '../rule.js';
import { reportLoadIssues } from '../utils/load.js';

let names: string[] | undefined;

export default defineRule({
  id: 'unknown-command',
  meta: {
    description: 'Command that BIG-IP does not know',
    category: 'correctness',
    defaultSeverity: 'error',
    recommended: true,
    dialects: ['irule'],
    fixable: 'none',
    messages: {
      unknown: 'unknown command "{{name}}"{{hint}}: BIG-IP refuses the rule at load ("undefined procedure: {{name}}")',
      procWithoutCall: '"{{name}}" is a proc of this rule: in iRules a proc is invoked with "call {{name}}" (a direct call is "undefined procedure: {{name}}")',
      newerTcl: '"{{name}}" is a Tcl {{tcl}} command; iRules run Tcl 8.4, where it does not exist',
      absent: '"{{name}}" does not exist in iRules',
      notYet: '"{{name}}" arrived in BIG-IP {{since}}; it does not exist on {{version}}',
      removed: '"{{name}}" was removed in BIG-IP {{since}}',
    },
  },
  create(ctx) {
    return reportLoadIssues(ctx, 'unknown-command', (issue) => {
      if (issue.messageId !== 'unknown') {
        ctx.report({ range: issue.range, messageId: issue.messageId as 'absent', data: issue.data });
        return;
      }
      const name = String(issue.data.name);
      names ??= allCommands().filter((c) => c.kind !== 'namespace' && !c.absent && !c.disabled).map((c) => c.name);
      const hint = closest(name, names);
      ctx.report({ range: issue.range, messageId: 'unknown', data: { name, hint: hint ? ` (did you mean "${hint}"?)` : '' } });
    });
  },
});

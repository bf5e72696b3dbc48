// Reports Tcl commands that iRules switch off (exec, namespace, rename, file, socket ...): BIG-IP
// refuses a rule that uses one ("command is disabled"). Doc: docs/rules/disabled-command.md
import { defineRule } from '../rule.js';
import { commandName, specOf } from '../utils/args.js';

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
  commandFilter: (spec) => spec?.disabled === true,
  create(ctx) {
    return {
      Command(cmd) {
        const name = commandName(cmd);
        if (name === undefined) return;
        const spec = specOf(cmd, ctx.catalog);
        if (spec?.disabled) ctx.report({ node: cmd.words[0], messageId: 'disabled', data: { name } });
      },
    };
  },
});

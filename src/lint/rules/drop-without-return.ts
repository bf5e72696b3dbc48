// Reports drop, reject or discard (commands the catalog marks as ending the connection) followed
// on the same path by more commands without `return`: the rest of the handler still runs.
// Doc: docs/rules/drop-without-return.md
import type { Command } from '../../syntax/ast.js';
import { defineRule } from '../rule.js';
import { commandName, specOf } from '../utils/args.js';
import { flowInHandlersWith } from '../utils/flow.js';

/** Commands that usually accompany a drop and do no harm after it. */
const HARMLESS_AFTER = new Set(['log', 'event', 'return']);

export default defineRule({
  id: 'drop-without-return',
  meta: {
    description: 'drop, reject or discard followed by more code without return',
    category: 'correctness',
    defaultSeverity: 'warning',
    recommended: true,
    dialects: ['irule'],
    fixable: 'none',
    messages: {
      noReturn: '{{name}} does not stop the handler: {{next}} on line {{line}} still runs afterwards; add return after {{name}}',
    },
  },
  // The handlers worth a path analysis are those with a drop/reject/discard somewhere in them.
  commandFilter: (spec) => spec?.terminatesFlow === true,
  create(ctx) {
    const reported = new Set<Command>();
    return flowInHandlersWith<Command | undefined>(ctx, undefined, {
      join: (a, b) => a ?? b,
      step: (cmd, ended) => {
        const name = commandName(cmd);
        if (ended && name !== undefined && !HARMLESS_AFTER.has(name) && !reported.has(ended)) {
          reported.add(ended);
          ctx.report({
            node: ended.words[0],
            messageId: 'noReturn',
            data: { name: commandName(ended) ?? '', next: name, line: ctx.lines.position(cmd.range.start).line + 1 },
          });
        }
        return specOf(cmd, ctx.catalog)?.terminatesFlow ? cmd : ended;
      },
    });
  },
});

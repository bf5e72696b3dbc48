// Reports a second `when` block for the same event (at the same priority) in one rule: BIG-IP
// refuses to load it ("Duplicate event"). Doc: docs/rules/duplicate-event.md
import type { When } from '../../syntax/ast.js';
import { literalValue } from '../../syntax/words.js';
import { defineRule } from '../rule.js';

/** BIG-IP's priority when none is given. */
const DEFAULT_PRIORITY = 500;

export default defineRule({
  id: 'duplicate-event',
  meta: {
    description: 'Two when blocks for the same event and priority in one rule',
    category: 'correctness',
    defaultSeverity: 'error',
    recommended: true,
    dialects: ['irule'],
    fixable: 'none',
    messages: {
      duplicate: 'a second "when {{event}}" at priority {{priority}} (the first is on line {{line}}): BIG-IP refuses the rule ("Duplicate event"); merge the two blocks',
    },
  },
  create(ctx) {
    const seen = new Map<string, When>();
    // A top-level `priority N` statement sets the priority of the `when` blocks after it.
    let rulePriority = DEFAULT_PRIORITY;
    return {
      commands: {
        priority(cmd) {
          if (ctx.ancestors().length !== 1) return;
          const v = cmd.words[1] ? literalValue(cmd.words[1]) : undefined;
          if (v !== undefined && /^\d+$/.test(v)) rulePriority = Number(v);
        },
      },
      When(node) {
        if (ctx.ancestors().length !== 1 || node.event === '') return;
        const priority = node.priority ?? rulePriority;
        const key = `${node.event} ${priority}`;
        const first = seen.get(key);
        if (!first) {
          seen.set(key, node);
          return;
        }
        ctx.report({
          range: node.eventRange,
          messageId: 'duplicate',
          data: { event: node.event, priority, line: ctx.lines.position(first.range.start).line + 1 },
        });
      },
    };
  },
});

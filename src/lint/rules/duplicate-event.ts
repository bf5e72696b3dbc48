// Reports a second `when` block for the same event at the same priority in one rule: BIG-IP
// refuses to load it ("Duplicate event"). Blocks at different priorities are fine (F5's own
// `priority` example has two). The verdict is the load check's (src/load/check.ts), shared with
// the simulator. Doc: docs/rules/duplicate-event.md
import { defineRule } from '../rule.js';
import { reportLoadIssues } from '../utils/load.js';

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
    if (ctx.dialect !== 'irule') return {};
    return reportLoadIssues(ctx, 'duplicate-event');
  },
});

// Reports `when` blocks for events BIG-IP does not know (at the version checked): the rule is
// refused at load ("unknown event"). Suggests the closest known name. The verdict is the load
// check's (src/load/check.ts), shared with the simulator. Doc: docs/rules/unknown-event.md
import { closest } from '../config.js';
import { defineRule } from '../rule.js';
import { reportLoadIssues } from '../utils/load.js';

export default defineRule({
  id: 'unknown-event',
  meta: {
    description: 'Event that BIG-IP does not know',
    category: 'correctness',
    defaultSeverity: 'error',
    recommended: true,
    dialects: ['irule'],
    fixable: 'none',
    messages: {
      unknown: 'unknown event "{{event}}"{{hint}}: BIG-IP refuses the rule at load ("unknown event ({{event}})")',
      notYet: 'event {{event}} arrived in BIG-IP {{since}}; it does not exist on {{version}}',
    },
  },
  create(ctx) {
    return reportLoadIssues(ctx, 'unknown-event', (issue) => {
      const data = { ...issue.data };
      if (issue.messageId === 'unknown') {
        const hint = closest(String(data.event), ctx.catalog.eventNames());
        data.hint = hint ? ` (did you mean ${hint}?)` : '';
      }
      ctx.report({ range: issue.range, messageId: issue.messageId as 'unknown', data });
    });
  },
});

// Reports `when` blocks for events BIG-IP does not know (at the version checked): the rule is
// refused at load ("unknown event"). Suggests the closest known name. Doc: docs/rules/unknown-event.md
import { introducedBy } from '../../catalog/version.js';
import { closest } from '../config.js';
import { defineRule } from '../rule.js';

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
    return {
      When(node) {
        if (node.event === '') return;
        const spec = ctx.catalog.event(node.event);
        if (!spec) {
          const hint = closest(node.event, ctx.catalog.eventNames());
          ctx.report({ range: node.eventRange, messageId: 'unknown', data: { event: node.event, hint: hint ? ` (did you mean ${hint}?)` : '' } });
        } else if (!introducedBy(spec.since, ctx.version.text)) {
          ctx.report({ range: node.eventRange, messageId: 'notYet', data: { event: node.event, since: spec.since ?? '?', version: ctx.version.text } });
        }
      },
    };
  },
});

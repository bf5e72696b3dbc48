// Reports `when` blocks for events F5 has deprecated: they may stop firing in later versions.
// Doc: docs/rules/deprecated-event.md
import { introducedBy } from '../../catalog/version.js';
import { defineRule } from '../rule.js';

export default defineRule({
  id: 'deprecated-event',
  meta: {
    description: 'Event that F5 has deprecated',
    category: 'correctness',
    defaultSeverity: 'warning',
    recommended: true,
    dialects: ['irule'],
    fixable: 'none',
    messages: {
      deprecated: 'event {{event}} is deprecated{{since}}{{instead}}',
    },
  },
  create(ctx) {
    return {
      When(node) {
        const spec = node.event === '' ? undefined : ctx.catalog.event(node.event);
        const dep = spec?.deprecated;
        if (!dep || !introducedBy(dep.since, ctx.version.text)) return;
        ctx.report({
          range: node.eventRange,
          messageId: 'deprecated',
          data: {
            event: node.event,
            since: dep.since ? ` since BIG-IP ${dep.since}` : '',
            instead: dep.replacement ? `; use ${dep.replacement}` : dep.note ? ` (${dep.note})` : '',
          },
        });
      },
    };
  },
});

// With --bigip-conf: reports a literal pool name (pool, LB::reselect pool, active_members ...)
// that the configuration does not define; BIG-IP refuses to save such a rule.
// Doc: docs/rules/undefined-pool.md
import { defineRule } from '../rule.js';
import { missingReferences } from '../../load/config-refs.js';
import { hintFor } from '../utils/config-refs.js';

export default defineRule({
  id: 'undefined-pool',
  meta: {
    description: 'Pool name that the BIG-IP configuration does not define',
    category: 'correctness',
    defaultSeverity: 'error',
    recommended: true,
    dialects: ['irule'],
    fixable: 'none',
    messages: {
      missing: 'pool "{{name}}" is not in the BIG-IP configuration{{hint}}: BIG-IP refuses to save the rule',
    },
  },
  create(ctx) {
    const config = ctx.bigip;
    if (!config) return {};
    return {
      Command(cmd) {
        // The decision the simulator's loading shares (src/load/config-refs.ts).
        for (const { word, name } of missingReferences(cmd, config, 'pool')) {
          ctx.report({ node: word, messageId: 'missing', data: { name, hint: hintFor(config, 'pool', name) } });
        }
      },
    };
  },
});

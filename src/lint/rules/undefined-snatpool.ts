// With --bigip-conf: reports a literal SNAT pool name (snatpool, LB::reselect snatpool ...) that
// the configuration does not define. Doc: docs/rules/undefined-snatpool.md
import { defineRule } from '../rule.js';
import { missingReferences } from '../../load/config-refs.js';
import { hintFor } from '../utils/config-refs.js';

export default defineRule({
  id: 'undefined-snatpool',
  meta: {
    description: 'SNAT pool name that the BIG-IP configuration does not define',
    category: 'correctness',
    defaultSeverity: 'error',
    recommended: true,
    dialects: ['irule'],
    fixable: 'none',
    messages: {
      missing: 'SNAT pool "{{name}}" is not in the BIG-IP configuration{{hint}}',
    },
  },
  create(ctx) {
    const config = ctx.bigip;
    if (!config) return {};
    return {
      Command(cmd) {
        // The decision the simulator's loading shares (src/load/config-refs.ts).
        for (const { word, name } of missingReferences(cmd, config, 'snatpool')) {
          ctx.report({ node: word, messageId: 'missing', data: { name, hint: hintFor(config, 'snatpool', name) } });
        }
      },
    };
  },
});

// Reports suppression comments without a reason after `--` (off unless configured): a reviewer
// should be able to tell why a finding was accepted. Doc: docs/rules/suppression-reason.md
import { defineRule } from '../rule.js';

/** Found by the suppression filter (src/lint/suppress.ts) after every other rule has run. */
export default defineRule({
  id: 'suppression-reason',
  meta: {
    description: 'A suppression comment without a reason',
    category: 'style',
    defaultSeverity: 'warning',
    recommended: false,
    dialects: ['irule', 'tcl'],
    fixable: 'none',
    messages: {
      missingReason: '"irule-lint-{{kind}}" gives no reason: add one after "--", e.g. "-- set by the SSO iRule"',
    },
  },
  create: () => ({}),
});

// Reports suppression comments that cannot work: no rule id, an unknown rule id, or an enable
// without a disable. Doc: docs/rules/invalid-suppression.md
import { defineRule } from '../rule.js';

/** Found by the suppression filter (src/lint/suppress.ts) after every other rule has run. */
export default defineRule({
  id: 'invalid-suppression',
  meta: {
    description: 'A suppression comment that names no rule or an unknown one',
    category: 'style',
    defaultSeverity: 'warning',
    recommended: true,
    dialects: ['irule', 'tcl'],
    fixable: 'none',
    messages: {
      unknownRule: 'unknown rule "{{id}}" in a suppression comment{{hint}}',
      missingRule: '"irule-lint-{{kind}}" must name the rules it silences, e.g. "# irule-lint-{{kind}} undefined-variable -- reason"',
      enableWithoutDisable: '"irule-lint-enable {{id}}" has no "irule-lint-disable {{id}}" before it',
    },
  },
  create: () => ({}),
});

// Reports `irule-lint-disable...` comments that silence nothing: stale suppressions hide the next
// real finding on that line. Doc: docs/rules/unused-suppression.md
import { defineRule } from '../rule.js';

/** Found by the suppression filter (src/lint/suppress.ts) after every other rule has run. */
export default defineRule({
  id: 'unused-suppression',
  meta: {
    description: 'A suppression comment that silences nothing',
    category: 'style',
    defaultSeverity: 'warning',
    recommended: true,
    dialects: ['irule', 'tcl'],
    fixable: 'none',
    messages: { unused: '"{{kind}} {{id}}" silences nothing here; remove it' },
  },
  create: () => ({}),
});

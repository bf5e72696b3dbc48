// Reports what the parser could not read: unbalanced braces, brackets or quotes, words glued
// to a closing brace, empty expressions. BIG-IP refuses to load such a rule. Doc: docs/rules/syntax-error.md
import { defineRule } from '../rule.js';

/**
 * The parser finds these problems; the runner passes them on under this rule's id (keeping the
 * parser's own severity unless the configuration sets one), so the rule has no visitors.
 */
export default defineRule({
  id: 'syntax-error',
  meta: {
    description: 'Text that BIG-IP cannot parse as an iRule',
    category: 'correctness',
    defaultSeverity: 'error',
    recommended: true,
    dialects: ['irule', 'tcl'],
    fixable: 'none',
    messages: { parse: '{{message}}' },
  },
  create: () => ({}),
});

import rule from '../../../src/lint/rules/syntax-error.js';
import { inEvent, ruleTester } from '../rule-tester.js';

ruleTester(rule, {
  valid: [inEvent('HTTP_REQUEST', 'log local0. "hello"'), 'proc p {a} {\n  return $a\n}\n'],
  invalid: [
    {
      name: 'an unclosed quote',
      code: inEvent('HTTP_REQUEST', 'log local0. "hello'),
      errors: [{ messageId: 'parse', line: 2, column: 15, severity: 'error' }],
    },
    {
      name: 'a stray close-brace (a warning, as BIG-IP gives)',
      code: 'when HTTP_REQUEST {\n  log local0. x\n}\n}\n',
      errors: [{ messageId: 'parse', line: 4, column: 1, severity: 'warning' }],
    },
  ],
});

import rule from '../../../src/lint/rules/invalid-suppression.js';
import { inEvent, ruleTester } from '../rule-tester.js';

ruleTester(rule, {
  valid: [
    inEvent('HTTP_REQUEST', '# irule-lint-disable-next-line undefined-variable, cmp-global-variable -- legacy\nlog local0. "$a $::b"'),
    inEvent('HTTP_REQUEST', '# an ordinary comment mentioning irule-lint-disable'),
  ],
  invalid: [
    {
      code: inEvent('HTTP_REQUEST', '# irule-lint-disable-next-line undefined-varable -- typo\nlog local0. $a'),
      errors: [{ messageId: 'unknownRule', data: { id: 'undefined-varable', hint: ' (did you mean "undefined-variable"?)' }, line: 2, column: 3 }],
    },
    {
      code: inEvent('HTTP_REQUEST', '# irule-lint-disable-next-line -- no id\nlog local0. x'),
      errors: [{ messageId: 'missingRule', data: { kind: 'disable-next-line' }, line: 2, column: 3 }],
    },
    {
      code: inEvent('HTTP_REQUEST', '# irule-lint-enable undefined-variable'),
      errors: [{ messageId: 'enableWithoutDisable', data: { id: 'undefined-variable' }, line: 2, column: 3 }],
    },
  ],
});

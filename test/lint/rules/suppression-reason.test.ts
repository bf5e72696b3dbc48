import rule from '../../../src/lint/rules/suppression-reason.js';
import { inEvent, ruleTester } from '../rule-tester.js';

ruleTester(rule, {
  valid: [
    inEvent('HTTP_REQUEST', '# irule-lint-disable-next-line undefined-variable -- set by the SSO iRule\nlog local0. $user'),
    inEvent('HTTP_REQUEST', '# irule-lint-disable undefined-variable -- legacy\nlog local0. $user\n# irule-lint-enable undefined-variable'),
  ],
  invalid: [
    {
      code: inEvent('HTTP_REQUEST', '# irule-lint-disable-next-line undefined-variable\nlog local0. $user'),
      errors: [{ messageId: 'missingReason', data: { kind: 'disable-next-line' }, line: 2, column: 3 }],
    },
    {
      code: inEvent('HTTP_REQUEST', 'log local0. $user ;# irule-lint-disable-line undefined-variable --'),
      errors: [{ messageId: 'missingReason', data: { kind: 'disable-line' }, line: 2, column: 22 }],
    },
  ],
});

import rule from '../../../src/lint/rules/unknown-event.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
  valid: ['when HTTP_REQUEST { }\nwhen CLIENTSSL_CLIENTHELLO { }\nwhen DNS_REQUEST { }\n'],
  invalid: [
    {
      code: 'when HTTP_REQEST {\n  log local0. x\n}\n',
      errors: [{ messageId: 'unknown', data: { event: 'HTTP_REQEST', hint: ' (did you mean HTTP_REQUEST?)' }, line: 1, column: 6, endColumn: 17 }],
    },
    {
      code: 'when SMTP_DATA { }\n',
      errors: [{ messageId: 'unknown', line: 1, column: 6 }],
    },
  ],
});

import rule from '../../../src/lint/rules/duplicate-event.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
  valid: [
    'when HTTP_REQUEST { }\nwhen HTTP_RESPONSE { }\n',
    { name: 'the same event at different priorities', code: 'when HTTP_REQUEST priority 100 { }\nwhen HTTP_REQUEST priority 200 { }\n' },
    { name: 'a rule-level priority changes the priority of later blocks', code: 'when HTTP_REQUEST { }\npriority 10\nwhen HTTP_REQUEST { }\n' },
  ],
  invalid: [
    {
      code: 'when HTTP_REQUEST {\n  log local0. a\n}\nwhen HTTP_REQUEST {\n  log local0. b\n}\n',
      errors: [{ messageId: 'duplicate', data: { event: 'HTTP_REQUEST', priority: 500, line: 1 }, line: 4, column: 6, endColumn: 18 }],
    },
    {
      name: 'an explicit 500 is the default',
      code: 'when CLIENT_ACCEPTED { }\nwhen CLIENT_ACCEPTED priority 500 { }\n',
      errors: [{ messageId: 'duplicate', line: 2, column: 6 }],
    },
  ],
});

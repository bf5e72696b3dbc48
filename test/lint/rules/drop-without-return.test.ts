import rule from '../../../src/lint/rules/drop-without-return.js';
import { inEvent, ruleTester } from '../rule-tester.js';

ruleTester(rule, {
  valid: [
    inEvent('HTTP_REQUEST', 'if { $bad } {\n  drop\n  return\n}\npool web_pool'),
    inEvent('HTTP_REQUEST', 'if { $bad } {\n  reject\n  log local0. "rejected"\n  event disable all\n  return\n}\npool web_pool'),
    inEvent('CLIENT_ACCEPTED', 'if { $bad } { reject } else { pool a }'),
    inEvent('CLIENT_ACCEPTED', 'pool a\ndrop'),
  ],
  invalid: [
    {
      code: inEvent('HTTP_REQUEST', 'if { $bad } {\n  drop\n}\npool web_pool'),
      errors: [{ messageId: 'noReturn', data: { name: 'drop', next: 'pool', line: 5 }, line: 3, column: 5, endColumn: 9 }],
    },
    {
      code: inEvent('CLIENT_DATA', 'reject\nTCP::release'),
      errors: [{ messageId: 'noReturn', data: { name: 'reject', next: 'TCP::release', line: 3 }, line: 2, column: 3 }],
    },
  ],
});

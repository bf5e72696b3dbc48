import rule from '../../../src/lint/rules/disabled-command.js';
import { inEvent, ruleTester } from '../rule-tester.js';

ruleTester(rule, {
  valid: [inEvent('HTTP_REQUEST', 'set t [clock seconds]\nlog local0. $t')],
  invalid: [
    { code: inEvent('HTTP_REQUEST', 'exec ls'), errors: [{ messageId: 'disabled', data: { name: 'exec' }, line: 2, column: 3, endColumn: 7 }] },
    {
      code: inEvent('HTTP_REQUEST', 'set n [namespace current]\nset t [time { log local0. x }]'),
      errors: [
        { messageId: 'disabled', data: { name: 'namespace' }, line: 2, column: 10 },
        { messageId: 'disabled', data: { name: 'time' }, line: 3, column: 10 },
      ],
    },
  ],
});

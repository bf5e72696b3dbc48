import rule from '../../../src/lint/rules/deprecated-event.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
  valid: ['when HTTP_REQUEST { }\n', 'when AUTH_RESULT { }\n'],
  invalid: [
    {
      code: 'when AUTH_ERROR {\n  log local0. x\n}\n',
      errors: [{ messageId: 'deprecated', data: { event: 'AUTH_ERROR', since: '', instead: '; use AUTH_RESULT' }, line: 1, column: 6, endColumn: 16 }],
    },
  ],
});

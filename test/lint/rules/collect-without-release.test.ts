import rule from '../../../src/lint/rules/collect-without-release.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
  valid: [
    'when CLIENT_ACCEPTED {\n  TCP::collect\n}\nwhen CLIENT_DATA {\n  log local0. [TCP::payload]\n  TCP::release\n}\n',
    'when HTTP_REQUEST {\n  HTTP::collect 100\n}\nwhen HTTP_REQUEST_DATA {\n  HTTP::release\n}\n',
  ],
  invalid: [
    {
      code: 'when HTTP_REQUEST {\n  HTTP::collect [HTTP::header Content-Length]\n}\nwhen HTTP_REQUEST_DATA {\n  log local0. [HTTP::payload]\n}\n',
      errors: [{ messageId: 'noRelease', data: { name: 'HTTP::collect', release: 'HTTP::release' }, line: 2, column: 3, endColumn: 16 }],
    },
    {
      code: 'when CLIENT_ACCEPTED {\n  TCP::collect\n}\nwhen CLIENT_DATA {\n  HTTP::release\n}\n',
      errors: [{ messageId: 'noRelease', data: { name: 'TCP::collect', release: 'TCP::release' }, line: 2, column: 3 }],
    },
  ],
});

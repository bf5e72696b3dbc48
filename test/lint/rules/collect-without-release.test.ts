import rule from '../../../src/lint/rules/collect-without-release.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
  valid: [
    'when CLIENT_ACCEPTED {\n  TCP::collect\n}\nwhen CLIENT_DATA {\n  log local0. [TCP::payload]\n  TCP::release\n}\n',
    'when HTTP_REQUEST {\n  HTTP::collect 100\n}\nwhen HTTP_REQUEST_DATA {\n  HTTP::release\n}\n',
    {
      name: 'HTTP::collect with a length: BIG-IP releases at the end of HTTP_REQUEST_DATA (F5 HTTP::release page)',
      code: 'when HTTP_REQUEST {\n  if { [HTTP::method] eq "POST" && [HTTP::header Content-Length] < 65536 } {\n    HTTP::collect [HTTP::header Content-Length]\n  }\n}\nwhen HTTP_REQUEST_DATA {\n  if { [HTTP::payload] contains "<script" } { reject }\n}\n',
    },
    {
      name: 'the same for responses, without any HTTP_RESPONSE_DATA handler',
      code: 'when HTTP_RESPONSE {\n  HTTP::collect 4096\n}\n',
    },
    {
      name: 'collecting again in HTTP_REQUEST_DATA under a condition (until enough arrived) ends',
      code: 'when HTTP_REQUEST {\n  HTTP::collect 1024\n}\nwhen HTTP_REQUEST_DATA {\n  if { [HTTP::payload length] < 4096 } {\n    HTTP::collect 4096\n  }\n}\n',
    },
  ],
  invalid: [
    {
      name: 'HTTP::collect without a length never fires HTTP_REQUEST_DATA: only an explicit release ends it',
      code: 'when HTTP_REQUEST {\n  AUTH::authenticate $sid\n  HTTP::collect\n}\nwhen AUTH_RESULT {\n  log local0. [AUTH::status $sid]\n}\n',
      errors: [{ messageId: 'noRelease', data: { name: 'HTTP::collect', release: 'HTTP::release' }, line: 3, column: 3, endColumn: 16 }],
    },
    {
      name: 'a collect run every time HTTP_RESPONSE_DATA fires: never released',
      code: 'when HTTP_RESPONSE {\n  HTTP::collect 100\n}\nwhen HTTP_RESPONSE_DATA {\n  log local0. [HTTP::payload]\n  HTTP::collect 100\n}\n',
      errors: [{ messageId: 'collectsAgain', data: { name: 'HTTP::collect', event: 'HTTP_RESPONSE_DATA', release: 'HTTP::release' }, line: 6, column: 3 }],
    },
    {
      code: 'when CLIENT_ACCEPTED {\n  TCP::collect\n}\nwhen CLIENT_DATA {\n  HTTP::release\n}\n',
      errors: [{ messageId: 'noRelease', data: { name: 'TCP::collect', release: 'TCP::release' }, line: 2, column: 3 }],
    },
  ],
});

import rule from '../../../src/lint/rules/command-event-context.js';
import { inEvent, ruleTester } from '../rule-tester.js';

ruleTester(rule, {
  valid: [
    inEvent('HTTP_REQUEST', 'log local0. [HTTP::uri]\nHTTP::respond 200 content ok'),
    inEvent('HTTP_RESPONSE', 'if { [HTTP::status] == 500 } { log local0. [IP::client_addr] }'),
    'proc p {} {\n  return [HTTP::uri]\n}\nwhen HTTP_REQUEST {\n  log local0. [call p]\n}\n',
  ],
  invalid: [
    {
      code: inEvent('HTTP_RESPONSE', 'log local0. [HTTP::uri]'),
      errors: [{ messageId: 'invalid', data: { name: 'HTTP::uri', event: 'HTTP_RESPONSE' }, line: 2, column: 16, endColumn: 25 }],
    },
    {
      code: inEvent('RULE_INIT', 'set static::me [IP::client_addr]'),
      errors: [{ messageId: 'invalid', data: { name: 'IP::client_addr', event: 'RULE_INIT' }, line: 2, column: 19 }],
    },
    {
      name: 'through a proc called from the event',
      code: 'proc deny {} {\n  HTTP::respond 403\n}\nwhen CLIENT_ACCEPTED {\n  call deny\n}\n',
      errors: [{ messageId: 'invalidViaProc', data: { name: 'HTTP::respond', proc: 'deny', event: 'CLIENT_ACCEPTED', line: 4 }, line: 2, column: 3 }],
    },
  ],
});

import rule from '../../../src/lint/rules/address-string-compare.js';
import { inEvent, ruleTester } from '../rule-tester.js';

ruleTester(rule, {
  valid: [
    inEvent('CLIENT_ACCEPTED', 'if { [IP::addr [IP::client_addr] equals 10.1.1.0/24] } { }'),
    inEvent('CLIENT_ACCEPTED', 'if { [class match [IP::client_addr] equals trusted_nets] } { }'),
    inEvent('CLIENT_ACCEPTED', 'if { [IP::client_addr] eq $last_client } { }'),
    inEvent('HTTP_REQUEST', 'if { [HTTP::host] eq "example.com" } { }'),
  ],
  invalid: [
    {
      code: inEvent('CLIENT_ACCEPTED', 'if { [IP::client_addr] eq "10.1.1.5" } { reject }'),
      errors: [{ messageId: 'textCompare', data: { command: 'IP::client_addr', op: 'eq' }, line: 2, column: 8, endColumn: 39 }],
    },
    {
      code: inEvent('CLIENT_ACCEPTED', 'if { "192.168.0.1" == [IP::remote_addr] || [IP::client_addr] starts_with "10." } { }'),
      errors: [
        { messageId: 'textCompare', data: { command: 'IP::remote_addr', op: '==' }, line: 2, column: 8 },
        { messageId: 'textCompare', data: { command: 'IP::client_addr', op: 'starts_with' }, line: 2, column: 46 },
      ],
    },
  ],
});

import rule from '../../../src/lint/rules/missing-option-terminator.js';
import { inEvent, ruleTester } from '../rule-tester.js';

ruleTester(rule, {
  valid: [
    inEvent('HTTP_REQUEST', 'switch -glob -- [HTTP::path] { "/a*" { pool a } }'),
    inEvent('HTTP_REQUEST', 'if { [class match -- [HTTP::host] equals hosts] } { }\ntable set -subtable s -- [HTTP::host] 1'),
    inEvent('HTTP_REQUEST', 'if { [class match [IP::client_addr] equals nets] } { }\nswitch [TCP::local_port] { 80 { } }'),
    inEvent('HTTP_REQUEST', 'if { [regexp {^/api/} [HTTP::path]] } { }\nswitch "literal" { literal { } }'),
  ],
  invalid: [
    {
      code: inEvent('DNS_REQUEST', 'if { [class match -name [DNS::question name] ends_with white_domains] } { }'),
      errors: [{ messageId: 'missing', data: { command: 'class match' }, line: 2, column: 27, endColumn: 47 }],
      output: inEvent('DNS_REQUEST', 'if { [class match -name -- [DNS::question name] ends_with white_domains] } { }'),
    },
    {
      code: inEvent('HTTP_REQUEST', 'switch -glob [HTTP::header value X-Mode] { "a*" { } }'),
      errors: [{ messageId: 'missing', data: { command: 'switch' }, line: 2, column: 16 }],
      output: inEvent('HTTP_REQUEST', 'switch -glob -- [HTTP::header value X-Mode] { "a*" { } }'),
    },
    {
      code: inEvent('HTTP_REQUEST', 'set n [table incr $key]'),
      errors: [{ messageId: 'missing', data: { command: 'table incr' }, line: 2, column: 21 }],
      output: inEvent('HTTP_REQUEST', 'set n [table incr -- $key]'),
    },
    {
      code: inEvent('HTTP_REQUEST', 'unset $name'),
      errors: [{ messageId: 'missing', data: { command: 'unset' }, line: 2, column: 9 }],
      output: inEvent('HTTP_REQUEST', 'unset -- $name'),
    },
    {
      name: 'a dash glued to a substitution: reported, but no -- put in front (glued-substitution adds the space)',
      code: inEvent('HTTP_REQUEST', 'switch -glob --[HTTP::path] { "/a*" { } }'),
      errors: [{ messageId: 'missing', line: 2, column: 16 }],
      output: null,
    },
  ],
});

import rule from '../../../src/lint/rules/missing-option-terminator.js';
import { inEvent, ruleTester } from '../rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'a variable whose every set starts with constant text (the rate-limit pattern)',
      code: 'when CLIENT_ACCEPTED {\n  set key "conns:[IP::client_addr]"\n  set count [table incr $key]\n  table timeout $key 60\n}\nwhen CLIENT_CLOSED {\n  table incr -- $key -1\n}\n',
    },
    {
      name: 'followed through a copy, and to an address command',
      code: inEvent('CLIENT_ACCEPTED', 'set ip [IP::client_addr]\nset k $ip\nif { [class match $k equals blocked] } { reject }'),
    },
    {
      name: 'in a proc, its own sets count',
      code: 'proc hits {id} {\n  set k "hits:$id"\n  return [table incr $k]\n}\n',
    },
    inEvent('HTTP_REQUEST', 'switch -glob -- [HTTP::path] { "/a*" { pool a } }'),
    inEvent('HTTP_REQUEST', 'if { [class match -- [HTTP::host] equals hosts] } { }\ntable set -subtable s -- [HTTP::host] 1'),
    inEvent('HTTP_REQUEST', 'if { [class match [IP::client_addr] equals nets] } { }\nswitch [TCP::local_port] { 80 { } }'),
    inEvent('HTTP_REQUEST', 'if { [regexp {^/api/} [HTTP::path]] } { }\nswitch "literal" { literal { } }'),
  ],
  invalid: [
    {
      name: 'one set of the variable holds client data',
      code: inEvent('HTTP_REQUEST', 'set key "u:[HTTP::uri]"\nif { [HTTP::header exists X-Key] } { set key [HTTP::header X-Key] }\ntable incr $key'),
      errors: [{ messageId: 'missing', data: { command: 'table incr' }, line: 4, column: 14 }],
      output: inEvent('HTTP_REQUEST', 'set key "u:[HTTP::uri]"\nif { [HTTP::header exists X-Key] } { set key [HTTP::header X-Key] }\ntable incr -- $key'),
    },
    {
      name: 'a variable some other command writes (foreach) is not traced',
      code: inEvent('HTTP_REQUEST', 'set key "x"\nforeach key [HTTP::header values X-K] { }\ntable delete $key'),
      errors: [{ messageId: 'missing', data: { command: 'table delete' }, line: 4, column: 16 }],
      output: inEvent('HTTP_REQUEST', 'set key "x"\nforeach key [HTTP::header values X-K] { }\ntable delete -- $key'),
    },
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

import rule from '../../../src/lint/rules/undefined-variable.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'set in an earlier event of the connection', code: 'when CLIENT_ACCEPTED {\n  set client [IP::client_addr]\n}\nwhen HTTP_REQUEST {\n  log local0. $client\n}\n' },
    { name: 'set by foreach, regexp and catch', code: 'when HTTP_REQUEST {\n  foreach {k v} [HTTP::header names] { log local0. "$k $v" }\n  regexp {a(b)} [HTTP::uri] -> part\n  catch { expr {1/0} } err\n  log local0. "$part $err"\n}\n' },
    { name: 'proc parameters and args', code: 'proc p {a {b 2} args} {\n  return "$a $b $args"\n}\n' },
    { name: 'static set in RULE_INIT', code: 'when RULE_INIT {\n  set static::debug 0\n}\nwhen HTTP_REQUEST {\n  if { $static::debug } { log local0. x }\n}\n' },
    { name: 'guarded by info exists', code: 'when HTTP_REQUEST {\n  if { [info exists seen] } { log local0. $seen }\n}\n' },
    { name: 'array elements', code: 'when HTTP_REQUEST {\n  array set counts {a 1}\n  log local0. $counts(a)\n}\n' },
    { name: 'computed names make the scope unknowable', code: 'when HTTP_REQUEST {\n  set [HTTP::query] 1\n  log local0. $whatever\n}\n' },
    { name: 'globals are another rule\'s business', code: 'when HTTP_REQUEST {\n  log local0. $::g\n}\n' },
    { name: 'a name with a space, set and read in braces', code: 'when HTTP_REQUEST {\n  set {client ip} [IP::client_addr]\n  log local0. ${client ip}\n}\n' },
    { name: 'a name with a dash, set in a proc', code: 'proc p {} {\n  set x-y 1\n  return ${x-y}\n}\n' },
    { name: 'incr after set, after info exists, of a proc parameter, and table incr', code: 'when CLIENT_ACCEPTED {\n  set reqs 0\n}\nwhen HTTP_REQUEST {\n  incr reqs\n  if { ![info exists hits] } { set hits 0 }\n  incr hits 2\n  set n [table incr -subtable c [IP::client_addr]]\n}\nproc bump {n} {\n  incr n\n  return $n\n}\n' },
    { name: 'incr of a variable an upvar may create', code: 'proc bump {} {\n  upvar 1 total t\n  incr t\n}\nwhen HTTP_REQUEST {\n  set total 0\n  call bump\n}\n' },
  ],
  invalid: [
    {
      name: 'incr of a variable nothing sets (Tcl 8.4 incr does not create it)',
      code: 'when HTTP_REQUEST {\n  incr requests\n  incr requests 2\n  log local0. $requests\n}\nproc p {} {\n  incr calls(a)\n}\n',
      errors: [
        { messageId: 'incr', data: { name: 'requests' }, line: 2, column: 8, endColumn: 16 },
        { messageId: 'incr', data: { name: 'calls' }, line: 7, column: 8 },
      ],
    },
    {
      code: 'when HTTP_REQUEST {\n  log local0. "uri $uri"\n}\n',
      errors: [{ messageId: 'connection', data: { name: 'uri' }, line: 2, column: 20, endColumn: 24 }],
    },
    {
      name: 'a proc does not see the caller\'s variables',
      code: 'proc p {} {\n  return $host\n}\nwhen HTTP_REQUEST {\n  set host [HTTP::host]\n  log local0. [call p]\n}\n',
      errors: [{ messageId: 'proc', data: { name: 'host', proc: 'p' }, line: 2, column: 10 }],
    },
    {
      code: 'when HTTP_REQUEST {\n  if { $static::enabled } { log local0. x }\n}\n',
      errors: [{ messageId: 'static', data: { name: 'static::enabled' }, line: 2, column: 8 }],
    },
    {
      name: 'a braced name that nothing sets',
      code: 'when HTTP_REQUEST {\n  set {client id} 1\n  log local0. ${client ip}\n}\n',
      errors: [{ messageId: 'connection', data: { name: 'client ip' }, line: 3, column: 15 }],
    },
    {
      name: 'each name once',
      code: 'when HTTP_REQUEST {\n  log local0. "$a $a"\n}\n',
      errors: [{ messageId: 'connection', data: { name: 'a' }, line: 2, column: 16 }],
    },
  ],
});

import rule from '../../../src/lint/rules/multiple-response.js';
import { inEvent, ruleTester } from '../rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'a flag set with the first response guards the second (F5 APM rule style)',
      code: inEvent('HTTP_REQUEST', 'set responded 0\nif { [HTTP::path] starts_with "/vdesk/" } {\n  HTTP::respond 302 Location /my.policy\n  set responded 1\n}\nif { !$responded } {\n  HTTP::redirect /login\n}'),
    },
    {
      name: 'flag set before the response, tested with == 0, not, eq and &&',
      code: inEvent('HTTP_REQUEST', 'set done 0\nif { [HTTP::header exists X-A] } {\n  set done 1\n  HTTP::respond 403\n}\nif { $done == 0 && [HTTP::path] eq "/x" } { HTTP::respond 404 ; set done 1 }\nif { not $done } { HTTP::respond 410 ; set done 1 }\nif { $done eq "1" } { return } else { HTTP::respond 400 }'),
    },
    {
      name: 'an elseif after a condition that holds cannot run',
      code: inEvent('HTTP_REQUEST', 'if { [HTTP::path] eq "/a" } {\n  HTTP::respond 200\n  set sent 1\n}\nif { $sent } {\n  return\n} elseif { [HTTP::path] eq "/b" } {\n  HTTP::respond 200\n}'),
    },
    inEvent('HTTP_REQUEST', 'if { [HTTP::path] eq "/old" } {\n  HTTP::redirect /new\n  return\n}\nHTTP::respond 404'),
    inEvent('HTTP_REQUEST', 'if { $a } {\n  HTTP::respond 403\n} else {\n  HTTP::redirect /login\n}'),
    inEvent('HTTP_REQUEST', 'switch -- [HTTP::path] {\n  "/a" { HTTP::respond 200 }\n  "/b" { HTTP::respond 404 }\n}'),
    inEvent('HTTP_REQUEST', 'HTTP::header insert X-A 1\nHTTP::respond 200 content [HTTP::uri]'),
    { name: 'a redirect in a loop body that ends the handler', code: inEvent('HTTP_REQUEST', 'foreach p {/a /b} {\n  if { [HTTP::path] eq $p } { HTTP::redirect /x ; return }\n}\nHTTP::respond 404') },
  ],
  invalid: [
    {
      name: 'a flag that another command may have changed guards nothing',
      code: inEvent('HTTP_REQUEST', 'if { $a } {\n  HTTP::respond 403\n  set responded 1\n  incr responded -1\n}\nif { !$responded } { HTTP::respond 404 }'),
      errors: [{ messageId: 'second', data: { name: 'HTTP::respond', first: 'HTTP::respond', line: 3 }, line: 7, column: 24 }],
    },
    {
      name: 'a guard on a flag the responding path does not set',
      code: inEvent('HTTP_REQUEST', 'if { $a } {\n  HTTP::respond 403\n} else {\n  set responded 1\n}\nif { !$responded } { HTTP::respond 404 }'),
      errors: [{ messageId: 'second', data: { name: 'HTTP::respond', first: 'HTTP::respond', line: 3 }, line: 7, column: 24 }],
    },
    {
      code: inEvent('HTTP_REQUEST', 'if { [HTTP::path] eq "/old" } {\n  HTTP::redirect /new\n}\nHTTP::respond 404'),
      errors: [{ messageId: 'second', data: { name: 'HTTP::respond', first: 'HTTP::redirect', line: 3 }, line: 5, column: 3, endColumn: 16 }],
    },
    {
      code: inEvent('HTTP_REQUEST', 'HTTP::redirect https://example.com/\nHTTP::header insert X-A 1'),
      errors: [{ messageId: 'after', data: { name: 'HTTP::header', first: 'HTTP::redirect', line: 2 }, line: 3, column: 3 }],
    },
    {
      name: 'a response in each of two blocks in a row',
      code: inEvent('HTTP_REQUEST', 'if { $a } { HTTP::respond 403 }\nif { $b } { HTTP::respond 404 }'),
      errors: [{ messageId: 'second', data: { name: 'HTTP::respond', first: 'HTTP::respond', line: 2 }, line: 3, column: 15 }],
    },
  ],
});

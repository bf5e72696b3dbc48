import rule from '../../../src/lint/rules/multiple-response.js';
import { inEvent, ruleTester } from '../rule-tester.js';

ruleTester(rule, {
  valid: [
    inEvent('HTTP_REQUEST', 'if { [HTTP::path] eq "/old" } {\n  HTTP::redirect /new\n  return\n}\nHTTP::respond 404'),
    inEvent('HTTP_REQUEST', 'if { $a } {\n  HTTP::respond 403\n} else {\n  HTTP::redirect /login\n}'),
    inEvent('HTTP_REQUEST', 'switch -- [HTTP::path] {\n  "/a" { HTTP::respond 200 }\n  "/b" { HTTP::respond 404 }\n}'),
    inEvent('HTTP_REQUEST', 'HTTP::header insert X-A 1\nHTTP::respond 200 content [HTTP::uri]'),
    { name: 'a redirect in a loop body that ends the handler', code: inEvent('HTTP_REQUEST', 'foreach p {/a /b} {\n  if { [HTTP::path] eq $p } { HTTP::redirect /x ; return }\n}\nHTTP::respond 404') },
  ],
  invalid: [
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

import rule from '../../../src/lint/rules/regexp-simple-pattern.js';
import { inEvent, ruleTester } from '../rule-tester.js';

ruleTester(rule, {
  valid: [
    inEvent('HTTP_REQUEST', 'if { [regexp {^/api/v[0-9]+/} [HTTP::path]] } { }'),
    inEvent('HTTP_REQUEST', 'regexp {^/user/} [HTTP::path] match'),
    inEvent('HTTP_REQUEST', 'if { [regexp -nocase {^/api/} [HTTP::path]] } { }'),
    inEvent('HTTP_REQUEST', 'if { [regexp $pattern [HTTP::path]] } { }'),
  ],
  invalid: [
    {
      code: inEvent('HTTP_REQUEST', 'if { [regexp {^/api/} [HTTP::path]] } { pool api }'),
      errors: [{ messageId: 'simpler', data: { op: 'starts_with', example: '[HTTP::path] starts_with "/api/"' }, line: 2, column: 16, endColumn: 24 }],
    },
    {
      code: inEvent('HTTP_REQUEST', 'if { [regexp -- {\\.jpg$} [HTTP::path]] } { }'),
      errors: [{ messageId: 'simpler', line: 2, column: 19 }],
    },
    {
      code: inEvent('HTTP_REQUEST', 'if { [regexp "admin" [HTTP::uri]] } { }'),
      errors: [{ messageId: 'simpler', data: { op: 'contains', example: '[HTTP::uri] contains "admin"' }, line: 2, column: 16 }],
    },
  ],
});

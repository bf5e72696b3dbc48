import rule from '../../../src/lint/rules/unbraced-expression.js';
import { inEvent, ruleTester } from '../rule-tester.js';

ruleTester(rule, {
  valid: [
    inEvent('HTTP_REQUEST', 'if { $x > 1 } { set y [expr { $x * 2 }] }'),
    inEvent('HTTP_REQUEST', 'while 1 { break }'),
    inEvent('HTTP_REQUEST', 'for { set i 0 } { $i < 3 } { incr i } { }'),
  ],
  invalid: [
    {
      code: inEvent('HTTP_REQUEST', 'if $debug { log local0. x }'),
      errors: [{ messageId: 'unbraced', data: { command: 'if' }, line: 2, column: 6, endColumn: 12 }],
    },
    {
      code: inEvent('HTTP_REQUEST', 'set n [expr $a + $b]'),
      errors: [{ messageId: 'unbraced', data: { command: 'expr' }, line: 2, column: 15, endColumn: 22 }],
    },
    {
      code: inEvent('HTTP_REQUEST', 'if { $a } { } elseif "[HTTP::uri] eq {/}" { }'),
      errors: [{ messageId: 'unbraced', data: { command: 'if' }, line: 2, column: 24 }],
    },
    {
      code: inEvent('HTTP_REQUEST', 'while $more { set more 0 }'),
      errors: [{ messageId: 'unbraced', data: { command: 'while' }, line: 2, column: 9 }],
    },
  ],
});

import rule from '../../../src/lint/rules/deprecated-command.js';
import { inEvent, ruleTester } from '../rule-tester.js';

ruleTester(rule, {
  valid: [
    inEvent('HTTP_REQUEST', 'if { [class match [HTTP::uri] starts_with paths] } { pool a }'),
    { name: 'not yet deprecated on 9.4', code: inEvent('HTTP_REQUEST', 'if { [matchclass [HTTP::uri] starts_with paths] } { pool a }'), options: { version: '9.4.8' } },
  ],
  invalid: [
    {
      name: 'matchclass as a condition is rewritten to class match',
      code: inEvent('HTTP_REQUEST', 'if { [matchclass [HTTP::uri] starts_with paths] } { pool a }'),
      errors: [{ messageId: 'deprecated', data: { name: 'matchclass', since: ' since BIG-IP 10.0.0', instead: '; use class match' }, line: 2, column: 9, endColumn: 19 }],
      output: inEvent('HTTP_REQUEST', 'if { [class match [HTTP::uri] starts_with paths] } { pool a }'),
    },
    {
      name: 'matchclass whose value is used as a number is left alone',
      code: inEvent('HTTP_REQUEST', 'set i [matchclass [HTTP::uri] starts_with paths]'),
      errors: [{ messageId: 'deprecated', line: 2, column: 10 }],
      output: null,
    },
    {
      name: 'data group first: the order class match takes is unclear, no fix',
      code: inEvent('HTTP_REQUEST', 'if { [matchclass paths equals [HTTP::uri]] } { pool a }'),
      errors: [{ messageId: 'deprecated', line: 2, column: 9 }],
      output: null,
    },
    {
      code: inEvent('HTTP_REQUEST', 'set t [findclass [HTTP::host] redirects " "]'),
      errors: [{ messageId: 'deprecated', data: { name: 'findclass', since: ' since BIG-IP 10.0.0', instead: '; use class search' }, line: 2, column: 10 }],
      output: null,
    },
  ],
});

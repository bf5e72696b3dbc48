import rule from '../../../src/lint/rules/rule-structure.js';
import { inEvent, ruleTester } from '../rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'a level #0 of upvar/uplevel is no comment', code: 'proc bump {name} {\n  upvar #0 $name counter\n  uplevel #0 [list incr hits]\n  uplevel 1 {set seen 1}\n  incr counter\n}\n' },
    inEvent('HTTP_REQUEST', 'log local0. "x" ;# a comment'),
    'priority 100\nwhen HTTP_REQUEST priority 0 {\n  set color #fff\n}\nwhen HTTP_RESPONSE priority 1000 { }\n',
    'proc p {a} {\n  return $a\n}\n# a comment at the top\nwhen RULE_INIT timing on {\n  set static::x 1\n}\n',
    { name: 'plain Tcl files are not iRules', code: 'set x 1\nputs $x\n', options: { dialect: 'tcl' } },
  ],
  invalid: [
    {
      name: 'a # after the level and names of upvar is a comment attempt',
      code: inEvent('HTTP_REQUEST', 'upvar #0 total t # shared'),
      errors: [{ messageId: 'sameLineComment', line: 2, column: 20 }],
      output: inEvent('HTTP_REQUEST', 'upvar #0 total t ;# shared'),
    },
    {
      code: 'set x 1\nwhen HTTP_REQUEST { }\n',
      errors: [{ messageId: 'topLevel', data: { name: 'set' }, line: 1, column: 1, endColumn: 4 }],
      output: null,
    },
    {
      code: 'when HTTP_REQUEST {\n  when HTTP_RESPONSE { }\n}\n',
      errors: [{ messageId: 'nested', data: { name: 'when', where: 'when HTTP_REQUEST' }, line: 2, column: 3 }],
      output: null,
    },
    {
      code: 'when HTTP_REQUEST {\n  proc p {} { return 1 }\n}\n',
      errors: [{ messageId: 'nested', data: { name: 'proc', where: 'when HTTP_REQUEST' }, line: 2, column: 3 }],
      output: null,
    },
    {
      code: 'when HTTP_REQUEST priority 1001 { }\n',
      errors: [{ messageId: 'priority', data: { value: '1001' }, line: 1, column: 28, endColumn: 32 }],
      output: null,
    },
    {
      name: 'text after the body of a when',
      code: 'when HTTP_REQUEST { } junk\n',
      errors: [{ messageId: 'whenExtra', data: { event: 'HTTP_REQUEST', word: 'junk' }, line: 1, column: 23, endColumn: 27 }],
      output: null,
    },
    {
      name: 'a when without a body',
      code: 'when HTTP_REQUEST\nwhen HTTP_RESPONSE { }\n',
      errors: [{ messageId: 'whenShape', data: { event: '?' }, line: 1, column: 1 }],
      output: null,
    },
    {
      name: 'a proc with a computed name',
      code: 'proc $name {a} { return $a }\nwhen HTTP_REQUEST { }\n',
      errors: [{ messageId: 'procShape', data: { name: '?' }, line: 1, column: 1 }],
      output: null,
    },
    {
      code: 'priority -1\nwhen HTTP_REQUEST { }\n',
      errors: [{ messageId: 'priority', data: { value: '-1' }, line: 1, column: 10 }],
      output: null,
    },
    {
      code: inEvent('HTTP_REQUEST', 'log local0. "x" # trailing words'),
      errors: [{ messageId: 'sameLineComment', line: 2, column: 19, endColumn: 35 }],
      output: inEvent('HTTP_REQUEST', 'log local0. "x" ;# trailing words'),
    },
  ],
});

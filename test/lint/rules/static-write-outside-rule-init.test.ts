import rule from '../../../src/lint/rules/static-write-outside-rule-init.js';
import { inEvent, ruleTester } from '../rule-tester.js';

ruleTester(rule, {
  valid: [
    'when RULE_INIT {\n  set static::limit 10\n  array set static::hosts {a 1}\n}\nwhen HTTP_REQUEST {\n  if { [table incr hits] > $static::limit } { drop }\n}\n',
    inEvent('HTTP_REQUEST', 'log local0. [set static::limit]\nif { [info exists static::x] } { }'),
    { name: 'a proc called only from RULE_INIT', code: 'proc init {} {\n  set static::x 1\n}\nwhen RULE_INIT {\n  call init\n}\n' },
  ],
  invalid: [
    {
      code: inEvent('HTTP_REQUEST', 'incr static::hits'),
      errors: [{ messageId: 'write', data: { command: 'incr', name: 'static::hits', where: 'HTTP_REQUEST' }, line: 2, column: 8, endColumn: 20 }],
    },
    {
      code: 'proc bump {} {\n  set static::last [clock seconds]\n}\nwhen CLIENT_ACCEPTED {\n  call bump\n}\n',
      errors: [{ messageId: 'write', data: { command: 'set', name: 'static::last', where: 'proc bump (called from CLIENT_ACCEPTED)' }, line: 2, column: 7 }],
    },
  ],
});

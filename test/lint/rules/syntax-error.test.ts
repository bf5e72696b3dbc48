import rule from '../../../src/lint/rules/syntax-error.js';
import { inEvent, ruleTester } from '../rule-tester.js';

ruleTester(rule, {
  valid: [inEvent('HTTP_REQUEST', 'log local0. "hello"'), 'proc p {a} {\n  return $a\n}\n'],
  invalid: [
    {
      name: 'an unclosed quote',
      code: inEvent('HTTP_REQUEST', 'log local0. "hello'),
      errors: [{ messageId: 'parse', line: 2, column: 15, severity: 'error' }],
    },
    {
      name: 'a stray close-brace (a warning, as BIG-IP gives)',
      code: 'when HTTP_REQUEST {\n  log local0. x\n}\n}\n',
      errors: [{ messageId: 'parse', line: 4, column: 1, severity: 'warning' }],
    },
    {
      name: '}else { and }elseif { work on BIG-IP (it starts a new word at the brace): a style warning only',
      code: inEvent('HTTP_REQUEST', 'if { [HTTP::uri] eq "/" } {\n    pool a\n  }elseif { [HTTP::uri] eq "/b" } {\n    pool b\n  }else {\n    pool c\n  }'),
      errors: [
        { messageId: 'parse', line: 4, column: 6, severity: 'warning', data: { message: 'no space after the close-brace: BIG-IP starts a new word here, so this works, but Tcl itself fails with "extra characters after close-brace"; add a space' } },
        { messageId: 'parse', line: 6, column: 6, severity: 'warning' },
      ],
    },
    {
      name: '}else{ makes the bare word else{ (facts P15): an error',
      code: inEvent('HTTP_REQUEST', 'if { 1 } {\n    pool a\n  }else{\n    pool c\n  }'),
      errors: [
        { messageId: 'parse', line: 4, column: 6, severity: 'error', data: { message: 'extra characters after close-brace (BIG-IP starts a new word here)' } },
        { messageId: 'parse', line: 6, column: 5, severity: 'warning' },
      ],
    },
    {
      name: 'text glued to a close-quote stays an error ("a"b is two words on BIG-IP, not ab)',
      code: inEvent('HTTP_REQUEST', 'log local0. "a"b'),
      errors: [{ messageId: 'parse', line: 2, column: 18, severity: 'error' }],
    },
    {
      name: 'plain Tcl refuses }else { outright',
      code: 'if {1} {\n  set a 1\n}else {\n  set a 2\n}\n',
      options: { dialect: 'tcl' },
      errors: [{ messageId: 'parse', line: 3, column: 2, severity: 'error' }],
    },
  ],
});

import rule from '../../../src/lint/rules/non-ascii.js';
import { inEvent, ruleTester } from '../rule-tester.js';

ruleTester(rule, {
  valid: [
    inEvent('HTTP_REQUEST', 'HTTP::respond 200 content "Grüße – “quoted”"'),
    inEvent('HTTP_REQUEST', '# Kommentar: Grüße\nlog local0. {naïve}'),
  ],
  invalid: [
    {
      code: inEvent('HTTP_REQUEST', 'log local0. “hello”'),
      errors: [
        { messageId: 'lookalike', data: { char: '“', code: '201C', meant: '"' }, line: 2, column: 15, endColumn: 16 },
        { messageId: 'lookalike', data: { char: '”', code: '201D', meant: '"' }, line: 2, column: 21 },
      ],
    },
    {
      code: inEvent('HTTP_REQUEST', 'if { [string match –nocase a b] } { }'),
      errors: [{ messageId: 'lookalike', data: { char: '–', code: '2013', meant: '-' }, line: 2, column: 22 }],
    },
    {
      code: inEvent('HTTP_REQUEST', 'set größe 1'),
      errors: [{ messageId: 'other', line: 2, column: 9 }, { messageId: 'other', line: 2, column: 10 }],
    },
  ],
});

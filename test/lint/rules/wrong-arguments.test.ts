import rule from '../../../src/lint/rules/wrong-arguments.js';
import { inEvent, ruleTester } from '../rule-tester.js';

ruleTester(rule, {
  valid: [
    inEvent('HTTP_REQUEST', 'HTTP::respond 302 Location https://example.com/ Connection close\npool web_pool member 10.0.0.1 80'),
    inEvent('CLIENT_ACCEPTED', 'snat automap\nsnat 10.0.0.1 4000\nTCP::collect 12'),
    { name: 'a computed subcommand is not judged', code: inEvent('HTTP_REQUEST', 'set op lookup\nclass $op [HTTP::host] dg') },
    { name: 'class match -all from 11.0', code: inEvent('HTTP_REQUEST', 'set hits [class match -all -name -- [HTTP::uri] starts_with paths]'), options: { version: '11.0' } },
  ],
  invalid: [
    {
      // A loose form (URI::path's depth/start/end forms are merged) still needs its URI.
      code: inEvent('HTTP_REQUEST', 'set p [URI::path]'),
      errors: [{ messageId: 'tooFew', data: { command: 'URI::path' }, line: 2, column: 10, severity: 'error' }],
    },
    {
      code: inEvent('HTTP_REQUEST', 'HTTP::respond'),
      errors: [{ messageId: 'tooFew', data: { command: 'HTTP::respond' }, line: 2, column: 3, endColumn: 16, severity: 'error' }],
    },
    {
      code: inEvent('CLIENT_ACCEPTED', 'snat automap 80'),
      errors: [{ messageId: 'tooMany', data: { command: 'snat automap' }, line: 2, column: 3 }],
    },
    {
      code: inEvent('HTTP_REQUEST', 'set v [class fetch [HTTP::host] dg]'),
      errors: [{ messageId: 'unknownSubcommand', line: 2, column: 16, endColumn: 21 }],
    },
    {
      code: inEvent('HTTP_REQUEST', 'if { [class match [HTTP::uri] begins_with paths] } { }'),
      errors: [{ messageId: 'badKeyword', data: { word: 'begins_with', command: 'class match', expected: 'equals, starts_with, ends_with, contains' }, line: 2, column: 33 }],
    },
    {
      name: 'an option newer than the version checked',
      code: inEvent('HTTP_REQUEST', 'HTTP::respond -reset 500'),
      options: { version: '11.4' },
      errors: [{ messageId: 'tooNew', data: { what: 'option -reset', command: 'HTTP::respond', since: '11.5.0', version: '11.4' }, line: 2, column: 17 }],
    },
    {
      name: 'class match -all before 11.0',
      code: inEvent('HTTP_REQUEST', 'set hits [class match -all -name -- [HTTP::uri] starts_with paths]'),
      options: { version: '10.2.4' },
      errors: [{ messageId: 'tooNew', data: { what: 'option -all', command: 'class match', since: '11.0.0', version: '10.2.4' }, line: 2, column: 25 }],
    },
  ],
});

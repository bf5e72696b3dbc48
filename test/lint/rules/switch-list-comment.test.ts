import { describe, expect, it } from 'vitest';
import rule from '../../../src/lint/rules/switch-list-comment.js';
import { lint } from '../../../src/lint/run.js';
import { inEvent, ruleTester } from '../rule-tester.js';

/** A URI switch with the given lines before its first arm. */
const uriSwitch = (...lines: string[]): string =>
  inEvent(
    'HTTP_REQUEST',
    ['switch -glob -- [string tolower [HTTP::uri]] {', ...lines.map((l) => `  ${l}`), '  "/img/*" { pool cdn_pool }', '  default { pool web_pool }', '}'].join('\n'),
  );

ruleTester(rule, {
  valid: [
    // A comment inside a body, or above the switch, is a comment.
    inEvent('HTTP_REQUEST', 'switch -- [HTTP::host] {\n  www.example.com {\n    # the main site\n    pool web_pool\n  }\n}'),
    inEvent('HTTP_REQUEST', '# route by host\nswitch -- [HTTP::host] {\n  a { pool a }\n  default { pool b }\n}'),
    // A pattern "#" with its body on the same line is a pattern.
    inEvent('HTTP_REQUEST', 'switch -- [string index [HTTP::uri] end] {\n  # { HTTP::uri [string range [HTTP::uri] 0 end-1] }\n  #* -\n  "#" { log local0. hash }\n}'),
    // A "#" that does not start its line is an ordinary pattern or body.
    inEvent('HTTP_REQUEST', 'switch -- $x {\n  a #b\n  default {}\n}'),
    // Not a switch list.
    inEvent('RULE_INIT', 'set static::hosts {\n  # internal\n  a.example.com\n}'),
    { name: 'plain Tcl: same rule, no comment', code: 'switch -- $x {\n  a { puts a }\n}\n', options: { dialect: 'tcl' } },
  ],
  invalid: [
    {
      name: 'even number of words: pairs of its own',
      code: uriSwitch('# images served from the CDN'),
      errors: [{ messageId: 'pairs', data: { count: 6, pairs: '"#" runs "images", "served" runs "from", "the" runs "CDN"' }, line: 3, column: 5, endLine: 3, endColumn: 33, severity: 'warning' }],
    },
    {
      name: 'odd number of words: the list is odd, every run fails',
      code: uriSwitch('# static content'),
      errors: [{ messageId: 'oddList', data: { count: 3, pairs: '"#" runs "static", "content" runs "/img/*"' }, line: 3, column: 5, severity: 'error' }],
    },
    {
      name: 'two odd lines: the arms between them shift',
      code: uriSwitch('# cdn first', '"/css/*" { pool cdn_pool }', '# then rest'),
      errors: [
        { messageId: 'shifted', line: 3, column: 5, severity: 'error' },
        { messageId: 'shifted', line: 5, column: 5, severity: 'error' },
      ],
    },
    {
      name: 'a comment at the start of the list, on the switch line',
      code: inEvent('HTTP_REQUEST', 'switch -- [HTTP::host] { # hosts\n  a { pool a }\n  default { pool b }\n}'),
      errors: [{ messageId: 'pairs', data: { count: 2, pairs: '"#" runs "hosts"' }, line: 2, column: 28, severity: 'warning' }],
    },
    {
      name: 'in plain Tcl too',
      code: 'switch -- $x {\n  # odd one\n  a { puts a }\n}\n',
      options: { dialect: 'tcl' },
      errors: [{ messageId: 'oddList', line: 2, column: 3 }],
    },
  ],
});

describe('switch-list-comment with every rule on', () => {
  it('reports the # line once, with no unknown-command error per word, and still lints the real bodies', () => {
    const code = uriSwitch('# images served from the CDN', '"/old/*" { HTTP::redirect [HTTP::uri2] }');
    const findings = lint(code).diagnostics.map((d) => `${d.ruleId}: ${code.slice(d.range.start, d.range.end)}`);
    expect(findings).toEqual(['switch-list-comment: # images served from the CDN', 'unknown-command: HTTP::uri2']);
  });
});

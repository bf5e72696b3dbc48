import { describe, expect, it } from 'vitest';
import rule from '../../../src/lint/rules/glued-substitution.js';
import { fixText } from '../../../src/lint/fix.js';
import { parse } from '../../../src/syntax/index.js';
import { inEvent, ruleTester } from '../rule-tester.js';

ruleTester(rule, {
  valid: [
    // Glued text that Tcl reads as intended: a key, a variable name, an index, a pattern.
    inEvent('HTTP_REQUEST', 'set key conns:[IP::client_addr]\ntable incr -- $key\nset var$i 1\nset last [lindex $list end-[llength $skip]]'),
    inEvent('HTTP_REQUEST', 'set host [string tolower [HTTP::host]]\nforeach c $list {\n  log local0. $c\n}\nswitch -glob -- [HTTP::path] {\n  "/a*" { pool a }\n}'),
    // foreach with pairs: a glued list word is still one list.
    inEvent('HTTP_REQUEST', 'foreach name a$b {\n  log local0. $name\n}\nforeach {k v} x$y {\n  log local0. $k\n}'),
    // Not a subcommand position: a glued argument of string range.
    inEvent('HTTP_REQUEST', 'set s [string range $u 0 end-[string length $sfx]]'),
    // Unknown commands and procs are not judged.
    'proc my::tolower {s} { return $s }\nwhen HTTP_REQUEST {\n  call my::tolower x[HTTP::host]\n}\n',
    // Tcl 8.5+ takes the last words of switch as string and list, so plain Tcl is not judged for options.
    { name: 'tcl: switch --$x', code: 'switch -glob --$x {\n  a { puts a }\n}\n', options: { dialect: 'tcl' } },
  ],
  invalid: [
    {
      name: 'subcommand glued to a command substitution',
      code: inEvent('HTTP_REQUEST', 'set host [string tolower[HTTP::host]]'),
      errors: [{ messageId: 'subcommand', data: { word: 'tolower[HTTP::host]', prefix: 'tolower', subst: '[HTTP::host]', command: 'string' }, line: 2, column: 20, endColumn: 39 }],
      output: inEvent('HTTP_REQUEST', 'set host [string tolower [HTTP::host]]'),
    },
    {
      name: 'a second-level subcommand (class match)',
      code: inEvent('HTTP_REQUEST', 'if { [class match[IP::client_addr] equals allowed_clients] } {\n  pool web_pool\n}'),
      errors: [{ messageId: 'subcommand', line: 2, column: 15 }],
      output: inEvent('HTTP_REQUEST', 'if { [class match [IP::client_addr] equals allowed_clients] } {\n  pool web_pool\n}'),
    },
    {
      name: 'foreach variable glued to its list',
      code: inEvent('HTTP_REQUEST', 'foreach c$cookies {\n  HTTP::cookie remove $c\n}'),
      errors: [{ messageId: 'groups', data: { word: 'c$cookies', count: 2, subst: '$cookies' }, line: 2, column: 11 }],
      output: inEvent('HTTP_REQUEST', 'foreach c $cookies {\n  HTTP::cookie remove $c\n}'),
    },
    {
      name: 'switch end of options glued to the string',
      code: inEvent('HTTP_REQUEST', 'switch -glob --[string tolower [HTTP::path]] {\n  "/api/*" { pool api_pool }\n  default { pool web_pool }\n}'),
      errors: [{ messageId: 'option', data: { prefix: '--', command: 'switch' }, line: 2, column: 16 }],
      output: inEvent('HTTP_REQUEST', 'switch -glob -- [string tolower [HTTP::path]] {\n  "/api/*" { pool api_pool }\n  default { pool web_pool }\n}'),
    },
    {
      name: 'a subcommand glued to a variable, in plain Tcl too',
      code: 'puts [string toupper$name]\n',
      options: { dialect: 'tcl' },
      errors: [{ messageId: 'subcommand', line: 1, column: 14 }],
      output: 'puts [string toupper $name]\n',
    },
  ],
});

describe('if {...}[...] (BIG-IP splits the word at the brace)', () => {
  it('says that the [...] runs every time and only its result reaches the command', () => {
    const src = inEvent('HTTP_REQUEST', 'if {[HTTP::host] eq "old.example.com"}[HTTP::redirect "https://new.example.com/"]');
    const messages = parse(src).diagnostics.map((d) => d.message);
    expect(messages).toEqual([expect.stringMatching(/^extra characters after close-brace \(BIG-IP starts a new word here: the \[\.\.\.\] runs before the command, every time/)]);
  });
});

describe('glued-substitution with every rule on', () => {
  it('fixes switch -glob --[...] to switch -glob -- [...], with no second -- from missing-option-terminator', () => {
    const code = inEvent('HTTP_REQUEST', 'switch -glob --[HTTP::path] {\n  "/checkout*" { pool shop_secure_pool }\n  default { pool shop_pool }\n}');
    const fixed = fixText(code, {});
    expect(fixed.text).toBe(code.replace('--[', '-- ['));
    expect(fixed.diagnostics).toEqual([]);
  });
});

/**
 * The dialect chosen when the user does not say: by content first (top-level `when` blocks or a
 * `rule NAME { ... }` wrapper make an iRule whatever the name), then by name.
 */
import { describe, expect, it } from 'vitest';
import { chooseDialect, explainDialect } from '../../src/syntax/dialect.js';

const RULE = 'when HTTP_REQUEST {\n  HTTP::redirect "https://[HTTP::host][HTTP::uri]"\n}\n';

describe('chooseDialect', () => {
  it('takes a file with top-level when blocks as an iRule whatever its extension', () => {
    for (const name of ['redirect.tcl', 'REDIRECT.TCL', 'redirect.irule', 'redirect.txt', 'redirect', '']) {
      expect(explainDialect(name, RULE)).toEqual({ dialect: 'irule', reason: 'top-level when blocks' });
    }
  });

  it('finds the when block after comments, procs and other commands, with braces and quotes in them', () => {
    const text = [
      '# Rule: redirect { old } hosts -- see CHG0012345',
      '# comment with a line continuation \\',
      '  still the comment when HTTP_REQUEST {',
      'proc helper {a} { return "\\{$a" }',
      'set x "{"; set y [list a {b c}]',
      'when HTTP_REQUEST priority 100 {',
      '  log local0. x',
      '}',
    ].join('\n');
    expect(chooseDialect('lib.tcl', text)).toBe('irule');
  });

  it('does not count a when inside a braced word or a comment', () => {
    const harness = 'set rule {\nwhen HTTP_REQUEST {\n  pool web\n}\n}\nputs [string length $rule]\n';
    expect(explainDialect('make_rule.tcl', harness)).toEqual({ dialect: 'tcl', reason: '.tcl file without when blocks or iRule commands' });
    expect(chooseDialect('notes.tcl', '# when HTTP_REQUEST { pool web }\nputs hi\n')).toBe('tcl');
    // A lone `when` word is not a when block.
    expect(chooseDialect('x.tcl', 'when\n')).toBe('tcl');
  });

  it('takes a rule NAME { ... } or ltm rule NAME { ... } wrapper as an iRule', () => {
    expect(explainDialect('export.tcl', `ltm rule /Common/redirect {\n${RULE}}\n`)).toEqual({ dialect: 'irule', reason: 'a rule NAME { ... } wrapper' });
    expect(chooseDialect('export.tcl', `rule redirect {\n${RULE}}\n`)).toBe('irule');
    expect(chooseDialect('x.tcl', 'rule\n')).toBe('tcl');
  });

  it('takes a #! Tcl shell script without when blocks as plain Tcl whatever its name', () => {
    const script = '#!/usr/bin/env tclsh\nset f [open [lindex $argv 0]]\nputs [gets $f]\n';
    for (const name of ['count', 'count.tcl', 'count.irule', '']) expect(chooseDialect(name, script)).toBe('tcl');
    expect(chooseDialect('x', '#!/usr/bin/expect -f\nspawn ssh host\n')).toBe('tcl');
    expect(chooseDialect('x', '#!/bin/sh\necho hi\n')).toBe('irule');
  });

  it('takes a .tcl file of procs calling iRule commands as an iRule library, and other .tcl files as Tcl', () => {
    const lib = 'proc lib::host_of {} {\n  return [string tolower [HTTP::host]]\n}\n';
    expect(explainDialect('lib.tcl', lib)).toEqual({ dialect: 'irule', reason: '.tcl file of procs calling iRule commands (HTTP::host)' });
    // tcllib's lower-case http package is not HTTP::, and an unknown X::y proves nothing.
    expect(chooseDialect('fetch.tcl', 'package require http\nset t [http::geturl $url]\nputs [http::data $t]\n')).toBe('tcl');
    expect(chooseDialect('ns.tcl', 'namespace eval Cfg { proc Cfg::load {} { return 1 } }\n')).toBe('tcl');
  });

  it('takes any other name without when blocks as an iRule (a proc library .irule, standard input)', () => {
    const procs = 'proc normalize {uri} {\n  return [string tolower $uri]\n}\n';
    expect(explainDialect('lib.irule', procs)).toEqual({ dialect: 'irule', reason: 'no when blocks; not a .tcl file' });
    expect(explainDialect('', procs)).toEqual({ dialect: 'irule', reason: 'no when blocks; unnamed input is an iRule' });
    expect(explainDialect('lib.tcl', procs).dialect).toBe('tcl');
  });

  it('scans a large Tcl text in linear time', () => {
    const big = 'proc p {a} {\n  set x "{[list $a]}"\n  return $x\n}\n'.repeat(50_000);
    const t0 = performance.now();
    expect(chooseDialect('big.tcl', big)).toBe('tcl');
    // About 2 MB; a scan takes a few milliseconds (a parse takes about 100 ms).
    expect(performance.now() - t0).toBeLessThan(500);
  });
});

/**
 * Which `.tcl` documents the extension switches to the `irule` language: the answer of the core's
 * chooseDialect (shared with the CLI and the server), applied only to `.tcl` files that are not
 * already in another language.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { languageToSwitchTo } from '../../extension/src/language.js';

const seedV10 = readFileSync(new URL('../../fixtures/seed/smtp_irule_v10.irule', import.meta.url), 'utf8');

describe('languageToSwitchTo', () => {
  it('switches a .tcl file with top-level when blocks to irule, as Tcl or as plain text', () => {
    expect(languageToSwitchTo('/rules/smtp.tcl', 'tcl', seedV10)).toBe('irule');
    expect(languageToSwitchTo('/rules/SMTP.TCL', 'plaintext', seedV10)).toBe('irule');
  });

  it('leaves plain Tcl scripts alone', () => {
    expect(languageToSwitchTo('/scripts/build.tcl', 'tcl', 'proc add {a b} { return [expr {$a + $b}] }\nputs [add 1 2]\n')).toBeUndefined();
    expect(languageToSwitchTo('/scripts/run.tcl', 'tcl', '#!/usr/bin/tclsh\nputs hello\n')).toBeUndefined();
  });

  it('leaves other files, and .tcl files another language already claimed, alone', () => {
    expect(languageToSwitchTo('/rules/smtp.txt', 'plaintext', seedV10)).toBeUndefined();
    expect(languageToSwitchTo('/rules/smtp.tcl', 'irule', seedV10)).toBeUndefined();
    expect(languageToSwitchTo('/rules/smtp.tcl', 'markdown', seedV10)).toBeUndefined();
  });
});

/**
 * Code actions in process: quick fixes from findings' fixes, "Disable <rule> for this line" in
 * the form that is a real comment where it lands (checked by linting the result again), and
 * `source.fixAll.irule-lint`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodeAction, TextEdit as LspTextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { parseBigipConf } from '../../src/bigip/parse-config.js';
import type { Diagnostic } from '../../src/diagnostics.js';
import { disableLineEdit } from '../../src/lint/disable-edit.js';
import { fixText } from '../../src/lint/fix.js';
import { lint } from '../../src/lint/run.js';
import { parseVersion } from '../../src/lint/version.js';
import { parse } from '../../src/syntax/index.js';
import { codeActionsFor, FIX_ALL_KIND, minimalEdit, quickFixes } from '../../src/lsp/features/code-actions.js';
import { analyzed, markers } from './harness.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Applies LSP edits to a text. */
function applyLsp(text: string, edits: readonly LspTextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'irule', 1, text), [...edits]);
}

/** The edits of an action on the test document. */
function editsOf(a: CodeAction): LspTextEdit[] {
  return Object.values(a.edit?.changes ?? {})[0] ?? [];
}

/** Syntax errors of a text. */
function syntaxErrors(text: string, dialect: 'irule' | 'tcl' = 'irule'): number {
  return parse(text, { dialect }).diagnostics.filter((d) => d.severity === 'error').length;
}

/** Findings of one rule on one line. */
function onLine(text: string, diags: readonly Diagnostic[], ruleId: string, line: number): number {
  const doc = TextDocument.create('file:///x', 'irule', 1, text);
  return diags.filter((d) => d.ruleId === ruleId && doc.positionAt(d.range.start).line === line).length;
}

const V11 = { version: parseVersion('11.1')! };

describe('quick fixes', () => {
  it('offers the fix of a finding under the cursor, preferred for a safe rule, and it removes the finding', () => {
    const { text, offsets } = markers('when CLIENT_ACCEPTED {\n  if { [class match [IP::client_addr] equals $::smtp_<|>relay_allowed] } { log local0. hi }\n}\n');
    const a = analyzed(text, V11);
    const at = a.doc.positionAt(offsets[0]);
    const actions = codeActionsFor(a, { start: at, end: at });
    const fix = actions.find((x) => x.title.includes('smtp_relay_allowed') && !x.title.startsWith('Disable'));
    expect(fix).toBeDefined();
    expect(fix!.kind).toBe('quickfix');
    expect(fix!.isPreferred).toBe(true);
    expect(fix!.diagnostics?.[0].code).toBe('datagroup-global-reference');
    const fixed = applyLsp(text, editsOf(fix!));
    expect(fixed).toContain('equals smtp_relay_allowed]');
    expect(lint(fixed, V11).diagnostics.map((d) => d.ruleId)).not.toContain('datagroup-global-reference');
  });

  it('offers nothing away from findings', () => {
    const { text, offsets } = markers('when HTTP_REQUEST {\n  log <|>local0. "hi"\n}\n');
    const a = analyzed(text);
    const at = a.doc.positionAt(offsets[0]);
    expect(codeActionsFor(a, { start: at, end: at })).toEqual([]);
  });

  it('offers every fixable finding of a selection (all fixable rules with a fix)', () => {
    const text = readFileSync(path.join(root, 'fixtures/seed/smtp_irule_v10.irule'), 'utf8');
    const a = analyzed(text, V11);
    const whole = { start: 0, end: text.length };
    const withFix = a.diagnostics.filter((d) => d.fix && d.fix.length > 0);
    expect(withFix.length).toBeGreaterThan(0);
    const fixes = quickFixes(a, whole).filter((x) => !x.title.startsWith('Disable'));
    expect(fixes).toHaveLength(withFix.length);
  });
});

describe('disable for this line', () => {
  /** Applies the disable action for the first finding of `ruleId` and checks it silences exactly that. */
  function disableAndCheck(text: string, ruleId: string, options = {}): string {
    const before = lint(text, options).diagnostics;
    const d = before.find((x) => x.ruleId === ruleId);
    expect(d, `a ${ruleId} finding`).toBeDefined();
    const a = analyzed(text, options);
    const action = quickFixes(a, d!.range).find((x) => x.title === `Disable ${ruleId} for this line`);
    expect(action, 'a disable action').toBeDefined();
    const out = applyLsp(text, editsOf(action!));
    const after = lint(out, options).diagnostics;
    const line = TextDocument.create('file:///x', 'irule', 1, text).positionAt(d!.range.start).line;
    const outLine = line + (out.split('\n').length - text.split('\n').length);
    expect(onLine(out, after, ruleId, outLine)).toBe(0);
    expect(after.filter((x) => ['unused-suppression', 'invalid-suppression', 'syntax-error'].includes(x.ruleId))).toEqual([]);
    expect(syntaxErrors(out)).toBe(syntaxErrors(text));
    return out;
  }

  // [what, text, expected text after the edit, or a part of it]
  it.each([
    ['appends ;# to a command line', 'when HTTP_REQUEST {\n  log local0. $nope\n}\n', 'when HTTP_REQUEST {\n  log local0. $nope ;# irule-lint-disable-line undefined-variable\n}\n'],
    ['appends ;# after the opening brace of a body on the finding line', 'when HTTP_REQUEST {\n  if { $nope } {\n    log local0. hi\n  }\n}\n', 'if { $nope } { ;# irule-lint-disable-line undefined-variable\n'],
    ['puts a next-line directive above a line that ends inside a multi-line quoted word', 'when HTTP_REQUEST {\n  log local0. "$nope\n  more"\n}\n', 'when HTTP_REQUEST {\n  # irule-lint-disable-next-line undefined-variable\n  log local0. "$nope\n  more"\n}\n'],
    ['puts a next-line directive above a line continued with a backslash', 'when HTTP_REQUEST {\n  log local0. $nope \\\n    more\n}\n', '  # irule-lint-disable-next-line undefined-variable\n  log local0. $nope \\\n'],
    ['adds the id to a directive already on the line', 'when HTTP_REQUEST {\n  log local0. "$nope $::x" ;# irule-lint-disable-line cmp-global-variable -- legacy\n}\n', ';# irule-lint-disable-line cmp-global-variable, undefined-variable -- legacy\n'],
    ['keeps CRLF line ends', 'when HTTP_REQUEST {\r\n  log local0. "$nope\r\n  more"\r\n}\r\n', '  # irule-lint-disable-next-line undefined-variable\r\n'],
    ['appends ;# to the last line of a multi-line condition, inside the body it opens', 'when HTTP_REQUEST {\n  if { 1 &&\n    $nope } {\n    log local0. hi\n  }\n}\n', '    $nope } { ;# irule-lint-disable-line undefined-variable\n'],
  ])('%s', (_what, text, expected) => {
    expect(disableAndCheck(text, 'undefined-variable')).toContain(expected);
  });

  it('offers nothing where a comment cannot go: the middle line of a multi-line expression', () => {
    const text = 'when HTTP_REQUEST {\n  if { 1 &&\n    $nope &&\n    1 } {\n    log local0. hi\n  }\n}\n';
    const a = analyzed(text);
    const d = a.diagnostics.find((x) => x.ruleId === 'undefined-variable');
    expect(d).toBeDefined();
    expect(disableLineEdit(text, a.ast, 'undefined-variable', d!.range.start)).toBeUndefined();
  });

  it('works inside a switch arm body spread over lines, and is not offered in a one-line arm', () => {
    const multi = 'when HTTP_REQUEST {\n  switch -glob -- [HTTP::uri] {\n    "/a*" {\n      log local0. $nope\n    }\n  }\n}\n';
    expect(disableAndCheck(multi, 'undefined-variable')).toContain('      log local0. $nope ;# irule-lint-disable-line undefined-variable\n');
    const one = 'when HTTP_REQUEST {\n  switch -glob -- [HTTP::uri] {\n    "/a*" { log local0. $nope }\n  }\n}\n';
    const a = analyzed(one);
    const d = a.diagnostics.find((x) => x.ruleId === 'undefined-variable');
    expect(d).toBeDefined();
    expect(quickFixes(a, d!.range).map((x) => x.title)).not.toContain('Disable undefined-variable for this line');
  });

  it('never offers disabling syntax errors', () => {
    const a = analyzed('when HTTP_REQUEST {\n  log local0. [\n}\n');
    expect(a.diagnostics.some((d) => d.ruleId === 'syntax-error')).toBe(true);
    expect(quickFixes(a, { start: 0, end: a.doc.getText().length }).filter((x) => x.title.startsWith('Disable syntax-error'))).toEqual([]);
  });

  // Every finding of every fixture iRule: the action is either not offered, or it silences that
  // finding (and no other), keeps the text parsing, and uses a directive that is not unused.
  it('silences each fixture finding it is offered for, and breaks nothing', () => {
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir)) {
        const p = path.join(dir, e);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(irule|irul|tcl)$/.test(e)) files.push(p);
      }
    };
    walk(path.join(root, 'fixtures'));
    const bigip = parseBigipConf(readFileSync(path.join(root, 'fixtures/seed/bigip.conf'), 'utf8')).config;
    let offered = 0;
    let findings = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const dialect = file.endsWith('.tcl') ? 'tcl' : 'irule';
      const options = { dialect, bigip, version: parseVersion('11.1')! } as const;
      const a = analyzed(text, options);
      for (const d of a.diagnostics) {
        findings++;
        const action = quickFixes(a, d.range).find((x) => x.title === `Disable ${d.ruleId} for this line`);
        if (!action) continue;
        offered++;
        const out = applyLsp(text, editsOf(action));
        const after = lint(out, options).diagnostics;
        const where = `${path.relative(root, file)} ${d.ruleId} @${d.range.start}`;
        const count = (ds: readonly Diagnostic[]) => ds.filter((x) => x.ruleId === d.ruleId).length;
        const sameAt = a.diagnostics.filter((x) => x.ruleId === d.ruleId && a.doc.positionAt(x.range.start).line === a.doc.positionAt(d.range.start).line).length;
        expect(count(after), where).toBe(count(a.diagnostics) - sameAt);
        expect(after.filter((x) => x.ruleId === 'unused-suppression' || x.ruleId === 'invalid-suppression'), where).toEqual([]);
        expect(syntaxErrors(out, dialect), where).toBe(syntaxErrors(text, dialect));
        expect(after.length, where).toBe(a.diagnostics.length - sameAt);
      }
    }
    expect(findings).toBeGreaterThan(20);
    // Most findings sit on ordinary command lines.
    expect(offered).toBeGreaterThan(findings / 2);
  });
});

describe('fix all', () => {
  it('is offered as source.fixAll.irule-lint and equals the core fixText', () => {
    const text = readFileSync(path.join(root, 'fixtures/seed/smtp_irule_v10.irule'), 'utf8');
    const a = analyzed(text, V11);
    expect(codeActionsFor(a, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } })).toEqual([]);
    const [all] = codeActionsFor(a, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, ['source.fixAll']);
    expect(all.kind).toBe(FIX_ALL_KIND);
    const expected = fixText(text, { dialect: 'irule', version: V11.version, rules: [] });
    expect(expected.changed).toBe(true);
    expect(applyLsp(text, editsOf(all))).toBe(expected.text);
  });

  it('is not offered when nothing is fixable', () => {
    const a = analyzed('when HTTP_REQUEST {\n  log local0. hi\n}\n');
    expect(codeActionsFor(a, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [FIX_ALL_KIND])).toEqual([]);
  });

  it('minimalEdit turns one text into the other with one small edit', () => {
    const cases: [string, string][] = [
      ['abc', 'abc'],
      ['abc', 'abXc'],
      ['a\r\nb', 'a\nb'],
      ['x😀y', 'x😁y'],
      ['', 'new'],
      ['old', ''],
      ['aaaa', 'aa'],
    ];
    for (const [before, after] of cases) {
      const e = minimalEdit(before, after);
      expect(before.slice(0, e.range.start) + e.text + before.slice(e.range.end)).toBe(after);
      expect(e.range.end - e.range.start).toBeLessThanOrEqual(Math.max(2, before.length));
    }
    expect(minimalEdit('x😀y', 'x😁y').range).toEqual({ start: 1, end: 3 });
  });
});

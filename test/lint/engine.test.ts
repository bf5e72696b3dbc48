/** The lint engine itself: walker, runner (one walk, internal errors), config resolution, suppression parsing, fixes, versions. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, closest, parseRuleOption, resolveSettings, validateConfig } from '../../src/lint/config.js';
import { applyFixes, fixText } from '../../src/lint/fix.js';
import { defineRule } from '../../src/lint/rule.js';
import { allRules } from '../../src/lint/rules/index.js';
import { lint } from '../../src/lint/run.js';
import { parseDirective } from '../../src/lint/suppress.js';
import { atLeast, defaultVersion, newestKnownVersion, parseVersion } from '../../src/lint/version.js';
import { walk } from '../../src/lint/walk.js';
import type { Command } from '../../src/syntax/ast.js';
import { parse } from '../../src/syntax/index.js';
import { literalValue } from '../../src/syntax/words.js';

const known = new Set(allRules.map((r) => r.id));

describe('walk', () => {
  it('visits every node once in source order, with the ancestors, and leaves in reverse', () => {
    const { ast } = parse('when HTTP_REQUEST {\n  set a [expr {1 + $b}]\n}\n');
    const entered: string[] = [];
    const depths: number[] = [];
    let left = 0;
    walk(ast, {
      enter(node, anc) {
        if (node.type === 'Text') return;
        entered.push(node.type);
        depths.push(anc.length);
      },
      leave: () => void left++,
    });
    expect(entered).toEqual(['Script', 'When', 'BareWord', 'BareWord', 'BracedWord', 'Script', 'Command', 'BareWord', 'BareWord', 'BareWord', 'CmdSubst', 'Script', 'Command', 'BareWord', 'BracedWord', 'Expr', 'ExprBinary', 'ExprLiteral', 'VarRef']);
    expect(depths.slice(0, 3)).toEqual([0, 1, 2]);
    expect(left).toBeGreaterThan(entered.length);
  });

  it('copes with a 20,000-operand expression without overflowing the stack', () => {
    const { ast } = parse(`set x [expr {${Array.from({ length: 20000 }, (_, i) => `$v${i}`).join(' + ')}}]`);
    let n = 0;
    walk(ast, { enter: () => void n++ });
    expect(n).toBeGreaterThan(20000);
  });
});

describe('runner', () => {
  it('calls visitors by node type and by command name, and end() once', () => {
    const seen: string[] = [];
    const rule = defineRule({
      id: 'probe',
      meta: { description: 'x', category: 'style', defaultSeverity: 'warning', recommended: true, dialects: ['irule'], fixable: 'none', messages: { m: '{{what}}' } },
      create: (ctx) => ({
        When: (w) => seen.push(`when ${w.event}`),
        'When:exit': (w) => seen.push(`exit ${w.event}`),
        commands: { log: (c) => seen.push(`log in ${ctx.enclosingWhen()?.event}`) },
        end: () => seen.push('end'),
      }),
    });
    lint('when A { log local0. x }\nwhen B { ::log local0. y }\n', { ruleSet: [rule] });
    expect(seen).toEqual(['when A', 'log in A', 'exit A', 'when B', 'log in B', 'exit B', 'end']);
  });

  it('gives a rule with a commandFilter only the commands whose spec passes, and analyses it asked for every command', () => {
    const seen: string[] = [];
    let analysed: string[] = [];
    const probe = {
      key: 'probe-analysis',
      create: () => {
        const names: string[] = [];
        return { visitors: { Command: (c: Command) => void names.push(literalValue(c.words[0]) ?? '?') }, result: names };
      },
    };
    const rule = defineRule({
      id: 'filtered',
      meta: { description: 'x', category: 'style', defaultSeverity: 'warning', recommended: true, dialects: ['irule'], fixable: 'none', messages: { m: 'm' } },
      commandFilter: (spec) => spec?.deprecated !== undefined,
      create: (ctx) => {
        analysed = ctx.analysis(probe);
        return { Command: (c) => void seen.push(literalValue(c.words[0]) ?? '?') };
      },
    });
    lint('when HTTP_REQUEST {\n  log local0. x\n  if { [matchclass $a equals dg] } { pool p }\n  nosuchcommand\n}\n', { ruleSet: [rule] });
    expect(seen).toEqual(['matchclass']);
    expect(analysed).toEqual(['log', 'if', 'matchclass', 'pool', 'nosuchcommand']);
  });

  it('gives each of several filtered rules its own commands, whichever commands share a verdict', () => {
    const meta = { description: 'x', category: 'style', defaultSeverity: 'warning', recommended: true, dialects: ['irule'], fixable: 'none', messages: { m: 'm' } } as const;
    const seen: Record<string, string[]> = { deprecated: [], responds: [], all: [] };
    const probe = (id: keyof typeof seen, commandFilter?: (spec: { deprecated?: unknown; sendsResponse?: boolean } | undefined) => boolean) =>
      defineRule({ id, meta, commandFilter, create: () => ({ Command: (c) => void seen[id].push(literalValue(c.words[0]) ?? '?') }) });
    const rules = [probe('deprecated', (spec) => spec?.deprecated !== undefined), probe('responds', (spec) => spec?.sendsResponse === true), probe('all')];
    const code = 'when HTTP_REQUEST {\n  log local0. x\n  HTTP::respond 200\n  if { [matchclass $a equals dg] } { pool p }\n  HTTP::redirect /\n  nosuch\n  matchclass a b c\n}\n';
    lint(code, { ruleSet: rules });
    expect(seen.deprecated).toEqual(['matchclass', 'matchclass']);
    expect(seen.responds).toEqual(['HTTP::respond', 'HTTP::redirect']);
    expect(seen.all).toEqual(['log', 'HTTP::respond', 'if', 'matchclass', 'pool', 'HTTP::redirect', 'nosuch', 'matchclass']);
  });

  it('runs a rule only in the dialects its meta names', () => {
    const ran: string[] = [];
    const probe = (id: string, dialects: ('irule' | 'tcl')[]) =>
      defineRule({
        id,
        meta: { description: 'x', category: 'style', defaultSeverity: 'warning', recommended: true, dialects, fixable: 'none', messages: { m: 'm' } },
        create: () => ({ Script: () => void ran.push(id) }),
      });
    const rules = [probe('both', ['irule', 'tcl']), probe('bigip', ['irule']), probe('tclonly', ['tcl'])];
    lint('set a 1\n', { ruleSet: rules, dialect: 'tcl' });
    expect(ran).toEqual(['both', 'tclonly']);
    ran.length = 0;
    lint('set a 1\n', { ruleSet: rules, dialect: 'irule' });
    expect(ran).toEqual(['both', 'bigip']);
  });

  it('does not call a suppression of an iRule-only rule unused in a plain Tcl file', () => {
    const text = '# irule-lint-disable-next-line cmp-global-variable -- counter\nincr ::hits\n';
    expect(lint(text, { dialect: 'tcl' }).diagnostics).toEqual([]);
    // On an iRule the same suppression is used, and it silences the finding.
    expect(lint(`when HTTP_REQUEST {\n${text}}\n`, { dialect: 'irule' }).diagnostics).toEqual([]);
  });

  it('turns a rule that throws into one finding of that rule and carries on', () => {
    const bad = defineRule({
      id: 'bad',
      meta: { description: 'x', category: 'style', defaultSeverity: 'warning', recommended: true, dialects: ['irule'], fixable: 'none', messages: { m: 'm' } },
      create: () => ({
        Command: () => {
          throw new Error('boom');
        },
      }),
    });
    const { diagnostics } = lint('when A {\n  log local0. x\n  log local0. y\n}\n', { ruleSet: [bad, ...allRules] });
    expect(diagnostics.filter((d) => d.ruleId === 'bad')).toEqual([{ ruleId: 'bad', severity: 'error', message: 'internal error in rule bad: boom', range: { start: 0, end: 0 } }]);
  });

  it('lets configuration override a rule\'s suggested severity, and turns rules off', () => {
    const code = 'when A {\n  set x [class match a equals $::dg]\n}\n';
    const v10 = parseVersion('10.2')!;
    const sev = (rules?: Record<string, 'off' | 'warn' | 'error'>) =>
      lint(code, { version: v10, rules: [rules] }).diagnostics.filter((d) => d.ruleId === 'datagroup-global-reference').map((d) => d.severity);
    expect(sev()).toEqual(['warning']);
    expect(sev({ 'datagroup-global-reference': 'error' })).toEqual(['error']);
    expect(sev({ 'datagroup-global-reference': 'off' })).toEqual([]);
  });

  it('applies the settings of the layers given, whichever arrays hold them (plans are kept by layer objects)', () => {
    const code = 'when A {\n  set x [class match a equals $::dg]\n}\n';
    const v10 = parseVersion('10.2')!;
    const error = { 'datagroup-global-reference': 'error' } as const;
    const off = { 'datagroup-global-reference': 'off' } as const;
    const sev = (layers: (Record<string, 'off' | 'warn' | 'error'> | undefined)[]) =>
      lint(code, { version: v10, rules: layers }).diagnostics.filter((d) => d.ruleId === 'datagroup-global-reference').map((d) => d.severity);
    // The same layer objects in new arrays, in other orders and with undefined layers between them.
    for (let i = 0; i < 2; i++) {
      expect(sev([error, undefined])).toEqual(['error']);
      expect(sev([undefined, error])).toEqual(['error']);
      expect(sev([error, off])).toEqual([]);
      expect(sev([off, error])).toEqual(['error']);
      expect(sev([undefined, undefined])).toEqual(['warning']);
      expect(sev([off])).toEqual([]);
      expect(sev([])).toEqual(['warning']);
    }
  });

  it('never throws, whatever the input', () => {
    for (const text of ['', '}', '{{{{', 'when', 'when X', 'proc', '[[[', '$', '"', 'when A { when B { proc p }', '\u0000\uffff']) {
      expect(() => lint(text)).not.toThrow();
    }
  });
});

describe('configuration', () => {
  it('validates a config file and names the problem', () => {
    expect(validateConfig({ bigipVersion: '11.1', rules: { 'snat-argument': 'warn' }, ignore: ['a/**'] }, 'c.json', known)).toEqual({
      bigipVersion: '11.1',
      rules: { 'snat-argument': 'warn' },
      ignore: ['a/**'],
    });
    expect(() => validateConfig([], 'c.json', known)).toThrow(ConfigError);
    expect(() => validateConfig({ ignore: 'x' }, 'c.json', known)).toThrow('"ignore" must be an array of glob patterns');
    expect(() => validateConfig({ bigipConf: 3 }, 'c.json', known)).toThrow('"bigipConf" must be a file path');
  });

  it('resolves defaults, then layers in order', () => {
    const { settings, explicit } = resolveSettings(allRules, [{ 'snat-argument': 'warn' }, { 'snat-argument': 'off', 'non-ascii': 'error' }]);
    expect(settings.get('snat-argument')).toBe('off');
    expect(settings.get('non-ascii')).toBe('error');
    expect(settings.get('undefined-variable')).toBe('warning');
    expect([...explicit].sort()).toEqual(['non-ascii', 'snat-argument']);
  });

  it('parses --rule and suggests close rule ids', () => {
    expect(parseRuleOption('snat-argument=warning', known)).toEqual(['snat-argument', 'warning']);
    expect(() => parseRuleOption('=x', known)).toThrow(ConfigError);
    expect(closest('snat-argumnet', known)).toBe('snat-argument');
    expect(closest('completely-different-thing', known)).toBeUndefined();
    // Transpositions are one edit; a one-letter name is not "corrected" into an unrelated word.
    expect(closest('sant', ['send', 'snat', 'set'])).toBe('snat');
    expect(closest('x', ['fi', 'if', 'set'])).toBeUndefined();
  });
});

describe('suppression directives', () => {
  const c = (text: string) => ({ type: 'Comment' as const, text, range: { start: 0, end: text.length } });
  it('parses ids, commas and reasons', () => {
    expect(parseDirective(c('# irule-lint-disable-next-line a, b -- because -- really'))).toMatchObject({ kind: 'disable-next-line', ids: ['a', 'b'], reason: 'because -- really' });
    expect(parseDirective(c('#irule-lint-disable-line a'))).toMatchObject({ kind: 'disable-line', ids: ['a'] });
    expect(parseDirective(c('# irule-lint-enable'))).toMatchObject({ kind: 'enable', ids: [] });
    expect(parseDirective(c('# irule-lint-disabled a'))).toBeUndefined();
    expect(parseDirective(c('# just a comment'))).toBeUndefined();
  });

  it('silences only the named rule on the named line', () => {
    const code = 'when HTTP_REQUEST {\n  # irule-lint-disable-next-line undefined-variable\n  log local0. "$a $::b"\n  log local0. $c\n}\n';
    expect(lint(code).diagnostics.map((d) => d.ruleId)).toEqual(['cmp-global-variable', 'undefined-variable']);
  });
});

describe('fixes', () => {
  it('applies non-overlapping edits, skipping a second edit at the same place', () => {
    const fix = (start: number, end: number, text: string) => ({ ruleId: 'r', severity: 'error' as const, message: 'm', range: { start, end }, fix: [{ range: { start, end }, text }] });
    expect(applyFixes('abcdef', [fix(1, 2, 'X'), fix(4, 4, '-'), fix(4, 4, '+'), fix(1, 3, 'Y')])).toEqual({ text: 'aXcd-ef', applied: 2 });
  });

  it('keeps CRLF line ends for inserted newlines', () => {
    const d = { ruleId: 'r', severity: 'error' as const, message: 'm', range: { start: 3, end: 3 }, fix: [{ range: { start: 3, end: 3 }, text: '\nx' }] };
    expect(applyFixes('a\r\nb', [d]).text).toBe('a\r\n\r\nxb');
  });

  it('fixes in several rounds and leaves a file alone when the result would not parse', () => {
    const code = 'when HTTP_REQUEST {\n  if { [matchclass [HTTP::uri] starts_with $::paths] } { log local0. x }\n}\n';
    const r = fixText(code);
    expect(r.text).toBe('when HTTP_REQUEST {\n  if { [class match -- [HTTP::uri] starts_with paths] } { log local0. x }\n}\n');
    expect(r.fixed).toBe(3);
    const breaking = defineRule({
      id: 'breaker',
      meta: { description: 'x', category: 'style', defaultSeverity: 'warning', recommended: true, dialects: ['irule'], fixable: 'safe', messages: { m: 'm' } },
      create: (ctx) => ({ When: (w) => ctx.report({ node: w, messageId: 'm', fix: [{ range: { start: w.range.end - 1, end: w.range.end }, text: '{' }] }) }),
    });
    const rejected = fixText('when A { }\n', { ruleSet: [breaking] });
    expect(rejected).toMatchObject({ text: 'when A { }\n', changed: false, rejected: 'the fixed text would not parse' });
  });
});

describe('versions', () => {
  it('parses X[.Y[.Z[.W]]] from 9.0 on (X as X.0), compares numerically, defaults to the newest the catalog knows', () => {
    expect(parseVersion('11.1')).toEqual({ text: '11.1' });
    expect(parseVersion('11')).toEqual({ text: '11.0' });
    expect(parseVersion('15.1.2.1')).toEqual({ text: '15.1.2.1' });
    for (const bad of ['11.x', '8.4', '0.0', '11.1.0.0', '11.01', '1.2.3.4.5']) expect(parseVersion(bad)).toBeUndefined();
    expect(atLeast(parseVersion('10.10')!, '10.9')).toBe(true);
    expect(atLeast(parseVersion('11.0')!, '11.0.0')).toBe(true);
    expect(defaultVersion().text).toBe(newestKnownVersion());
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(`(currently ${newestKnownVersion()})`);
  });
});

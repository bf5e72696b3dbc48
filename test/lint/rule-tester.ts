/**
 * `ruleTester(rule, { valid, invalid })`: table-driven tests for one rule, built on `it.each`.
 * Only the rule under test runs (on, at its default severity, even when it is a preview rule).
 * A valid case must give no finding; an invalid case must give exactly the listed findings, in
 * order, at the listed positions, and, for a fixable rule, fix to `output`. The tester also fails
 * on duplicate cases, unknown message ids, and fixable rules with an invalid case lacking `output`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBigipConf } from '../../src/bigip/parse-config.js';
import type { BigipConfig } from '../../src/bigip/model.js';
import type { Dialect } from '../../src/syntax/ast.js';
import type { Severity } from '../../src/diagnostics.js';
import { fixText } from '../../src/lint/fix.js';
import type { AnyRule } from '../../src/lint/rule.js';
import type { SeveritySetting } from '../../src/lint/config.js';
import { lint, type LintOptions } from '../../src/lint/run.js';
import { allRules } from '../../src/lint/rules/index.js';
import { parse } from '../../src/syntax/index.js';
import { LineIndex } from '../../src/syntax/line-index.js';
import { parseVersion } from '../../src/lint/version.js';

/** Settings a case may change. */
export interface CaseOptions {
  /** BIG-IP version, e.g. `11.1` (default: the newest known). */
  version?: string;
  /** `bigip.conf` text for cross-checks. */
  bigipConf?: string;
  /** Dialect (default `irule`). */
  dialect?: Dialect;
  /** Settings of other rules. */
  rules?: Record<string, SeveritySetting>;
}

/** A case that must give no finding. */
export type ValidCase = string | { code: string; options?: CaseOptions; name?: string };

/** One expected finding. Lines and columns are 1-based; `endColumn` is exclusive. */
export interface ExpectedError {
  messageId: string;
  data?: Record<string, string | number>;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  severity?: Severity;
}

/** A case that must give the listed findings. */
export interface InvalidCase {
  code: string;
  errors: ExpectedError[];
  /** The text after `--fix` (required for fixable rules; `null` = the fix must not apply). */
  output?: string | null;
  options?: CaseOptions;
  name?: string;
}

/** Wraps a snippet in a `when` block, so rule tests stay short. */
export function inEvent(event: string, code: string): string {
  const body = code
    .trim()
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
  return `when ${event} {\n${body}\n}\n`;
}

/** The seed bigip.conf, for cross-check cases. */
export const SEED_BIGIP_CONF = readFileSync(new URL('../../fixtures/seed/bigip.conf', import.meta.url), 'utf8');

const confCache = new Map<string, BigipConfig>();

/** Lint options for a case running only `rule`. */
export function optionsFor(rule: AnyRule, options: CaseOptions = {}): LintOptions {
  // The suppression rules judge other rules' findings, so every rule runs for them.
  const ruleSet = SUPPRESSION_RULES.has(rule.id) ? allRules : [rule];
  const lintOptions: LintOptions = { ruleSet, rules: [{ [rule.id]: rule.meta.defaultSeverity === 'warning' ? 'warn' : rule.meta.defaultSeverity }], dialect: options.dialect ?? 'irule' };
  // Severity is left to the rule (so version-dependent severities show) unless it is a preview rule.
  if (rule.meta.recommended && !rule.meta.preview) delete lintOptions.rules;
  if (options.rules) lintOptions.rules = [...(lintOptions.rules ?? []), options.rules];
  if (options.version !== undefined) {
    const v = parseVersion(options.version);
    if (!v) throw new Error(`bad version ${options.version}`);
    lintOptions.version = v;
  }
  if (options.bigipConf !== undefined) {
    let conf = confCache.get(options.bigipConf);
    if (!conf) confCache.set(options.bigipConf, (conf = parseBigipConf(options.bigipConf).config));
    lintOptions.bigip = conf;
  }
  return lintOptions;
}

/** Rules that report on suppression comments. */
const SUPPRESSION_RULES = new Set(['unused-suppression', 'invalid-suppression', 'suppression-reason']);

/** Findings of `rule` on `code`, positioned for comparison. */
export function findings(rule: AnyRule, code: string, options?: CaseOptions) {
  const { diagnostics } = lint(code, optionsFor(rule, options));
  const index = new LineIndex(code);
  return diagnostics.filter((d) => d.ruleId === rule.id).map((d) => {
    const s = index.position(d.range.start);
    const e = index.position(d.range.end);
    return { ruleId: d.ruleId, message: d.message, severity: d.severity, line: s.line + 1, column: s.column + 1, endLine: e.line + 1, endColumn: e.column + 1 };
  });
}

/** Runs the cases of one rule. */
export function ruleTester(rule: AnyRule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  const valid = cases.valid.map((c) => (typeof c === 'string' ? { code: c } : c));
  const messages = rule.meta.messages as Record<string, string>;

  describe(rule.id, () => {
    it('has no duplicate cases', () => {
      const keys = [...valid.map((c) => JSON.stringify([c.code, c.options])), ...cases.invalid.map((c) => JSON.stringify([c.code, c.options]))];
      const dupes = keys.filter((k, i) => keys.indexOf(k) !== i);
      expect(dupes).toEqual([]);
    });

    it('names only message ids the rule has, and gives fixable rules an output for every invalid case', () => {
      for (const c of cases.invalid) {
        expect(c.errors.length, `invalid case without errors: ${c.code}`).toBeGreaterThan(0);
        for (const e of c.errors) expect(Object.keys(messages), `messageId ${e.messageId}`).toContain(e.messageId);
        if (rule.meta.fixable !== 'none') expect(c.output, `fixable rule needs output for: ${c.code}`).not.toBeUndefined();
      }
    });

    if (valid.length > 0) {
      it.each(valid.map((c) => [c.name ?? c.code, c] as const))('accepts %s', (_name, c) => {
        expectParses(rule, c.code, c.options);
        expect(findings(rule, c.code, c.options)).toEqual([]);
      });
    }

    if (cases.invalid.length > 0) {
      it.each(cases.invalid.map((c) => [c.name ?? c.code, c] as const))('reports %s', (_name, c) => {
        expectParses(rule, c.code, c.options);
        const got = findings(rule, c.code, c.options);
        const want = c.errors.map((e) => {
          const w: Record<string, unknown> = { ruleId: rule.id, line: e.line, column: e.column };
          const template = messages[e.messageId];
          w.message = expect.stringMatching(pattern(template, e.data));
          if (e.endLine !== undefined) w.endLine = e.endLine;
          if (e.endColumn !== undefined) w.endColumn = e.endColumn;
          if (e.severity !== undefined) w.severity = e.severity;
          return w;
        });
        expect(got.length, JSON.stringify(got, null, 1)).toBe(want.length);
        got.forEach((g, i) => expect(g).toMatchObject(want[i]));
        if (c.output !== undefined) {
          const fixed = fixText(c.code, optionsFor(rule, c.options), true);
          expect(fixed.text).toBe(c.output === null ? c.code : c.output);
        }
      });
    }
  });
}

/** A pattern for a message: placeholders with data filled in, the others matching anything. */
function pattern(template: string, data: Record<string, string | number> | undefined): RegExp {
  const esc = (t: string): string => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const parts = template.split(/\{\{\s*(\w+)\s*\}\}/);
  let re = '';
  parts.forEach((part, i) => {
    if (i % 2 === 0) re += esc(part);
    else re += data && part in data ? esc(String(data[part])) : '[^]*';
  });
  return new RegExp(`^${re}$`);
}

/** Cases are valid iRules apart from what the rule is about (except for the syntax rule itself). */
function expectParses(rule: AnyRule, code: string, options: CaseOptions | undefined): void {
  if (rule.id === 'syntax-error') return;
  const errors = parse(code, { dialect: options?.dialect ?? 'irule' }).diagnostics.filter((d) => d.severity === 'error');
  expect(errors.map((d) => d.message), 'the case does not parse').toEqual([]);
}

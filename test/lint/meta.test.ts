/**
 * Meta tests: every rule file is registered (in order), has a test and a doc page; each doc's H1
 * equals the rule's description and has the standard sections; the doc's examples behave as
 * tagged (`irule invalid` fences get a finding of the rule, `irule valid` fences get none and no
 * error from any other rule).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AnyRule } from '../../src/lint/rule.js';
import { allRules, rulesById } from '../../src/lint/rules/index.js';
import { lint } from '../../src/lint/run.js';
import { optionsFor, SEED_BIGIP_CONF, type CaseOptions } from './rule-tester.js';

const root = new URL('../../', import.meta.url);
const repositoryUrl = (JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { repository: { url: string } }).repository.url.match(/^git\+(https:\/\/.+)\.git$/)![1];
const ruleFiles = readdirSync(new URL('src/lint/rules/', root))
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .map((f) => f.slice(0, -3))
  .sort();

/** The standard sections of a rule page, in order. */
const SECTIONS = ['What it does', 'Why is this bad', 'Example', 'Use instead', 'Options', 'References'];

/** One tagged example of a doc page. */
interface Example {
  kind: 'valid' | 'invalid';
  code: string;
  options: CaseOptions;
  line: number;
}

/** The `irule valid|invalid [version=X] [conf=seed]` fences of a page. */
function examples(text: string): Example[] {
  const out: Example[] = [];
  const re = /^```irule (valid|invalid)([^\n]*)\n([^]*?)^```$/gm;
  for (const m of text.matchAll(re)) {
    const options: CaseOptions = {};
    for (const tok of m[2].trim().split(/\s+/).filter(Boolean)) {
      const [k, v] = tok.split('=');
      if (k === 'version') options.version = v;
      else if (k === 'conf' && v === 'seed') options.bigipConf = SEED_BIGIP_CONF;
      else throw new Error(`unknown fence option ${tok}`);
    }
    out.push({ kind: m[1] as Example['kind'], code: m[3], options, line: text.slice(0, m.index).split('\n').length });
  }
  return out;
}

describe('rule registry', () => {
  it('registers every rule file, sorted by id, under its file name', () => {
    expect(allRules.map((r) => r.id)).toEqual(ruleFiles);
    expect([...allRules.map((r) => r.id)].sort()).toEqual(allRules.map((r) => r.id));
  });

  it.each(ruleFiles)('%s has kebab-case id, camelCase message ids, a test file and a doc page', (id) => {
    const rule = rulesById.get(id)!;
    expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
    for (const m of Object.keys(rule.meta.messages)) expect(m).toMatch(/^[a-z][A-Za-z]*$/);
    expect(existsSync(new URL(`test/lint/rules/${id}.test.ts`, root)), 'test file').toBe(true);
    expect(existsSync(new URL(`docs/rules/${id}.md`, root)), 'doc page').toBe(true);
    // The page in the repository package.json names (https form of its git URL), on main.
    expect(rule.docsUrl).toBe(`${repositoryUrl}/blob/main/docs/rules/${id}.md`);
  });

  it.each(ruleFiles)('%s states the dialects it runs in (iRule only, or iRule and plain Tcl)', (id) => {
    const dialects = [...rulesById.get(id)!.meta.dialects].sort();
    expect([['irule'], ['irule', 'tcl']]).toContainEqual(dialects);
  });

  it('every doc page belongs to a rule', () => {
    const pages = readdirSync(new URL('docs/rules/', root)).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3));
    expect(pages.sort()).toEqual(ruleFiles);
  });
});

describe.each(allRules.map((r) => [r.id, r] as [string, AnyRule]))('docs/rules/%s.md', (id, rule) => {
  const text = readFileSync(new URL(`docs/rules/${id}.md`, root), 'utf8');

  it('has the description as its H1 and the standard sections in order', () => {
    expect(text.split('\n')[0]).toBe(`# ${rule.meta.description}`);
    const headings = [...text.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(headings).toEqual(SECTIONS);
  });

  const cases = examples(text);
  it('has at least one invalid and one valid example', () => {
    expect(cases.some((c) => c.kind === 'invalid')).toBe(true);
    expect(cases.some((c) => c.kind === 'valid')).toBe(true);
  });

  it.each(cases.map((c) => [`${c.kind} example at line ${c.line}`, c] as [string, Example]))('%s behaves as tagged', (_n, c) => {
    const own = lint(c.code, optionsFor(rule, c.options)).diagnostics.filter((d) => d.ruleId === id);
    if (c.kind === 'invalid') {
      expect(own.length).toBeGreaterThan(0);
    } else {
      expect(own.map((d) => d.message)).toEqual([]);
      const { ruleSet: _all, rules: _r, ...rest } = optionsFor(rule, c.options);
      const errors = lint(c.code, rest).diagnostics.filter((d) => d.severity === 'error');
      expect(errors.map((d) => `${d.ruleId}: ${d.message}`)).toEqual([]);
    }
  });
});

describe('README dialect section', () => {
  it('lists exactly the rules that run on plain Tcl', () => {
    const readme = readFileSync(new URL('README.md', root), 'utf8');
    const m = /The rules that run on plain Tcl:\s*([^]*?)\.\n/.exec(readme);
    expect(m, 'sentence "The rules that run on plain Tcl: ..." in README').not.toBeNull();
    const listed = [...m![1].matchAll(/`([a-z-]+)`/g)].map((x) => x[1]);
    expect(listed).toEqual(allRules.filter((r) => r.meta.dialects.includes('tcl')).map((r) => r.id));
  });
});

describe('README rule table', () => {
  it('lists every rule with its default and description, in registry order', () => {
    const readme = readFileSync(new URL('README.md', root), 'utf8');
    const rows = [...readme.matchAll(/^\| \[`([a-z-]+)`\]\(docs\/rules\/\1\.md\) \| ([^|]+) \| ([^|]+) \|$/gm)].map((m) => [m[1], m[2], m[3]]);
    const expected = allRules.map((r) => [
      r.id,
      r.meta.preview ? 'off (preview)' : !r.meta.recommended ? 'off' : r.meta.defaultSeverity,
      r.meta.description,
    ]);
    expect(rows).toEqual(expected);
  });
});

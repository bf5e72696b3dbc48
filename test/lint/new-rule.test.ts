/** `npm run new-rule <id>` scaffolds a rule, its test and its page, and registers it in order. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const script = path.join(root, 'scripts/new-rule.mjs');
const dir = mkdtempSync(path.join(tmpdir(), 'irule-lint-new-rule-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('scripts/new-rule.mjs', () => {
  it('writes the three files and adds the rule to the registry and the README table, in order', () => {
    mkdirSync(path.join(dir, 'src/lint/rules'), { recursive: true });
    writeFileSync(path.join(dir, 'src/lint/rules/index.ts'), readFileSync(path.join(root, 'src/lint/rules/index.ts')));
    writeFileSync(path.join(dir, 'README.md'), readFileSync(path.join(root, 'README.md')));
    const out = execFileSync(process.execPath, [script, 'header-injection', '--root', dir], { encoding: 'utf8' });
    expect(out).toContain('wrote src/lint/rules/header-injection.ts');
    const rule = readFileSync(path.join(dir, 'src/lint/rules/header-injection.ts'), 'utf8');
    expect(rule).toContain("id: 'header-injection'");
    expect(rule).toContain('preview: true');
    const page = readFileSync(path.join(dir, 'docs/rules/header-injection.md'), 'utf8');
    expect(page.split('\n')[0]).toBe('# One line saying what header-injection finds');
    expect(readFileSync(path.join(dir, 'test/lint/rules/header-injection.test.ts'), 'utf8')).toContain("from '../../../src/lint/rules/header-injection.js'");

    const registry = readFileSync(path.join(dir, 'src/lint/rules/index.ts'), 'utf8');
    const ids = [...registry.matchAll(/^import \w+ from '\.\/([a-z-]+)\.js';$/gm)].map((m) => m[1]);
    expect(ids).toContain('header-injection');
    expect([...ids].sort()).toEqual(ids);
    const entries = [...registry.matchAll(/^ {2}(\w+),$/gm)].map((m) => m[1]);
    expect(entries).toHaveLength(ids.length);
    expect(entries).toContain('headerInjection');
    const readme = readFileSync(path.join(dir, 'README.md'), 'utf8');
    const rows = [...readme.matchAll(/^\| \[`([a-z-]+)`\]/gm)].map((m) => m[1]);
    expect(rows).toContain('header-injection');
    expect([...rows].sort()).toEqual(rows);
  });

  it('refuses a bad id and an existing rule', () => {
    expect(spawnSync(process.execPath, [script, 'Bad_Id', '--root', dir]).status).toBe(2);
    const again = spawnSync(process.execPath, [script, 'header-injection', '--root', dir], { encoding: 'utf8' });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already exists');
  });
});

/**
 * The pre-commit hook of .pre-commit-hooks.yaml, run by Debian's real `pre-commit` against a
 * temporary repository. The hook repository is a fresh git repository holding this checkout's
 * files (tracked and new, minus ignored ones), so the test sees the working tree. pre-commit
 * installs the hook with `npm install`, `npm pack` (whose stdout it reads as the tarball name:
 * see .npmrc) and `npm install -g`; npm's cache, filled by `npm ci`, serves the packages.
 * Needs `pre-commit` (.ci/run installs it): skipped locally without it, failed in CI.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkoutRepo, git } from './checkout-repo.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const available = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;
const inCi = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';

/** The tests' scratch folder, made only when they run (a skipped block runs no hooks, so it would stay behind). */
let work = '';

/** A git repository holding this checkout's files; returns its path and commit. */
function hookRepo(): { dir: string; rev: string } {
  const dir = path.join(work, 'hook');
  return { dir, rev: checkoutRepo(root, dir) };
}

describe.runIf(available || inCi)('pre-commit hook', () => {
  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'irule-lint-precommit-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  it('is installed by pre-commit and reports the staged iRules', () => {
    expect(available, 'pre-commit must be installed in CI (.ci/run installs it)').toBe(true);
    const hook = hookRepo();
    const user = path.join(work, 'user');
    mkdirSync(user);
    git(user, 'init', '-q');
    writeFileSync(
      path.join(user, '.pre-commit-config.yaml'),
      `repos:\n  - repo: ${hook.dir}\n    rev: ${hook.rev}\n    hooks:\n      - id: irule-lint\n`,
    );
    writeFileSync(path.join(user, 'bad.irule'), 'when HTTP_REQUEST {\n  log local0. "unfinished\n}\n');
    writeFileSync(path.join(user, 'ok.irule'), 'when HTTP_REQUEST {\n  log local0. "fine"\n}\n');
    writeFileSync(path.join(user, 'notes.txt'), 'not an iRule {\n');
    git(user, 'add', '-A');
    const env = { ...process.env, PRE_COMMIT_HOME: path.join(work, 'cache'), npm_config_prefer_offline: 'true', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };

    const all = spawnSync('pre-commit', ['run', '--all-files'], { cwd: user, env, encoding: 'utf8', timeout: 300_000 });
    const out = `${all.stdout}${all.stderr}`;
    expect(all.status, out).toBe(1);
    expect(out).toMatch(/irule-lint\.+Failed/);
    expect(out).toContain('bad.irule:2:15  error  missing close-quote');
    expect(out).not.toContain('ok.irule:');
    expect(out).not.toContain('notes.txt');

    const clean = spawnSync('pre-commit', ['run', '--files', 'ok.irule'], { cwd: user, env, encoding: 'utf8', timeout: 300_000 });
    expect(clean.status, `${clean.stdout}${clean.stderr}`).toBe(0);
    expect(clean.stdout).toMatch(/irule-lint\.+Passed/);
  }, 600_000);
});

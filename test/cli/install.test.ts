/**
 * The install paths of the README: `npm pack` (stdout is the tarball name alone; the tarball holds
 * only what runs) and `npm install -g` of that tarball, and `npm install -g --install-links` of a
 * git URL (`git+file://` of a fresh repository holding this checkout's files), each into a
 * temporary prefix; then the three executables run from the prefix's bin folder. A git install
 * builds dist/ in its `prepare` script with the locked dev dependencies, served from npm's cache
 * (filled by `npm ci`).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkoutRepo } from './checkout-repo.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
const work = mkdtempSync(path.join(tmpdir(), 'irule-lint-install-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const npmOptions = ['--no-audit', '--no-fund', '--prefer-offline'];

/** Runs npm; returns stdout (throws with stderr on failure). */
function npm(cwd: string, ...args: string[]): string {
  const r = spawnSync('npm', args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} exited ${r.status}:\n${r.stderr}`);
  return r.stdout;
}

/**
 * Runs the three executables of a prefix and checks what they print; the first lint run writes
 * its code cache into the user's cache folder (a temporary one here), since a package carries
 * none (a git install's `prepare` builds one, but the package is packed from that clone).
 */
function checkBins(prefix: string): void {
  const bin = (name: string): string => path.join(prefix, 'bin', name);
  const file = path.join(work, 'typo.irule');
  writeFileSync(file, 'when HTTP_REQUEST {\n    HTTP::hots\n}\n');
  const cacheDir = mkdtempSync(path.join(work, 'user-cache-'));
  const env = { ...process.env, IRULE_LINT_CACHE_DIR: cacheDir, IRULE_LINT_CACHE_DEBUG: '1' };
  const lint = spawnSync(bin('irule-lint'), ['--format', 'json', file], { encoding: 'utf8', env });
  expect(lint.stderr).toMatch(new RegExp(`^irule-lint: code cache: none\nirule-lint: code cache: written ${cacheDir}/irule-lint-[^/]+\\.v8cache\n$`));
  expect(lint.status, lint.stderr).toBe(1);
  const messages = (JSON.parse(lint.stdout) as { messages: { ruleId: string; message: string }[] }[])[0].messages;
  expect(messages.map((m) => m.ruleId)).toEqual(['unknown-command']);
  expect(messages[0].message).toContain('did you mean "HTTP::host"?');
  for (const name of ['irule-sim', 'irule-lsp']) {
    expect(execFileSync(bin(name), ['--version'], { encoding: 'utf8' }).trim()).toBe(pkg.version);
  }
}

/**
 * A git repository holding this checkout's files, with this checkout's node_modules linked in
 * (untracked): packing here builds its own dist/, never rewriting the one other tests are running.
 */
let repoCommit: string | undefined;
const repo = path.join(work, 'repo');
function sourceRepo(): string {
  if (repoCommit === undefined) {
    repoCommit = checkoutRepo(root, repo);
    symlinkSync(path.join(root, 'node_modules'), path.join(repo, 'node_modules'), 'dir');
  }
  return repoCommit;
}

describe('installing', () => {
  it('from npm pack output: a quiet pack of what runs, and working executables', { timeout: 180_000 }, () => {
    sourceRepo();
    const out = npm(repo, 'pack', '--pack-destination', work);
    // pre-commit reads the tarball name from stdout: nothing else may be there.
    expect(out).toBe(`irule-lint-${pkg.version}.tgz\n`);
    const tarball = path.join(work, out.trim());
    const entries = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).trim().split('\n').sort();
    // The catalog's command files, read by the executables (one per grammar/commands file).
    const catalog = entries.filter((e) => e.startsWith('package/dist/cli/catalog/'));
    const commandFiles = readdirSync(path.join(root, 'grammar', 'commands')).filter((f) => f.endsWith('.json'));
    expect(catalog).toEqual(commandFiles.map((f) => `package/dist/cli/catalog/${f.replace(/\.json$/, '.jsonl')}`).sort());
    const listing = entries.filter((e) => !catalog.includes(e));
    // The launchers, the program bundles they load and the package.json that makes them CommonJS;
    // no code cache (it holds for one Node version: the first run writes one in the user's folder).
    expect(listing).toEqual([
      'package/README.md',
      'package/dist/cli/irule-lint-worker.js',
      'package/dist/cli/irule-lint.bundle.cjs',
      'package/dist/cli/irule-lint.js',
      'package/dist/cli/irule-sim.bundle.cjs',
      'package/dist/cli/irule-sim.js',
      'package/dist/cli/package.json',
      'package/dist/lsp/server.js',
      'package/package.json',
    ]);
    const prefix = path.join(work, 'from-tarball');
    npm(work, 'install', '--global', '--prefix', prefix, ...npmOptions, tarball);
    // Nothing besides the package itself: the bundles carry their libraries.
    expect(existsSync(path.join(prefix, 'lib', 'node_modules', 'irule-lint', 'node_modules'))).toBe(false);
    checkBins(prefix);
  });

  it('from a git URL: prepare builds dist/ and the executables work', { timeout: 300_000 }, () => {
    const rev = sourceRepo();
    const prefix = path.join(work, 'from-git');
    npm(work, 'install', '--global', '--install-links', '--prefix', prefix, ...npmOptions, `git+file://${repo}#${rev}`);
    const installed = path.join(prefix, 'lib', 'node_modules', 'irule-lint');
    // A real folder, not a link into npm's temporary clone (npm/cli#4148 without --install-links).
    expect(lstatSync(installed).isDirectory()).toBe(true);
    checkBins(prefix);
  });
});

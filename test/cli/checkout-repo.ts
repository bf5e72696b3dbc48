/**
 * Test helper: a fresh git repository holding this checkout's files (tracked and new, minus
 * ignored ones), so tests that install "from git" see the working tree, not the last commit.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync } from 'node:fs';
import path from 'node:path';

/** Runs git quietly with a fixed identity. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.invalid', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Copies the checkout at `root` into a new repository `dir`, commits, and returns the commit. */
export function checkoutRepo(root: string, dir: string): string {
  mkdirSync(dir);
  const files = git(root, 'ls-files', '-z', '--cached', '--others', '--exclude-standard').split('\0').filter((f) => f !== '');
  for (const f of files) {
    try {
      cpSync(path.join(root, f), path.join(dir, f), { recursive: false });
    } catch {
      // A file deleted from the working tree but still in the index.
    }
  }
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'checkout');
  return git(dir, 'rev-parse', 'HEAD').trim();
}

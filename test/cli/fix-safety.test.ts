/**
 * `--fix` is safe (issue 14): a read-only file is refused and left as it is, a symbolic link has its
 * target fixed and stays a link, and a file that cannot be written is reported on its own while the
 * other files are still fixed (exit 2).
 */
import { spawnSync } from 'node:child_process';
import { chmod, lstat, readdir, readFile, readlink, stat, symlink } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, tempTree } from './helpers.js';

/** A rule with one safe fix: `# note` after a command becomes `;# note`. */
const FIXABLE = 'when HTTP_REQUEST {\n  log local0. "x" # note\n}\n';
const FIXED = FIXABLE.replace('# note', ';# note');

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function tree(files: Record<string, string>): Promise<string> {
  const t = await tempTree(files);
  cleanups.push(async () => {
    await chmod(t.dir, 0o755).catch(() => {});
    await chmod(path.join(t.dir, 'ro'), 0o755).catch(() => {});
    await t.cleanup();
  });
  return t.dir;
}

describe('--fix on files it must not or cannot replace', () => {
  it('refuses a read-only (0444) file with a clear message and leaves it unchanged', async () => {
    const dir = await tree({ 'a.irule': FIXABLE });
    const file = path.join(dir, 'a.irule');
    await chmod(file, 0o444);
    const before = await stat(file);
    const r = await runCli(['--fix', 'a.irule'], dir);
    expect(r.stderr).toContain(`irule-lint: cannot write 'a.irule': the file is read-only (mode 0444); left unchanged\n`);
    expect(r.code).toBe(2);
    // The finding that was not fixed is still reported.
    expect(r.stdout).toContain('a.irule:2:');
    expect(await readFile(file, 'utf8')).toBe(FIXABLE);
    const after = await stat(file);
    expect([after.ino, after.mode & 0o777]).toEqual([before.ino, 0o444]);
  });

  it('fixes the target of a symbolic link and keeps the link', async () => {
    const dir = await tree({ 'real/target.irule': FIXABLE });
    await symlink(path.join('real', 'target.irule'), path.join(dir, 'link.irule'));
    const r = await runCli(['--fix', 'link.irule'], dir);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    expect((await lstat(path.join(dir, 'link.irule'))).isSymbolicLink()).toBe(true);
    expect(await readlink(path.join(dir, 'link.irule'))).toBe(path.join('real', 'target.irule'));
    expect(await readFile(path.join(dir, 'real', 'target.irule'), 'utf8')).toBe(FIXED);
  });

  it('reports a file in a read-only folder and goes on fixing the others (exit 2)', async () => {
    // Root writes into read-only folders regardless, so the run drops to an ordinary user then.
    const dir = await tree({ 'a/1.irule': FIXABLE, 'ro/2.irule': FIXABLE, 'z/3.irule': FIXABLE });
    const asRoot = process.getuid?.() === 0;
    await chmod(dir, 0o755);
    for (const d of ['a', 'z']) await chmod(path.join(dir, d), asRoot ? 0o777 : 0o755);
    await chmod(path.join(dir, 'ro'), 0o555);
    for (const f of ['a/1.irule', 'ro/2.irule', 'z/3.irule']) await chmod(path.join(dir, f), 0o666);
    let bin = fileURLToPath(new URL('../../dist/cli/irule-lint.js', import.meta.url));
    if (asRoot) {
      // That user may not be able to enter the checkout (a clone under /root is 0700): run a copy
      // of the executable (the launcher, the program bundle it loads, the package.json that
      // makes them CommonJS and the catalog files) from a temporary folder it can read.
      const catalog = (await readdir(path.join(path.dirname(bin), 'catalog'))).map((f) => `catalog/${f}`);
      const files = ['irule-lint.js', 'irule-lint.bundle.cjs', 'package.json', ...catalog];
      const copy = await tempTree(Object.fromEntries(await Promise.all(files.map(async (f) => [f, await readFile(path.join(path.dirname(bin), f))]))));
      cleanups.push(copy.cleanup);
      await chmod(copy.dir, 0o755);
      await chmod(path.join(copy.dir, 'catalog'), 0o755);
      for (const f of files) await chmod(path.join(copy.dir, f), 0o644);
      bin = path.join(copy.dir, 'irule-lint.js');
    }
    const r = spawnSync(process.execPath, [bin, '--fix', '.'], { cwd: dir, encoding: 'utf8', ...(asRoot ? { uid: 65534, gid: 65534 } : {}) });
    expect(r.stderr).toBe(`irule-lint: cannot write '${path.join('ro', '2.irule')}': permission denied; left unchanged\nirule-lint: 1 file could not be fixed in place\n`);
    expect(r.status).toBe(2);
    expect(await readFile(path.join(dir, 'a/1.irule'), 'utf8')).toBe(FIXED);
    expect(await readFile(path.join(dir, 'ro/2.irule'), 'utf8')).toBe(FIXABLE);
    expect(await readFile(path.join(dir, 'z/3.irule'), 'utf8')).toBe(FIXED);
    expect(r.stdout).toContain(`${path.join('ro', '2.irule')}:2:`);
  });
});

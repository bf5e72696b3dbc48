/**
 * The executables' start-up (src/cli/launch.ts) and the threads of a large run
 * (src/cli/lint-threads.ts), through the built files (dist/cli, built by the global setup): the
 * V8 code cache is written, used, dropped when the bundle changes, and a damaged one is ignored,
 * always with the output of an ordinary start; linting on several threads prints what one does.
 * The cache runs use a copy of the executable without the build's cache, and a cache folder of
 * their own (`IRULE_LINT_CACHE_DIR`); `IRULE_LINT_CACHE_DEBUG=1` says what happened on stderr.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { userCacheDir } from '../../src/cli/launch.js';
import { FILES_PER_THREAD, threadCount } from '../../src/cli/lint-files.js';

const dist = fileURLToPath(new URL('../../dist/cli/', import.meta.url));
const fixtures = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const work = mkdtempSync(path.join(tmpdir(), 'irule-lint-launch-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A copy of the irule-lint executable with its catalog files (no code cache) in a new folder; returns the launcher. */
function copyExecutable(name: string): string {
  const dir = path.join(work, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  for (const f of ['irule-lint.js', 'irule-lint-worker.js', 'irule-lint.bundle.cjs', 'package.json']) {
    copyFileSync(path.join(dist, f), path.join(dir, f), 0);
  }
  cpSync(path.join(dist, 'catalog'), path.join(dir, 'catalog'), { recursive: true });
  return path.join(dir, 'irule-lint.js');
}

/** Runs a launcher with a cache folder; returns the exit code, stdout and the cache lines of stderr. */
function run(bin: string, cacheDir: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, IRULE_LINT_CACHE_DIR: cacheDir, IRULE_LINT_CACHE_DEBUG: '1', ...env },
    maxBuffer: 1 << 26,
  });
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  return {
    code: r.status,
    stdout: r.stdout,
    cache: lines.filter((l) => l.startsWith('irule-lint: code cache: ')).map((l) => l.slice('irule-lint: code cache: '.length)),
    other: lines.filter((l) => !l.startsWith('irule-lint: code cache: ')),
  };
}

const lintArgs = ['--format', 'json', path.join(fixtures, 'lint')];

describe('the user cache folder', () => {
  it('is IRULE_LINT_CACHE_DIR (empty: none), else under XDG_CACHE_HOME, else under ~/.cache', () => {
    expect(userCacheDir({ IRULE_LINT_CACHE_DIR: '/somewhere', XDG_CACHE_HOME: '/xdg' })).toBe('/somewhere');
    expect(userCacheDir({ IRULE_LINT_CACHE_DIR: '', XDG_CACHE_HOME: '/xdg' })).toBeUndefined();
    expect(userCacheDir({ XDG_CACHE_HOME: '/xdg' })).toBe(path.join('/xdg', 'irule-lint'));
    if (process.platform !== 'win32') expect(userCacheDir({})).toBe(path.join(homedir(), '.cache', 'irule-lint'));
  });
});

describe('the code cache', () => {
  it('is written by a first run, used by the next, and changes nothing in the output', () => {
    const bin = copyExecutable('fresh');
    const cacheDir = path.join(work, 'cache-fresh');
    const plain = run(bin, '', lintArgs);
    expect(plain.cache).toEqual(['none']);
    expect(plain.stdout.length).toBeGreaterThan(100);
    const first = run(bin, cacheDir, lintArgs);
    expect(first.cache[0]).toBe('none');
    expect(first.cache[1]).toMatch(/^written .*irule-lint-[0-9a-f]{16}-v\d+\.\d+\.\d+-[a-z0-9]+-[a-z0-9]+\.v8cache$/);
    const file = first.cache[1].slice('written '.length);
    expect(readdirSync(cacheDir)).toEqual([path.basename(file)]);
    // V8's data starts 8-byte aligned after the key line, so V8 can use it without a copy.
    expect((readFileSync(file).indexOf('\n') + 1) % 8).toBe(0);
    const second = run(bin, cacheDir, lintArgs);
    expect(second.cache).toEqual([`accepted ${file}`]);
    for (const r of [first, second]) expect({ code: r.code, stdout: r.stdout, other: r.other }).toEqual({ code: plain.code, stdout: plain.stdout, other: plain.other });
  });

  it('is not written when the catalog files are missing, which is one clear line and exit 2', () => {
    const bin = copyExecutable('no-catalog');
    rmSync(path.join(path.dirname(bin), 'catalog'), { recursive: true });
    const cacheDir = path.join(work, 'cache-no-catalog');
    const r = run(bin, cacheDir, lintArgs);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.other).toEqual([`irule-lint: cannot find its command catalog, ${path.join(path.dirname(bin), 'catalog')}: reinstall irule-lint`]);
    expect(() => readdirSync(cacheDir)).toThrow();
  });

  it('is not written by --version, --help or a usage error', () => {
    const bin = copyExecutable('version');
    const cacheDir = path.join(work, 'cache-version');
    for (const args of [['--version'], ['--help'], ['--no-such-option']]) expect(run(bin, cacheDir, args).cache).toEqual(['none']);
    expect(() => readdirSync(cacheDir)).toThrow();
  });

  it('is not used once the bundle changes, and the new one replaces it', () => {
    const bin = copyExecutable('changed');
    const cacheDir = path.join(work, 'cache-changed');
    const before = run(bin, cacheDir, lintArgs);
    const file = before.cache[1].slice('written '.length);
    // Same length (V8 checks only the length of the source): one letter of the help text changed.
    const bundle = path.join(path.dirname(bin), 'irule-lint.bundle.cjs');
    const text = readFileSync(bundle, 'latin1');
    const words = '"Lint F5 BIG-IP iRules and Tcl files."';
    expect(text).toContain(words);
    writeFileSync(bundle, text.replace(words, words.replace('Lint', 'LINT')), 'latin1');
    const after = run(bin, cacheDir, lintArgs);
    expect(after.cache).toEqual(['none', `written ${file}`]);
    expect(after.stdout).toBe(before.stdout);
    appendFileSync(bundle, '// a comment at the end\n');
    expect(run(bin, cacheDir, lintArgs).cache).toEqual(['none', `written ${file}`]);
    expect(readdirSync(cacheDir)).toEqual([path.basename(file)]);
  });

  it('is ignored when damaged (rejected by V8, or not a cache file at all), then rewritten', () => {
    const bin = copyExecutable('damaged');
    const cacheDir = path.join(work, 'cache-damaged');
    const good = run(bin, cacheDir, lintArgs);
    const file = good.cache[1].slice('written '.length);
    const bytes = readFileSync(file);
    // Bits flipped in the middle of V8's data: its checksum rejects it.
    const flipped = Buffer.from(bytes);
    for (let i = 0; i < 16; i++) flipped[Math.floor(flipped.length / 2) + i * 997] ^= 0x24;
    writeFileSync(file, flipped);
    const rejected = run(bin, cacheDir, lintArgs);
    expect(rejected.cache).toEqual([`rejected ${file}`, `written ${file}`]);
    expect({ code: rejected.code, stdout: rejected.stdout, other: rejected.other }).toEqual({ code: good.code, stdout: good.stdout, other: good.other });
    expect(run(bin, cacheDir, lintArgs).cache).toEqual([`accepted ${file}`]);
    // Cut short, or text: not even read as a cache.
    for (const damaged of [bytes.subarray(0, 40), Buffer.from('not a cache\n')]) {
      writeFileSync(file, damaged);
      const r = run(bin, cacheDir, lintArgs);
      expect(r.cache).toEqual(['none', `written ${file}`]);
      expect(r.stdout).toBe(good.stdout);
    }
  });

  it('falls back quietly when the cache folder cannot be written', () => {
    const bin = copyExecutable('unwritable');
    const blocker = path.join(work, 'a-file');
    writeFileSync(blocker, '');
    const r = run(bin, path.join(blocker, 'cache'), lintArgs);
    expect(r.cache[0]).toBe('none');
    expect(r.cache[1]).toMatch(/^not written: /);
    expect(r.other).toEqual([]);
  });
});

describe('linting on several threads', () => {
  it('prints exactly what one thread prints, in the same order', () => {
    const bin = path.join(dist, 'irule-lint.js');
    // Every fixture (clean, broken, Tcl and iRule files), several times over in folders of their own.
    const args = ['--format', 'json', ...[1, 2, 3].map(() => path.join(fixtures, 'parser')), path.join(fixtures, 'lint')];
    const one = run(bin, '', args, { IRULE_LINT_THREADS: '1' });
    expect(one.cache).toHaveLength(1);
    expect(JSON.parse(one.stdout).length).toBeGreaterThan(50);
    for (const threads of ['2', '3']) {
      const many = run(bin, '', args, { IRULE_LINT_THREADS: threads });
      // One start per thread: the workers ran the program too.
      expect(many.cache).toHaveLength(Number(threads));
      expect({ code: many.code, stdout: many.stdout, other: many.other }).toEqual({ code: one.code, stdout: one.stdout, other: one.other });
    }
  });
});

describe('the number of threads', () => {
  it('follows IRULE_LINT_THREADS, else the file count, the cores and their load', () => {
    expect(threadCount(10, { IRULE_LINT_THREADS: '3' }, 2, 0)).toBe(3);
    expect(threadCount(5000, { IRULE_LINT_THREADS: '1' }, 8, 0)).toBe(1);
    // Not a count: ignored.
    expect(threadCount(5000, { IRULE_LINT_THREADS: '0' }, 8, 0)).toBe(4);
    expect(threadCount(5000, { IRULE_LINT_THREADS: 'many' }, 8, 0)).toBe(4);
    // One thread per FILES_PER_THREAD files, and one worker per two idle cores besides the main thread's.
    expect(threadCount(FILES_PER_THREAD * 2 - 1, {}, 8, 0)).toBe(1);
    expect(threadCount(FILES_PER_THREAD * 2, {}, 8, 0)).toBe(2);
    expect(threadCount(FILES_PER_THREAD * 20, {}, 8, 0)).toBe(4);
    expect(threadCount(FILES_PER_THREAD * 20, {}, 16, 0)).toBe(8);
    expect(threadCount(FILES_PER_THREAD * 20, {}, 4, 0)).toBe(2);
    // Two cores: no worker, idle or not (a worker lost there in every measurement).
    expect(threadCount(FILES_PER_THREAD * 20, {}, 2, 0)).toBe(1);
    expect(threadCount(FILES_PER_THREAD * 20, {}, 2, 1.5)).toBe(1);
    // A busy machine: fewer idle cores, fewer workers.
    expect(threadCount(FILES_PER_THREAD * 20, {}, 8, 4.2)).toBe(2);
    expect(threadCount(FILES_PER_THREAD * 20, {}, 8, 12)).toBe(1);
    expect(threadCount(FILES_PER_THREAD * 20, {}, 4, 1.5)).toBe(1);
  });
});

/**
 * Subprocess tests of the bundled executable dist/cli/irule-lint.js (built by the global setup):
 * the things in-process tests cannot see, such as the shebang, real stdin and process exit codes.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newestKnownVersion } from '../../src/lint/version.js';
import { BROKEN, CLEAN, tempTree } from './helpers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = `${root}dist/cli/irule-lint.js`;
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { version: string };

let dir = '';
let cleanup = async (): Promise<void> => {};
beforeAll(async () => {
  ({ dir, cleanup } = await tempTree({ 'ok.irule': CLEAN, 'bad.irule': BROKEN }));
});
afterAll(() => cleanup());

/** Run the bundle directly (through its shebang) in the temporary folder. */
function exec(args: string[], input = '') {
  const r = spawnSync(bin, args, { cwd: dir, input, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('dist/cli/irule-lint.js', () => {
  it('is an executable file with a node shebang', () => {
    expect(readFileSync(bin, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
    expect(statSync(bin).mode & 0o111).toBe(0o111);
  });

  it('checks against the newest catalog version, pre-computed at build, by default', () => {
    const newest = newestKnownVersion();
    const fixtures = `${root}fixtures/lint`;
    const byDefault = exec(['--format', 'json', fixtures]);
    expect(byDefault.stdout.length).toBeGreaterThan(100);
    expect(exec(['--format', 'json', '--bigip-version', newest, fixtures]).stdout).toBe(byDefault.stdout);
    expect(readFileSync(`${root}dist/cli/irule-lint.bundle.cjs`, 'utf8')).toContain(JSON.stringify(newest));
  });

  it('prints the version inlined from package.json', () => {
    expect(exec(['--version'])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('exits 0 silently for a clean file and 1 with findings for a broken one', () => {
    expect(exec(['ok.irule'])).toEqual({ code: 0, stdout: '', stderr: '' });
    const bad = exec(['bad.irule']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^bad\.irule:\d+:\d+ +error +.* +syntax-error\n/);
  });

  it('reports a command in a namespace named like an object property as unknown, not as a parser failure', () => {
    const r = exec(['--format', 'json', '-'], 'when HTTP_REQUEST {\n  toString::x 1\n  constructor::y\n}\n');
    const messages = JSON.parse(r.stdout)[0].messages as { ruleId: string; line: number }[];
    expect(messages.map((m) => [m.ruleId, m.line])).toEqual([
      ['unknown-command', 2],
      ['unknown-command', 3],
    ]);
  });

  it('reads piped standard input', () => {
    const r = exec(['--format', 'json', '-'], BROKEN);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)[0].filePath).toBe('<stdin>');
    expect(exec(['--stdin'], CLEAN)).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('exits 2 with a single stderr line for a missing file and for an unknown option', () => {
    expect(exec(['missing.irule'])).toEqual({
      code: 2,
      stdout: '',
      stderr: "irule-lint: cannot read 'missing.irule': no such file or directory\n",
    });
    expect(exec(['--nope'])).toEqual({ code: 2, stdout: '', stderr: "irule-lint: unknown option '--nope' (see --help)\n" });
  });

  it('prints help on stdout and exits 0', () => {
    const r = exec(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: irule-lint');
  });
});

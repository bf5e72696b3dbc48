/**
 * Keeps the README's quick start honest: its lint command, run on this checkout, prints exactly the
 * output and exit code the README shows. When a rule or message changes, update the README.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const readme = readFileSync(`${root}README.md`, 'utf8');

/** The text of the `## Quick start` section. */
function quickStart(): string {
  const m = /^## Quick start\n([^]*?)(?=^## )/m.exec(readme);
  if (!m) throw new Error('README has no "## Quick start" section');
  return m[1];
}

/** The contents of every fenced block with the given info string in `text`. */
function blocks(text: string, info: string): string[] {
  return [...text.matchAll(new RegExp('^```' + info + '\\n([^]*?)^```$', 'gm'))].map((m) => m[1]);
}

describe('README quick start', () => {
  it('has exactly two commands: set up and lint a bundled example, then npm test', () => {
    const [commands] = blocks(quickStart(), 'sh');
    const lines = commands.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^npm ci && npm run build && node dist\/cli\/irule-lint\.js \S/);
    expect(lines[1]).toBe('npm test');
  });

  it('shows the output and exit code the lint command really produces', () => {
    const section = quickStart();
    const [commands] = blocks(section, 'sh');
    const args = commands.split('\n')[0].split(' && ').at(-1)!.split(/\s+/).slice(2);
    const [expectedOut] = blocks(section, 'text');
    const code = /\(exit code (\d)\)/.exec(section);
    expect(code, 'the section states "(exit code N)"').not.toBeNull();

    const r = spawnSync(process.execPath, [`${root}dist/cli/irule-lint.js`, ...args], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(expectedOut);
    expect(r.status).toBe(Number(code![1]));
  });
});

/**
 * Keeps the README's `## irule-sim` worked example honest: every `sh` block there that runs
 * dist/cli/irule-sim.js is followed by the exact output it prints (a `text` or `json` block),
 * and it exits 0.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const readme = readFileSync(`${root}/README.md`, 'utf8');

/** The `## irule-sim` section. */
function section(): string {
  const m = /^## irule-sim\n([^]*?)(?=^## |(?![^]))/m.exec(readme);
  if (!m) throw new Error('README has no "## irule-sim" section');
  return m[1];
}

/** Pairs of (command, expected output) in the section. */
function examples(): { command: string; output: string }[] {
  const fences = [...section().matchAll(/^```(\w*)\n([^]*?)^```$/gm)].map((m) => ({ info: m[1], body: m[2] }));
  const out: { command: string; output: string }[] = [];
  fences.forEach((f, k) => {
    if (f.info === 'sh' && f.body.startsWith('node dist/cli/irule-sim.js ')) {
      const next = fences[k + 1];
      if (!next || (next.info !== 'text' && next.info !== 'json')) throw new Error(`no output block after: ${f.body}`);
      out.push({ command: f.body.trim(), output: next.body });
    }
  });
  return out;
}

describe('README irule-sim example', () => {
  it('has runnable examples', () => {
    expect(examples().length).toBeGreaterThanOrEqual(2);
  });

  it.each(examples().map((e) => [e.command, e] as const))('%s', (_cmd, { command, output }) => {
    const args = command.split(/\s+/).slice(2);
    const r = spawnSync(process.execPath, [`${root}/dist/cli/irule-sim.js`, ...args], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(output);
  });
});

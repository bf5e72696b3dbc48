/**
 * Golden tests of the simulator scenarios in fixtures/sim: each folder's args.txt is run through
 * `irule-sim` with the folder as working directory; the text output must equal expected.txt.
 * UPDATE_GOLDEN=1 rewrites the expected files.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runSim } from '../../../src/cli/sim/run.js';

const dir = fileURLToPath(new URL('../../../fixtures/sim/', import.meta.url));
const scenarios = readdirSync(dir).filter((d) => statSync(path.join(dir, d)).isDirectory()).sort();

describe('simulator scenarios (fixtures/sim)', () => {
  it('has scenarios', () => {
    expect(scenarios.length).toBeGreaterThan(0);
  });

  it.each(scenarios)('%s', async (name) => {
    const cwd = path.join(dir, name);
    const args = readFileSync(path.join(cwd, 'args.txt'), 'utf8').trim().split(/\s+/);
    let stdout = '';
    let stderr = '';
    const code = await runSim(args, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), readStdin: async () => new Uint8Array(), cwd });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const golden = path.join(cwd, 'expected.txt');
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(golden)) writeFileSync(golden, stdout);
    expect(stdout).toBe(readFileSync(golden, 'utf8'));
  });
});

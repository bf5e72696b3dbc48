/** Runs `irule-sim` in process, collecting its output (shared by the CLI tests). */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runSim } from '../../../src/cli/sim/run.js';

/** The seed fixtures folder, the default working directory. */
export const seedDir = path.join(fileURLToPath(new URL('../../../', import.meta.url)), 'fixtures/seed');

/** `irule-sim argv...` in `cwd`: exit code and what it printed. */
export async function sim(argv: string[], cwd = seedDir): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runSim(argv, {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    readStdin: async () => new Uint8Array(),
    cwd,
  });
  return { code, stdout, stderr };
}

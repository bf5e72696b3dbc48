/** The `irule-sim` program (bundled as dist/cli/irule-sim.bundle.cjs and started by launch.ts): wires {@link runSim} to the real process. */
import { useCatalogFiles } from './catalog-files.js';
import { main } from './main.js';
import { runSim } from './sim/run.js';

export { exitWhenFlushed as finish } from './main.js';

/** Runs `irule-sim` with the process's arguments; `dir` is the executables' folder. */
export async function start(dir: string): Promise<void> {
  if (!useCatalogFiles(dir, 'irule-sim')) return;
  return main(runSim);
}

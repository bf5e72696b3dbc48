/** The `irule-sim` program (bundled as dist/cli/irule-sim.bundle.cjs and started by launch.ts): wires {@link runSim} to the real process. */
import { main } from './main.js';
import { runSim } from './sim/run.js';

/** Runs `irule-sim` with the process's arguments. */
export function start(): Promise<void> {
  return main(runSim);
}

/** The `irule-sim` executable: wires {@link runSim} to the real process. */
import { main } from './main.js';
import { runSim } from './sim/run.js';

await main(runSim);

/** The `irule-lint` executable: wires {@link run} to the real process. */
import { main } from './main.js';
import { run } from './run.js';

await main(run);

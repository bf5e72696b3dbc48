/** The `irule-sim` executable: starts the program bundle beside it (built from sim-program.ts) through the code cache. */
import { launch } from './launch.js';

void launch('irule-sim', __dirname, require);

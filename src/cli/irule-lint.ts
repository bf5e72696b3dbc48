/** The `irule-lint` executable: starts the program bundle beside it (built from lint-program.ts) through the code cache. */
import { launch } from './launch.js';

void launch('irule-lint', __dirname, require);

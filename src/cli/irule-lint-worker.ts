/** A worker thread of `irule-lint` (lint-threads.ts starts it): the program bundle beside it, through the code cache. */
import { launch } from './launch.js';

void launch('irule-lint', __dirname, require, 'worker');

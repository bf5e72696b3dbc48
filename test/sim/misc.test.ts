import { rows } from './cases/misc.js';
import { table } from './table.js';

table('misc', rows);

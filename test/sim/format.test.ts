import { rows } from './cases/format.js';
import { table } from './table.js';

table('format', rows);

import { rows } from './cases/expr.js';
import { table } from './table.js';

table('expr', rows);

import { rows } from './cases/control.js';
import { table } from './table.js';

table('control', rows);

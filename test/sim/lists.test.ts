import { rows } from './cases/lists.js';
import { table } from './table.js';

table('lists', rows);

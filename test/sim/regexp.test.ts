import { rows } from './cases/regexp.js';
import { table } from './table.js';

table('regexp', rows);

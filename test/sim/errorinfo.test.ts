import { rows } from './cases/errorinfo.js';
import { table } from './table.js';

table('errorinfo', rows);

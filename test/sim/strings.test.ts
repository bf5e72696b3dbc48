import { rows } from './cases/strings.js';
import { table } from './table.js';

table('strings', rows);

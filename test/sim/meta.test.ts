/** The table tests stay well-formed: unique ids of the form `<command>-<group>.<n>` or `<command>.<n>`. */
import { expect, it } from 'vitest';
import { rows as control } from './cases/control.js';
import { rows as errorinfo } from './cases/errorinfo.js';
import { rows as expr } from './cases/expr.js';
import { rows as format } from './cases/format.js';
import { rows as lists } from './cases/lists.js';
import { rows as misc } from './cases/misc.js';
import { rows as regexp } from './cases/regexp.js';
import { rows as strings } from './cases/strings.js';

it('table ids are unique and well formed; tags are known', () => {
  const all = [...control, ...errorinfo, ...expr, ...format, ...lists, ...misc, ...regexp, ...strings];
  const ids = all.map((r) => r[0]);
  expect(ids.filter((id, k) => ids.indexOf(id) !== k)).toEqual([]);
  expect(ids.filter((id) => !/^[a-z0-9]+(-[a-z0-9]+)*\.\d+$/.test(id))).toEqual([]);
  expect(all.filter((r) => r[3] !== undefined && !['8.4', 'irule', 'sim'].includes(r[3]))).toEqual([]);
  expect(all.length).toBeGreaterThan(700);
});

/**
 * Data groups as `class` sees them: BIG-IP's matching rules for `ip`, `string` and `integer`
 * groups. `class match` applies the operator to the item (`match X starts_with C`: some key is a
 * prefix of X), `class search` applies it to the key (`search C starts_with X`: X is a prefix of
 * some key); `equals` is the same in both. The longest match wins for `equals` on `ip` groups and
 * for `starts_with` / `ends_with`; `contains` takes the first key in element order.
 *
 * Element order: BIG-IP iterates in hash order, which the configuration does not reveal; the
 * simulator uses the order of the configuration (documented in docs/irule-sim.md).
 */
import { type IpAddress, parseAddress, parseNetwork, formatNetwork } from '../../bigip/address.js';
import type { BigipConfig, DataGroup, DataGroupRecord, DataGroupType } from '../../bigip/model.js';
import { matchIpRecord } from '../../bigip/query.js';
import { excerpt } from '../../diagnostics.js';
import { parseList } from '../values.js';

/** A data group the `class` command can work on: a configured one, or (before 11.0) a list value. */
export interface DataGroupView {
  /** Full path, or the list text for a v10 list value. */
  name: string;
  /** `ip`, `string` or `integer`. */
  type: DataGroupType;
  /** Records in element order. */
  records: DataGroupRecord[];
  /** The configured group (for the prefix-table cache of `ip` lookups). */
  group: DataGroup;
}

/** The operators of `class match` / `class search`. */
export type ClassOperator = 'equals' | 'starts_with' | 'ends_with' | 'contains';

/**
 * A note for each external data group of `config` whose file was not read: the simulator treats it
 * as empty. `hint` says how to give the file (irule-sim's `--external`, a test file's `external`).
 */
export function unreadExternalNotes(config: BigipConfig, hint: (group: DataGroup) => string): string[] {
  const out: string[] = [];
  for (const dg of Object.values(config.dataGroups)) {
    if (dg.external && !dg.loaded) out.push(`external data group ${excerpt(dg.name)}: its file was not found (${hint(dg)}); treated as empty`);
  }
  return out;
}

/** The view of a configured data group. */
export function viewOf(group: DataGroup): DataGroupView {
  return { name: group.name, type: group.type, records: group.records, group };
}

/**
 * Before 11.0 a data group was readable as a global Tcl list named after it (`$::dg`), and
 * `class match ... equals $::dg` worked on that list value. An element is the key, followed by
 * the data after a space when the record has data (the v9/v10 `findclass` layout). Host networks
 * are written as bare addresses.
 */
export function v10ListValue(group: DataGroup): string[] {
  return group.records.map((r) => {
    let key = r.key;
    if (group.type === 'ip') {
      const net = parseNetwork(key);
      if (net && net.prefix === (net.address.family === 4 ? 32 : 128)) key = key.slice(0, key.lastIndexOf('/'));
    }
    return r.data !== '' ? `${key} ${r.data}` : key;
  });
}

/**
 * A data group built from a list value (`$::dg` before 11.0): each element is `key` or
 * `key data`. The type is `ip` when every key is an address or network, `integer` when every key
 * is an integer, else `string`.
 */
export function viewOfList(text: string): DataGroupView | undefined {
  const items = parseList(text, 'irule');
  if (!Array.isArray(items)) return undefined;
  const pairs = items.map((item) => {
    const sp = item.search(/\s/);
    return sp < 0 ? { key: item, data: '' } : { key: item.slice(0, sp), data: item.slice(sp + 1).trim() };
  });
  let type: DataGroupType = 'string';
  if (pairs.length > 0 && pairs.every((p) => parseNetwork(p.key) !== undefined)) type = 'ip';
  else if (pairs.length > 0 && pairs.every((p) => /^-?\d+$/.test(p.key))) type = 'integer';
  const records: DataGroupRecord[] = pairs.map((p) => ({ key: type === 'ip' ? formatNetwork(parseNetwork(p.key)!) : p.key, data: p.data }));
  const group: DataGroup = {
    kind: 'dataGroup',
    name: text,
    partition: 'Common',
    shortName: text,
    location: { range: { start: 0, end: 0 }, line: 0 },
    type,
    external: false,
    records,
  };
  return viewOf(group);
}

/** What `class type` reports. */
export function classTypeName(type: DataGroupType): string {
  return type === 'integer' ? 'value' : type;
}

/** Whether an `ip` record's network holds the address. */
function ipContains(record: DataGroupRecord, address: IpAddress): boolean {
  const net = parseNetwork(record.key);
  if (!net || net.address.family !== address.family) return false;
  if ((net.address.routeDomain ?? 0) !== (address.routeDomain ?? 0)) return false;
  const bits = BigInt(net.address.family === 4 ? 32 : 128);
  const shift = bits - BigInt(net.prefix);
  return address.value >> shift === net.address.value >> shift;
}

/** Integer equality as `class` compares integer keys (both must be integers). */
function intEquals(key: string, item: string): boolean {
  const k = item.trim();
  if (!/^[+-]?\d+$/.test(k)) return false;
  try {
    return BigInt(key) === BigInt(k);
  } catch {
    return false;
  }
}

/** Whether one record matches under `op` (`search` mode applies the operator to the key). */
function recordMatches(view: DataGroupView, r: DataGroupRecord, item: string, op: ClassOperator, search: boolean): boolean {
  if (op === 'equals') {
    if (view.type === 'integer') return intEquals(r.key, item);
    return r.key === item;
  }
  const [hay, needle] = search ? [r.key, item] : [item, r.key];
  switch (op) {
    case 'starts_with':
      return hay.startsWith(needle);
    case 'ends_with':
      return hay.endsWith(needle);
    default:
      return hay.includes(needle);
  }
}

/**
 * The indexes (in element order) of the records that match, best first: for a single answer
 * take the first. `all` asks for every match (`-all`), else at most one is returned.
 */
export function classMatches(view: DataGroupView, item: string, op: ClassOperator, search: boolean, all: boolean): number[] {
  const records = view.records;
  if (view.type === 'ip' && op === 'equals') {
    const address = parseAddress(item);
    if (!address) return [];
    if (!all) {
      const best = matchIpRecord(view.group, address);
      return best ? [records.indexOf(best)] : [];
    }
    const hits: number[] = [];
    records.forEach((r, i) => {
      if (ipContains(r, address)) hits.push(i);
    });
    // Longest prefix first.
    return hits.sort((a, b) => (parseNetwork(records[b].key)?.prefix ?? 0) - (parseNetwork(records[a].key)?.prefix ?? 0));
  }
  const hits: number[] = [];
  for (let i = 0; i < records.length; i++) {
    if (recordMatches(view, records[i], item, op, search)) {
      hits.push(i);
      if (!all && (search || (op !== 'starts_with' && op !== 'ends_with'))) break;
    }
  }
  if (!search && (op === 'starts_with' || op === 'ends_with') && hits.length > 1) {
    // The longest key wins (stable for equal lengths).
    hits.sort((a, b) => records[b].key.length - records[a].key.length);
  }
  return all ? hits : hits.slice(0, 1);
}

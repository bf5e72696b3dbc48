/**
 * A test changes the world, not the commands: it replaces the records of data groups and marks
 * pool members down in a copy of the configuration, which the simulation then reads as it reads
 * any bigip.conf. The shared configuration is never modified (tests reuse one parsed file).
 */
import { formatNetwork, parseNetwork } from '../../bigip/address.js';
import type { BigipConfig, DataGroup, DataGroupRecord, Pool, PoolMember } from '../../bigip/model.js';
import { resolveName } from '../../bigip/resolve.js';
import { closest } from '../../catalog/closest.js';
import { formatEndpoint, sameAddress } from '../irule/util.js';
import type { FileProblem, WorldChanges } from './types.js';

/** Whether there is anything to change. */
export function changesWorld(w: WorldChanges): boolean {
  return w.dataGroups.length > 0 || w.membersDown.length > 0;
}

/** The record key as the data group type stores it; undefined when the key does not fit the type. */
function recordKey(dg: DataGroup, key: string): string | undefined {
  if (dg.type === 'ip') {
    const n = parseNetwork(key);
    return n && formatNetwork(n);
  }
  if (dg.type === 'integer') return /^-?\d+$/.test(key.trim()) ? String(Number(key.trim())) : undefined;
  return key;
}

/** Whether `spec` (`addr:port`, `addr`, a member or node name) names the member. */
function namesMember(m: PoolMember, spec: string): boolean {
  if (m.name === spec || m.node === spec) return true;
  const short = (n: string): string => n.slice(n.lastIndexOf('/') + 1);
  if (short(m.name) === spec || short(m.node) === spec) return true;
  if (m.address === undefined) return false;
  if (sameAddress(m.address, spec)) return true;
  return spec === formatEndpoint(m.address, m.port) || spec === `[${m.address}]:${m.port}`;
}

/** A copy of `config` with the changes applied, or the problems (unknown data group, bad key, no such member). */
export function applyWorld(config: BigipConfig, w: WorldChanges): { config: BigipConfig } | { problems: FileProblem[] } {
  const problems: FileProblem[] = [];
  const dataGroups = { ...config.dataGroups };
  for (const change of w.dataGroups) {
    const dg = resolveName(config, 'dataGroup', change.name.value, 'Common');
    if (!dg) {
      const hint = closest(change.name.value, Object.values(config.dataGroups).map((d) => d.shortName));
      problems.push({ at: change.name.at, message: `no data group named '${change.name.value}' in the configuration${hint ? ` (did you mean ${hint}?)` : ''}` });
      continue;
    }
    const records: DataGroupRecord[] = [];
    const seen = new Set<string>();
    for (const r of change.records) {
      const key = recordKey(dg, r.value.key);
      if (key === undefined) {
        problems.push({ at: r.at, message: `'${r.value.key}' is not a valid key for the ${dg.type} data group ${dg.name}` });
        continue;
      }
      if (seen.has(key)) continue;
      seen.add(key);
      records.push({ key, data: r.value.data });
    }
    dataGroups[dg.name] = { ...dg, records, ...(dg.external ? { loaded: true } : {}) };
  }
  const pools: Record<string, Pool> = { ...config.pools };
  for (const spec of w.membersDown) {
    let found = false;
    for (const [name, pool] of Object.entries(pools)) {
      if (!pool.members.some((m) => namesMember(m, spec.value))) continue;
      found = true;
      pools[name] = { ...pool, members: pool.members.map((m) => (namesMember(m, spec.value) ? { ...m, state: 'down' } : m)) };
    }
    if (!found) problems.push({ at: spec.at, message: `no pool member matches '${spec.value}' (give addr:port, an address, or a member or node name)` });
  }
  if (problems.length > 0) return { problems };
  return { config: { ...config, dataGroups, pools } };
}

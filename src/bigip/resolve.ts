/** Object names: full paths (`/Partition[/folder]/name`), bare names and lookups by kind. */
import { type BigipConfig, type ConfigKind, type ConfigKindMap, KIND_MAP_KEY } from './model.js';

/** The parts of a full path. */
export interface PathParts {
  /** First segment (`Common`), or '' for a bare name. */
  partition: string;
  /** Everything before the last `/` (`/Common/app.app`), or '' for a bare name. */
  folder: string;
  /** Last segment. */
  shortName: string;
}

/** Splits a name into partition, folder and short name (a bare name has no partition). */
export function splitPath(name: string): PathParts {
  if (!name.startsWith('/')) return { partition: '', folder: '', shortName: name };
  const last = name.lastIndexOf('/');
  const second = name.indexOf('/', 1);
  return {
    partition: second === -1 ? name.slice(1) : name.slice(1, second),
    folder: last === 0 ? '' : name.slice(0, last),
    shortName: name.slice(last + 1),
  };
}

/** Full path of a name: kept if it starts with `/`, else put under `/<partition>/` (default `Common`). */
export function qualify(name: string, partition = 'Common'): string {
  return name.startsWith('/') ? name : `/${partition}/${name}`;
}

/**
 * Full paths a name may stand for, in lookup order: a full path is itself; a bare name is tried in
 * `currentPartition`, then in `/Common` (tmsh's rule). A relative `Partition/name` is also tried from the root.
 */
export function candidatePaths(name: string, currentPartition = 'Common'): string[] {
  if (name.startsWith('/')) return [name];
  const out = [`/${currentPartition}/${name}`];
  if (name.includes('/')) out.push(`/${name}`);
  if (currentPartition !== 'Common') out.push(`/Common/${name}`);
  return out;
}

/**
 * Looks up an object of `kind` by full path or bare name (bare names resolve in `currentPartition`,
 * then `/Common`). Note: iRules resolve a bare data-group name in `/Common` only, so pass
 * `'Common'` there whatever the rule's partition.
 */
export function resolveName<K extends ConfigKind>(
  config: BigipConfig,
  kind: K,
  name: string,
  currentPartition = 'Common',
): ConfigKindMap[K] | undefined {
  const map = config[KIND_MAP_KEY[kind]] as unknown as Record<string, ConfigKindMap[K]>;
  for (const path of candidatePaths(name, currentPartition)) {
    if (Object.prototype.hasOwnProperty.call(map, path)) return map[path];
  }
  return undefined;
}

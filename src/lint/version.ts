/**
 * The BIG-IP version a lint run checks against. Parsing and comparing are the catalog's
 * (src/catalog/version.ts); this module adds the user-facing form (`X.Y[.Z]`) and the default:
 * the newest version the catalog knows, i.e. the latest `since` it records for any command,
 * option, event, deprecation or removal.
 */
import { allCommands, allEvents } from '../catalog/load.js';
import type { ArgForm } from '../catalog/types.js';
import { atLeast as catalogAtLeast, compareVersions as catalogCompare } from '../catalog/version.js';

/** A BIG-IP version as given by the user (or the default). */
export interface BigipVersion {
  /** Dotted numbers, e.g. `11.1` or `15.1.2`. */
  text: string;
}

/** Parses `X.Y`, `X.Y.Z` or `X.Y.Z.W` as written on the command line or in a config file; undefined for anything else. */
export function parseVersion(text: string): BigipVersion | undefined {
  const t = text.trim();
  return /^\d{1,3}\.\d{1,3}(\.\d{1,3}){0,2}$/.test(t) ? { text: t } : undefined;
}

/** Set by scripts/build.mjs to what newestKnownVersion() computes from the bundled catalog. */
declare const __IRULE_NEWEST_VERSION__: string | undefined;

/**
 * The answer, pre-computed in bundles (computing it reads every command of the catalog, about a
 * tenth of a small file's start-up); computed on first use elsewhere (tests, sources).
 */
let newest: string | undefined = typeof __IRULE_NEWEST_VERSION__ === 'string' ? __IRULE_NEWEST_VERSION__ : undefined;

/** The newest version the catalog knows (computed once). */
export function newestKnownVersion(): string {
  if (newest !== undefined) return newest;
  let max = '10.0';
  const see = (v: string | undefined): void => {
    if (v !== undefined && catalogCompare(v, max) > 0) max = v;
  };
  const form = (f: ArgForm | undefined): void => {
    if (!f) return;
    see(f.since);
    for (const s of f.switches ?? []) see(s.since);
    for (const sub of Object.values(f.subcommands ?? {})) form(sub);
  };
  for (const c of allCommands()) {
    see(c.since);
    see(c.deprecated?.since);
    see(c.removed?.since);
    form(c.args);
  }
  for (const e of allEvents()) {
    see(e.since);
    see(e.deprecated?.since);
  }
  return (newest = max);
}

/** The default version: the newest the catalog knows. */
export function defaultVersion(): BigipVersion {
  return { text: newestKnownVersion() };
}

/** Negative when a < b, 0 when equal, positive when a > b. */
export function compareVersions(a: BigipVersion, b: BigipVersion): number {
  return catalogCompare(a.text, b.text);
}

/** Whether `version` is `floor` or newer. */
export function atLeast(version: BigipVersion, floor: string): boolean {
  return catalogAtLeast(version.text, floor);
}

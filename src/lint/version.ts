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

/** The first BIG-IP version with iRules: anything older is refused. */
export const FIRST_IRULES_VERSION = '9.0';

/** What {@link checkVersion} says about a version as written. */
export type VersionCheck =
  | {
      /** The version, `X` written as `X.0`. */
      version: BigipVersion;
      /** Set when it is newer than the newest version the catalog records a fact for. */
      newerThanKnown: boolean;
    }
  | {
      /** Why it is refused (a phrase to follow the option or key name). */
      error: string;
    };

/**
 * Checks a version written on the command line or in a configuration file: `X`, `X.Y`, `X.Y.Z`
 * or `X.Y.Z.W` (F5's point releases, such as 15.1.2.1, whose last part is never 0), numbers of
 * up to three digits without leading zeros, from 9.0 (the first version with iRules) on.
 */
export function checkVersion(text: string): VersionCheck {
  const t = text.trim();
  const parts = t.split('.');
  const wellFormed = parts.length <= 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p)) && !(parts.length === 4 && parts[3] === '0');
  if (!wellFormed) return { error: `expects a BIG-IP version such as 11, 11.1, 15.1.2 or 15.1.2.1, not '${text}'` };
  const version = { text: parts.length === 1 ? `${t}.0` : t };
  if (catalogCompare(version.text, FIRST_IRULES_VERSION) < 0) {
    return { error: `'${text}' is older than BIG-IP ${FIRST_IRULES_VERSION}, the first version with iRules` };
  }
  return { version, newerThanKnown: catalogCompare(version.text, newestKnownVersion()) > 0 };
}

/** A version as {@link checkVersion} accepts it, or undefined. */
export function parseVersion(text: string): BigipVersion | undefined {
  const c = checkVersion(text);
  return 'version' in c ? c.version : undefined;
}

/** The warning for a version newer than the catalog knows (printed once per run by the CLIs). */
export function newerVersionWarning(version: BigipVersion): string {
  return `BIG-IP ${version.text} is newer than the newest version the command catalog records facts for (${newestKnownVersion()}): commands, options and events added since are not known to the checks`;
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

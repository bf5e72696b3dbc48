/**
 * BIG-IP versions as the linter compares them: `X.Y[.Z[.W]]`, missing parts are 0.
 * Rules ask `atLeast(version, '11.0')` instead of comparing strings.
 */

/** A parsed BIG-IP version. */
export interface BigipVersion {
  /** As written by the user (or the default). */
  text: string;
  /** Numeric parts, at least two. */
  parts: number[];
}

/** The newest BIG-IP version the linter knows; the default of `--bigip-version`. */
export const NEWEST_VERSION = '21.1';

/** Parses `X.Y`, `X.Y.Z` or `X.Y.Z.W`; undefined for anything else. */
export function parseVersion(text: string): BigipVersion | undefined {
  const t = text.trim();
  if (!/^\d{1,3}\.\d{1,3}(\.\d{1,3}){0,2}$/.test(t)) return undefined;
  return { text: t, parts: t.split('.').map(Number) };
}

/** The default version. */
export function defaultVersion(): BigipVersion {
  return parseVersion(NEWEST_VERSION)!;
}

/** Negative when a < b, 0 when equal, positive when a > b (missing parts count as 0). */
export function compareVersions(a: BigipVersion, b: BigipVersion): number {
  const n = Math.max(a.parts.length, b.parts.length);
  for (let i = 0; i < n; i++) {
    const d = (a.parts[i] ?? 0) - (b.parts[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Whether `version` is `floor` or newer. `floor` is a version literal such as `'11.0'`. */
export function atLeast(version: BigipVersion, floor: string): boolean {
  const f = parseVersion(floor);
  if (!f) throw new Error(`bad version literal ${floor}`);
  return compareVersions(version, f) >= 0;
}

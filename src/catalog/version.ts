/**
 * BIG-IP version questions the catalog can answer: is a command (or a subcommand or option)
 * available, deprecated or removed at version X.Y.Z. Versions are dotted numbers (`11`, `11.5`,
 * `11.5.1`, `10.2.0.1`); missing parts count as 0, and a suffix such as `-HF2` is ignored.
 */
import type { ArgForm, CommandSpec, Switch } from './types.js';

/** The numeric parts of a version, or undefined when it is not one. */
export function parseVersion(text: string): number[] | undefined {
  const m = /^\s*(\d+(?:\.\d+){0,3})(?:[-_ ]?[A-Za-z][\w.-]*)?\s*$/.exec(text);
  return m ? m[1].split('.').map(Number) : undefined;
}

/**
 * Parsed versions by text, for comparisons: rules compare the same few strings (the version
 * checked, catalog `since` values) for every command of every file. Bounded, as the strings
 * may come from users.
 */
const parsed = new Map<string, readonly number[] | null>();
const MAX_PARSED = 4096;

function parsedVersion(text: string): readonly number[] | undefined {
  let v = parsed.get(text);
  if (v === undefined) {
    if (parsed.size >= MAX_PARSED) parsed.clear();
    parsed.set(text, (v = parseVersion(text) ?? null));
  }
  return v ?? undefined;
}

/** Negative when a < b, 0 when equal, positive when a > b. Throws on a string that is not a version. */
export function compareVersions(a: string, b: string): number {
  const pa = parsedVersion(a);
  const pb = parsedVersion(b);
  if (!pa) throw new RangeError(`not a BIG-IP version: ${a}`);
  if (!pb) throw new RangeError(`not a BIG-IP version: ${b}`);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Whether `version` is `floor` or newer. */
export function atLeast(version: string, floor: string): boolean {
  return compareVersions(version, floor) >= 0;
}

/** Whether something introduced in `since` (unknown: assumed old) exists at `version`. */
export function introducedBy(since: string | undefined, version: string): boolean {
  return since === undefined || atLeast(version, since);
}

/** Whether the command is deprecated at `version` (a deprecation without a version counts from the start). */
export function isDeprecatedAt(spec: CommandSpec, version: string): boolean {
  return spec.deprecated !== undefined && introducedBy(spec.deprecated.since, version);
}

/** Whether the command has been removed at `version`. */
export function isRemovedAt(spec: CommandSpec, version: string): boolean {
  return spec.removed !== undefined && introducedBy(spec.removed.since, version);
}

/** Why a command cannot be used at a version. */
export type Unavailability = 'notYet' | 'removed' | 'disabled' | 'absent';

/**
 * Whether an iRule may use the command at `version`: undefined when it may, else the reason
 * (not introduced yet, removed, disabled by iRules, or missing from iRules altogether).
 */
export function unavailableAt(spec: CommandSpec, version: string): Unavailability | undefined {
  if (spec.absent) return 'absent';
  if (spec.disabled) return 'disabled';
  if (!introducedBy(spec.since, version)) return 'notYet';
  if (isRemovedAt(spec, version)) return 'removed';
  return undefined;
}

/** Whether the command is available at `version` (see `unavailableAt` for the reason when not). */
export function isAvailableAt(spec: CommandSpec, version: string): boolean {
  return unavailableAt(spec, version) === undefined;
}

/** Whether a subcommand form or an option exists at `version` (their `since`, when known). */
export function formAvailableAt(part: ArgForm | Switch, version: string): boolean {
  return introducedBy(part.since, version);
}

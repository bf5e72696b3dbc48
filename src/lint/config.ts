/**
 * Linter configuration: the shape of `irule-lint.config.json`, its validation, and severity
 * resolution (rule defaults, then the file's `rules`, then `--rule` overrides). Pure: finding and
 * reading the file is the CLI's job.
 */
import type { Severity } from '../diagnostics.js';
import type { Dialect } from '../syntax/ast.js';
import type { AnyRule } from './rule.js';
import { checkVersion } from './version.js';

/** A severity as written in configuration. `warning` is accepted as a synonym of `warn`. */
export type SeveritySetting = 'off' | 'info' | 'warn' | 'warning' | 'error';

/** The effective setting of a rule. */
export type RuleSetting = Severity | 'off';

/** The contents of an `irule-lint.config.json`, validated. */
export interface LintConfig {
  /** BIG-IP version to check against, `X.Y[.Z]`. */
  bigipVersion?: string;
  /** Path of a tmsh `bigip.conf`, relative to the config file. */
  bigipConf?: string;
  /** Severity per rule id. */
  rules?: Record<string, SeveritySetting>;
  /** Glob patterns (relative to the config file's folder) of files not to lint. */
  ignore?: string[];
  /** The dialect of every file it applies to, instead of choosing by content and name. */
  dialect?: Dialect;
}

/** A problem with configuration: the CLI prints it as a usage error. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const SETTINGS: readonly string[] = ['off', 'info', 'warn', 'warning', 'error'];
const KEYS: readonly string[] = ['$schema', 'bigipVersion', 'bigipConf', 'rules', 'ignore', 'dialect'];

/** Turns a setting as written into an effective one. */
export function normalizeSetting(setting: SeveritySetting): RuleSetting {
  return setting === 'warn' ? 'warning' : setting;
}

/** Whether a string is a severity setting. */
export function isSeveritySetting(s: string): s is SeveritySetting {
  return SETTINGS.includes(s);
}

/**
 * Validates parsed JSON as a configuration. `where` names the file in messages. Unknown keys,
 * unknown rule ids, bad severities and bad versions are errors: a typo must not silently do nothing.
 */
export function validateConfig(value: unknown, where: string, knownRules: ReadonlySet<string>): LintConfig {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError(`${where}: expected a JSON object`);
  }
  const obj = value as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (!KEYS.includes(key)) throw new ConfigError(`${where}: unknown key "${key}" (known: ${KEYS.slice(1).join(', ')})`);
  }
  const config: LintConfig = {};
  if (obj.bigipVersion !== undefined) {
    if (typeof obj.bigipVersion !== 'string') throw new ConfigError(`${where}: "bigipVersion" must be a version such as "11.1" or "15.1.2"`);
    const checked = checkVersion(obj.bigipVersion);
    if ('error' in checked) throw new ConfigError(`${where}: "bigipVersion" ${checked.error}`);
    config.bigipVersion = obj.bigipVersion;
  }
  if (obj.bigipConf !== undefined) {
    if (typeof obj.bigipConf !== 'string' || obj.bigipConf === '') throw new ConfigError(`${where}: "bigipConf" must be a file path`);
    config.bigipConf = obj.bigipConf;
  }
  if (obj.rules !== undefined) {
    if (obj.rules === null || typeof obj.rules !== 'object' || Array.isArray(obj.rules)) {
      throw new ConfigError(`${where}: "rules" must be an object of rule id to "off", "info", "warn" or "error"`);
    }
    const rules: Record<string, SeveritySetting> = {};
    for (const [id, setting] of Object.entries(obj.rules as Record<string, unknown>)) {
      rules[id] = checkRuleSetting(id, setting, where, knownRules);
    }
    config.rules = rules;
  }
  if (obj.ignore !== undefined) {
    if (!Array.isArray(obj.ignore) || !obj.ignore.every((g) => typeof g === 'string' && g !== '')) {
      throw new ConfigError(`${where}: "ignore" must be an array of glob patterns`);
    }
    config.ignore = obj.ignore as string[];
  }
  if (obj.dialect !== undefined) {
    if (obj.dialect !== 'irule' && obj.dialect !== 'tcl') throw new ConfigError(`${where}: "dialect" must be "irule" or "tcl", not ${JSON.stringify(obj.dialect)}`);
    config.dialect = obj.dialect;
  }
  return config;
}

/** Checks one `id: setting` pair. */
export function checkRuleSetting(id: string, setting: unknown, where: string, knownRules: ReadonlySet<string>): SeveritySetting {
  if (!knownRules.has(id)) {
    const hint = closest(id, knownRules);
    throw new ConfigError(`${where}: unknown rule "${id}"${hint ? ` (did you mean "${hint}"?)` : ''}`);
  }
  if (typeof setting !== 'string' || !isSeveritySetting(setting)) {
    throw new ConfigError(`${where}: rule "${id}" must be "off", "info", "warn" or "error", not ${JSON.stringify(setting)}`);
  }
  return setting;
}

/** Parses a `--rule id=severity` argument. */
export function parseRuleOption(arg: string, knownRules: ReadonlySet<string>): [string, SeveritySetting] {
  const eq = arg.indexOf('=');
  if (eq <= 0) throw new ConfigError(`--rule expects <id>=<off|info|warn|error>, got "${arg}"`);
  const id = arg.slice(0, eq).trim();
  return [id, checkRuleSetting(id, arg.slice(eq + 1).trim(), '--rule', knownRules)];
}

/**
 * The effective setting of every rule: its default (`off` for preview or non-recommended rules),
 * then each layer of settings in order (later wins). `explicit` lists the rules some layer set.
 */
export function resolveSettings(
  rules: readonly AnyRule[],
  layers: readonly (Record<string, SeveritySetting> | undefined)[],
): { settings: Map<string, RuleSetting>; explicit: Set<string> } {
  const settings = new Map<string, RuleSetting>();
  const explicit = new Set<string>();
  for (const rule of rules) {
    settings.set(rule.id, rule.meta.recommended && !rule.meta.preview ? rule.meta.defaultSeverity : 'off');
  }
  for (const layer of layers) {
    if (!layer) continue;
    for (const [id, setting] of Object.entries(layer)) {
      if (!settings.has(id)) continue;
      settings.set(id, normalizeSetting(setting));
      explicit.add(id);
    }
  }
  return { settings, explicit };
}

/**
 * Edit distance with adjacent transpositions (optimal string alignment: `sant` is one edit from
 * `snat`), when it is at most `bound`; otherwise some number above `bound`. Only the diagonal band
 * |i - j| <= bound is computed (cells outside it are above the bound), and the loop stops once a
 * whole row is above it: a row's minimum never decreases (a transposition costs no less than the
 * substitution path through the cell before it). Cost O(bound * length) instead of O(length^2).
 */
function boundedDistance(a: string, b: string, bound: number): number {
  const m = a.length;
  const n = b.length;
  const over = bound + 1;
  if (Math.abs(m - n) > bound) return over;
  let prev2 = new Int32Array(n + 1).fill(over);
  let prev = new Int32Array(n + 1).fill(over);
  let cur = new Int32Array(n + 1).fill(over);
  for (let j = 0; j <= Math.min(n, bound); j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    const lo = Math.max(1, i - bound);
    const hi = Math.min(n, i + bound);
    cur.fill(over);
    cur[0] = i <= bound ? i : over;
    let rowMin = cur[0];
    for (let j = lo; j <= hi; j++) {
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur[j] = d > over ? over : d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > bound) return over;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n];
}

/**
 * The distance when it is below `limit`, else `limit`: bounds 1, 2, 4 ... up to `limit - 1`, so a
 * near match of a long word costs about its distance times its length.
 */
function distanceBelow(a: string, b: string, limit: number): number {
  for (let bound = 1; ; bound = Math.min(bound * 2, limit - 1)) {
    const d = boundedDistance(a, b, bound);
    if (d <= bound) return d;
    if (bound >= limit - 1) return limit;
  }
}

/** Lower-cased copies of candidate lists (the catalog's names are asked for on every unknown word). */
const loweredLists = new WeakMap<readonly string[], string[]>();
/** Answers per candidate list and name (files repeat the same unknown words); cleared when large. */
const answers = new WeakMap<readonly string[], Map<string, string | undefined>>();
const MAX_ANSWERS = 4096;

/**
 * The candidate closest to `name`, when it is close enough to be a likely typo: up to a third of
 * the name may differ (two edits for names of four or more characters), so a one-letter name is
 * not "corrected" into an unrelated two-letter one. Ties go to the earlier candidate.
 * Candidates whose length differs by more than the edits allowed (or than the best distance found
 * so far) are skipped without computing a distance, so a long word costs one pass over the list.
 */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  if (!Array.isArray(candidates)) return closestIn(name, [...candidates], undefined);
  const list = candidates as readonly string[];
  let memo = answers.get(list);
  if (memo === undefined) answers.set(list, (memo = new Map()));
  if (memo.has(name)) return memo.get(name);
  let lowered = loweredLists.get(list);
  if (lowered === undefined) loweredLists.set(list, (lowered = list.map((c) => c.toLowerCase())));
  const hint = closestIn(name, list, lowered);
  if (memo.size >= MAX_ANSWERS) memo.clear();
  memo.set(name, hint);
  return hint;
}

function closestIn(name: string, list: readonly string[], lowered: readonly string[] | undefined): string | undefined {
  const lower = name.toLowerCase();
  const limit = Math.max(name.length >= 4 ? 2 : 1, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestD = limit + 1;
  for (let k = 0; k < list.length; k++) {
    const c = lowered ? lowered[k] : list[k].toLowerCase();
    if (Math.abs(c.length - lower.length) >= bestD) continue;
    const d = distanceBelow(lower, c, bestD);
    if (d < bestD) {
      bestD = d;
      best = list[k];
    }
  }
  return best;
}

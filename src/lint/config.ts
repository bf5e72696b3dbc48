/**
 * Linter configuration: the shape of `irule-lint.config.json`, its validation, and severity
 * resolution (rule defaults, then the file's `rules`, then `--rule` overrides). Pure: finding and
 * reading the file is the CLI's job.
 */
import type { Severity } from '../diagnostics.js';
import type { Dialect } from '../syntax/ast.js';
import type { AnyRule } from './rule.js';
import { checkVersion } from './version.js';
import { closest } from '../catalog/closest.js';

/** Re-exported: the linter's modules import it from here. */
export { closest };

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


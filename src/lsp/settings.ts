/**
 * The settings a document is analysed with, settled exactly as the CLI settles them for a file:
 * the nearest `irule-lint.config.json` (read by the CLI's own `ConfigLoader`), the `bigip.conf` it
 * names, and the dialect from `chooseDialect`. The editor's client settings (`irule.bigipVersion`,
 * `irule.bigipConf`, `irule.rules`) are the layer below the configuration file.
 *
 * Layering. On the CLI, options given for one run (`--rule`, `--bigip-version`, `--bigip-conf`)
 * win over the configuration file, which wins over the defaults. In the editor the client settings
 * are the user's standing defaults, not a one-off request, and the configuration file is the
 * project's shared truth: so the file wins where both say something, and the editor shows what
 * `irule-lint` (and CI) report for the same file. Per key: `bigipVersion` and `bigipConf` from the
 * file when it has them, else from the client; `rules` merged per rule id, the file's entry
 * winning; `ignore` only comes from the file.
 *
 * Bad input never stops analysis: a broken configuration file, a bad client setting or a malformed
 * `bigip.conf` becomes a `problem` (shown by the diagnostics feature) and that piece is left out.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BigipConfig } from '../bigip/model.js';
import { ConfigLoader, type ConfProblems, type LoadedConfig } from '../cli/config.js';
import { checkRuleSetting, ConfigError, type SeveritySetting } from '../lint/config.js';
import { allRules } from '../lint/rules/index.js';
import { defaultVersion, parseVersion, type BigipVersion } from '../lint/version.js';
import { chooseDialect } from '../syntax/dialect.js';
import type { DocumentSettings } from './document.js';

/** The client settings under the `irule` section, as the client sent them (unchecked). */
export interface ClientSettings {
  /** `irule.bigipVersion`. */
  bigipVersion?: unknown;
  /** `irule.bigipConf`: absolute, or relative to the document's workspace folder. */
  bigipConf?: unknown;
  /** `irule.rules`: rule id to `off`, `warn` or `error`. */
  rules?: unknown;
}

/** The settings section the server reads. */
export const SETTINGS_SECTION = 'irule';

/** Every rule id. */
const knownRules: ReadonlySet<string> = new Set(allRules.map((r) => r.id));

/** Client settings, checked: the valid parts and a message for each invalid one. */
export interface CheckedClientSettings {
  /** A valid `bigipVersion`. */
  version?: BigipVersion;
  /** A non-empty `bigipConf` path as written. */
  bigipConf?: string;
  /** The valid rule entries. */
  rules?: Record<string, SeveritySetting>;
  /** One message per invalid entry. */
  problems: string[];
}

/** Checks client settings entry by entry, so one typo does not throw the others away. */
export function checkClientSettings(raw: unknown): CheckedClientSettings {
  const out: CheckedClientSettings = { problems: [] };
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return out;
  const s = raw as ClientSettings;
  const where = `setting "${SETTINGS_SECTION}`;
  if (s.bigipVersion !== undefined && s.bigipVersion !== null && s.bigipVersion !== '') {
    const v = typeof s.bigipVersion === 'string' ? parseVersion(s.bigipVersion) : undefined;
    if (v) out.version = v;
    else out.problems.push(`${where}.bigipVersion": expected a version such as "11.1" or "15.1.2", not ${JSON.stringify(s.bigipVersion)}`);
  }
  if (s.bigipConf !== undefined && s.bigipConf !== null && s.bigipConf !== '') {
    if (typeof s.bigipConf === 'string') out.bigipConf = s.bigipConf;
    else out.problems.push(`${where}.bigipConf": expected a file path`);
  }
  if (s.rules !== undefined && s.rules !== null) {
    if (typeof s.rules !== 'object' || Array.isArray(s.rules)) {
      out.problems.push(`${where}.rules": expected an object of rule id to "off", "warn" or "error"`);
    } else {
      const rules: Record<string, SeveritySetting> = {};
      for (const [id, setting] of Object.entries(s.rules as Record<string, unknown>)) {
        try {
          rules[id] = checkRuleSetting(id, setting, `${where}.rules"`, knownRules);
        } catch (err) {
          if (!(err instanceof ConfigError)) throw err;
          out.problems.push(err.message);
        }
      }
      if (Object.keys(rules).length > 0) out.rules = rules;
    }
  }
  return out;
}

/** The file-system path of a `file:` URI; undefined for other schemes (untitled documents...). */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** What {@link settle} needs besides the client settings. */
export interface SettleInput {
  /** The document's URI. */
  uri: string;
  /** The client settings for this document. */
  client: CheckedClientSettings;
  /** The workspace folder paths, most specific first is not required. */
  folders: readonly string[];
  /** The loader of this settings generation (its caches are dropped when files change). */
  loader: ConfigLoader;
}

/** The workspace folder a path lies in (the deepest one), else the first folder. */
export function folderOf(file: string | undefined, folders: readonly string[]): string | undefined {
  if (file !== undefined) {
    let best: string | undefined;
    for (const f of folders) {
      const rel = path.relative(f, file);
      if (!rel.startsWith('..') && !path.isAbsolute(rel) && (best === undefined || f.length > best.length)) best = f;
    }
    if (best !== undefined) return best;
  }
  return folders[0];
}

/** The message of anything thrown. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** A document's settings apart from the dialect, which follows its text at each version. */
export type FileSettings = Omit<DocumentSettings, 'dialect'>;

/**
 * Settles a document's settings. A document that is not a file (an untitled one) finds its
 * configuration file from its workspace folder, as the CLI does for standard input from the
 * working directory.
 */
export async function settle(input: SettleInput): Promise<FileSettings> {
  const { client, loader } = input;
  const problems = [...client.problems];
  const file = uriToPath(input.uri);
  const folder = folderOf(file, input.folders);
  const searchDir = file !== undefined ? path.dirname(file) : folder;

  let config: LoadedConfig | undefined;
  if (searchDir !== undefined) {
    try {
      config = await loader.find(searchDir);
    } catch (err) {
      problems.push(messageOf(err));
    }
  }


  let bigipConfPath: string | undefined;
  if (config?.config.bigipConf !== undefined) bigipConfPath = path.resolve(config.dir, config.config.bigipConf);
  else if (client.bigipConf !== undefined) bigipConfPath = folder !== undefined ? path.resolve(folder, client.bigipConf) : path.resolve(client.bigipConf);
  let bigip: BigipConfig | undefined;
  let bigipConfProblems: ConfProblems | undefined;
  let bigipConfSyntaxErrors: ConfProblems | undefined;
  if (bigipConfPath !== undefined) {
    try {
      bigip = await loader.bigipConf(bigipConfPath);
      bigipConfProblems = loader.problemsOf(bigipConfPath);
    } catch (err) {
      bigipConfSyntaxErrors = loader.syntaxErrorsOf(bigipConfPath);
      problems.push(messageOf(err));
    }
  }

  // The version as the CLI settles it, with the client setting in the place of --bigip-version
  // below the configuration file: the file's, else the client's, else the bigip.conf's
  // `#TMSH-VERSION:`, else the default.
  const fileVersion = config?.config.bigipVersion !== undefined ? parseVersion(config.config.bigipVersion) : undefined;
  const confVersion = bigip?.version !== undefined ? parseVersion(bigip.version) : undefined;
  const version = fileVersion ?? client.version ?? confVersion ?? defaultVersion();

  const settings: FileSettings = {
    version,
    rules: [client.rules, config?.config.rules],
    problems,
  };
  if (bigip) settings.bigip = bigip;
  if (bigipConfPath !== undefined) settings.bigipConfPath = bigipConfPath;
  if (bigipConfProblems) settings.bigipConfProblems = bigipConfProblems;
  if (bigipConfSyntaxErrors) settings.bigipConfSyntaxErrors = bigipConfSyntaxErrors;
  if (config) settings.configFile = config.file;
  if (config?.config.dialect) settings.configDialect = config.config.dialect;
  if (file !== undefined && config?.ignores(file)) settings.ignored = true;
  return settings;
}

/** The settings of a document's text: its file settings plus its dialect (the configuration file's, else the one `chooseDialect` picks). */
export function withDialect(settings: FileSettings, uri: string, text: string): DocumentSettings {
  return { ...settings, dialect: settings.configDialect ?? chooseDialect(uriToPath(uri) ?? '', text) };
}

/** A fresh loader (one per settings generation: its caches never outlive a file change). */
export function newLoader(cwd: string): ConfigLoader {
  return new ConfigLoader(knownRules, cwd);
}

/**
 * Finding, reading and caching configuration for the CLI: `irule-lint.config.json` found upward
 * from each linted file (or named with `--config`), the `bigip.conf` it or `--bigip-conf` names,
 * and `ignore` globs. Everything here is I/O around the pure validation in src/lint/config.ts.
 */
import path from 'node:path';
import { parseBigipConf } from '../bigip/parse-config.js';
import type { BigipConfig } from '../bigip/model.js';
import { ConfigError, validateConfig, type LintConfig } from '../lint/config.js';
import type { ConfigDiagnostic } from '../bigip/diagnostic.js';
import { bigipConfProblem } from './bigip-conf.js';
import { decodeText } from './decode.js';
import { UsageError } from './errors.js';
import { isFile, readBytes } from './inputs.js';

/** The configuration file name searched for. */
export const CONFIG_FILE_NAME = 'irule-lint.config.json';

/** A configuration file, read and validated. */
export interface LoadedConfig {
  /** Absolute path of the file. */
  file: string;
  /** Its folder: relative paths and globs in it are relative to this. */
  dir: string;
  /** The validated contents. */
  config: LintConfig;
  /** Compiled `ignore` globs. */
  ignores: (p: string) => boolean;
}

/** The problems of one bigip.conf, with what is needed to position them. */
export interface ConfProblems {
  /** Its diagnostics, syntax errors aside (they refuse the file). */
  diagnostics: ConfigDiagnostic[];
  /** The path as shown. */
  shown: string;
  /** The text the problems are positioned in. */
  text: string;
}

/** Reads and caches configuration files and bigip.conf files for one CLI run. */
export class ConfigLoader {
  private readonly byDir = new Map<string, Promise<LoadedConfig | undefined>>();
  private readonly byFile = new Map<string, Promise<LoadedConfig>>();
  private readonly confs = new Map<string, Promise<BigipConfig>>();
  /** The problems of each bigip.conf read that has some, with its text and shown path, by absolute path. */
  private readonly confProblems = new Map<string, ConfProblems>();
  /** The syntax errors of each bigip.conf refused for them, by absolute path. */
  private readonly confSyntaxErrors = new Map<string, ConfProblems>();

  constructor(
    private readonly knownRules: ReadonlySet<string>,
    private readonly cwd: string,
  ) {}

  /** Reads a named configuration file (`--config`). */
  load(file: string): Promise<LoadedConfig> {
    const abs = path.resolve(this.cwd, file);
    let p = this.byFile.get(abs);
    if (!p) this.byFile.set(abs, (p = this.read(abs)));
    return p;
  }

  /** The nearest configuration file in `dir` or above, if any. */
  find(dir: string): Promise<LoadedConfig | undefined> {
    let p = this.byDir.get(dir);
    if (!p) {
      p = (async () => {
        const candidate = path.join(dir, CONFIG_FILE_NAME);
        const found = isFile(candidate);
        if (found) return this.load(candidate);
        const parent = path.dirname(dir);
        return parent === dir ? undefined : this.find(parent);
      })();
      this.byDir.set(dir, p);
    }
    return p;
  }

  private async read(abs: string): Promise<LoadedConfig> {
    const shown = this.show(abs);
    const bytes = readBytes(abs, `config '${shown}'`);
    let json: unknown;
    try {
      json = JSON.parse(decodeText(bytes));
    } catch (err) {
      throw new UsageError(`${shown}: invalid JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
    let config: LintConfig;
    try {
      config = validateConfig(json, shown, this.knownRules);
    } catch (err) {
      if (err instanceof ConfigError) throw new UsageError(err.message);
      throw err;
    }
    const dir = path.dirname(abs);
    // Loaded only for a config with `ignore` globs: initialising picomatch cost every start about 3% of a small file's run.
    const matcher = config.ignore && config.ignore.length > 0 ? (await import('picomatch')).default(config.ignore, { dot: true }) : undefined;
    const ignores = (p: string): boolean => {
      if (!matcher) return false;
      const rel = path.relative(dir, p).split(path.sep).join('/');
      return rel !== '' && !rel.startsWith('../') && matcher(rel);
    };
    return { file: abs, dir, config, ignores };
  }

  /**
   * Reads and parses a `bigip.conf`. A syntax error in it, or a file with no BIG-IP object, is a
   * usage error (see bigip-conf.ts); its other problems are kept for `problemsOf`.
   */
  bigipConf(abs: string): Promise<BigipConfig> {
    let p = this.confs.get(abs);
    if (!p) {
      p = (async () => {
        const shown = this.show(abs);
        const bytes = readBytes(abs, `bigip.conf '${shown}'`);
        const text = decodeText(bytes);
        const { config, diagnostics } = parseBigipConf(text, { source: shown });
        const problem = bigipConfProblem(config, diagnostics, shown);
        if (problem) {
          const syntax = diagnostics.filter((d) => d.severity === 'error' && d.ruleId === 'config-syntax');
          if (syntax.length > 0) this.confSyntaxErrors.set(abs, { diagnostics: syntax, shown, text });
          throw new UsageError(problem);
        }
        const problems = diagnostics.filter((d) => d.severity !== 'error' || d.ruleId !== 'config-syntax');
        if (problems.length > 0) this.confProblems.set(abs, { diagnostics: problems, shown, text });
        return config;
      })();
      this.confs.set(abs, p);
    }
    return p;
  }

  /** The problems of a bigip.conf read by `bigipConf` (undefined when it has none). */
  problemsOf(abs: string): ConfProblems | undefined {
    return this.confProblems.get(abs);
  }

  /** The syntax errors for which `bigipConf` refused a bigip.conf (undefined when it did not, or refused it for another reason). */
  syntaxErrorsOf(abs: string): ConfProblems | undefined {
    return this.confSyntaxErrors.get(abs);
  }

  /** A path as shown in messages. */
  show(abs: string): string {
    const rel = path.relative(this.cwd, abs);
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs;
  }
}

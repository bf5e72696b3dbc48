/**
 * The lint run behind `irule-lint <paths>`: settles each file's settings (command line over the
 * nearest `irule-lint.config.json`), skips ignored files, reads, lints or fixes, applies the
 * baseline, prints in the chosen format and picks the exit code. Loaded lazily by run.ts, so
 * `--help` and usage errors never build the parser.
 */
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { configProblemDiagnostics } from '../bigip/diagnostic.js';
import type { BigipConfig } from '../bigip/model.js';
import type { Diagnostic } from '../diagnostics.js';
import { ConfigError, parseRuleOption, type SeveritySetting } from '../lint/config.js';
import { fixText } from '../lint/fix.js';
import { allRules } from '../lint/rules/index.js';
import { lint, type LintOptions } from '../lint/run.js';
import { checkVersion, compareVersions, defaultVersion, newerVersionWarning, parseVersion, type BigipVersion } from '../lint/version.js';
import { formatCompact } from '../report/compact.js';
import { formatGithub } from '../report/github.js';
import { formatJson } from '../report/json.js';
import { countSeverities, toReportMessages, type FileReport } from '../report/messages.js';
import { formatSarif } from '../report/sarif.js';
import { formatStylish } from '../report/stylish.js';
import type { Dialect } from '../syntax/ast.js';
import { explainDialect, type DialectChoice } from '../syntax/dialect.js';
import { parse } from '../syntax/index.js';
import { printAst } from '../syntax/print.js';
import { buildBaseline, filterByBaseline, readBaseline, writeBaseline, type FileFindings } from './baseline.js';
import { ConfigLoader, type ConfProblems, type LoadedConfig } from './config.js';
import { decodeText } from './decode.js';
import { UsageError } from './errors.js';
import { EXIT } from './exit.js';
import { findFiles, readSource, type Input } from './inputs.js';
import type { LintTask } from './lint-threads.js';
import type { CliIo, CliOptions } from './run.js';
import { VERSION } from './version.js';

/**
 * Files per thread below which another thread does not pay for its start (about 0.1 s of CPU:
 * loading the bundle, building the parser, a cold JIT). Measured on the bench folder; see README.
 */
export const FILES_PER_THREAD = 150;

/**
 * How many threads to lint `files` files with: `IRULE_LINT_THREADS` when set (1 = the main
 * thread only), else one per {@link FILES_PER_THREAD} files, and beyond the main thread one
 * worker per two idle cores (cores less the one-minute load average, less the main thread's own):
 * each thread warms up V8 on its own, and while it does, V8's compiler and garbage collector
 * threads keep a second core busy. On 2 cores a worker never paid: 1,000 files took 1.48 s with
 * two threads and 1.02 s with one at load 1, and 6.1 s against 3.8 s at load 12.
 */
export function threadCount(files: number, env: NodeJS.ProcessEnv = process.env, cores = availableParallelism(), load = loadavg()[0]): number {
  const set = env.IRULE_LINT_THREADS;
  if (set !== undefined && /^\d+$/.test(set) && Number(set) >= 1) return Math.min(Number(set), 64);
  // This process adds to the load too, so the main thread's core is not counted as idle.
  const idle = Math.max(0, Math.floor(cores - load) - 1);
  const usable = 1 + Math.floor(idle / 2);
  return Math.max(1, Math.min(usable, Math.floor(files / FILES_PER_THREAD)));
}

/** Name used for standard input when `--stdin-filename` is not given. */
const STDIN_NAME = '<stdin>';

/** One input with the configuration that applies to it. */
interface Job {
  input: Input;
  config: LoadedConfig | undefined;
  /** Whether the input is a file (standard input is never written). */
  isFile: boolean;
}

/** Lint the inputs named by `args` and print the results; returns the exit code. */
export async function lintFiles(args: string[], opts: CliOptions, io: CliIo): Promise<number> {
  const wantsStdin = opts.stdin === true || args.includes('-');
  const paths = args.filter((a) => a !== '-');
  // `-` is one input among others (as for cat); --stdin says "lint standard input", so files with it are a mistake.
  if (opts.stdin === true && paths.length > 0) {
    throw new UsageError(`--stdin lints standard input only, but files were given too (${paths.map((p) => `'${p}'`).join(', ')}); to lint both, name standard input as '-' among them`);
  }
  if (!wantsStdin && paths.length === 0) {
    throw new UsageError(`no files given (pass files or folders, or '-' for standard input)`);
  }
  if (opts.stdinFilename !== undefined && !wantsStdin) throw new UsageError(`--stdin-filename needs --stdin or '-'`);
  if (opts.fix && opts.fixDryRun) throw new UsageError('--fix and --fix-dry-run cannot be used together');
  if (opts.updateBaseline && opts.baseline === undefined) throw new UsageError('--update-baseline needs --baseline <file>');

  const knownRules = new Set(allRules.map((r) => r.id));
  let cliVersion: BigipVersion | undefined;
  if (opts.bigipVersion !== undefined) {
    const checked = checkVersion(opts.bigipVersion);
    if ('error' in checked) throw new UsageError(`--bigip-version ${checked.error}`);
    cliVersion = checked.version;
  }
  // A version newer than the catalog knows is fine, with one warning per version and run.
  const warned = new Set<string>();
  const noteVersion = (v: BigipVersion): BigipVersion => {
    if (!warned.has(v.text) && compareVersions(v, defaultVersion()) > 0) {
      warned.add(v.text);
      io.stderr(`irule-lint: warning: ${newerVersionWarning(v)}\n`);
    }
    return v;
  };
  const cliRules: Record<string, SeveritySetting> = {};
  for (const arg of opts.rule ?? []) {
    try {
      const [id, setting] = parseRuleOption(arg, knownRules);
      cliRules[id] = setting;
    } catch (err) {
      if (err instanceof ConfigError) throw new UsageError(err.message);
      throw err;
    }
  }

  const loader = new ConfigLoader(knownRules, io.cwd);
  const explicit = opts.config !== undefined ? await loader.load(opts.config) : undefined;
  const configFor = (dir: string): Promise<LoadedConfig | undefined> => (explicit ? Promise.resolve(explicit) : loader.find(dir));

  const files = await findFiles(paths, io.cwd);
  if (!wantsStdin && files.length === 0) {
    throw new UsageError(`no *.irule, *.irul or *.tcl files found in ${paths.map((p) => `'${p}'`).join(', ')}`);
  }

  // Read everything before printing anything, so an unreadable input yields only its error line.
  const jobs: Job[] = [];
  if (wantsStdin) {
    const name = opts.stdinFilename ?? STDIN_NAME;
    const dir = opts.stdinFilename !== undefined ? path.dirname(path.resolve(io.cwd, opts.stdinFilename)) : io.cwd;
    const text = decodeText(await io.readStdin());
    jobs.push({ input: { filePath: name, displayPath: name, text }, config: await configFor(dir), isFile: false });
  }
  for (const file of files) {
    const config = await configFor(path.dirname(file.absPath));
    if (config?.ignores(file.absPath)) {
      // Ignored files found in folders are skipped quietly; one named on the command line is said to be.
      if (file.named) io.stderr(`irule-lint: ${file.displayPath}: not linted: ignored by ${loader.show(config.file)} (its "ignore" patterns)\n`);
      continue;
    }
    jobs.push({ input: await readSource(file), config, isFile: true });
  }

  /** The dialect of a job: `--dialect`, else its configuration file's, else by content and name. */
  const choiceOf = ({ input, config }: Job): DialectChoice => {
    if (opts.dialect) return { dialect: opts.dialect, reason: '--dialect' };
    const configured = config?.config.dialect;
    if (configured) return { dialect: configured, reason: `"dialect" in ${loader.show(config.file)}` };
    return explainDialect(input.filePath === STDIN_NAME ? '' : input.filePath, input.text);
  };
  const dialectOf = (job: Job): Dialect => choiceOf(job).dialect;
  if (opts.debugAst) {
    const dumps = jobs.map((job) => {
      const { dialect, reason } = choiceOf(job);
      const dump = `# dialect: ${dialect} (${reason})\n${printAst(parse(job.input.text, { dialect }).ast, { ranges: true })}`;
      return jobs.length > 1 ? `== ${job.input.displayPath}\n${dump}` : dump;
    });
    io.stdout(dumps.join(''));
    return EXIT.ok;
  }

  /** The bigip.conf files used, in order of first use: their problems are reported after the inputs'. */
  const confsUsed = new Set<string>();
  /** The bigip.conf for a job: the command line's, else its configuration file's. */
  const bigipFor = async (job: Job): Promise<BigipConfig | undefined> => {
    const c = job.config;
    const abs =
      opts.bigipConf !== undefined ? path.resolve(io.cwd, opts.bigipConf) : c?.config.bigipConf !== undefined ? path.resolve(c.dir, c.config.bigipConf) : undefined;
    if (abs === undefined) return undefined;
    confsUsed.add(abs);
    return loader.bigipConf(abs);
  };
  /** The version: the command line's, else the configuration file's, else the `#TMSH-VERSION:` of the bigip.conf, else the default. */
  const versionFor = (job: Job, bigip: BigipConfig | undefined): BigipVersion => {
    if (cliVersion) return noteVersion(cliVersion);
    const v = job.config?.config.bigipVersion;
    const fromConfig = v !== undefined ? parseVersion(v) : undefined;
    if (fromConfig) return noteVersion(fromConfig);
    const fromConf = bigip?.version !== undefined ? parseVersion(bigip.version) : undefined;
    return fromConf ? noteVersion(fromConf) : defaultVersion();
  };

  const results: FileFindings[] = [];
  const diffs: string[] = [];
  const dialects: Dialect[] = [];
  // Files linted without fixing: linted after the loop (on several threads when there are many), their findings put in `results` then.
  const tasks: LintTask[] = [];
  const taskResults: FileFindings[] = [];
  let notWritten = 0;
  for (const job of jobs) {
    const { input } = job;
    const bigip = await bigipFor(job);
    const options: LintOptions = {
      dialect: dialectOf(job),
      version: versionFor(job, bigip),
      rules: [job.config?.config.rules, cliRules],
    };
    if (bigip) options.bigip = bigip;
    let diagnostics: Diagnostic[];
    // The text the findings are positioned in: after fixing, the fixed text (written or shown as a diff).
    let text = input.text;
    if (opts.fix || opts.fixDryRun) {
      const fixed = fixText(input.text, options);
      diagnostics = fixed.diagnostics;
      text = fixed.text;
      if (fixed.rejected) io.stderr(`irule-lint: ${input.displayPath}: fixes not applied: ${fixed.rejected}\n`);
      if (fixed.changed && opts.fixDryRun) {
        diffs.push(createTwoFilesPatch(input.displayPath, input.displayPath, input.text, fixed.text, '', '', { context: 2 }));
      } else if (fixed.changed && opts.fix) {
        if (!job.isFile) {
          io.stderr(`irule-lint: ${input.displayPath}: standard input is not written; use --fix-dry-run to see the fixes\n`);
          diagnostics = lint(input.text, options).diagnostics;
          text = input.text;
        } else if (input.exact === false) {
          io.stderr(`irule-lint: ${input.displayPath}: not fixed: the file is not valid UTF-8\n`);
          diagnostics = lint(input.text, options).diagnostics;
          text = input.text;
        } else {
          const body = Buffer.from(fixed.text, 'utf8');
          const bytes = input.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
          try {
            // Loaded here: only --fix writes (and write.ts loads node:crypto, a cost at every start).
            const { writeAtomically } = await import('./write.js');
            await writeAtomically(input.filePath, input.displayPath, bytes);
          } catch (err) {
            // Report this file and go on with the others; the exit code says some were not written.
            if (!(err instanceof UsageError)) throw err;
            io.stderr(`irule-lint: ${err.message}\n`);
            notWritten++;
            diagnostics = lint(input.text, options).diagnostics;
            text = input.text;
          }
        }
      }
    } else {
      diagnostics = [];
      tasks.push({ text, options });
    }
    const result = { filePath: input.filePath, text, diagnostics };
    if (tasks.length > taskResults.length) taskResults.push(result);
    results.push(result);
    dialects.push(options.dialect!);
  }
  const found = await lintAll(tasks, io);
  taskResults.forEach((r, i) => (r.diagnostics = found[i]));

  // The baseline: record today's findings when it is missing (or asked to), else drop what it accepts.
  let kept = results.map((r) => r.diagnostics);
  if (opts.baseline !== undefined) {
    const abs = path.resolve(io.cwd, opts.baseline);
    const shown = loader.show(abs);
    const existing = opts.updateBaseline ? undefined : await readBaseline(abs, shown);
    if (existing) {
      kept = filterByBaseline(abs, existing, results);
    } else {
      const baseline = buildBaseline(abs, results);
      await writeBaseline(abs, shown, baseline);
      const n = baseline.findings.reduce((s, e) => s + e.count, 0);
      io.stderr(`irule-lint: baseline '${shown}' written with ${n} finding${n === 1 ? '' : 's'}\n`);
      kept = results.map(() => []);
    }
  }

  const reports: FileReport[] = jobs.map((job, i) => ({
    filePath: job.input.filePath,
    displayPath: job.input.displayPath,
    messages: toReportMessages(results[i].text, kept[i]),
    dialect: dialects[i],
  }));
  const linted = new Set(jobs.map((job) => path.basename(job.input.filePath).replace(/\.[^.]*$/, '')));
  for (const abs of confsUsed) {
    const problems = loader.problemsOf(abs);
    const report = problems && confReport(abs, problems, linted);
    if (report) reports.push(report);
  }
  if (diffs.length > 0) io.stdout(diffs.join(''));
  io.stdout(render(opts.format, reports, io.cwd));

  const { errors, warnings } = countSeverities(reports);
  if (notWritten > 0) {
    io.stderr(`irule-lint: ${notWritten} file${notWritten === 1 ? '' : 's'} could not be fixed in place\n`);
    return EXIT.usage;
  }
  if (opts.maxWarnings !== undefined && warnings > opts.maxWarnings) {
    io.stderr(`irule-lint: too many warnings (${warnings}; at most ${opts.maxWarnings} allowed by --max-warnings)\n`);
    return EXIT.errors;
  }
  return errors > 0 ? EXIT.errors : EXIT.ok;
}

/** The report of a bigip.conf's problems (one warning each, and one more counting those not listed), if any. */
function confReport(abs: string, conf: ConfProblems, linted: ReadonlySet<string>): FileReport | undefined {
  const diagnostics = configProblemDiagnostics(conf.diagnostics, linted);
  if (diagnostics.length === 0) return undefined;
  return { filePath: abs, displayPath: conf.shown, messages: toReportMessages(conf.text, diagnostics) };
}

/**
 * The diagnostics of each task, in order: on this thread, or on several (lint-threads.ts, loaded
 * only then) when there are enough files and the executable can start workers.
 */
async function lintAll(tasks: LintTask[], io: CliIo): Promise<Diagnostic[][]> {
  const threads = io.workerScript !== undefined ? threadCount(tasks.length) : 1;
  if (threads > 1 && tasks.length > 1) {
    const { lintTasks } = await import('./lint-threads.js');
    return lintTasks(lint, tasks, threads, io.workerScript!, (message) => io.stderr(`irule-lint: warning: ${message}\n`));
  }
  return tasks.map((t) => lint(t.text, t.options).diagnostics);
}

/** Renders reports in a format. */
function render(format: CliOptions['format'], reports: FileReport[], cwd: string): string {
  switch (format) {
    case 'json':
      return formatJson(reports);
    case 'sarif':
      return formatSarif(reports, {
        rules: allRules.map((r) => ({ id: r.id, description: r.meta.description, helpUri: r.docsUrl, defaultSeverity: r.meta.defaultSeverity, category: r.meta.category })),
        version: VERSION,
        cwd,
      });
    case 'github':
      return formatGithub(reports);
    case 'compact':
      return formatCompact(reports);
    default:
      return formatStylish(reports);
  }
}

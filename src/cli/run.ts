/**
 * The `irule-lint` command: argument parsing, input gathering, analysis, output and exit code.
 * All I/O goes through {@link CliIo}, so tests can call {@link run} in-process.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { Dialect } from '../syntax/ast.js';
import { UsageError } from './errors.js';
import { commanderMessage, commanderOutput, messageOf } from './program.js';
import { VERSION } from './version.js';
import { EXIT } from './exit.js';
import { lintFiles } from './lint-files.js';


export { EXIT } from './exit.js';

/** The outside world as the CLI sees it. */
export interface CliIo {
  /** Write to standard output. */
  stdout(text: string): void;
  /** Write to standard error. */
  stderr(text: string): void;
  /** Resolves once standard output can take more (at once unless a write filled its buffer); optional. */
  drain?(): Promise<void>;
  /** Read all of standard input. */
  readStdin(): Promise<Uint8Array>;
  /** Directory relative paths are resolved against. */
  cwd: string;
  /** A script that starts this program in a worker thread (the bundled executables have one), for linting many files. */
  workerScript?: string;
}

/** Output formats. */
export const FORMATS = ['stylish', 'json', 'sarif', 'github', 'compact'] as const;

/** Parsed command-line options. */
export interface CliOptions {
  format: (typeof FORMATS)[number];
  dialect?: Dialect;
  stdin?: boolean;
  stdinFilename?: string;
  debugAst?: boolean;
  bigipVersion?: string;
  bigipConf?: string;
  config?: string;
  rule: string[];
  maxWarnings?: number;
  fix?: boolean;
  fixDryRun?: boolean;
  baseline?: string;
  updateBaseline?: boolean;
}

/** Parses `--max-warnings`. */
function nonNegativeInt(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number such as 0 or 10');
  return Number(value);
}

/** Build the commander program. Errors and help go through `io`; nothing calls process.exit. */
function buildProgram(io: CliIo): Command {
  return new Command('irule-lint')
    .description('Lint F5 BIG-IP iRules and Tcl files.')
    .usage('[options] <files or folders...>')
    .argument('[paths...]', `files or folders (searched for *.irule, *.irul, *.tcl); '-' reads stdin`)
    .addOption(
      new Option('-f, --format <format>', 'output format').choices([...FORMATS]).default('stylish'),
    )
    .addOption(
      new Option('--dialect <dialect>', 'parse as iRule or plain Tcl (default: by content: top-level when blocks = irule; else .tcl = tcl)').choices([
        'irule',
        'tcl',
      ]),
    )
    .option('--stdin', 'lint text read from standard input')
    .option('--stdin-filename <name>', 'name for standard input in output and for dialect detection')
    .option('--bigip-version <version>', 'BIG-IP version to check against: X, X.Y, X.Y.Z or X.Y.Z.W, from 9.0 (default: the config file, else the #TMSH-VERSION of bigip.conf, else the newest known)')
    .option('--bigip-conf <file>', 'a tmsh bigip.conf for cross-checks (data groups, pools, SNAT pools)')
    .option('-c, --config <file>', `use this configuration file instead of searching for ${'irule-lint.config.json'}`)
    .option('--rule <id=severity>', 'set a rule to off, info, warn or error (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--max-warnings <n>', 'exit 1 when there are more than n warnings', nonNegativeInt)
    .option('--fix', 'apply safe fixes to the files')
    .option('--fix-dry-run', 'print the safe fixes as a diff instead of writing them')
    .option('--baseline <file>', 'report only findings not recorded in this file (created when missing)')
    .option('--update-baseline', 'with --baseline: record the current findings')
    .option('--debug-ast', 'print the syntax tree instead of findings')
    .version(VERSION, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .addHelpText(
      'after',
      '\nExit codes: 0 no errors, 1 errors found (or more warnings than --max-warnings), 2 usage or input problem.',
    )
    .exitOverride()
    .configureOutput(commanderOutput(io));
}

/**
 * Run the CLI with `argv` (the arguments after the program name) and return the exit code.
 * Never throws: usage problems and unexpected failures become one line on stderr and exit 2.
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  try {
    program.parse([...argv], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.exitCode === 0) return EXIT.ok; // --help, --version
      return fail(io, `${commanderMessage(err)} (see --help)`);
    }
    return fail(io, `internal error: ${messageOf(err)}`);
  }
  try {
    return await lintFiles(program.args, program.opts<CliOptions>(), io);
  } catch (err) {
    if (err instanceof UsageError) return fail(io, err.message);
    return fail(io, `internal error: ${messageOf(err)}`);
  }
}


/** Print `irule-lint: <message>` on stderr and return the usage exit code. */
function fail(io: CliIo, message: string): number {
  io.stderr(`irule-lint: ${message}\n`);
  return EXIT.usage;
}

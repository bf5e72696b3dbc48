/**
 * The `irule-lint` command: argument parsing, input gathering, analysis, output and exit code.
 * All I/O goes through {@link CliIo}, so tests can call {@link run} in-process.
 */
import { Command, CommanderError, Option } from 'commander';
import type { Dialect } from '../syntax/ast.js';
import type { FileReport } from '../report/messages.js';
import { decodeText } from './decode.js';
import { UsageError } from './errors.js';
import { dialectForName, findFiles, readSource, type Input } from './inputs.js';
import { VERSION } from './version.js';

/** Exit codes. */
export const EXIT = {
  /** No errors (warnings alone do not fail). */
  ok: 0,
  /** At least one error-severity finding. */
  errors: 1,
  /** Usage or input problem. */
  usage: 2,
} as const;

/** The outside world as the CLI sees it. */
export interface CliIo {
  /** Write to standard output. */
  stdout(text: string): void;
  /** Write to standard error. */
  stderr(text: string): void;
  /** Read all of standard input. */
  readStdin(): Promise<Uint8Array>;
  /** Directory relative paths are resolved against. */
  cwd: string;
}

/** Parsed command-line options. */
interface CliOptions {
  format: 'stylish' | 'json';
  dialect?: Dialect;
  stdin?: boolean;
  stdinFilename?: string;
  debugAst?: boolean;
}

/** Name used for standard input when `--stdin-filename` is not given. */
const STDIN_NAME = '<stdin>';

/** Build the commander program. Errors and help go through `io`; nothing calls process.exit. */
function buildProgram(io: CliIo): Command {
  return new Command('irule-lint')
    .description('Lint F5 BIG-IP iRules and Tcl files.')
    .usage('[options] <files or folders...>')
    .argument('[paths...]', `files or folders (searched for *.irule, *.irul, *.tcl); '-' reads stdin`)
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(['stylish', 'json']).default('stylish'),
    )
    .addOption(
      new Option('--dialect <dialect>', 'parse as iRule or plain Tcl (default: by file extension, .tcl = tcl)').choices([
        'irule',
        'tcl',
      ]),
    )
    .option('--stdin', 'lint text read from standard input')
    .option('--stdin-filename <name>', 'name for standard input in output and for dialect detection')
    .option('--debug-ast', 'print the syntax tree instead of findings')
    .version(VERSION, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .addHelpText(
      'after',
      '\nExit codes: 0 no errors, 1 errors found, 2 usage or input problem.',
    )
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
      // Errors are printed by run() as one line; suppress commander's own printing.
      outputError: () => {},
      getOutHelpWidth: () => 80,
      getErrHelpWidth: () => 80,
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    });
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
    return await lint(program.args, program.opts<CliOptions>(), io);
  } catch (err) {
    if (err instanceof UsageError) return fail(io, err.message);
    return fail(io, `internal error: ${messageOf(err)}`);
  }
}

/** Gather inputs, analyse them and print the results. */
async function lint(args: string[], opts: CliOptions, io: CliIo): Promise<number> {
  const wantsStdin = opts.stdin === true || args.includes('-');
  const paths = args.filter((a) => a !== '-');
  if (!wantsStdin && paths.length === 0) {
    throw new UsageError(`no files given (pass files or folders, or '-' for standard input)`);
  }
  if (opts.stdinFilename !== undefined && !wantsStdin) {
    throw new UsageError(`--stdin-filename needs --stdin or '-'`);
  }
  const files = await findFiles(paths, io.cwd);
  if (!wantsStdin && files.length === 0) {
    throw new UsageError(`no *.irule, *.irul or *.tcl files found in ${paths.map((p) => `'${p}'`).join(', ')}`);
  }
  // Read everything before printing anything, so an unreadable input yields only its error line.
  const inputs: Input[] = [];
  if (wantsStdin) {
    const name = opts.stdinFilename ?? STDIN_NAME;
    const text = decodeText(await io.readStdin());
    inputs.push({ filePath: name, displayPath: name, text });
  }
  for (const file of files) inputs.push(await readSource(file));

  // Loaded only now, so --help, --version and usage errors skip building the parser.
  const { analyze, printAst, formatJson, formatStylish, toReportMessages } = await import('./analysis.js');
  const dialectOf = (input: Input): Dialect => opts.dialect ?? dialectForName(input.filePath);
  if (opts.debugAst) {
    const dumps = inputs.map((input) => {
      const { ast } = analyze(input.text, { dialect: dialectOf(input) });
      const dump = printAst(ast, { ranges: true });
      return inputs.length > 1 ? `== ${input.displayPath}\n${dump}` : dump;
    });
    io.stdout(dumps.join(''));
    return EXIT.ok;
  }

  const reports: FileReport[] = inputs.map((input) => {
    const { diagnostics } = analyze(input.text, { dialect: dialectOf(input) });
    return {
      filePath: input.filePath,
      displayPath: input.displayPath,
      messages: toReportMessages(input.text, diagnostics),
    };
  });
  io.stdout(opts.format === 'json' ? formatJson(reports) : formatStylish(reports));
  const hasErrors = reports.some((r) => r.messages.some((m) => m.severity === 'error'));
  return hasErrors ? EXIT.errors : EXIT.ok;
}

/** Commander's message as one line without its `error: ` prefix. */
function commanderMessage(err: CommanderError): string {
  return err.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ').trim();
}

/** The message of anything thrown. */
function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Print `irule-lint: <message>` on stderr and return the usage exit code. */
function fail(io: CliIo, message: string): number {
  io.stderr(`irule-lint: ${message}\n`);
  return EXIT.usage;
}

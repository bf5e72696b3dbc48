/**
 * `irule-sim test [options] <files or folders...>`: runs `*.test.yaml` scenario tests (folders
 * are searched for them), prints the outcome as text, JUnit XML or JSON, and returns the exit
 * code: 0 all passed, 1 a test failed, 2 a bad test file, missing input, or rules BIG-IP would not
 * load where the test did not expect `refused`. Tests run file by file (path order), each file's
 * in name order; `--filter` keeps the tests whose name contains the text.
 */
import { Command, CommanderError, Option } from 'commander';
import { formatTestJson } from '../../report/sim-test-json.js';
import { formatTestJunit } from '../../report/sim-test-junit.js';
import { formatTestText } from '../../report/sim-test-text.js';
import { fileNotes } from '../../sim/scenario/notes.js';
import { filterTests, inRunOrder, runScenarioTest } from '../../sim/scenario/run.js';
import { exitCodeOf, summarize } from '../../sim/scenario/summary.js';
import type { FileOutcome } from '../../sim/scenario/types.js';
import { UsageError } from '../errors.js';
import { findFiles } from '../inputs.js';
import { commanderMessage, commanderOutput, messageOf } from '../program.js';
import type { CliIo } from '../run.js';
import { TestLoader } from './test-load.js';

/** Output formats of `irule-sim test`. */
export const TEST_FORMATS = ['text', 'junit', 'json'] as const;

/** Whether a file name is a scenario test file. */
export function isTestFile(name: string): boolean {
  return name.endsWith('.test.yaml') || name.endsWith('.test.yml');
}

/** The commander program of the subcommand. */
function buildProgram(io: CliIo): Command {
  return new Command('irule-sim test')
    .description('Run iRule scenario tests (*.test.yaml): each test simulates its connections and checks the results.')
    .usage('[options] <test files or folders...>')
    .argument('<paths...>', '*.test.yaml files, or folders searched for them')
    .option('--filter <text>', 'run only the tests whose name contains <text>')
    .addOption(new Option('-f, --format <format>', 'output format').choices([...TEST_FORMATS]).default('text'))
    .helpOption('-h, --help', 'show this help')
    .addHelpText('after', '\nExit codes: 0 all tests passed, 1 a test failed, 2 a bad test file, missing input, or rules BIG-IP would not load where the test did not expect `refused`.\nThe simulator\'s notes on a run (an external data group without its file, a command not modelled ...) are shown with the test and do not fail it; `expect: { notes: [] }` asks for a run without any.\nThe file format is described in docs/irule-sim.md ("Scenario tests").')
    .exitOverride()
    .configureOutput(commanderOutput(io));
}

/** Runs `irule-sim test` with `argv` (after `test`); returns the exit code. Never throws. */
export async function runSimTest(argv: readonly string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  try {
    program.parse([...argv], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.exitCode === 0) return 0;
      return fail(io, `${commanderMessage(err)} (see irule-sim test --help)`);
    }
    return fail(io, `internal error: ${messageOf(err)}`);
  }
  const opts = program.opts<{ filter?: string; format: (typeof TEST_FORMATS)[number] }>();
  try {
    const files = await findFiles(program.args, io.cwd, isTestFile);
    if (files.length === 0) throw new UsageError(`no *.test.yaml files found in ${program.args.map((p) => `'${p}'`).join(', ')}`);
    const loader = new TestLoader(io);
    const outcomes: FileOutcome[] = [];
    const settings = { now: () => performance.now(), ruleCache: new Map() };
    for (const f of files) {
      const loaded = await loader.load(f.absPath);
      const tests = loaded.problems.length > 0 ? [] : inRunOrder(filterTests(loaded.tests, opts.filter));
      // Notes every test of the file had are shown once, for the file.
      const shared = fileNotes(tests.map((t) => runScenarioTest(t, settings)));
      const outcome: FileOutcome = { file: loaded.file, problems: loaded.problems, tests: shared.tests };
      if (loaded.configProblems) outcome.configProblems = loaded.configProblems;
      if (shared.notes.length > 0) outcome.notes = shared.notes;
      outcomes.push(outcome);
    }
    const format = opts.format ?? 'text';
    io.stdout(format === 'junit' ? formatTestJunit(outcomes) : format === 'json' ? formatTestJson(outcomes) : formatTestText(outcomes));
    const summary = summarize(outcomes);
    if (opts.filter !== undefined && summary.tests === 0 && summary.badFiles === 0) return fail(io, `no test name contains '${opts.filter}'`);
    return exitCodeOf(summary);
  } catch (err) {
    if (err instanceof UsageError) return fail(io, err.message);
    return fail(io, `internal error: ${messageOf(err)}`);
  }
}

/** Prints a problem and returns exit code 2. */
function fail(io: CliIo, message: string): number {
  io.stderr(message.split('\n').map((line) => `irule-sim test: ${line}\n`).join(''));
  return 2;
}

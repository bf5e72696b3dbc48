/**
 * The `irule-sim` command: argument parsing, reading the inputs, running the simulation and
 * printing it. All I/O goes through `CliIo`, so tests call {@link runSim} in-process.
 * Exit codes: 0 simulated (an iRule's runtime error is a result, not a failure), 2 usage or
 * input problem (one line on stderr).
 */
import { Command, CommanderError, Option } from 'commander';
import { UsageError } from '../errors.js';
import { commanderMessage, commanderOutput, messageOf } from '../program.js';
import type { ClientSpec } from '../../sim/irule/types.js';
import type { CliIo } from '../run.js';
import { VERSION } from '../version.js';
import { explainFiles } from './explain-files.js';
import { simulateFiles } from './simulate-files.js';
import { runSimTest } from './test-command.js';

/** Exit codes of `irule-sim`. */
export const SIM_EXIT = {
  /** Simulated. */
  ok: 0,
  /** `--expect`: a claim was refuted or could not be proven. */
  refuted: 1,
  /** Usage or input problem. */
  usage: 2,
} as const;

/** Output formats. */
export const SIM_FORMATS = ['text', 'json'] as const;

/** Parsed command-line options. */
export interface SimCliOptions {
  client: string[];
  /** Clients already parsed, before those of `client` and `clients` (the editor's input, see src/lsp/features/simulate.ts). */
  parsedClients?: ClientSpec[];
  clients?: string;
  bigipConf?: string;
  external: string[];
  virtual?: string;
  destination?: string;
  bigipVersion?: string;
  event: string[];
  request?: string;
  format: (typeof SIM_FORMATS)[number];
  /** Explain every client address (`--explain`; implied by `--expect`). */
  explain?: boolean;
  /** An expect file of `<cidr> -> [not] <outcome>` claims. */
  expect?: string;
  /** Most simulated runs of `--explain`. */
  maxRuns?: number;
}

/** Collects a repeatable option (no default, so help shows none). */
const collect = (v: string, acc: string[] | undefined): string[] => [...(acc ?? []), v];

/** The commander program; errors and help go through `io`, nothing calls process.exit. */
function buildProgram(io: CliIo): Command {
  return new Command('irule-sim')
    .description('Simulate F5 BIG-IP iRules for a sequence of client connections.')
    .usage('[options] <irule files...>')
    .argument('[files...]', 'iRule files or folders (rule name = file name without extension); none: the rules the virtual server has in --bigip-conf')
    .option('--client <addr[:port]>', 'a client address, IPv4 or IPv6, optional %route-domain and :port (repeatable)', collect)
    .option('--clients <file>', "a file of client addresses, one per line ('#' starts a comment)")
    .option('--bigip-conf <file>', 'a tmsh bigip.conf: data groups, pools, SNAT pools, virtual servers, self IPs, VLANs')
    .option('--external <name=file>', 'content of an external data group file (repeatable; also looked up next to bigip.conf)', collect)
    .option('--virtual <name>', 'the virtual server to simulate (default: the one using the given rules, or the only one)')
    .option('--destination <addr[:port]>', 'the address (and port) the clients connect to; without --virtual, the most specific virtual server taking it is simulated (a second column in --clients sets it per client)')
    .option('--bigip-version <version>', 'BIG-IP version X, X.Y, X.Y.Z or X.Y.Z.W whose behaviour to follow (default: the #TMSH-VERSION of --bigip-conf, else the newest known)')
    .option('--event <NAME>', 'fire only these events (repeatable; default: the flow of the virtual server)', collect)
    .option('--request <file>', "the client's HTTP request (request line, headers, blank line, body)")
    .addOption(new Option('-f, --format <format>', 'output format').choices([...SIM_FORMATS]).default('text'))
    .option('--explain', 'explain every client address: the IPv4 and IPv6 blocks of clients for each outcome')
    .option('--expect <file>', "prove or refute '<cidr> -> [not] snat <addr> | pool <name> | member <addr:port> | error' lines (implies --explain; exit 1 when one is not proven)")
    .option('--max-runs <n>', 'most simulations --explain makes (default 2000)', (v: string) => Number(v))
    .version(VERSION, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .addHelpText('after', '\nExit codes: 0 simulated (runtime errors of the iRules are part of the result), 1 an --expect claim not proven, 2 usage or input problem.')
    .addHelpText('after', '\nScenario tests: irule-sim test [options] <*.test.yaml files or folders> (see irule-sim test --help).')
    .exitOverride()
    .configureOutput(commanderOutput(io));
}

/** Runs `irule-sim` with `argv` (after the program name); returns the exit code. Never throws. */
export async function runSim(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv[0] === 'test') {
    return runSimTest(argv.slice(1), io);
  }
  const program = buildProgram(io);
  try {
    program.parse([...argv], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.exitCode === 0) return SIM_EXIT.ok;
      return fail(io, `${commanderMessage(err)} (see --help)`);
    }
    return fail(io, `internal error: ${messageOf(err)}`);
  }
  try {
    const raw = program.opts<Partial<SimCliOptions>>();
    const opts: SimCliOptions = { ...raw, client: raw.client ?? [], external: raw.external ?? [], event: raw.event ?? [], format: raw.format ?? 'text' };
    if (opts.explain === true || opts.expect !== undefined) {
      const r = await explainFiles(program.args, opts, io);
      io.stdout(r.text);
      return r.proven ? SIM_EXIT.ok : SIM_EXIT.refuted;
    }
    await simulateFiles(program.args, opts, io);
    return SIM_EXIT.ok;
  } catch (err) {
    if (err instanceof UsageError) return fail(io, err.message);
    return fail(io, `internal error: ${messageOf(err)}`);
  }
}

/** Prints a problem (one `irule-sim: ` line per line of it) and returns the usage exit code. */
function fail(io: CliIo, message: string): number {
  io.stderr(message.split('\n').map((line) => `irule-sim: ${line}\n`).join(''));
  return SIM_EXIT.usage;
}

/**
 * The `irule-lsp` executable: the language server over standard input and output. `--stdio` is
 * accepted and is also the default; `--node-ipc`, `--socket=<port>` and `--pipe=<name>` select the
 * other transports `vscode-languageserver` knows, and `--clientProcessId=<pid>` (added by VS Code
 * clients) makes the server exit when the editor dies. Nothing here reads the repository at run
 * time: the command catalog is bundled JSON, so the bundle runs from anywhere (also inside the
 * extension).
 */
import { createConnection, type Connection } from 'vscode-languageserver/node';
import { tuneHeap } from '../cli/heap.js';
import { VERSION } from '../cli/version.js';
import { logError } from './context.js';
import { startServer } from './server.js';

const USAGE = 'Usage: irule-lsp [--stdio | --node-ipc | --socket=<port> | --pipe=<name>] [--clientProcessId=<pid>]';

/** Options that take a value, as `--opt=value` or `--opt value`. */
const WITH_VALUE = ['--socket', '--pipe', '--clientProcessId'];
/** Transport switches. */
const FLAGS = ['--stdio', '--node-ipc'];

/** What the command line asks for. */
type Parsed = { kind: 'run'; transport: boolean } | { kind: 'print'; text: string } | { kind: 'error'; text: string };

/** Reads the arguments (after the program name). */
function parseArgs(argv: readonly string[]): Parsed {
  let transport = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') return { kind: 'print', text: `${USAGE}\nThe iRule language server (speaks LSP; stdio by default).` };
    if (arg === '-v' || arg === '--version') return { kind: 'print', text: VERSION };
    if (FLAGS.includes(arg)) {
      transport = true;
      continue;
    }
    const name = arg.split('=')[0];
    if (WITH_VALUE.includes(name)) {
      if (!arg.includes('=')) {
        if (i + 1 >= argv.length) return { kind: 'error', text: `irule-lsp: option '${name}' needs a value (see --help)` };
        i++;
      }
      if (name !== '--clientProcessId') transport = true;
      continue;
    }
    return { kind: 'error', text: `irule-lsp: unknown option '${arg}' (see --help)` };
  }
  return { kind: 'run', transport };
}

/** Runs the executable. */
function main(): void {
  tuneHeap();
  const parsed = parseArgs(process.argv.slice(2));
  if (parsed.kind === 'print') {
    process.stdout.write(`${parsed.text}\n`);
    return;
  }
  if (parsed.kind === 'error') {
    process.stderr.write(`${parsed.text}\n`);
    process.exitCode = 2;
    return;
  }
  // Standard output carries the protocol: anything logged goes to standard error instead.
  console.log = console.info = console.debug = console.error;
  // With a transport option, vscode-languageserver reads it from the command line itself;
  // without one, the server talks over stdio all the same.
  const connection: Connection = parsed.transport ? createConnection() : createConnection(process.stdin, process.stdout);
  // A stray rejected promise must not end the process (Node's default): log it and go on.
  process.on('unhandledRejection', (reason) => {
    logError(connection, `irule-lsp: unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`);
  });
  startServer(connection);
  connection.listen();
}

main();

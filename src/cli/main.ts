/** Runs a CLI entry (`run(argv, io)`) against the real process: streams, stdin, exit code. */
import { once } from 'node:events';
import { tuneHeap } from './heap.js';
import type { CliIo } from './run.js';

/** Read all of standard input as bytes. */
async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Wires `run` to the process and sets the exit code it returns; `extra` adds to the I/O it gets. */
export async function main(run: (argv: readonly string[], io: CliIo) => Promise<number>, extra: Partial<CliIo> = {}): Promise<void> {
  tuneHeap();
  // A closed pipe (`irule-lint ... | head`) is not an error worth a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
  // Whether the last write to stdout filled its buffer (a pipe to a slower reader): long output then waits.
  let full = false;
  const code = await run(process.argv.slice(2), {
    stdout: (s) => void (full = !process.stdout.write(s)),
    stderr: (s) => void process.stderr.write(s),
    drain: () => (full ? once(process.stdout, 'drain').then(() => void (full = false)) : Promise.resolve()),
    readStdin,
    cwd: process.cwd(),
    ...extra,
  });
  // Set the code rather than calling process.exit, so piped output is flushed first.
  process.exitCode = code;
}

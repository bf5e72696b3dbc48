/** Runs a CLI entry (`run(argv, io)`) against the real process: streams, stdin, exit code. */
import { tuneHeap } from './heap.js';
import { Output, outputFlushed } from './output.js';
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
  const out = new Output(1, () => process.stdout);
  const err = new Output(2, () => process.stderr);
  const code = await run(process.argv.slice(2), {
    stdout: (s) => void out.write(s),
    stderr: (s) => void err.write(s),
    // Long output waits for a slower reader here (only ever needed once writes go through the stream).
    drain: () => out.drained(),
    readStdin,
    cwd: process.cwd(),
    ...extra,
  });
  // Set the code rather than calling process.exit: piped output may still be on its way (see exitWhenFlushed).
  process.exitCode = code;
}

/**
 * Ends the process as soon as everything written to stdout and stderr has left it (a write to a
 * pipe can still be pending in the event loop; it is waited for, polling every millisecond).
 * Letting Node wind down by itself costs time for nothing: it first waits for every job queued on
 * V8's background threads, mostly TurboFan compiling functions that will never run again, then
 * tears the heap down. Measured with the executables and the build's code cache (8 December,
 * alternated medians of 15 runs): one small file 193 -> 187 ms, 100 rules of the bench folder
 * 420 -> 401 ms. The time saved is waiting, not work: the instruction count is unchanged. The
 * launcher calls this after its last step (writing a code cache), with the exit code `main` set.
 */
export function exitWhenFlushed(): void {
  if (!outputFlushed()) {
    setTimeout(exitWhenFlushed, 1);
    return;
  }
  process.exit();
}

/**
 * Standard output and error of the executables, written with `fs.writeSync` on the descriptor
 * while it takes the bytes at once, and through Node's stream only from the first time it does
 * not. Setting up `process.stdout` for a pipe loads Node's socket and stream modules: about 17
 * million instructions (4 ms) of a 5-line file's run, for output a single system call can carry.
 *
 * A descriptor opened blocking (a terminal, a file, a pipe from a shell or a spawning program)
 * takes every write whole, so the stream is never made. One that a process sharing it has made
 * non-blocking (the flag belongs to the open pipe, not to one process; a test sets it with perl)
 * refuses a write to a full pipe with EAGAIN: the rest of that write and every later one then go
 * through the stream, which waits for the reader, in order. A reader that closed its end
 * (`irule-lint ... | head`) ends the process quietly with its exit code so far, as the stream's
 * EPIPE did. On Windows the streams are always used: the console wants text as UTF-16, not bytes.
 */
import { writeSync } from 'node:fs';

/** The streams in use for output, each after its first refused write (or from the start on Windows). */
const inUse = new Set<NodeJS.WriteStream>();

/** A closed pipe (`irule-lint ... | head`) is not an error worth a stack trace. */
function quietOnClosedPipe(stream: NodeJS.WriteStream): NodeJS.WriteStream {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  inUse.add(stream);
  return stream;
}

/** One of the two output descriptors. */
export class Output {
  private stream: NodeJS.WriteStream | undefined;

  constructor(
    private readonly fd: 1 | 2,
    private readonly open: () => NodeJS.WriteStream,
    direct = process.platform !== 'win32',
  ) {
    if (!direct) this.stream = quietOnClosedPipe(open());
  }

  /** Writes text; false when it went to a stream whose buffer is now full (see {@link drained}). */
  write(text: string): boolean {
    if (this.stream) return this.stream.write(text);
    const bytes = Buffer.from(text, 'utf8');
    let done = 0;
    while (done < bytes.length) {
      try {
        done += writeSync(this.fd, bytes, done, bytes.length - done);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') {
          this.stream = quietOnClosedPipe(this.open());
          return this.stream.write(bytes.subarray(done));
        }
        if (code === 'EPIPE') process.exit(process.exitCode ?? 0);
        throw err;
      }
    }
    return true;
  }

  /** Resolves when the stream's buffer has room again (at once when writes are direct). */
  drained(): Promise<void> {
    const stream = this.stream;
    return stream && stream.writableNeedDrain ? new Promise((resolve) => stream.once('drain', () => resolve())) : Promise.resolve();
  }
}

/** Whether everything written has left the process (a stream may still hold bytes for a slow reader). */
export function outputFlushed(): boolean {
  for (const stream of inUse) if (stream.writableLength > 0) return false;
  return true;
}

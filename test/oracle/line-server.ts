/**
 * Client of a long-lived child process that reads requests as `<byte length>\n<bytes>` on stdin
 * and answers each with one line on stdout, in order. Requests may be pipelined. Both tclsh
 * test servers (test/oracle/server.tcl, test/sim/tclsh-server.tcl) speak this protocol.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';

interface Pending {
  resolve: (line: string) => void;
  reject: (err: Error) => void;
}

/** Pipelined request/answer-line client over a child's stdin/stdout. */
export class LineServer {
  private readonly pending: Pending[] = [];
  private buffer = '';
  private stderr = '';
  private exited: Error | undefined;

  /** `name` appears in the error raised when the process dies. */
  constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    name: string,
  ) {
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => this.onData(chunk));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      this.stderr += chunk;
    });
    child.on('exit', (code, signal) => {
      this.exited = new Error(`${name} exited (code ${code}, signal ${signal}): ${this.stderr.trim()}`);
      for (const p of this.pending.splice(0)) p.reject(this.exited);
    });
    child.on('error', (err) => {
      this.exited = err;
      for (const p of this.pending.splice(0)) p.reject(err);
    });
  }

  /** Sends one request; resolves with its answer line (without the newline). */
  request(text: string): Promise<string> {
    if (this.exited) return Promise.reject(this.exited);
    return new Promise<string>((resolve, reject) => {
      this.pending.push({ resolve, reject });
      const bytes = Buffer.from(text, 'utf8');
      this.child.stdin.write(`${bytes.length}\n`);
      this.child.stdin.write(bytes);
    });
  }

  /** Stops the process (closing its stdin) and waits for it to exit. */
  async close(): Promise<void> {
    if (this.exited) return;
    const done = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.stdin.end();
    await done;
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    let nl: number;
    while ((nl = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, nl);
      this.buffer = this.buffer.slice(nl + 1);
      this.pending.shift()?.resolve(line);
    }
  }
}

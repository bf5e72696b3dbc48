/**
 * A long-lived `tclsh` process that answers how real Tcl parses scripts. Start one per test
 * file, send it as many scripts as needed (requests are pipelined), close it in `afterAll`.
 *
 *   const tcl = await TclOracle.start();
 *   const answer = await tcl.ask('set a {b c}');   // { complete, parse }
 *   await tcl.close();
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { ensureOracle } from './build.js';
import type { TclAnswer } from './types.js';

interface Pending {
  resolve: (answer: TclAnswer) => void;
  reject: (err: Error) => void;
}

/** Client for test/oracle/server.tcl. */
export class TclOracle {
  private readonly pending: Pending[] = [];
  private buffer = '';
  private stderr = '';
  private exited: Error | undefined;

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => this.onData(chunk));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      this.stderr += chunk;
    });
    child.on('exit', (code, signal) => {
      this.exited = new Error(`tclsh oracle exited (code ${code}, signal ${signal}): ${this.stderr.trim()}`);
      for (const p of this.pending.splice(0)) p.reject(this.exited);
    });
    child.on('error', (err) => {
      this.exited = err;
      for (const p of this.pending.splice(0)) p.reject(err);
    });
  }

  /** Builds the extension if needed and starts the server; resolves once it answered a probe. */
  static async start(): Promise<TclOracle> {
    const setup = ensureOracle();
    const child = spawn(setup.tclsh, [setup.server, setup.lib], { stdio: ['pipe', 'pipe', 'pipe'] });
    const oracle = new TclOracle(child);
    await oracle.ask('');
    return oracle;
  }

  /** How Tcl parses `script`. Requests may be issued concurrently; answers keep their order. */
  ask(script: string): Promise<TclAnswer> {
    if (this.exited) return Promise.reject(this.exited);
    return new Promise<TclAnswer>((resolve, reject) => {
      this.pending.push({ resolve, reject });
      const bytes = Buffer.from(script, 'utf8');
      this.child.stdin.write(`${bytes.length}\n`);
      this.child.stdin.write(bytes);
    });
  }

  /** Asks about many scripts at once. */
  askAll(scripts: readonly string[]): Promise<TclAnswer[]> {
    return Promise.all(scripts.map((s) => this.ask(s)));
  }

  /** Stops the server. */
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
      const p = this.pending.shift();
      if (!p) continue;
      try {
        const json = JSON.parse(line) as TclAnswer | { fatal: string };
        if ('fatal' in json) p.reject(new Error(`tclparse failed: ${json.fatal}`));
        else p.resolve(json);
      } catch (err) {
        p.reject(new Error(`bad oracle output: ${line.slice(0, 200)} (${(err as Error).message})`));
      }
    }
  }
}

/**
 * A long-lived `tclsh` process that answers how real Tcl parses scripts. Start one per test
 * file, send it as many scripts as needed (requests are pipelined), close it in `afterAll`.
 *
 *   const tcl = await TclOracle.start();
 *   const answer = await tcl.ask('set a {b c}');   // { complete, parse }
 *   await tcl.close();
 */
import { spawn } from 'node:child_process';
import { ensureOracle } from './build.js';
import { LineServer } from './line-server.js';
import type { TclAnswer } from './types.js';

/** Client for test/oracle/server.tcl. */
export class TclOracle {
  private constructor(private readonly server: LineServer) {}

  /** Builds the extension if needed and starts the server; resolves once it answered a probe. */
  static async start(): Promise<TclOracle> {
    const setup = ensureOracle();
    const child = spawn(setup.tclsh, [setup.server, setup.lib], { stdio: ['pipe', 'pipe', 'pipe'] });
    const oracle = new TclOracle(new LineServer(child, 'tclsh oracle'));
    await oracle.ask('');
    return oracle;
  }

  /** How Tcl parses `script`. Requests may be issued concurrently; answers keep their order. */
  async ask(script: string): Promise<TclAnswer> {
    const line = await this.server.request(script);
    let json: TclAnswer | { fatal: string };
    try {
      json = JSON.parse(line) as TclAnswer | { fatal: string };
    } catch (err) {
      throw new Error(`bad oracle output: ${line.slice(0, 200)} (${(err as Error).message})`);
    }
    if ('fatal' in json) throw new Error(`tclparse failed: ${json.fatal}`);
    return json;
  }

  /** Asks about many scripts at once. */
  askAll(scripts: readonly string[]): Promise<TclAnswer[]> {
    return Promise.all(scripts.map((s) => this.ask(s)));
  }

  /** Stops the server. */
  close(): Promise<void> {
    return this.server.close();
  }
}

/**
 * A long-lived `tclsh` that evaluates scripts for the differential tests. One process per test
 * file; each script runs in a fresh child interpreter with `tcl_precision 12` (Tcl 8.4's default).
 *
 *   const tcl = await Tclsh.start();          // undefined when tclsh is missing and IRULE_LINT_NO_TCL=1
 *   const { code, value } = await tcl.eval('expr {1 + 2}');
 *   await tcl.close();
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { LineServer } from '../oracle/line-server.js';

/** One answer. */
export interface TclAnswer {
  /** Completion code of the script. */
  code: number;
  /** Its result (or error message). */
  value: string;
}

const SERVER = fileURLToPath(new URL('./tclsh-server.tcl', import.meta.url));

/** Which tclsh to run: $TCLSH, else tclsh8.6, else tclsh. */
export function findTclsh(): string | undefined {
  const candidates = [process.env.TCLSH, 'tclsh8.6', 'tclsh'].filter((c): c is string => !!c);
  for (const c of candidates) {
    const r = spawnSync(c, [], { input: 'puts [info tclversion]\n', encoding: 'utf8' });
    if (r.status === 0 && /^8\.[5-9]/.test(r.stdout.trim())) return c;
  }
  return undefined;
}

/** Client of tclsh-server.tcl (answers: `<code> <base64 result>`). */
export class Tclsh {
  private constructor(private readonly server: LineServer) {}

  /**
   * Starts the server. Without a tclsh 8.5+ it throws, unless IRULE_LINT_NO_TCL=1 is set, in
   * which case it returns undefined and the caller skips.
   */
  static start(): Tclsh | undefined {
    const exe = findTclsh();
    if (!exe) {
      if (process.env.IRULE_LINT_NO_TCL === '1') return undefined;
      throw new Error('differential tests need tclsh 8.6 (apt-get install tcl8.6), or set IRULE_LINT_NO_TCL=1 to skip them');
    }
    return new Tclsh(new LineServer(spawn(exe, [SERVER], { stdio: ['pipe', 'pipe', 'pipe'] }), 'tclsh'));
  }

  /** Evaluates a script (requests are pipelined; answers keep their order). */
  async eval(script: string): Promise<TclAnswer> {
    const line = await this.server.request(script);
    const sp = line.indexOf(' ');
    return { code: Number(line.slice(0, sp)), value: Buffer.from(line.slice(sp + 1), 'base64').toString('utf8') };
  }

  /** Evaluates many scripts. */
  evalAll(scripts: readonly string[]): Promise<TclAnswer[]> {
    return Promise.all(scripts.map((s) => this.eval(s)));
  }

  /** Stops the server. */
  close(): Promise<void> {
    return this.server.close();
  }
}

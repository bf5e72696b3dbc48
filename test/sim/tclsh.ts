/**
 * A long-lived `tclsh` that evaluates scripts for the differential tests. One process per test
 * file; each script runs in a fresh child interpreter with `tcl_precision 12` (Tcl 8.4's default).
 *
 *   const tcl = await Tclsh.start();          // undefined when tclsh is missing and IRULE_LINT_NO_TCL=1
 *   const { code, value } = await tcl.eval('expr {1 + 2}');
 *   await tcl.close();
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** One answer. */
export interface TclAnswer {
  /** Completion code of the script. */
  code: number;
  /** Its result (or error message). */
  value: string;
}

interface Pending {
  resolve: (a: TclAnswer) => void;
  reject: (e: Error) => void;
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

/** Client of tclsh-server.tcl. */
export class Tclsh {
  private readonly pending: Pending[] = [];
  private buffer = '';
  private exited: Error | undefined;

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.setEncoding('ascii');
    child.stdout.on('data', (chunk: string) => this.onData(chunk));
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (c: string) => (stderr += c));
    child.on('exit', (code) => {
      this.exited = new Error(`tclsh exited (${code}): ${stderr}`);
      for (const p of this.pending.splice(0)) p.reject(this.exited);
    });
  }

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
    return new Tclsh(spawn(exe, [SERVER], { stdio: ['pipe', 'pipe', 'pipe'] }));
  }

  /** Evaluates a script (requests are pipelined; answers keep their order). */
  eval(script: string): Promise<TclAnswer> {
    if (this.exited) return Promise.reject(this.exited);
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      const bytes = Buffer.from(script, 'utf8');
      this.child.stdin.write(`${bytes.length}\n`);
      this.child.stdin.write(bytes);
    });
  }

  /** Evaluates many scripts. */
  evalAll(scripts: readonly string[]): Promise<TclAnswer[]> {
    return Promise.all(scripts.map((s) => this.eval(s)));
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
      const sp = line.indexOf(' ');
      p.resolve({ code: Number(line.slice(0, sp)), value: Buffer.from(line.slice(sp + 1), 'base64').toString('utf8') });
    }
  }
}

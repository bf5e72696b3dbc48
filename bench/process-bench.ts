/**
 * Whole-process benchmark: a cold `irule-lint --format json` process over a generated folder of
 * about 1,000 small rules, and over one small file, each run alternating with `node -e 0` so both
 * see the same machine load. Targets (issue 12, quiet 2-core machine): the folder under 0.3 s of
 * wall time, one small file within 60 ms of `node -e 0`. bench.ts writes the folder and calls this.
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type { LintBenchRow as ProcessBenchRow } from './lint-bench.js';
import { fmt, median } from './stats.js';

/** What the section needs from the bench driver. */
export interface ProcessBenchInput {
  /** The bundled CLI (dist/cli/irule-lint.js). */
  cli: string;
  /** The generated folder, its file count and total bytes. */
  folder: string;
  files: number;
  bytes: number;
  /** A one-handler file. */
  small: string;
  /** Timed repetitions of each command. */
  runs: number;
  /**
   * Also count, once per command, the instructions of the whole process (valgrind's callgrind,
   * every thread) and its minor page faults (GNU time, median of 3): figures that do not depend on
   * the machine's load, for comparing builds (`--counts`; each tool is skipped when missing).
   */
  counts?: boolean;
}


/** Folder target in ms and small-file target over `node -e 0` in ms. */
export const TARGET_FOLDER_MS = 300;
export const TARGET_SMALL_OVER_MS = 60;

/** Wall time of one process in ms; fails unless it exits 0 or 1 (1 = findings) with JSON output. */
function timeProcess(args: string[], json: boolean, env: NodeJS.ProcessEnv = process.env): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 30, env });
  const ms = performance.now() - t0;
  if (r.error) throw r.error;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 500)}`);
  if (json) JSON.parse(r.stdout);
  return ms;
}

/** Runs the measurements (each round: node -e 0, the small file, the folder) and returns rows. */
export function processSection(input: ProcessBenchInput): ProcessBenchRow[] {
  const base: number[] = [];
  const small: number[] = [];
  const folder: number[] = [];
  const folderOneThread: number[] = [];
  const oneThread = { ...process.env, IRULE_LINT_THREADS: '1' };
  const lint = (target: string): string[] => [input.cli, '--format', 'json', target];
  // One warm-up round (file system cache), not counted.
  timeProcess(['-e', '0'], false);
  timeProcess(lint(input.folder), true);
  for (let i = 0; i < input.runs; i++) {
    base.push(timeProcess(['-e', '0'], false));
    small.push(timeProcess(lint(input.small), true));
    folder.push(timeProcess(lint(input.folder), true));
    folderOneThread.push(timeProcess(lint(input.folder), true, oneThread));
  }
  const over = small.map((ms, i) => ms - base[i]);
  const counted = input.counts ? countRows([['node -e 0', ['-e', '0']], ['one small file', lint(input.small)], ['folder, main thread only', lint(input.folder)]], oneThread) : [];
  const folderMs = median(folder);
  const verdict = (ok: boolean): string => (ok ? 'meets' : 'MISSES');
  return [
    { label: 'node -e 0', value: `${fmt(median(base), 0)} ms`, detail: `median of ${input.runs} (min ${fmt(Math.min(...base), 0)})` },
    {
      label: 'one small file',
      value: `${fmt(median(small), 0)} ms`,
      detail: `${fmt(median(over), 0)} ms over node -e 0 (min ${fmt(Math.min(...over), 0)}); ${verdict(median(over) <= TARGET_SMALL_OVER_MS)} the ${TARGET_SMALL_OVER_MS} ms target`,
    },
    {
      label: `folder, ${input.files} files of ${fmt(input.bytes / input.files / 1024, 1)} KB avg`,
      value: `${fmt(folderMs, 0)} ms`,
      detail: `min ${fmt(Math.min(...folder), 0)} ms; ${fmt(input.files / (folderMs / 1000), 0)} files/s, ${fmt(input.bytes / 1e6 / (folderMs / 1000), 2)} MB/s, ${fmt(folderMs - median(base), 0)} ms over node -e 0; ${verdict(folderMs <= TARGET_FOLDER_MS)} the ${TARGET_FOLDER_MS} ms target`,
    },
    {
      label: 'folder, main thread only',
      value: `${fmt(median(folderOneThread), 0)} ms`,
      detail: `min ${fmt(Math.min(...folderOneThread), 0)} ms; IRULE_LINT_THREADS=1 (the row above uses worker threads when there are many files and idle cores)`,
    },
    ...counted,
  ];
}

/** Whether a command runs (exit 0 with `--version`-like arguments). */
function hasTool(cmd: string, args: string[]): boolean {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return r.error === undefined && r.status === 0;
}

/** Instructions (callgrind) and minor page faults (GNU time) of each command, as rows. */
function countRows(commands: [label: string, args: string[]][], env: NodeJS.ProcessEnv): ProcessBenchRow[] {
  const valgrind = hasTool('valgrind', ['--version']);
  const time = hasTool('/usr/bin/time', ['-f', '%R', 'true']);
  if (!valgrind && !time) return [{ label: 'counts', value: '-', detail: 'neither valgrind nor GNU time (/usr/bin/time) is installed' }];
  return commands.map(([label, args]) => {
    const parts: string[] = [];
    if (valgrind) {
      const r = spawnSync('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 1 << 30, env });
      const m = /Collected : (\d+)/.exec(r.stderr);
      parts.push(m ? `${fmt(Number(m[1]) / 1e6, 0)} M instructions (callgrind)` : 'callgrind failed');
    }
    if (time) {
      const faults: number[] = [];
      for (let i = 0; i < 3; i++) {
        const r = spawnSync('/usr/bin/time', ['-f', '%R', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 1 << 30, env });
        faults.push(Number(r.stderr.trim().split('\n').at(-1)));
      }
      parts.push(`${fmt(median(faults), 0)} minor page faults`);
    }
    return { label: `counts: ${label}`, value: '', detail: parts.join(', ') };
  });
}

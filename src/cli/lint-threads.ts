/**
 * Linting many files on several threads: the main thread and worker threads (each running the
 * program bundle, dist/cli/irule-lint-worker.js) take the next file from a shared counter until
 * none is left, so a worker that starts late simply takes fewer. Each file's findings land at the
 * file's own index: the output is the one a single thread gives, in the same order. A worker that
 * fails leaves its files to the main thread. Loaded only when there are enough files, so small
 * runs never load `node:worker_threads`. The linter is passed in rather than imported: a module
 * loaded on demand makes the bundler initialise everything it imports on demand too, and the
 * linter's modules, initialised that way, cost every start about 16 million instructions more.
 */
import { parentPort, Worker, workerData } from 'node:worker_threads';
import type { Diagnostic } from '../diagnostics.js';
import type { LintOptions, LintResult } from '../lint/run.js';

/** The linter (`lint` of src/lint/run.ts). */
export type LintFn = (text: string, options: LintOptions) => Pick<LintResult, 'diagnostics'>;

/** One file to lint: its text and options (plain data: it is copied to the workers). */
export interface LintTask {
  text: string;
  options: LintOptions;
}

/** What a worker gets. */
interface WorkerInput {
  tasks: LintTask[];
  /** The index of the next task to take (an Int32Array over a SharedArrayBuffer). */
  next: Int32Array;
}

/** What a worker sends back: [task index, its diagnostics] for each task it took. */
type WorkerOutput = [number, Diagnostic[]][];

/** Takes tasks from the shared counter and lints them until none is left. */
function takeTasks(lint: LintFn, tasks: readonly LintTask[], next: Int32Array, done: (index: number, diagnostics: Diagnostic[]) => void): void {
  for (let i = Atomics.add(next, 0, 1); i < tasks.length; i = Atomics.add(next, 0, 1)) {
    done(i, lint(tasks[i].text, tasks[i].options).diagnostics);
  }
}

/** Starts a worker on `script` and resolves with what it sends (or rejects when it fails). */
function startWorker(script: string, input: WorkerInput): Promise<WorkerOutput> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: input });
    worker.once('message', (out: WorkerOutput) => resolve(out));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`lint worker exited with code ${code} before sending its results`)));
  });
}

/**
 * The diagnostics of each task, in task order, linted by `lint` on `threads` threads (workers
 * started from `workerScript`). A worker's failure is told to `warn`; its files are then linted here.
 */
export async function lintTasks(lint: LintFn, tasks: readonly LintTask[], threads: number, workerScript: string, warn: (message: string) => void): Promise<Diagnostic[][]> {
  const results: (Diagnostic[] | undefined)[] = new Array(tasks.length);
  const next = new Int32Array(new SharedArrayBuffer(4));
  const workers: Promise<WorkerOutput>[] = [];
  for (let k = 1; k < Math.min(threads, tasks.length); k++) workers.push(startWorker(workerScript, { tasks: tasks as LintTask[], next }));
  takeTasks(lint, tasks, next, (i, d) => (results[i] = d));
  for (const settled of await Promise.allSettled(workers)) {
    if (settled.status === 'fulfilled') for (const [i, d] of settled.value) results[i] = d;
    else warn(`a lint thread failed (${settled.reason instanceof Error ? settled.reason.message : String(settled.reason)}); the main thread linted its files`);
  }
  // Files a failed worker took and never returned.
  return results.map((d, i) => d ?? lint(tasks[i].text, tasks[i].options).diagnostics);
}

/** A worker thread's part: take tasks until none is left, then send the findings back. */
export function lintWorker(lint: LintFn): void {
  const { tasks, next } = workerData as WorkerInput;
  const out: WorkerOutput = [];
  takeTasks(lint, tasks, next, (i, d) => out.push([i, d]));
  parentPort!.postMessage(out);
}

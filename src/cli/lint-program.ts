/**
 * The `irule-lint` program (bundled as dist/cli/irule-lint.bundle.cjs and started by launch.ts):
 * wires {@link run} to the real process, and is the worker threads' program too
 * (dist/cli/irule-lint-worker.js).
 */
import path from 'node:path';
import { lint } from '../lint/run.js';
import { useCatalogFiles } from './catalog-files.js';
import { main } from './main.js';
import { run } from './run.js';

export { exitWhenFlushed as finish } from './main.js';

/** Runs `irule-lint` with the process's arguments; `dir` is the executables' folder. */
export async function start(dir: string): Promise<void> {
  if (!useCatalogFiles(dir, 'irule-lint')) return;
  return main(run, { workerScript: path.join(dir, 'irule-lint-worker.js') });
}

/** A worker thread's part of linting many files (lint-threads.ts); `dir` is the executables' folder. */
export async function worker(dir: string): Promise<void> {
  useCatalogFiles(dir, 'irule-lint');
  const { lintWorker } = await import('./lint-threads.js');
  lintWorker(lint);
}

/** Shared helpers for CLI tests: a captured in-memory `CliIo` and throwaway folders. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { run, type CliIo } from '../../src/cli/run.js';

/** What one in-process run produced. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI in-process in `cwd`, feeding `stdin` (bytes or text) to standard input. */
export async function runCli(argv: string[], cwd: string, stdin: string | Uint8Array = ''): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    readStdin: async () => (typeof stdin === 'string' ? new TextEncoder().encode(stdin) : stdin),
    cwd,
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

/** Run irule-sim in-process in `cwd`. */
export async function runSimCli(argv: string[], cwd: string): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const { runSim } = await import('../../src/cli/sim/run.js');
  const code = await runSim(argv, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), readStdin: async () => new Uint8Array(), cwd });
  return { code, stdout, stderr };
}

/** A fresh temporary folder holding `files` (relative path to content); returns its path and a cleanup. */
export async function tempTree(files: Record<string, string | Uint8Array>): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'irule-lint-test-'));
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    await mkdir(path.dirname(abs), { recursive: true });
    await writeFile(abs, content);
  }
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * For a test file: `tree(files)` makes a temporary folder with `files` (see {@link tempTree}) and
 * returns its path; every folder made is removed after each test. Call once, at the top level.
 */
export function treesRemovedAfterEach(): (files: Record<string, string | Uint8Array>) => Promise<string> {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((c) => c()));
  });
  return async (files) => {
    const t = await tempTree(files);
    cleanups.push(t.cleanup);
    return t.dir;
  };
}

/** A well-formed iRule. */
export const CLEAN = 'when HTTP_REQUEST {\n  log local0. "hello"\n}\n';

/** An iRule whose `when` body is never closed: always a syntax error. */
export const BROKEN = 'when HTTP_REQUEST {\n  log local0. "hello"\n';

/**
 * Start-up of the executables through a V8 code cache. Each executable is a small launcher
 * (dist/cli/<name>.js) and the program bundle beside it (<name>.bundle.cjs, a CommonJS body).
 * The launcher compiles the bundle as a `vm.Script` with cached data: V8 then skips parsing the
 * 0.8 MB bundle (irule-sim: 1.1 MB) and compiling the functions the cached run used. Node 20 has no
 * `module.enableCompileCache` (22.1+), so the cache is kept here:
 *
 * - the build writes one beside the bundle (`npm run build`, and `prepare` for git installs), for
 *   the Node that built it;
 * - when that one is missing or V8 rejects it (another Node version or V8 options), a run that
 *   linted or simulated writes one to the user's cache folder (`IRULE_LINT_CACHE_DIR`, else
 *   `$XDG_CACHE_HOME/irule-lint`, else `~/.cache/irule-lint`; an empty `IRULE_LINT_CACHE_DIR`
 *   turns that off), atomically, replacing the executable's older ones there.
 *
 * A cache file is named after the bundle's build id (a hash of its bytes, written into the
 * launcher by the build), the Node version and the architecture, and its first line records the
 * bundle's size and modification time and the V8 options: a bundle changed in place never meets
 * an old cache. V8 checks the rest: its version, its flags and the source length, and, with
 * `--verify-snapshot-checksum` (set here before compiling; off by default in release builds), a
 * checksum of the data, so a damaged file is rejected instead of crashing V8's deserializer (it
 * did, in a test, without the flag). The checksum costs about 5 million instructions. Every
 * failure to read or write a cache falls back to an ordinary compile, silently;
 * `IRULE_LINT_CACHE_DEBUG=1` says on stderr what happened.
 *
 * The launcher is CommonJS (dist/cli/package.json says so) and loads no module it does not need
 * (no ESM loader, crypto or worker_threads): each costs a few million instructions at start-up.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';
import { tuneHeap } from './heap.js';

/** The bundle's build id (scripts/build.mjs defines it; `dev` when unbundled). */
declare const __IRULE_BUNDLE_ID__: string | undefined;
const BUNDLE_ID = typeof __IRULE_BUNDLE_ID__ === 'string' ? __IRULE_BUNDLE_ID__ : 'dev';

/** What a program bundle exports. */
export interface ProgramBundle {
  /** Runs the executable against the real process; `dir` is the executables' folder. */
  start(dir: string): Promise<void>;
  /** Runs a worker thread's share of the work, when the program uses workers; `dir` as for `start`. */
  worker?(dir: string): Promise<void>;
  /** Ends the process with the exit code `start` set, once its output has left (called after `start` and the cache write). */
  finish?(): void;
}

/** Start of a cache file's first line; the key (JSON) ends it and the payload follows. */
const MAGIC = 'irule-lint v8 code cache 3 ';

/**
 * A cache file's first line for `key`, padded with spaces to a multiple of 8 bytes: V8 uses cached
 * data in place only when it starts at a pointer-aligned address, and copies it otherwise (0.7 MB
 * of fresh memory at every start). The file's buffer is aligned, so the payload after the line is.
 */
function headLine(key: string): string {
  const line = `${MAGIC}${key}`;
  return `${line.padEnd(Math.ceil((line.length + 1) / 8) * 8 - 1)}\n`;
}

/** The user's cache folder, or undefined when caching there is turned off. */
export function userCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const own = env.IRULE_LINT_CACHE_DIR;
  if (own !== undefined) return own === '' ? undefined : own;
  let base = env.XDG_CACHE_HOME || (process.platform === 'win32' ? env.LOCALAPPDATA : undefined);
  try {
    base ||= path.join(homedir(), '.cache');
  } catch {
    return undefined; // no home folder to be found: no cache
  }
  return path.join(base, 'irule-lint');
}

/** Which cache a bundle may use in this process: a file name and the key its first line must hold. */
export interface CacheKey {
  /** The executable's name, with which every one of its cache files starts. */
  name: string;
  file: string;
  key: string;
}

/** The cache file name and key for the bundle at `bundlePath` in this process. */
export function cacheKey(name: string, bundlePath: string): CacheKey {
  const { size, mtimeMs } = statSync(bundlePath);
  return {
    name,
    file: `${name}-${BUNDLE_ID}-${process.version}-${process.platform}-${process.arch}.v8cache`,
    key: JSON.stringify([size, mtimeMs, process.execArgv, process.env.NODE_OPTIONS ?? '']),
  };
}

/** The cached data in `file` when it exists and was written for `key`, else undefined. */
export function readCache(file: string, key: string): Buffer | undefined {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch {
    return undefined;
  }
  const head = headLine(key);
  if (data.length <= head.length || data.toString('latin1', 0, head.length) !== head) return undefined;
  return data.subarray(head.length);
}

/** Writes a cache file atomically (a temporary file renamed over it) and removes the executable's older ones. */
export function writeCache(dir: string, { name, file, key }: CacheKey, payload: Uint8Array): void {
  mkdirSync(dir, { recursive: true });
  const target = path.join(dir, file);
  const temp = `${target}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, Buffer.concat([Buffer.from(headLine(key), 'latin1'), payload]));
    renameSync(temp, target);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
  for (const other of readdirSync(dir)) {
    if (other !== file && other.startsWith(`${name}-`) && other.endsWith('.v8cache')) rmSync(path.join(dir, other), { force: true });
  }
}

/** Whether a finished run is worth caching: it analysed something (not help, version or a usage error). */
function worthCaching(argv: readonly string[]): boolean {
  const code = process.exitCode ?? 0;
  return (code === 0 || code === 1) && !argv.some((a) => /^(-h|--help|-v|--version)$/.test(a));
}

/**
 * Loads `<name>.bundle.cjs` from `dir` (the launcher's folder) and runs it: `start()`, or
 * `worker()` in a worker thread (`role`). `load` is the launcher's own `require` (the bundle sits
 * beside it, so it resolves the same paths), given to the bundle as its `require`: making one
 * with `createRequire` would load `node:module` and, with it, Node's ES module loader.
 */
export async function launch(name: string, dir: string, load: NodeJS.Require, role: 'start' | 'worker' = 'start'): Promise<void> {
  // Before compiling: V8 ties cached data to the flags in force.
  tuneHeap();
  setFlagsFromString('--verify-snapshot-checksum');
  const debug = process.env.IRULE_LINT_CACHE_DEBUG === '1' ? (s: string) => process.stderr.write(`${name}: code cache: ${s}\n`) : undefined;
  const bundlePath = path.join(dir, `${name}.bundle.cjs`);
  // The bundle is ASCII and carries its CommonJS wrapper (scripts/build.mjs): compiled as read.
  const source = readFileSync(bundlePath, 'latin1');
  const key = cacheKey(name, bundlePath);
  const userDir = userCacheDir();
  // The user's cache first: it exists only when the build's was missing or rejected.
  let cachedData: Buffer | undefined;
  let from = '';
  for (const d of [userDir, dir]) {
    if (d === undefined || cachedData) continue;
    cachedData = readCache(path.join(d, key.file), key.key);
    from = path.join(d, key.file);
  }
  const script = new Script(source, { filename: bundlePath, cachedData });
  debug?.(cachedData ? `${script.cachedDataRejected ? 'rejected' : 'accepted'} ${from}` : 'none');
  const module = { exports: {} as ProgramBundle };
  script.runInThisContext()(module.exports, load, module, bundlePath, dir);
  if (role === 'worker') {
    await module.exports.worker?.(dir);
    return;
  }
  await module.exports.start(dir);
  if (userDir !== undefined && (!cachedData || script.cachedDataRejected) && worthCaching(process.argv.slice(2))) {
    try {
      writeCache(userDir, key, script.createCachedData());
      debug?.(`written ${path.join(userDir, key.file)}`);
    } catch (err) {
      // A cache is an optimisation: an unwritable folder only means compiling again next time.
      debug?.(`not written: ${(err as Error).message}`);
    }
  }
  module.exports.finish?.();
}

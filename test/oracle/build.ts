/**
 * Locates (and builds when missing or stale) the tclparse extension used as the parser oracle.
 *
 * The oracle tests need `tclsh` 8.6, gcc and the Tcl 8.6 headers (`tcl8.6-dev`). When any of
 * them is missing the tests FAIL with a message saying what to install. To skip them on a
 * machine without Tcl, set `IRULE_LINT_NO_TCL=1` (never set in CI).
 */
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This folder. */
export const oracleDir = dirname(fileURLToPath(import.meta.url));

/** True when the developer asked to skip the Tcl oracle tests (`IRULE_LINT_NO_TCL=1`). */
export const tclSkipped = process.env.IRULE_LINT_NO_TCL === '1';

/** What is needed to start the oracle. */
export interface OracleSetup {
  /** The `tclsh` executable. */
  tclsh: string;
  /** The built shared library. */
  lib: string;
  /** The server script. */
  server: string;
}

let cached: OracleSetup | undefined;

/** Builds the extension if needed and checks tclsh; throws an explanatory Error on failure. */
export function ensureOracle(): OracleSetup {
  if (cached) return cached;
  const tclsh = process.env.TCLSH ?? 'tclsh';
  try {
    const version = execFileSync(tclsh, [], { input: 'puts [info tclversion]\n', encoding: 'utf8' }).trim();
    if (version !== '8.6') throw new Error(`${tclsh} is Tcl ${version}, the oracle needs Tcl 8.6`);
  } catch (err) {
    throw new Error(
      `Tcl parser oracle: cannot run ${tclsh} (${(err as Error).message}). ` +
        'Install tcl8.6 and tcl8.6-dev, or set IRULE_LINT_NO_TCL=1 to skip these tests locally.',
    );
  }
  let lib: string;
  try {
    lib = execFileSync('bash', [join(oracleDir, 'build.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(
      `Tcl parser oracle: building test/oracle/tclparse.c failed: ${(e.stderr || e.message).trim()}. ` +
        'Install gcc and tcl8.6-dev, or set IRULE_LINT_NO_TCL=1 to skip these tests locally.',
    );
  }
  cached = { tclsh, lib, server: join(oracleDir, 'server.tcl') };
  return cached;
}

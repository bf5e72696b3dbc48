/** Writing fixed files: atomically (a temporary file in the same folder, then a rename), keeping the mode. */
import { randomBytes } from 'node:crypto';
import { chmod, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describeFsError, UsageError } from './errors.js';

/** Replaces `abs` with `bytes` so that readers see either the old or the new file, never half of one. */
export async function writeAtomically(abs: string, shown: string, bytes: Uint8Array): Promise<void> {
  const tmp = path.join(path.dirname(abs), `.${path.basename(abs)}.irule-lint-${randomBytes(4).toString('hex')}.tmp`);
  try {
    const { mode } = await stat(abs);
    await writeFile(tmp, bytes, { mode });
    await chmod(tmp, mode);
    await rename(tmp, abs);
  } catch (err) {
    await unlink(tmp).catch(() => {});
    throw new UsageError(`cannot write '${shown}': ${describeFsError(err)}`);
  }
}

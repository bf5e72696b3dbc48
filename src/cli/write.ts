/**
 * Writing fixed files: atomically (a temporary file in the same folder, then a rename), keeping the
 * mode. A symbolic link is followed: the target is fixed and the link stays. A read-only file is
 * refused, as an editor would, instead of being replaced through the rename.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, chmod, realpath, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describeFsError, UsageError } from './errors.js';

/** Replaces `abs` with `bytes` so that readers see either the old or the new file, never half of one. */
export async function writeAtomically(abs: string, shown: string, bytes: Uint8Array): Promise<void> {
  const fail = (why: string): UsageError => new UsageError(`cannot write '${shown}': ${why}; left unchanged`);
  let target: string;
  let mode: number;
  try {
    target = await realpath(abs);
    mode = (await stat(target)).mode;
  } catch (err) {
    throw fail(describeFsError(err));
  }
  // No write permission bit at all: read-only on purpose, even for a user (root) who could write it.
  if ((mode & 0o222) === 0) throw fail(`the file is read-only (mode ${(mode & 0o777).toString(8).padStart(4, '0')})`);
  try {
    await access(target, constants.W_OK);
  } catch (err) {
    throw fail(describeFsError(err));
  }
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.irule-lint-${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, bytes, { mode, flag: 'wx' });
    await chmod(tmp, mode);
    await rename(tmp, target);
  } catch (err) {
    await unlink(tmp).catch(() => {});
    throw fail(describeFsError(err));
  }
}

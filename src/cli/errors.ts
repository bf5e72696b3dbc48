/** Errors the CLI reports as one line on stderr with exit code 2. */

/** A usage or input problem: bad arguments, a missing or unreadable file. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A short, lower-case description of a Node.js file-system error (`no such file or directory`). */
export function describeFsError(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'not a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    default:
      return err instanceof Error ? err.message : String(err);
  }
}

/** Finding and reading the inputs named on the command line. The only file-system code of the CLI. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { decodeText } from './decode.js';
import { describeFsError, UsageError } from './errors.js';

/** File name endings searched for inside folders (compared case-insensitively). */
export const SOURCE_EXTENSIONS: readonly string[] = ['.irule', '.irul', '.tcl'];

/** A file chosen for linting. */
export interface SourceFile {
  /** Absolute path. */
  absPath: string;
  /** Path shown to people: relative to the working directory when inside it, else absolute. */
  displayPath: string;
  /** Named on the command line (not found in a folder). */
  named: boolean;
}

/** One text to analyse, read and decoded. */
export interface Input {
  /** Absolute path for files; the `--stdin-filename` value or `<stdin>` for standard input. */
  filePath: string;
  /** Path shown to people. */
  displayPath: string;
  /** The decoded text (BOM removed). */
  text: string;
  /** Whether the bytes started with a UTF-8 byte order mark (kept when the file is fixed). */
  bom?: boolean;
  /** Whether re-encoding the text gives the bytes back (false when invalid UTF-8 was replaced): only then may the file be rewritten. */
  exact?: boolean;
}

/** Whether a file name has one of {@link SOURCE_EXTENSIONS}. */
function isSource(name: string): boolean {
  const lower = name.toLowerCase();
  return SOURCE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/** The path to show for an absolute path. */
function displayFor(absPath: string, cwd: string): string {
  const rel = path.relative(cwd, absPath);
  const outside = rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel);
  return rel !== '' && !outside ? rel : absPath;
}

/**
 * Expand path arguments into files, in argument order. A file argument is taken whatever its
 * extension; a folder is searched recursively for the files `accept` takes (default: the
 * {@link SOURCE_EXTENSIONS}), in name order,
 * skipping `node_modules`, dot-folders and symbolic links to folders (which could loop).
 * Duplicates are dropped. Throws {@link UsageError} for a path that cannot be read.
 */
export async function findFiles(args: readonly string[], cwd: string, accept: (name: string) => boolean = isSource): Promise<SourceFile[]> {
  const seen = new Set<string>();
  const files: SourceFile[] = [];
  const add = (absPath: string, named: boolean): void => {
    if (seen.has(absPath)) return;
    seen.add(absPath);
    files.push({ absPath, displayPath: displayFor(absPath, cwd), named });
  };
  for (const arg of args) {
    const absPath = path.resolve(cwd, arg);
    let info;
    try {
      info = statSync(absPath);
    } catch (err) {
      throw new UsageError(`cannot read '${arg}': ${describeFsError(err)}`);
    }
    if (info.isDirectory()) {
      for (const file of searchFolder(absPath, arg, accept)) add(file, false);
    } else {
      add(absPath, true);
    }
  }
  return files;
}

/**
 * Depth-first search of one folder; `shown` is how to name it in error messages. Synchronous, as
 * the reads are (see {@link readSource}): a cold process spent more on promise round trips through
 * the thread pool than on the folder's few system calls, and loading `node:fs/promises` (with the
 * modules it brings) cost every run.
 */
function searchFolder(root: string, shown: string, accept: (name: string) => boolean): string[] {
  const found: string[] = [];
  const pending: [abs: string, shown: string][] = [[root, shown]];
  while (pending.length > 0) {
    const [dir, dirShown] = pending.pop()!;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      throw new UsageError(`cannot read '${dirShown}': ${describeFsError(err)}`);
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: [string, string][] = [];
    for (const entry of entries) {
      const abs = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) {
          subdirs.push([abs, path.join(dirShown, entry.name)]);
        }
      } else if (accept(entry.name) && (entry.isFile() || isFile(abs))) {
        found.push(abs);
      }
    }
    // Push in reverse so folders are visited in name order.
    for (let i = subdirs.length - 1; i >= 0; i--) pending.push(subdirs[i]);
  }
  return found;
}

/** Whether `abs` is a regular file or a link to one; false when it cannot be read (broken links count as no). */
export function isFile(abs: string): boolean {
  try {
    return statSync(abs).isFile();
  } catch {
    return false;
  }
}

/**
 * The bytes of a file, read synchronously; a failure is a {@link UsageError} naming the file as
 * `what` (`cannot read <what>: ...`).
 */
export function readBytes(abs: string, what: string): Buffer {
  try {
    return readFileSync(abs);
  } catch (err) {
    throw new UsageError(`cannot read ${what}: ${describeFsError(err)}`);
  }
}

/**
 * Read and decode one file. Throws {@link UsageError} when it cannot be read. The read is
 * synchronous: files are linted one after the other, and an asynchronous read of each small file
 * (open, stat, read, close through the thread pool) left the process idle for about a fifth of a
 * run over a folder of 1,000 rules.
 */
export async function readSource(file: SourceFile): Promise<Input> {
  const bytes = readBytes(file.absPath, `'${file.displayPath}'`);
  const text = decodeText(bytes);
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const back = Buffer.from(text, 'utf8');
  const body = bom ? bytes.subarray(3) : bytes;
  const exact = back.length === body.length && Buffer.compare(back, body) === 0;
  return { filePath: file.absPath, displayPath: file.displayPath, text, bom, exact };
}

/**
 * The executables' command catalog: their bundles leave each `grammar/commands/<file>.json` on disk
 * as `dist/cli/catalog/<file>.jsonl` (scripts/build.mjs writes them, a command per line), read when
 * a command of that file is first looked up. Neither the bundle nor its code cache then carries the catalog's
 * 550 KB, which every start-up paid for in reading, deserializing and memory.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setCommandFileReader } from '../catalog/load.js';

/** The folder of the catalog files for the executables in `dir`. */
export function catalogDir(dir: string): string {
  return path.join(dir, 'catalog');
}

/**
 * Makes the catalog read its command files from beside the executables in `dir`. When that folder
 * is missing (an incomplete copy of the executables), says so in one line on stderr, sets exit
 * code 2 and returns false: every file would otherwise fail to lint.
 */
export function useCatalogFiles(dir: string, name: string): boolean {
  const folder = catalogDir(dir);
  if (!existsSync(folder)) {
    process.stderr.write(`${name}: cannot find its command catalog, ${folder}: reinstall ${name}\n`);
    process.exitCode = 2;
    return false;
  }
  setCommandFileReader((file) => readFileSync(path.join(folder, `${file}.jsonl`), 'utf8'));
  return true;
}

/**
 * Global utility commands of iRules: `getfield`, `findstr`, `substr`, `domain`, `b64encode`,
 * `b64decode`, `md5`, `sha1`, `sha256`, `crc32`, `cpu`, `translate`.
 */
import type { Interp } from '../interp.js';
import { err, ok, OK_EMPTY, type TclResult } from '../result.js';
import type { SimContext } from '../irule/context.js';
import { defineCommand } from '../irule/dispatch.js';
import { base64Decode, base64Encode, crc32, fromBytes, md5, sha1, sha256, toBytes } from '../irule/hash.js';

/** `getfield <string> <separator> <n>`: the n-th field (1-based) split on the separator string. */
function getfield(_ctx: SimContext, argv: string[]): TclResult {
  const [, str, sep, nText] = argv;
  const n = Number(nText);
  if (!Number.isInteger(n)) return err(`expected integer but got "${nText}"`);
  if (sep === '') return ok(n === 1 ? str : '');
  const fields = str.split(sep);
  return ok(n >= 1 && n <= fields.length ? fields[n - 1] : '');
}

/** The end of a `findstr`/`substr` result: a count of characters, or up to a terminator string. */
function cut(s: string, terminator: string | undefined): string {
  if (terminator === undefined) return s;
  if (/^\d+$/.test(terminator)) return s.slice(0, Number(terminator));
  const at = s.indexOf(terminator);
  return at < 0 ? s : s.slice(0, at);
}

/** `findstr <string> <search> [<skip> [<terminator>]]`. */
function findstr(_ctx: SimContext, argv: string[]): TclResult {
  const [, str, search, skipText, terminator] = argv;
  const at = str.indexOf(search);
  if (at < 0) return OK_EMPTY;
  const skip = skipText === undefined ? 0 : Number(skipText);
  if (!Number.isInteger(skip)) return err(`expected integer but got "${skipText}"`);
  return ok(cut(str.slice(at + skip), terminator));
}

/** `substr <string> <skip> [<terminator>]`. */
function substr(_ctx: SimContext, argv: string[]): TclResult {
  const [, str, skipText, terminator] = argv;
  const skip = Number(skipText);
  if (!Number.isInteger(skip)) return err(`expected integer but got "${skipText}"`);
  return ok(cut(str.slice(Math.max(0, skip)), terminator));
}

/** `domain <string> <count>`: the last `count` dot-separated labels. */
function domain(_ctx: SimContext, argv: string[]): TclResult {
  const [, str, countText] = argv;
  const count = Number(countText);
  if (!Number.isInteger(count)) return err(`expected integer but got "${countText}"`);
  const labels = str.split('.');
  return ok(count <= 0 ? '' : labels.slice(Math.max(0, labels.length - count)).join('.'));
}

/** Installs the commands. */
export function install(interp: Interp, ctx: SimContext): void {
  defineCommand(interp, ctx, 'getfield', getfield);
  defineCommand(interp, ctx, 'findstr', findstr);
  defineCommand(interp, ctx, 'substr', substr);
  defineCommand(interp, ctx, 'domain', domain);
  defineCommand(interp, ctx, 'b64encode', (_c, argv) => ok(base64Encode(toBytes(argv[1]))));
  defineCommand(interp, ctx, 'b64decode', (_c, argv) => {
    const bytes = base64Decode(argv[1]);
    return ok(bytes ? fromBytes(bytes) : '');
  });
  defineCommand(interp, ctx, 'md5', (_c, argv) => ok(fromBytes(md5(toBytes(argv[1])))));
  defineCommand(interp, ctx, 'sha1', (_c, argv) => ok(fromBytes(sha1(toBytes(argv[1])))));
  defineCommand(interp, ctx, 'sha256', (_c, argv) => ok(fromBytes(sha256(toBytes(argv[1])))));
  defineCommand(interp, ctx, 'crc32', (_c, argv) => ok(String(crc32(toBytes(argv[1])))));
  defineCommand(interp, ctx, 'cpu', (c) => {
    // A live measurement: 0, and reported as not modelled.
    c.notModelled('cpu usage');
    return ok('0');
  });
  defineCommand(interp, ctx, 'translate', (c, argv) => {
    const conn = c.conn;
    if (!conn) return OK_EMPTY;
    const which = argv[1] as 'address' | 'port' | 'service';
    if (argv.length === 2) return ok(which === 'address' ? (conn.translate.address ? 'enable' : 'disable') : conn.translate.port ? 'enable' : 'disable');
    const on = argv[2] === 'enable';
    if (which === 'address') conn.translate.address = on;
    else conn.translate.port = on;
    return OK_EMPTY;
  });
}

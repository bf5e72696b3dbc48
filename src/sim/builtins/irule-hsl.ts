/**
 * High-speed logging: `HSL::open` returns a handle for a pool or a log publisher, `HSL::send`
 * records the data in the result's logs as `HSL <destination>: <data>` (nothing is sent).
 */
import type { Interp } from '../interp.js';
import { err, ok, OK_EMPTY, type TclResult } from '../result.js';
import type { SimContext } from '../irule/context.js';
import { defineCommand } from '../irule/dispatch.js';
import { tmmError } from '../irule/util.js';

/** Open handles, by handle text. */
const HANDLES = 'hsl.handles';

function handles(ctx: SimContext): Map<string, string> {
  let m = ctx.interp.data.get(HANDLES) as Map<string, string> | undefined;
  if (!m) ctx.interp.data.set(HANDLES, (m = new Map()));
  return m;
}

function open(ctx: SimContext, argv: string[]): TclResult {
  let dest: string | undefined;
  for (let i = 1; i + 1 < argv.length; i++) {
    if (argv[i] === '-pool') {
      const pool = ctx.pool(argv[i + 1]);
      if (!pool) return tmmError(ctx, `no such pool: ${argv[i + 1]}`);
      dest = `pool ${pool.name} (${argv.includes('TCP') ? 'TCP' : 'UDP'})`;
    } else if (argv[i] === '-publisher' || argv[i] === '-pub') dest = `publisher ${argv[i + 1]}`;
  }
  if (dest === undefined) return err('wrong # args: should be "HSL::open -proto <UDP|TCP> -pool <poolname>"');
  const handle = `hsl_handle_${++ctx.idCounter}`;
  handles(ctx).set(handle, dest);
  return ok(handle);
}

function send(ctx: SimContext, argv: string[]): TclResult {
  const dest = handles(ctx).get(argv[1]);
  if (dest === undefined) return tmmError(ctx, `invalid HSL handle "${argv[1]}"`);
  ctx.log(`HSL ${dest}: ${argv[2]}`);
  return OK_EMPTY;
}

/** Installs the commands. */
export function install(interp: Interp, ctx: SimContext): void {
  defineCommand(interp, ctx, 'HSL::open', open);
  defineCommand(interp, ctx, 'HSL::send', send);
}

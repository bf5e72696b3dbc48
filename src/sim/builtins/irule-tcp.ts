/**
 * `TCP::` and `UDP::` commands: ports as each side sees them, and the collected payload
 * (`TCP::collect` makes CLIENT_DATA / SERVER_DATA fire once with the client's payload from the
 * `--request` file, or an empty server payload).
 */
import type { Interp } from '../interp.js';
import { err, ok, OK_EMPTY, type TclResult } from '../result.js';
import type { Connection, SimContext } from '../irule/context.js';
import { defineCommand } from '../irule/dispatch.js';
import { isConn, needConn, tmmError } from '../irule/util.js';

/** Ports: remote and local of the running side, and the fixed client/server ones. */
function port(ctx: SimContext, conn: Connection, which: 'client' | 'server' | 'local' | 'remote'): string {
  const server = ctx.side() === 'server';
  switch (which) {
    case 'client':
      return String(conn.clientPort);
    case 'server':
      // Like IP::server_addr: the server's port once the server-side connection is established (grammar/facts.md F8).
      return conn.serverEstablished && conn.target ? String(conn.target.port) : '0';
    case 'remote':
      return server ? (conn.target ? String(conn.target.port) : '') : String(conn.clientPort);
    case 'local':
      return server ? String(conn.snatResult?.type === 'address' && conn.snat?.type === 'address' && conn.snat.port !== undefined ? conn.snat.port : conn.clientPort) : String(conn.destPort);
  }
}

/** `TCP::payload` / `UDP::payload`: `[<size>]`, `<offset> <size>`, `length`, `replace <offset> <length> <string>`. */
function payload(ctx: SimContext, conn: Connection, args: string[]): TclResult {
  const server = ctx.side() === 'server';
  const data = server ? conn.serverPayload : conn.payload;
  const set = (v: string): void => {
    if (server) conn.serverPayload = v;
    else conn.payload = v;
  };
  if (args.length === 0) return ok(data);
  if (args[0] === 'length') return ok(String(data.length));
  if (args[0] === 'replace') {
    const off = Number(args[1]);
    const len = Number(args[2]);
    if (!Number.isInteger(off) || !Number.isInteger(len) || off < 0 || len < 0) return err(`expected integer but got "${!Number.isInteger(off) ? args[1] : args[2]}"`);
    if (off > data.length || off + len > data.length) return tmmError(ctx, 'Out of bounds');
    set(data.slice(0, off) + (args[3] ?? '') + data.slice(off + len));
    return OK_EMPTY;
  }
  const a = Number(args[0]);
  if (!Number.isInteger(a) || a < 0) return err(`expected integer but got "${args[0]}"`);
  if (args.length === 1) return ok(data.slice(0, a));
  const b = Number(args[1]);
  if (!Number.isInteger(b) || b < 0) return err(`expected integer but got "${args[1]}"`);
  return ok(data.slice(a, a + b));
}

/** Installs the commands. */
export function install(interp: Interp, ctx: SimContext): void {
  const withConn =
    (fn: (c: SimContext, conn: Connection, argv: string[]) => TclResult) =>
    (c: SimContext, argv: string[]): TclResult => {
      const x = needConn(c);
      return isConn(x) ? fn(c, x, argv) : x;
    };
  for (const ns of ['TCP', 'UDP']) {
    defineCommand(interp, ctx, `${ns}::client_port`, withConn((c, x) => ok(port(c, x, 'client'))));
    defineCommand(interp, ctx, `${ns}::server_port`, withConn((c, x) => ok(port(c, x, 'server'))));
    defineCommand(interp, ctx, `${ns}::local_port`, withConn((c, x) => ok(port(c, x, 'local'))));
    defineCommand(interp, ctx, `${ns}::remote_port`, withConn((c, x) => ok(port(c, x, 'remote'))));
    defineCommand(interp, ctx, `${ns}::payload`, withConn((c, x, argv) => payload(c, x, argv.slice(1))));
  }
  defineCommand(
    interp,
    ctx,
    'TCP::collect',
    withConn((c, x) => {
      if (c.side() === 'server') x.collect.server = true;
      else x.collect.client = true;
      return OK_EMPTY;
    }),
  );
  defineCommand(interp, ctx, 'TCP::release', withConn(() => OK_EMPTY));
  defineCommand(interp, ctx, 'TCP::mss', withConn(() => ok('1460')));
}

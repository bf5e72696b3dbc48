/**
 * Load-balancing and address-translation commands: `pool`, `node`, `snat`, `snatpool`,
 * `members`, `active_members`, `forward` and the `LB::` namespace (`server`, `snat`,
 * `reselect`, `status`, `mode`). They record decisions on the connection; the engine applies them
 * when it load balances (before LB_SELECTED) and connects to the server (SA_PICKED).
 */
import type { Interp } from '../interp.js';
import { err, ok, OK_EMPTY, type TclResult } from '../result.js';
import { formatList } from '../values.js';
import { describeSnat, type SnatDecision } from '../bigip/snat.js';
import type { Connection, SimContext } from '../irule/context.js';
import { defineCommand } from '../irule/dispatch.js';
import { formatEndpoint, isConn, needConn, parseEndpointArgs, sameAddress, tmmError } from '../irule/util.js';

/** Marks the load-balancing decision as changed (redone if it already ran). */
function changed(conn: Connection): void {
  if (conn.lbDone) conn.lbDirty = true;
}

/** `pool <name> [member <addr> [<port>]]`, also the tail of `LB::reselect pool ...`. */
function selectPool(ctx: SimContext, conn: Connection, args: string[]): TclResult {
  const pool = ctx.pool(args[0]);
  if (!pool) return tmmError(ctx, `no such pool: ${args[0]}`);
  let pinned: { address: string; port?: number } | undefined;
  if (args.length > 1) {
    if (args[1] !== 'member' || args.length < 3) return err(`wrong # args: should be "pool <pool_name> [member <addr> [<port>]]"`);
    const ep = parseEndpointArgs(args.slice(2));
    if (ep === undefined) return tmmError(ctx, 'bad IP address format');
    if (ep === 'port') return tmmError(ctx, 'bad port');
    pinned = ep;
  }
  conn.pool = pool.name;
  conn.poolByRule = true;
  conn.pinned = pinned;
  conn.node = undefined;
  conn.decidedBy.pool = ctx.site();
  changed(conn);
  return OK_EMPTY;
}

/** `snat automap|none|<addr> [<port>]`, also the tail of `LB::reselect snat ...`. */
function setSnat(ctx: SimContext, conn: Connection, args: string[]): TclResult {
  let decision: SnatDecision;
  if (args[0] === 'automap') decision = { type: 'automap' };
  else if (args[0] === 'none') decision = { type: 'none' };
  else {
    const ep = parseEndpointArgs(args);
    if (ep === undefined) return tmmError(ctx, 'bad IP address format');
    if (ep === 'port') return tmmError(ctx, 'bad port');
    decision = ep.port !== undefined ? { type: 'address', address: ep.address, port: ep.port } : { type: 'address', address: ep.address };
  }
  if (conn.serverConnected) conn.note(`snat in ${ctx.event} came after the server-side connection was made; it has no effect on it`);
  conn.snat = decision;
  conn.decidedBy.snat = ctx.site();
  return OK_EMPTY;
}

/** `snatpool <name> [member <addr>]`. */
function setSnatpool(ctx: SimContext, conn: Connection, args: string[]): TclResult {
  const pool = ctx.snatpool(args[0]);
  if (!pool) return tmmError(ctx, `no such snatpool: ${args[0]}`);
  let member: string | undefined;
  if (args.length > 1) {
    if (args[1] !== 'member' || args.length !== 3) return err(`wrong # args: should be "snatpool <snatpool_name> [member <addr>]"`);
    const ep = parseEndpointArgs([args[2]]);
    if (ep === undefined || ep === 'port') return tmmError(ctx, 'bad IP address format');
    member = pool.addresses.find((a) => sameAddress(a, ep.address));
    if (member === undefined) return tmmError(ctx, `${ep.address} is not a member of snatpool ${pool.name}`);
  }
  if (conn.serverConnected) conn.note(`snatpool in ${ctx.event} came after the server-side connection was made; it has no effect on it`);
  conn.snat = member !== undefined ? { type: 'snatpool', pool: pool.name, member } : { type: 'snatpool', pool: pool.name };
  conn.decidedBy.snat = ctx.site();
  return OK_EMPTY;
}

/** `node <addr> [<port>]` / `node <addr>:<port>`. */
function setNode(ctx: SimContext, conn: Connection, args: string[]): TclResult {
  const ep = parseEndpointArgs(args);
  if (ep === undefined) return tmmError(ctx, 'bad IP address format');
  if (ep === 'port') return tmmError(ctx, 'bad port');
  // A node without a port takes the port the client connected to.
  conn.node = { address: ep.address, port: ep.port ?? conn.destPort };
  conn.pinned = undefined;
  conn.decidedBy.pool = ctx.site();
  changed(conn);
  return OK_EMPTY;
}

/** `members` / `active_members` [-list] <pool>. */
function memberList(ctx: SimContext, argv: string[], activeOnly: boolean): TclResult {
  const list = argv[1] === '-list';
  const name = argv[list ? 2 : 1];
  const pool = name !== undefined ? ctx.pool(name) : undefined;
  if (!pool) return tmmError(ctx, `no such pool: ${name ?? ''}`);
  const members = activeOnly ? pool.members.filter((m) => ctx.lb.available(m)) : pool.members;
  if (!list) return ok(String(members.length));
  return ok(formatList(members.map((m) => formatList([m.address ?? '', String(m.port)]))));
}

/** `LB::server [name|pool|addr|port|priority|ratio|weight|route_domain|ripeness]`. */
function lbServer(ctx: SimContext, conn: Connection, what: string | undefined): TclResult {
  const t = conn.target;
  const poolName = t ? (t.pool ?? '') : conn.node ? '' : (conn.pool ?? '');
  switch (what) {
    case undefined:
      return ok(t ? formatList([poolName, t.address, String(t.port)]) : poolName);
    case 'pool':
      return ok(poolName);
    case 'addr':
      return ok(t?.address ?? '');
    case 'port':
      return ok(t ? String(t.port) : '');
    case 'name':
      return ok(t ? (t.member?.name ?? formatEndpoint(t.address, t.port)) : '');
    case 'priority':
      return ok(t?.member ? String(t.member.priorityGroup ?? 0) : '');
    case 'ratio':
      return ok(t?.member ? String(t.member.ratio ?? 1) : '');
    case 'weight':
      return ok(t ? '1' : '');
    case 'route_domain': {
      const rd = t?.address.split('%')[1];
      return ok(t ? (rd ?? '0') : '');
    }
    default:
      ctx.notModelled(`LB::server ${what}`);
      return OK_EMPTY;
  }
}

/** `LB::status [pool <p> member <addr> <port> | node <addr> | up|down|session_enabled|session_disabled]`. */
function lbStatus(ctx: SimContext, conn: Connection, args: string[]): TclResult {
  if (args[0] === 'pool') {
    const pool = ctx.pool(args[1] ?? '');
    if (!pool) return tmmError(ctx, `no such pool: ${args[1] ?? ''}`);
    if (args[2] !== 'member') return ok(pool.members.some((m) => ctx.lb.available(m)) ? 'up' : 'down');
    const ep = parseEndpointArgs(args.slice(3));
    if (ep === undefined || ep === 'port') return tmmError(ctx, 'bad IP address format');
    const m = pool.members.find((x) => sameAddress(x.address, ep.address) && (ep.port === undefined || x.port === ep.port));
    return ok(m ? ctx.lb.status(m) : 'down');
  }
  if (args[0] === 'node') {
    const ep = parseEndpointArgs(args.slice(1, 2));
    if (ep === undefined || ep === 'port') return tmmError(ctx, 'bad IP address format');
    const node = Object.values(ctx.config.nodes).find((n) => sameAddress(n.address, ep.address));
    return ok(node && (node.state === 'down' || node.state === 'user-down') ? 'down' : 'up');
  }
  const state = conn.target?.member ? ctx.lb.status(conn.target.member) : conn.target ? 'up' : '';
  if (args.length === 0) return ok(state);
  return ok(args[0] === state || (args[0] === 'session_enabled' && state === 'up') ? '1' : '0');
}

/** `LB::reselect [pool ...|snat ...|snatpool ...|node ...]`. */
function lbReselect(ctx: SimContext, conn: Connection, args: string[]): TclResult {
  if (args.length === 0) {
    conn.lbDirty = true;
    conn.reselect = true;
    return OK_EMPTY;
  }
  const rest = args.slice(1);
  switch (args[0]) {
    case 'pool': {
      const r = selectPool(ctx, conn, rest);
      conn.lbDirty = true;
      return r;
    }
    case 'node': {
      const r = setNode(ctx, conn, rest);
      conn.lbDirty = true;
      return r;
    }
    case 'snat':
      return setSnat(ctx, conn, rest);
    case 'snatpool':
      return setSnatpool(ctx, conn, rest);
    default:
      ctx.notModelled(`LB::reselect ${args[0]}`);
      return OK_EMPTY;
  }
}

/** Installs the commands. */
export function install(interp: Interp, ctx: SimContext): void {
  const withConn =
    (fn: (ctx: SimContext, conn: Connection, argv: string[]) => TclResult) =>
    (c: SimContext, argv: string[]): TclResult => {
      const conn = needConn(c);
      return isConn(conn) ? fn(c, conn, argv) : conn;
    };
  defineCommand(interp, ctx, 'pool', withConn((c, conn, argv) => selectPool(c, conn, argv.slice(1))));
  defineCommand(interp, ctx, 'node', withConn((c, conn, argv) => setNode(c, conn, argv.slice(1))));
  defineCommand(interp, ctx, 'snat', withConn((c, conn, argv) => setSnat(c, conn, argv.slice(1))));
  defineCommand(interp, ctx, 'snatpool', withConn((c, conn, argv) => setSnatpool(c, conn, argv.slice(1))));
  defineCommand(interp, ctx, 'members', (c, argv) => memberList(c, argv, false));
  defineCommand(interp, ctx, 'active_members', (c, argv) => memberList(c, argv, true));
  defineCommand(
    interp,
    ctx,
    'forward',
    withConn((c, conn) => {
      conn.node = { address: conn.destAddress, port: conn.destPort };
      conn.note('forward: the connection is routed to its destination without load balancing');
      changed(conn);
      return OK_EMPTY;
    }),
  );
  // `use pool|node ...`: the 4.x-era spelling of pool and node.
  defineCommand(
    interp,
    ctx,
    'use',
    withConn((c, conn, argv) => {
      if (argv[1] === 'pool') return selectPool(c, conn, argv.slice(2));
      if (argv[1] === 'node') return setNode(c, conn, argv.slice(2));
      c.notModelled(`use ${argv[1] ?? ''}`.trim());
      return OK_EMPTY;
    }),
  );
  defineCommand(interp, ctx, 'LB::server', withConn((c, conn, argv) => lbServer(c, conn, argv[1])));
  defineCommand(interp, ctx, 'LB::snat', withConn((c, conn) => ok(describeSnat(conn.snat ?? c.virtual.snat))));
  defineCommand(interp, ctx, 'LB::reselect', withConn((c, conn, argv) => lbReselect(c, conn, argv.slice(1))));
  defineCommand(interp, ctx, 'LB::status', withConn((c, conn, argv) => lbStatus(c, conn, argv.slice(1))));
  defineCommand(
    interp,
    ctx,
    'LB::mode',
    withConn((c, conn) => {
      const p = conn.pool !== undefined ? c.config.pools[conn.pool] : undefined;
      return ok(p?.loadBalancingMode ?? '');
    }),
  );
}

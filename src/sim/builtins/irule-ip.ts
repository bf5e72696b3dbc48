/**
 * `IP::` commands: the connection's addresses as each side sees them (client side: remote = the
 * client, local = the virtual address; server side: remote = the server, local = the translated
 * source address), protocol facts, and `IP::addr` comparisons with `/prefix`, `/dotted-mask` and
 * `"addr mask m"` forms.
 */
import { type IpAddress, formatAddress, maskToPrefix, parseAddress, toNetwork } from '../../bigip/address.js';
import type { Interp } from '../interp.js';
import { err, ok, type TclResult } from '../result.js';
import type { Connection, SimContext } from '../irule/context.js';
import { defineCommand } from '../irule/dispatch.js';
import { isConn, needConn, tmmError } from '../irule/util.js';

/** An address with an optional prefix, as `IP::addr` reads its operands. */
interface Masked {
  addr: IpAddress;
  prefix?: number;
}

/** Reads `addr`, `addr/len`, `addr/dotted` or `addr mask dotted`. */
export function parseMasked(text: string): Masked | undefined {
  const t = text.trim();
  const m = /^(\S+)\s+mask\s+(\S+)$/.exec(t);
  let addrText = t;
  let maskText: string | undefined;
  if (m) {
    addrText = m[1];
    maskText = m[2];
  } else {
    const slash = t.indexOf('/');
    if (slash >= 0) {
      addrText = t.slice(0, slash);
      maskText = t.slice(slash + 1);
    }
  }
  const addr = parseAddress(addrText);
  if (!addr) return undefined;
  if (maskText === undefined) return { addr };
  const bits = addr.family === 4 ? 32 : 128;
  const prefix = /^\d{1,3}$/.test(maskText) ? Number(maskText) : maskToPrefix(maskText);
  if (prefix === undefined || prefix > bits) return undefined;
  return { addr, prefix };
}

/**
 * `IP::addr <a> equals <b>`: equal under the shorter of the masks given, in the same route
 * domain. An address without `%N` is in route domain 0 (not the partition's default, F5 ID476920),
 * the model `class match` and routing follow too (grammar/facts.md F6).
 */
function addrEquals(a: Masked, b: Masked): boolean {
  if (a.addr.family !== b.addr.family) return false;
  if ((a.addr.routeDomain ?? 0) !== (b.addr.routeDomain ?? 0)) return false;
  const bits = a.addr.family === 4 ? 32 : 128;
  const prefix = Math.min(a.prefix ?? bits, b.prefix ?? bits);
  return toNetwork(a.addr, prefix).address.value === toNetwork(b.addr, prefix).address.value;
}

function ipAddr(ctx: SimContext, argv: string[]): TclResult {
  if (argv[1] === 'parse') {
    // IP::addr parse [-ipv4|-ipv6] [-swap] <bytes> [<offset>]: 4 (or with -ipv6 16) bytes from offset.
    let i = 2;
    let swap = false;
    let size = 4;
    for (; i < argv.length - 1; i++) {
      if (argv[i] === '-swap') swap = true;
      else if (argv[i] === '-ipv6') size = 16;
      else if (argv[i] === '-ipv4') size = 4;
      else break;
    }
    const data = argv[i] ?? '';
    const offset = argv[i + 1] !== undefined ? Number(argv[i + 1]) : 0;
    if (!Number.isInteger(offset) || offset < 0) return err(`expected integer but got "${argv[i + 1]}"`);
    const bytes: number[] = [];
    for (let k = offset; k < data.length && bytes.length < size; k++) bytes.push(data.charCodeAt(k) & 0xff);
    if (bytes.length < size) return tmmError(ctx, 'bad IP address format');
    if (swap) bytes.reverse();
    let value = 0n;
    for (const b of bytes) value = (value << 8n) | BigInt(b);
    return ok(formatAddress({ family: size === 4 ? 4 : 6, value }));
  }
  if (argv.length !== 4) return err('wrong # args: should be "IP::addr <addr1>[/<mask>] equals <addr2>[/<mask>]"');
  const a = parseMasked(argv[1]);
  if (argv[2] === 'mask') {
    const prefix = maskToPrefix(argv[3]) ?? (/^\d{1,3}$/.test(argv[3]) ? Number(argv[3]) : undefined);
    if (!a || prefix === undefined) return tmmError(ctx, 'bad IP address format');
    const masked = formatAddress(toNetwork(a.addr, Math.min(prefix, a.prefix ?? prefix)).address);
    if (ctx.interp.probe !== undefined) ctx.interp.probe.addrMask(argv[1], Math.min(prefix, a.prefix ?? prefix), masked);
    return ok(masked);
  }
  if (argv[2] !== 'equals') return err(`bad operator "${argv[2]}": must be equals or mask`);
  const b = parseMasked(argv[3]);
  if (!a || !b) return tmmError(ctx, 'bad IP address format');
  const same = addrEquals(a, b);
  if (ctx.interp.probe !== undefined) ctx.interp.probe.addrEquals(argv[1], argv[3], same);
  return ok(same ? '1' : '0');
}

/** The address of the far end of the running side. */
function remoteAddr(ctx: SimContext, conn: Connection): string {
  return ctx.side() === 'server' ? (conn.target?.address ?? '') : conn.clientAddress;
}

/** The BIG-IP address of the running side. */
function localAddr(ctx: SimContext, conn: Connection): string {
  if (ctx.side() === 'server') return conn.snatResult?.address ?? conn.clientAddress;
  return conn.destAddress;
}

/** Installs the commands. */
export function install(interp: Interp, ctx: SimContext): void {
  const conn =
    (fn: (c: SimContext, conn: Connection) => string) =>
    (c: SimContext): TclResult => {
      const x = needConn(c);
      return isConn(x) ? ok(fn(c, x)) : x;
    };
  defineCommand(interp, ctx, 'IP::addr', ipAddr);
  defineCommand(interp, ctx, 'IP::client_addr', conn((_c, x) => x.clientAddress));
  // F5: the server's address once the server-side connection is established, 0 before (grammar/facts.md F8).
  defineCommand(interp, ctx, 'IP::server_addr', conn((_c, x) => (x.serverEstablished && x.target ? x.target.address : '0')));
  defineCommand(interp, ctx, 'IP::remote_addr', conn(remoteAddr));
  defineCommand(interp, ctx, 'IP::local_addr', conn(localAddr));
  defineCommand(interp, ctx, 'IP::protocol', conn((c) => (c.virtual.transport === 'udp' ? '17' : '6')));
  defineCommand(interp, ctx, 'IP::version', conn((_c, x) => String(x.clientIp.family)));
  defineCommand(interp, ctx, 'IP::ttl', conn(() => '64'));
  defineCommand(interp, ctx, 'IP::tos', conn(() => '0'));
  defineCommand(interp, ctx, 'IP::hops', conn(() => '0'));
}

/** Small helpers shared by the iRule command implementations. */
import { addressEquals, formatAddress, parseAddress } from '../../bigip/address.js';
import { parsePort } from '../../bigip/services.js';
import { err, type TclResult } from '../result.js';
import type { Connection, SimContext } from './context.js';

/** An error raised by an iRule command's own operation (BIG-IP logs it with "(line N) invoked from within"). */
export function tmmError(ctx: SimContext, message: string): TclResult {
  ctx.tmmError = message;
  return err(message);
}

/** The running connection, or the error BIG-IP gives outside one (RULE_INIT). */
export function needConn(ctx: SimContext): Connection | TclResult {
  return ctx.conn ?? err(`command is not valid in current event context (${ctx.event})`);
}

/** Whether a value is a connection (not an error result). */
export function isConn(x: Connection | TclResult): x is Connection {
  return !('code' in x);
}

/** `addr:port` for IPv4, BIG-IP's `addr.port` for IPv6. */
export function formatEndpoint(address: string, port: number): string {
  return address.includes(':') ? `${address}.${port}` : `${address}:${port}`;
}

/** Whether two address texts are the same address. */
export function sameAddress(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  if (a === b) return true;
  const x = parseAddress(a);
  const y = parseAddress(b);
  return x !== undefined && y !== undefined && addressEquals(x, y);
}

/**
 * Reads `<addr> [<port>]` or `<addr>:<port>` (IPv6 `[addr]:port` or `addr.port`) from `args`.
 * Returns the canonical address and the port when one was given, or undefined for a bad address
 * and `'port'` for a bad port.
 */
export function parseEndpointArgs(args: readonly string[]): { address: string; port?: number } | undefined | 'port' {
  const first = args[0] ?? '';
  let addrText = first;
  let portText: string | undefined = args[1];
  let a = parseAddress(addrText);
  if (!a) {
    const br = /^\[([^\]]+)\]:(\w+)$/.exec(first);
    const v4 = /^([^:]+):(\w+)$/.exec(first);
    const v6 = /^(.*:.*)\.(\d+)$/.exec(first);
    const m = br ?? v4 ?? v6;
    if (!m) return undefined;
    addrText = m[1];
    portText = m[2];
    a = parseAddress(addrText);
    if (!a) return undefined;
  }
  const address = formatAddress(a);
  if (portText === undefined) return { address };
  const port = parsePort(portText);
  if (port === undefined || port > 65535) return 'port';
  return { address, port };
}

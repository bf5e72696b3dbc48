/**
 * Client addresses as the command line and the `--clients` file give them: IPv4 or IPv6, with an
 * optional `%N` route domain and an optional port (`10.0.0.1:5000`, `[2001:db8::1]:5000`).
 */
import { formatAddress, parseAddress } from '../../bigip/address.js';
import type { ClientSpec } from './types.js';

/** Parses one client; returns the client or a message. */
export function parseClient(text: string): ClientSpec | { error: string } {
  const t = text.trim();
  let addr = t;
  let portText: string | undefined;
  const bracket = /^\[([^\]]+)\](?::(.*))?$/.exec(t);
  if (bracket) {
    addr = bracket[1];
    portText = bracket[2];
  } else {
    const v4port = /^([^:]+):([^:]*)$/.exec(t);
    if (v4port) {
      addr = v4port[1];
      portText = v4port[2];
    }
  }
  const a = parseAddress(addr);
  if (!a || addr.includes('/')) return { error: `bad client address '${t}' (expected IPv4 or IPv6, optionally with %route-domain and :port)` };
  // Route domain 0 is the default one: BIG-IP shows no %0 suffix.
  if (a.routeDomain === 0) delete a.routeDomain;
  const client: ClientSpec = { address: formatAddress(a) };
  if (portText !== undefined) {
    if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535 || Number(portText) === 0) return { error: `bad client port in '${t}' (expected 1-65535)` };
    client.port = Number(portText);
  }
  return client;
}

/** Parses a clients file: one client per line, `#` starts a comment, blank lines are skipped. */
export function parseClientList(text: string): ClientSpec[] | { error: string; line: number } {
  const out: ClientSpec[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const hash = lines[i].indexOf('#');
    const line = (hash >= 0 ? lines[i].slice(0, hash) : lines[i]).trim();
    if (line === '') continue;
    const c = parseClient(line);
    if ('error' in c) return { error: c.error, line: i + 1 };
    out.push(c);
  }
  return out;
}

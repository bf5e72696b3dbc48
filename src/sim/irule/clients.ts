/**
 * Client addresses as the command line and the `--clients` file give them: IPv4 or IPv6, with an
 * optional `%N` route domain and an optional port (`10.0.0.1:5000`, `[2001:db8::1]:5000`). A
 * destination (`--destination`, or a second column in the file) has the same form: the address
 * and port the client connected to.
 */
import { formatAddress, parseAddress } from '../../bigip/address.js';
import type { ClientSpec, Endpoint } from './types.js';

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

/** Parses a destination (`addr[:port]`, `[v6]:port`, with `%N`); returns it or a message. */
export function parseDestination(text: string): Endpoint | { error: string } {
  const d = parseClient(text);
  if ('error' in d) return { error: d.error.replace('bad client', 'bad destination') };
  return d.port !== undefined ? { address: d.address, port: d.port } : { address: d.address };
}

/**
 * Parses a clients file: one client per line, optionally followed by the destination it connects
 * to (`10.1.1.5 203.0.113.80:443`); `#` starts a comment, blank lines are skipped.
 */
export function parseClientList(text: string): ClientSpec[] | { error: string; line: number } {
  const out: ClientSpec[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const hash = lines[i].indexOf('#');
    const line = (hash >= 0 ? lines[i].slice(0, hash) : lines[i]).trim();
    if (line === '') continue;
    const [first, second, ...rest] = line.split(/\s+/);
    if (rest.length > 0) return { error: `unexpected '${rest[0]}': a line holds a client and optionally its destination`, line: i + 1 };
    const c = parseClient(first);
    if ('error' in c) return { error: c.error, line: i + 1 };
    if (second !== undefined) {
      const d = parseDestination(second);
      if ('error' in d) return { error: d.error, line: i + 1 };
      c.destination = d;
    }
    out.push(c);
  }
  return out;
}

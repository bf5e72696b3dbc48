/**
 * `URI::` commands on URI strings: decode, encode, query, path, basename, host, port, protocol,
 * compare. Percent-decoding works on bytes (a Tcl binary string), as BIG-IP returns it.
 */
import type { Interp } from '../interp.js';
import { err, ok, type TclResult } from '../result.js';
import type { SimContext } from '../irule/context.js';
import { defineCommand } from '../irule/dispatch.js';

/** `%XX` decoding; malformed escapes stay as they are. */
export function uriDecode(s: string): string {
  return s.replace(/%([0-9a-fA-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** Percent-encodes everything but unreserved characters and the URI delimiters BIG-IP keeps. */
export function uriEncode(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i];
    if (/[A-Za-z0-9\-_.~!*'();:@&=+$,/?#[\]]/.test(ch)) out += ch;
    else if (c < 256) out += `%${c.toString(16).toUpperCase().padStart(2, '0')}`;
    else for (const b of new TextEncoder().encode(ch)) out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Splits an absolute or relative URI into scheme, host, port and the path with its query. */
function splitUri(uri: string): { protocol: string; host: string; port: string; rest: string } {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)(.*)$/.exec(uri);
  if (!m) return { protocol: '', host: '', port: '', rest: uri };
  const hostPort = m[2].replace(/^[^@]*@/, '');
  const v6 = /^\[([^\]]*)\](?::(\d+))?$/.exec(hostPort);
  if (v6) return { protocol: m[1], host: v6[1], port: v6[2] ?? '', rest: m[3] };
  const colon = hostPort.lastIndexOf(':');
  if (colon >= 0) return { protocol: m[1], host: hostPort.slice(0, colon), port: hostPort.slice(colon + 1), rest: m[3] };
  return { protocol: m[1], host: hostPort, port: '', rest: m[3] };
}

/** The query string of a URI, or one parameter of it. */
function query(uri: string, name: string | undefined): string {
  const q = uri.indexOf('?');
  if (q < 0) return '';
  const qs = uri.slice(q + 1).split('#')[0];
  if (name === undefined) return qs;
  for (const pair of qs.split('&')) {
    const eq = pair.indexOf('=');
    const k = eq < 0 ? pair : pair.slice(0, eq);
    if (k === name) return eq < 0 ? '' : pair.slice(eq + 1);
  }
  return '';
}

/** The path of a URI without its last segment (`/a/b/c.html` → `/a/b/`), or segments `start`..`end` (1-based). */
function path(uri: string, start: string | undefined, end: string | undefined): string | TclResult {
  const p = splitUri(uri).rest.split(/[?#]/)[0];
  const dir = p.slice(0, p.lastIndexOf('/') + 1);
  if (start === undefined) return dir;
  const segs = dir.split('/').filter((s) => s !== '');
  const a = Number(start);
  const b = end === undefined ? segs.length : Number(end);
  if (!Number.isInteger(a) || !Number.isInteger(b)) return err(`expected integer but got "${!Number.isInteger(a) ? start : end}"`);
  const pick = segs.slice(Math.max(0, a - 1), Math.max(0, b));
  return pick.length === 0 ? '' : `/${pick.join('/')}/`;
}

function basename(uri: string): string {
  const p = splitUri(uri).rest.split(/[?#]/)[0];
  return p.slice(p.lastIndexOf('/') + 1);
}

/** Installs the commands. */
export function install(interp: Interp, ctx: SimContext): void {
  defineCommand(interp, ctx, 'URI::decode', (_c, argv) => ok(uriDecode(argv[1])));
  defineCommand(interp, ctx, 'URI::encode', (_c, argv) => ok(uriEncode(argv[1])));
  defineCommand(interp, ctx, 'URI::query', (_c, argv) => ok(query(argv[1], argv[2])));
  defineCommand(interp, ctx, 'URI::path', (_c, argv) => {
    const r = path(argv[1], argv[2], argv[3]);
    return typeof r === 'string' ? ok(r) : r;
  });
  defineCommand(interp, ctx, 'URI::basename', (_c, argv) => ok(basename(argv[1])));
  defineCommand(interp, ctx, 'URI::host', (_c, argv) => ok(splitUri(argv[1]).host));
  defineCommand(interp, ctx, 'URI::port', (_c, argv) => {
    const u = splitUri(argv[1]);
    return ok(u.port !== '' ? u.port : u.protocol === 'https' ? '443' : u.protocol === 'http' ? '80' : '');
  });
  defineCommand(interp, ctx, 'URI::protocol', (_c, argv) => ok(splitUri(argv[1]).protocol));
  defineCommand(interp, ctx, 'URI::compare', (_c, argv) => ok(uriDecode(argv[1]).toLowerCase() === uriDecode(argv[2]).toLowerCase() ? '1' : '0'));
}

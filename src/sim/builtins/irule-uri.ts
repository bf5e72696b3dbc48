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

/**
 * `URI::path <uri>`: the path without its last segment (`/a/b/c.html` → `/a/b/`); `URI::path <uri>
 * depth`: the number of directory levels; `URI::path <uri> <start> [<end>]`: levels `start`..`end`
 * (1-based; an end past the depth stops at the depth, as F5's reference shows; a start below 1 is
 * an error, as it says).
 */
function path(uri: string, start: string | undefined, end: string | undefined): string | TclResult {
  const p = splitUri(uri).rest.split(/[?#]/)[0];
  const dir = p.slice(0, p.lastIndexOf('/') + 1);
  if (start === undefined) return dir;
  const segs = dir.split('/').filter((s) => s !== '');
  if (start === 'depth' && end === undefined) return String(segs.length);
  const a = Number(start);
  const b = end === undefined ? segs.length : Number(end);
  if (!/^\s*[+-]?\d+\s*$/.test(start) || !Number.isInteger(a)) return err(`expected integer but got "${start}"`);
  if (end !== undefined && (!/^\s*[+-]?\d+\s*$/.test(end) || !Number.isInteger(b))) return err(`expected integer but got "${end}"`);
  if (a < 1) return err(`bad start depth "${start}": depths start at 1`);
  const pick = segs.slice(a - 1, Math.max(0, b));
  return pick.length === 0 ? '' : `/${pick.join('/')}/`;
}

/** Default ports by scheme, for {@link compareForm}. */
const DEFAULT_PORTS: Record<string, string> = { http: '80', https: '443', ftp: '21', ws: '80', wss: '443' };

/** RFC 2396 reserved and unsafe characters: their `%XX` forms are not equivalent to them. */
const KEEP_ESCAPED = /[;/?:@&=+$,\x00-\x20"#%<>\x7f-\xff]/;

/**
 * A URI in the form RFC 2616 3.2.3 compares octet by octet (what `URI::compare` follows): scheme
 * and host in lower case, an empty or missing port as the scheme's default, an empty path as `/`,
 * and `%XX` of a character outside the reserved and unsafe sets as the character itself (other
 * escapes with upper-case hex).
 */
function compareForm(uri: string): string {
  const u = splitUri(uri);
  const rest = u.rest.replace(/%([0-9a-fA-F]{2})/g, (_m, h: string) => {
    const ch = String.fromCharCode(parseInt(h, 16));
    return KEEP_ESCAPED.test(ch) ? `%${h.toUpperCase()}` : ch;
  });
  if (u.protocol === '') return rest === '' ? '/' : rest;
  const scheme = u.protocol.toLowerCase();
  const port = u.port === '' ? (DEFAULT_PORTS[scheme] ?? '') : u.port;
  const pathPart = rest === '' || rest.startsWith('?') ? `/${rest}` : rest;
  return `${scheme}://${u.host.toLowerCase()}:${port}${pathPart}`;
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
  defineCommand(interp, ctx, 'URI::compare', (_c, argv) => ok(compareForm(argv[1]) === compareForm(argv[2]) ? '1' : '0'));
}

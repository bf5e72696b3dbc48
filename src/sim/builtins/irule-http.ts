/**
 * `HTTP::` commands on the connection's request (client-side and LB events) or the server's
 * response (HTTP_RESPONSE events): method, uri, path, query, host, version, header, cookie,
 * payload, collect, release, request, status, is_keepalive, is_redirect, username, password,
 * request_num, has_responded, and the responses BIG-IP sends itself (`HTTP::respond`,
 * `HTTP::redirect`; one per request). Without an HTTP profile the commands fail with
 * ERR_NOT_SUPPORTED, the text a real log shows for an HTTP command the HTTP filter cannot serve.
 */
import type { Interp } from '../interp.js';
import { err, ok, OK_EMPTY, type TclResult } from '../result.js';
import { formatList } from '../values.js';
import type { Connection, SimContext } from '../irule/context.js';
import { defineCommand } from '../irule/dispatch.js';
import type { HttpMessage } from '../irule/http.js';
import type { HeaderField } from '../irule/types.js';
import { base64Decode, fromBytes } from '../irule/hash.js';
import { isConn, needConn, tmmError } from '../irule/util.js';
import { uriDecode } from './irule-uri.js';

/** The message the running event works on. */
function current(ctx: SimContext, conn: Connection): HttpMessage | undefined {
  if (ctx.event.startsWith('HTTP_RESPONSE')) return conn.serverResponse;
  return conn.request;
}

/** `-normalized` form of a path: `%XX` of unreserved characters decoded, dot segments removed. */
function normalizePath(p: string): string {
  const decoded = p.replace(/%([0-9a-fA-F]{2})/g, (m, h: string) => {
    const c = String.fromCharCode(parseInt(h, 16));
    return /[A-Za-z0-9\-._~]/.test(c) ? c : m.toUpperCase();
  });
  const out: string[] = [];
  for (const seg of decoded.split('/')) {
    if (seg === '.') continue;
    if (seg === '..') {
      if (out.length > 1) out.pop();
      continue;
    }
    out.push(seg);
  }
  let r = out.join('/');
  if (decoded.startsWith('/') && !r.startsWith('/')) r = `/${r}`;
  if ((decoded.endsWith('/.') || decoded.endsWith('/..')) && !r.endsWith('/')) r += '/';
  return r;
}

/** Sends a response made by BIG-IP (one per request). */
function respond(ctx: SimContext, conn: Connection, status: number, headers: HeaderField[], body: string): TclResult {
  if (conn.response) return tmmError(ctx, 'Operation not supported. Multiple redirect/respond invocations not allowed');
  conn.response = { status, headers, body };
  if (conn.action === 'forward') {
    conn.action = 'respond';
    conn.decidedBy.action = ctx.site();
  }
  return OK_EMPTY;
}

/** `HTTP::respond <status> [-version v] [content <body>] [noserver] [-reset] [<name> <value> ...]`. */
function respondCmd(ctx: SimContext, conn: Connection, args: string[]): TclResult {
  let i = 0;
  let reset = false;
  if (args[0] === '-reset' && ctx.atLeast('11.5.0')) {
    reset = true;
    i++;
  }
  const statusText = args[i++];
  if (!/^\d{3}$/.test(statusText ?? '')) return err(`expected integer but got "${statusText ?? ''}"`);
  const status = Number(statusText);
  let body = '';
  let noserver = false;
  const headers: HeaderField[] = [];
  while (i < args.length) {
    const a = args[i];
    if (a === 'content' && i + 1 < args.length) {
      body = args[i + 1];
      i += 2;
    } else if (a === 'noserver') {
      noserver = true;
      i++;
    } else if (a === '-version' && i + 1 < args.length && ctx.atLeast('11.2.0')) {
      i += 2;
    } else if (a === '-reset' && ctx.atLeast('11.5.0')) {
      reset = true;
      i++;
    } else {
      if (a === '-version' || a === '-reset') conn.note(`HTTP::respond ${a} needs BIG-IP ${a === '-version' ? '11.2.0' : '11.5.0'}; on ${ctx.version} it is taken as a header name`);
      if (i + 1 >= args.length) return err(`wrong # args: header "${a}" has no value`);
      headers.push({ name: a, value: args[i + 1] });
      i += 2;
    }
  }
  if (!noserver && !headers.some((h) => h.name.toLowerCase() === 'server')) headers.push({ name: 'Server', value: 'BigIP' });
  if (!headers.some((h) => h.name.toLowerCase() === 'content-length')) headers.push({ name: 'Content-Length', value: String(new TextEncoder().encode(body).length) });
  const r = respond(ctx, conn, status, headers, body);
  if (r.code === 0 && reset) conn.note('HTTP::respond -reset: the connection is reset after the response');
  return r;
}

/** `HTTP::header ...`. */
function headerCmd(ctx: SimContext, msg: HttpMessage, args: string[]): TclResult {
  const sub = args[0];
  switch (sub) {
    case 'value':
      return ok(msg.header(args[1] ?? '') ?? '');
    case 'values':
      return ok(formatList(msg.values(args[1] ?? '')));
    case 'names':
      return ok(formatList(msg.headers.map((h) => h.name)));
    case 'count':
      return ok(String(args.length > 1 ? msg.values(args[1]).length : msg.headers.length));
    case 'at': {
      const n = Number(args[1]);
      return ok(Number.isInteger(n) && n >= 0 && n < msg.headers.length ? msg.headers[n].name : '');
    }
    case 'exists':
      return ok(msg.header(args[1] ?? '') !== undefined ? '1' : '0');
    case 'insert': {
      let rest = args.slice(1);
      if (rest[0] === 'lws') rest = rest.slice(1);
      if (rest.length === 1) {
        const pairs = rest[0].split(/\s+/);
        rest = pairs;
      }
      if (rest.length % 2 !== 0) return err('wrong # args: should be "HTTP::header insert [lws] <name> <value> [<name> <value> ...]"');
      for (let k = 0; k < rest.length; k += 2) msg.insert(rest[k], rest[k + 1]);
      return OK_EMPTY;
    }
    case 'replace':
      msg.replace(args[1] ?? '', args[2] ?? '');
      return OK_EMPTY;
    case 'remove':
      msg.remove(args[1] ?? '');
      return OK_EMPTY;
    case 'is_keepalive':
      return ok(isKeepalive(msg) ? '1' : '0');
    case 'is_redirect':
      return ok(msg.status >= 300 && msg.status < 400 ? '1' : '0');
    case 'lws':
      return ok('0');
    case 'sanitize':
    case 'insert_modssl_fields':
      ctx.notModelled(`HTTP::header ${sub}`);
      return OK_EMPTY;
    default:
      return ok(msg.header(sub ?? '') ?? '');
  }
}

function isKeepalive(msg: HttpMessage): boolean {
  const c = (msg.header('Connection') ?? '').toLowerCase();
  if (msg.version === '1.0') return c === 'keep-alive';
  return c !== 'close';
}

/** Rebuilds a request's `Cookie` header from cookies. */
function setRequestCookies(msg: HttpMessage, cookies: { name: string; value: string }[]): void {
  msg.remove('Cookie');
  if (cookies.length > 0) msg.insert('Cookie', cookies.map((c) => `${c.name}=${c.value}`).join('; '));
}

/** `HTTP::cookie ...` (request `Cookie` or response `Set-Cookie`). */
function cookieCmd(ctx: SimContext, msg: HttpMessage, response: boolean, args: string[]): TclResult {
  const list = response ? msg.responseCookies() : msg.requestCookies();
  const find = (name: string): { name: string; value: string } | undefined => {
    for (let k = list.length - 1; k >= 0; k--) if (list[k].name === name) return list[k];
    return undefined;
  };
  const sub = args[0];
  switch (sub) {
    case 'names':
      return ok(formatList(list.map((c) => c.name)));
    case 'count':
      return ok(String(list.length));
    case 'exists':
      return ok(find(args[1] ?? '') ? '1' : '0');
    case 'value':
      if (args.length >= 3) return setCookie(msg, response, args[1], args[2]);
      return ok(find(args[1] ?? '')?.value ?? '');
    case 'remove': {
      if (response) msg.headers = msg.headers.filter((_h, k) => !msg.responseCookies().some((c) => c.header === k && c.name === args[1]));
      else setRequestCookies(msg, msg.requestCookies().filter((c) => c.name !== args[1]));
      return OK_EMPTY;
    }
    case 'insert': {
      let name: string | undefined;
      let value = '';
      const attrs: string[] = [];
      for (let k = 1; k + 1 < args.length; k += 2) {
        if (args[k] === 'name') name = args[k + 1];
        else if (args[k] === 'value') value = args[k + 1];
        else if (args[k] === 'path') attrs.push(`path=${args[k + 1]}`);
        else if (args[k] === 'domain') attrs.push(`domain=${args[k + 1]}`);
      }
      if (name === undefined) return err('wrong # args: should be "HTTP::cookie insert name <name> value <value> [path <path>] [domain <domain>] [version <version>]"');
      if (response) msg.insert('Set-Cookie', [`${name}=${value}`, ...attrs].join('; '));
      else setRequestCookies(msg, [...msg.requestCookies(), { name, value }]);
      return OK_EMPTY;
    }
    default:
      if (args.length === 1) return ok(find(sub ?? '')?.value ?? '');
      if (args.length === 2 && !['path', 'domain', 'version', 'ports', 'expires', 'maxage', 'comment', 'commenturl', 'secure', 'httponly', 'attribute', 'sanitize', 'encrypt', 'decrypt'].includes(sub)) {
        return setCookie(msg, response, sub, args[1]);
      }
      ctx.notModelled(`HTTP::cookie ${sub}`);
      return OK_EMPTY;
  }
}

function setCookie(msg: HttpMessage, response: boolean, name: string, value: string): TclResult {
  if (response) {
    const c = msg.responseCookies().find((x) => x.name === name);
    if (c) {
      const h = msg.headers[c.header];
      const attrs = h.value.split(';').slice(1);
      msg.headers[c.header] = { name: h.name, value: [`${name}=${value}`, ...attrs].join(';') };
    }
    return OK_EMPTY;
  }
  const cookies = msg.requestCookies();
  const c = cookies.find((x) => x.name === name);
  if (c) c.value = value;
  setRequestCookies(msg, cookies);
  return OK_EMPTY;
}

/** `HTTP::payload ...` on the current message body. */
function payloadCmd(ctx: SimContext, msg: HttpMessage, args: string[]): TclResult {
  const data = msg.body;
  if (args.length === 0) return ok(data);
  if (args[0] === 'length') return ok(String(data.length));
  if (args[0] === 'rechunk') return OK_EMPTY;
  if (args[0] === 'replace') {
    const off = Number(args[1]);
    const len = Number(args[2]);
    if (!Number.isInteger(off) || !Number.isInteger(len) || off < 0 || len < 0) return err(`expected integer but got "${!Number.isInteger(off) ? args[1] : args[2]}"`);
    if (off + len > data.length) return tmmError(ctx, 'Out of bounds');
    msg.body = data.slice(0, off) + (args[3] ?? '') + data.slice(off + len);
    return OK_EMPTY;
  }
  const a = Number(args[0]);
  if (!Number.isInteger(a) || a < 0) return err(`expected integer but got "${args[0]}"`);
  if (args.length === 1) return ok(data.slice(0, a));
  const b = Number(args[1]);
  if (!Number.isInteger(b) || b < 0) return err(`expected integer but got "${args[1]}"`);
  return ok(data.slice(a, a + b));
}

/** Credentials of a Basic `Authorization` header. */
function basicAuth(msg: HttpMessage): { user: string; password: string } {
  const h = msg.header('Authorization') ?? '';
  const m = /^Basic\s+(\S+)/i.exec(h);
  const bytes = m ? base64Decode(m[1]) : undefined;
  const text = bytes ? fromBytes(bytes) : '';
  const colon = text.indexOf(':');
  return colon < 0 ? { user: text, password: '' } : { user: text.slice(0, colon), password: text.slice(colon + 1) };
}

/** Installs the commands. */
export function install(interp: Interp, ctx: SimContext): void {
  type Fn = (c: SimContext, conn: Connection, msg: HttpMessage, args: string[]) => TclResult;
  /** A command that needs the HTTP message of the running event. */
  const http =
    (fn: Fn, request = false) =>
    (c: SimContext, argv: string[]): TclResult => {
      const conn = needConn(c);
      if (!isConn(conn)) return conn;
      const msg = request ? conn.request : current(c, conn);
      if (!msg) return tmmError(c, 'ERR_NOT_SUPPORTED');
      return fn(c, conn, msg, argv.slice(1));
    };
  const getSet =
    (get: (m: HttpMessage, normalized: boolean) => string, set: (m: HttpMessage, v: string) => void): Fn =>
    (_c, _conn, msg, args) => {
      if (args.length === 0 || (args.length === 1 && args[0] === '-normalized')) return ok(get(msg, args.length === 1));
      set(msg, args[args.length - 1]);
      return OK_EMPTY;
    };
  defineCommand(interp, ctx, 'HTTP::method', http((_c, _x, m) => ok(m.method), true));
  defineCommand(
    interp,
    ctx,
    'HTTP::uri',
    http(
      getSet(
        (m, n) => (n ? normalizePath(m.path) + (m.query ? `?${m.query}` : '') : m.uri),
        (m, v) => (m.uri = v),
      ),
      true,
    ),
  );
  defineCommand(
    interp,
    ctx,
    'HTTP::path',
    http(
      getSet(
        (m, n) => (n ? normalizePath(m.path) : m.path),
        (m, v) => (m.uri = v + (m.query ? `?${m.query}` : '')),
      ),
      true,
    ),
  );
  defineCommand(
    interp,
    ctx,
    'HTTP::query',
    http(
      getSet(
        (m, n) => (n ? uriDecode(m.query) : m.query),
        (m, v) => (m.uri = v === '' ? m.path : `${m.path}?${v}`),
      ),
      true,
    ),
  );
  defineCommand(interp, ctx, 'HTTP::host', http((_c, _x, m) => ok(m.header('Host') ?? ''), true));
  defineCommand(
    interp,
    ctx,
    'HTTP::version',
    http((_c, _x, m, args) => {
      if (args.length === 0) return ok(m.version);
      if (args[0] === '-string') return ok(`HTTP/${m.version}`);
      m.version = args[0];
      return OK_EMPTY;
    }),
  );
  defineCommand(interp, ctx, 'HTTP::header', http((c, _x, m, args) => headerCmd(c, m, args.length === 0 ? ['names'] : args)));
  defineCommand(interp, ctx, 'HTTP::cookie', http((c, _x, m, args) => cookieCmd(c, m, c.event.startsWith('HTTP_RESPONSE'), args)));
  defineCommand(interp, ctx, 'HTTP::payload', http((c, _x, m, args) => payloadCmd(c, m, args)));
  defineCommand(
    interp,
    ctx,
    'HTTP::collect',
    http((c, conn) => {
      if (c.event.startsWith('HTTP_RESPONSE')) conn.collect.httpResponse = true;
      else conn.collect.httpRequest = true;
      return OK_EMPTY;
    }),
  );
  defineCommand(interp, ctx, 'HTTP::release', http(() => OK_EMPTY));
  defineCommand(interp, ctx, 'HTTP::request', http((_c, _x, m) => ok(m.requestText()), true));
  defineCommand(interp, ctx, 'HTTP::request_num', http(() => ok('1'), true));
  defineCommand(interp, ctx, 'HTTP::status', (c) => {
    const conn = needConn(c);
    if (!isConn(conn)) return conn;
    return ok(c.event.startsWith('HTTP_RESPONSE') && conn.serverResponse ? String(conn.serverResponse.status) : '');
  });
  defineCommand(interp, ctx, 'HTTP::is_keepalive', http((_c, _x, m) => ok(isKeepalive(m) ? '1' : '0')));
  defineCommand(interp, ctx, 'HTTP::is_redirect', http((c, conn) => ok(c.event.startsWith('HTTP_RESPONSE') && conn.serverResponse && conn.serverResponse.status >= 300 && conn.serverResponse.status < 400 ? '1' : '0')));
  defineCommand(interp, ctx, 'HTTP::username', http((_c, _x, m) => ok(basicAuth(m).user), true));
  defineCommand(interp, ctx, 'HTTP::password', http((_c, _x, m) => ok(basicAuth(m).password), true));
  defineCommand(interp, ctx, 'HTTP::has_responded', http((_c, conn) => ok(conn.response ? '1' : '0')));
  defineCommand(interp, ctx, 'HTTP::respond', http((c, conn, _m, args) => respondCmd(c, conn, args)));
  defineCommand(
    interp,
    ctx,
    'HTTP::redirect',
    http((c, conn, _m, args) => respond(c, conn, 302, [{ name: 'Location', value: args[0] }, { name: 'Connection', value: 'Keep-Alive' }, { name: 'Content-Length', value: '0' }], '')),
  );
  defineCommand(
    interp,
    ctx,
    'HTTP::close',
    http((_c, conn, m) => {
      m.replace('Connection', 'close');
      conn.note('HTTP::close: the connection closes after this request');
      return OK_EMPTY;
    }),
  );
}


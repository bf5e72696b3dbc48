/**
 * HTTP messages as the `HTTP::*` commands see them: the client's request (read from the
 * `--request` file, or a default `GET /`) and the server's response. Header names compare
 * case-insensitively; with several headers of one name, `value` works on the last (catalog note).
 */
import type { HeaderField, HttpMessageSpec } from './types.js';

/** A mutable HTTP request or response of one connection. */
export class HttpMessage {
  method: string;
  uri: string;
  version: string;
  status: number;
  reason: string;
  headers: HeaderField[];
  body: string;

  constructor(spec: HttpMessageSpec) {
    this.method = spec.method ?? 'GET';
    this.uri = spec.uri ?? '/';
    this.version = spec.version;
    this.status = spec.status ?? 200;
    this.reason = spec.reason ?? reasonPhrase(spec.status ?? 200);
    this.headers = spec.headers.map((h) => ({ ...h }));
    this.body = spec.body;
  }

  /** Index of the last header called `name`, or -1. */
  private lastIndex(name: string): number {
    const n = name.toLowerCase();
    for (let i = this.headers.length - 1; i >= 0; i--) if (this.headers[i].name.toLowerCase() === n) return i;
    return -1;
  }

  /** The value of the last header called `name`, or undefined. */
  header(name: string): string | undefined {
    const i = this.lastIndex(name);
    return i < 0 ? undefined : this.headers[i].value;
  }

  /** Every value of the headers called `name`, in order. */
  values(name: string): string[] {
    const n = name.toLowerCase();
    return this.headers.filter((h) => h.name.toLowerCase() === n).map((h) => h.value);
  }

  /** Appends a header. */
  insert(name: string, value: string): void {
    this.headers.push({ name, value });
  }

  /** Removes every header called `name`. */
  remove(name: string): void {
    const n = name.toLowerCase();
    this.headers = this.headers.filter((h) => h.name.toLowerCase() !== n);
  }

  /** Replaces the value of the last header called `name` (appends when absent). */
  replace(name: string, value: string): void {
    const i = this.lastIndex(name);
    if (i < 0) this.insert(name, value);
    else this.headers[i] = { name: this.headers[i].name, value };
  }

  /** The request path (up to the first `?`). */
  get path(): string {
    const q = this.uri.indexOf('?');
    return q < 0 ? this.uri : this.uri.slice(0, q);
  }

  /** The query (after the first `?`, '' when none). */
  get query(): string {
    const q = this.uri.indexOf('?');
    return q < 0 ? '' : this.uri.slice(q + 1);
  }

  /** Cookies of a request (`Cookie` headers), in order. */
  requestCookies(): { name: string; value: string }[] {
    const out: { name: string; value: string }[] = [];
    for (const h of this.values('Cookie')) {
      for (const part of h.split(';')) {
        const t = part.trim();
        if (t === '' || t.startsWith('$')) continue;
        const eq = t.indexOf('=');
        out.push(eq < 0 ? { name: t, value: '' } : { name: t.slice(0, eq).trim(), value: stripQuotes(t.slice(eq + 1).trim()) });
      }
    }
    return out;
  }

  /** Cookies of a response (`Set-Cookie` headers): name, value and the raw attributes. */
  responseCookies(): { name: string; value: string; header: number }[] {
    const out: { name: string; value: string; header: number }[] = [];
    this.headers.forEach((h, i) => {
      if (h.name.toLowerCase() !== 'set-cookie') return;
      const first = h.value.split(';')[0];
      const eq = first.indexOf('=');
      out.push(eq < 0 ? { name: first.trim(), value: '', header: i } : { name: first.slice(0, eq).trim(), value: stripQuotes(first.slice(eq + 1).trim()), header: i });
    });
    return out;
  }

  /** The request line and headers as BIG-IP's `HTTP::request` returns them. */
  requestText(): string {
    return `${this.method} ${this.uri} HTTP/${this.version}\r\n${this.headers.map((h) => `${h.name}: ${h.value}\r\n`).join('')}\r\n`;
  }

  /** Plain data of a request. */
  toRequestSpec(): HttpMessageSpec {
    return { method: this.method, uri: this.uri, version: this.version, headers: this.headers.map((h) => ({ ...h })), body: this.body };
  }
}

function stripQuotes(v: string): string {
  return v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v;
}

/** Reason phrases of the usual status codes (BIG-IP fills one in for `HTTP::respond`). */
const REASONS: Record<number, string> = {
  100: 'Continue',
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  206: 'Partial Content',
  301: 'Moved Permanently',
  302: 'Found',
  303: 'See Other',
  304: 'Not Modified',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** The reason phrase of a status code ('' when unusual). */
export function reasonPhrase(status: number): string {
  return REASONS[status] ?? '';
}

/** The request every client sends when no `--request` is given. */
export function defaultRequest(host: string): HttpMessageSpec {
  return {
    method: 'GET',
    uri: '/',
    version: '1.1',
    headers: [
      { name: 'Host', value: host },
      { name: 'User-Agent', value: 'irule-sim' },
      { name: 'Accept', value: '*/*' },
    ],
    body: '',
  };
}

/** The response the simulated server sends. */
export function defaultResponse(): HttpMessageSpec {
  return {
    status: 200,
    reason: 'OK',
    version: '1.1',
    headers: [
      { name: 'Content-Type', value: 'text/html' },
      { name: 'Content-Length', value: '0' },
    ],
    body: '',
  };
}

const METHOD_RE = /^[A-Z][A-Z0-9_-]*$/;

/**
 * Parses an HTTP request as written in a `--request` file: a request line (`GET /path HTTP/1.1`,
 * the version optional), header lines `Name: value`, a blank line and the body. Line ends may be
 * CRLF or LF. Returns the request, or a message saying what is wrong.
 */
export function parseHttpRequest(text: string): HttpMessageSpec | { error: string } {
  const normalized = text.replace(/\r\n/g, '\n');
  const blank = normalized.indexOf('\n\n');
  const head = blank < 0 ? normalized.replace(/\n+$/, '') : normalized.slice(0, blank);
  const body = blank < 0 ? '' : normalized.slice(blank + 2);
  const lines = head.split('\n');
  const requestLine = lines[0].trim();
  const parts = requestLine.split(/\s+/);
  if (requestLine === '' || parts.length < 2 || parts.length > 3 || !METHOD_RE.test(parts[0])) {
    return { error: `line 1: expected a request line such as "GET /path HTTP/1.1", not "${requestLine}"` };
  }
  let version = '1.1';
  if (parts.length === 3) {
    const m = /^HTTP\/(\d\.\d)$/.exec(parts[2]);
    if (!m) return { error: `line 1: expected HTTP/1.0 or HTTP/1.1, not "${parts[2]}"` };
    version = m[1];
  }
  const headers: HeaderField[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (/^[ \t]/.test(line) && headers.length > 0) {
      headers[headers.length - 1].value += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0 || /\s/.test(line.slice(0, colon))) return { error: `line ${i + 1}: expected a header "Name: value", not "${line}"` };
    headers.push({ name: line.slice(0, colon), value: line.slice(colon + 1).trim() });
  }
  return { method: parts[0], uri: parts[1], version, headers, body };
}

/**
 * Checks a connection's simulated result against a test's expectations. Every comparison reads
 * the simulator's result record (`ClientResult`); nothing here re-implements iRule behaviour.
 * A failure says what was expected, what happened, and which rule line decided it.
 */
import type { ClientResult, DecisionSite, HeaderField, HttpMessageSpec, ResponseResult } from '../irule/types.js';
import { sameAddress } from '../irule/util.js';
import { connectionNotes, type RunNotes } from './notes.js';
import type { Expectation, Failure, MessageExpectation, SourcePos } from './types.js';

/** `smtp_irule_v11.irule:8 (/Common/smtp_irule_v11)`. */
export function siteText(site: DecisionSite): string {
  return `${site.at} (${site.rule} line ${site.line})`;
}

/** A value as a failure shows it. */
function show(v: unknown): string {
  if (v === null || v === undefined) return 'none';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** Whether a pool name matches: exactly, or by last segment when the expectation has no partition. */
function samePool(expected: string, actual: string | null): boolean {
  if (actual === null) return false;
  return expected === actual || (!expected.includes('/') && actual.slice(actual.lastIndexOf('/') + 1) === expected);
}

/** Splits the simulator's `addr:port` (IPv6 `addr.port`) member text. */
function splitMember(member: string): { address: string; port: string } {
  const sep = member.includes(':') && member.indexOf(':') !== member.lastIndexOf(':') ? member.lastIndexOf('.') : member.lastIndexOf(':');
  return { address: member.slice(0, sep), port: member.slice(sep + 1) };
}

/** Whether a member matches `addr:port`, `[v6]:port`, `v6.port` or a bare address. */
function sameMember(expected: string, actual: string | null): boolean {
  if (actual === null) return false;
  if (expected === actual) return true;
  const a = splitMember(actual);
  const bracket = /^\[([^\]]+)\]:(\d+)$/.exec(expected);
  if (bracket) return sameAddress(bracket[1], a.address) && bracket[2] === a.port;
  if (sameAddress(expected, a.address)) return true;
  const e = splitMember(expected);
  return sameAddress(e.address, a.address) && e.port === a.port;
}

/** The action as `action` expectations see it: a 3xx response with a Location header is also `redirect`. */
function isRedirect(r: ClientResult): boolean {
  const res = r.response;
  return r.action === 'respond' && res !== null && res.status >= 300 && res.status < 400 && res.headers.some((h) => h.name.toLowerCase() === 'location');
}

/** Where the action was decided: the command, else the failing command of an error. */
function actionSite(r: ClientResult): string | undefined {
  if (r.decidedBy?.action) return siteText(r.decidedBy.action);
  if (r.error) return `${r.error.at} (${r.error.rule} line ${r.error.line}, error)`;
  return undefined;
}

/** One header's value (first occurrence, name case-insensitive), or null. */
function headerValue(headers: readonly HeaderField[], name: string): string | null {
  const lower = name.toLowerCase();
  return headers.find((h) => h.name.toLowerCase() === lower)?.value ?? null;
}

/** Compares an HTTP message (response or forwarded request) field by field. */
function checkMessage(
  kind: string,
  at: SourcePos,
  exp: MessageExpectation | null,
  actual: ResponseResult | HttpMessageSpec | null,
  fail: (f: Omit<Failure, 'decidedBy'>) => void,
): void {
  const what = kind === 'response' ? 'a response from BIG-IP' : 'a request forwarded to a server';
  if (exp === null) {
    if (actual !== null) fail({ at, kind, expected: `no ${kind}`, actual: kind === 'response' ? `status ${(actual as ResponseResult).status}` : `${(actual as HttpMessageSpec).method} ${(actual as HttpMessageSpec).uri}` });
    return;
  }
  if (actual === null) {
    fail({ at, kind, expected: what, actual: 'none' });
    return;
  }
  const scalar = (field: 'status' | 'method' | 'uri' | 'version', got: unknown): void => {
    const e = exp[field];
    if (e !== undefined && e.value !== got) fail({ at: e.at, kind: `${kind}.${field}`, expected: show(e.value), actual: show(got) });
  };
  if ('status' in actual && actual.status !== undefined) scalar('status', actual.status);
  else if (exp.status) scalar('status', null);
  scalar('method', 'method' in actual ? (actual.method ?? null) : null);
  scalar('uri', 'uri' in actual ? (actual.uri ?? null) : null);
  scalar('version', 'version' in actual ? actual.version : null);
  for (const h of exp.headers) {
    const got = headerValue(actual.headers, h.name);
    if (got !== h.value) fail({ at: h.at, kind: `${kind}.headers.${h.name}`, expected: h.value === null ? 'absent' : h.value, actual: got === null ? 'absent' : got });
  }
  if (exp.body !== undefined && !actual.body.includes(exp.body.value)) {
    fail({ at: exp.body.at, kind: `${kind}.body`, expected: `a body containing ${JSON.stringify(exp.body.value)}`, actual: JSON.stringify(actual.body) });
  }
}

/**
 * Checks one connection's result; returns the failures (empty when every expectation holds).
 * `runNotes` are the notes on the whole run, which `notes` expectations read with the connection's own.
 */
export function checkResult(r: ClientResult, expectations: readonly Expectation[], connection?: number, runNotes: RunNotes = { notes: [], notModelled: [] }): Failure[] {
  const out: Failure[] = [];
  const add = (f: Omit<Failure, 'decidedBy'>, decidedBy?: string): void => {
    const failure: Failure = connection !== undefined ? { ...f, connection } : { ...f };
    if (decidedBy !== undefined) failure.decidedBy = decidedBy;
    out.push(failure);
  };
  const poolBy = r.decidedBy?.pool ? siteText(r.decidedBy.pool) : r.pool !== null ? "the virtual server's default pool" : undefined;
  const snatBy = r.decidedBy?.snat ? siteText(r.decidedBy.snat) : r.snat ? "the virtual server's source-address-translation" : undefined;
  for (const e of expectations) {
    switch (e.kind) {
      case 'snat': {
        const got = r.snat?.address ?? null;
        const okay = e.value === null ? r.snat === null : sameAddress(e.value, got ?? undefined);
        if (!okay) add({ at: e.at, kind: e.kind, expected: show(e.value), actual: r.snat === null ? 'no server-side connection' : got === null ? `no address (${r.snat.type} found none)` : show(got) }, snatBy ?? actionSite(r));
        break;
      }
      case 'snat-type':
        if (r.snat?.type !== e.value) add({ at: e.at, kind: e.kind, expected: e.value, actual: r.snat === null ? 'no server-side connection' : r.snat.type }, snatBy ?? actionSite(r));
        break;
      case 'pool':
        if (e.value === null ? r.pool !== null : !samePool(e.value, r.pool)) add({ at: e.at, kind: e.kind, expected: show(e.value), actual: show(r.pool) }, poolBy ?? actionSite(r));
        break;
      case 'member':
        if (e.value === null ? r.member !== null : !sameMember(e.value, r.member)) add({ at: e.at, kind: e.kind, expected: show(e.value), actual: show(r.member) }, poolBy ?? actionSite(r));
        break;
      case 'action': {
        const okay = e.value === 'redirect' ? isRedirect(r) : e.value === r.action;
        if (!okay) add({ at: e.at, kind: e.kind, expected: e.value, actual: isRedirect(r) ? `redirect (${r.response!.status})` : r.action }, actionSite(r));
        break;
      }
      case 'response':
      case 'server-request': {
        const before = out.length;
        checkMessage(e.kind, e.at, e.value, e.kind === 'response' ? r.response : r.request, (f) => add(f));
        const by = e.kind === 'response' ? actionSite(r) : poolBy;
        if (by !== undefined) for (let i = before; i < out.length; i++) out[i].decidedBy = by;
        break;
      }
      case 'logs': {
        // Each entry must be contained in a log line after the line the previous entry matched.
        if (e.value.length === 0) {
          if (r.logs.length > 0) add({ at: e.at, kind: e.kind, expected: 'no log lines', actual: show(r.logs) });
          break;
        }
        let from = 0;
        for (const entry of e.value) {
          const i = r.logs.findIndex((line, k) => k >= from && line.includes(entry.value));
          if (i < 0) {
            const earlier = r.logs.slice(0, from).some((line) => line.includes(entry.value));
            add({ at: entry.at, kind: e.kind, expected: `a log line containing ${JSON.stringify(entry.value)}${from > 0 ? ' after the previous entry' + (earlier ? ' (it was logged earlier)' : '') : ''}`, actual: show(r.logs) });
            break;
          }
          from = i + 1;
        }
        break;
      }
      case 'events':
        if (e.value.join(' ') !== r.events.join(' ')) add({ at: e.at, kind: e.kind, expected: show(e.value), actual: show(r.events) });
        break;
      case 'error':
        if (e.value === null) {
          if (r.error) add({ at: e.at, kind: e.kind, expected: 'no error', actual: r.error.message }, `${r.error.at} (${r.error.rule} line ${r.error.line})`);
        } else if (!r.error) {
          add({ at: e.at, kind: e.kind, expected: `an error containing ${JSON.stringify(e.value)}`, actual: 'no error' });
        } else if (!r.error.message.includes(e.value) && !(r.error.tmmLog ?? '').includes(e.value)) {
          add({ at: e.at, kind: e.kind, expected: `an error containing ${JSON.stringify(e.value)}`, actual: r.error.message }, `${r.error.at} (${r.error.rule} line ${r.error.line})`);
        }
        break;
      case 'notes': {
        // `[]`: a clean run; else each entry is part of some note (in any order).
        const notes = connectionNotes(runNotes, r);
        if (e.value.length === 0) {
          if (notes.length > 0) add({ at: e.at, kind: e.kind, expected: 'no notes', actual: show(notes) });
          break;
        }
        for (const entry of e.value) {
          if (!notes.some((n) => n.includes(entry.value))) add({ at: entry.at, kind: e.kind, expected: `a note containing ${JSON.stringify(entry.value)}`, actual: notes.length > 0 ? show(notes) : 'no notes' });
        }
        break;
      }
    }
  }
  return out;
}

/**
 * Persistence: `persist` (modes none, source_addr/simple, dest_addr/sticky, uie/universal, hash,
 * carp, cookie; and the record forms add, lookup, delete) and `session` (add, lookup, delete).
 * A mode chosen with `persist` applies when the connection is load balanced; records live in the
 * simulation's `PersistStore` and expire on the simulated clock. SSL, MSRDP and SIP persistence
 * need protocol state the simulator does not have: they are reported as not modelled.
 */
import { formatAddress, parseAddress } from '../../bigip/address.js';
import type { Interp } from '../interp.js';
import { err, ok, OK_EMPTY, type TclResult } from '../result.js';
import { formatList } from '../values.js';
import type { Connection, SimContext } from '../irule/context.js';
import { defineCommand } from '../irule/dispatch.js';
import { isConn, needConn } from '../irule/util.js';

/** Default persistence timeout, in seconds. */
const DEFAULT_TIMEOUT = 180;

/** Mode aliases of the record forms (`persist add uie ...`). */
const RECORD_MODES: Readonly<Record<string, string>> = {
  uie: 'uie',
  universal: 'uie',
  source_addr: 'source_addr',
  simple: 'source_addr',
  dest_addr: 'dest_addr',
  sticky: 'dest_addr',
  hash: 'hash',
  carp: 'carp',
  ssl: 'ssl',
  sip: 'sip',
  cookie: 'cookie',
};

/**
 * Decodes BIG-IP's default persistence cookie value for IPv4 members: `<address as a
 * little-endian 32-bit number>.<port with its bytes swapped>.0000`.
 */
export function decodePersistCookie(value: string): { address: string; port: number } | undefined {
  const m = /^(\d+)\.(\d+)\.\d+$/.exec(value);
  if (!m) return undefined;
  const n = Number(m[1]);
  const p = Number(m[2]);
  if (n > 0xffffffff || p > 0xffff) return undefined;
  const address = [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff].join('.');
  return { address, port: ((p & 0xff) << 8) | (p >>> 8) };
}

/** Encodes a persistence cookie value (IPv4). */
export function encodePersistCookie(address: string, port: number): string | undefined {
  const a = parseAddress(address);
  if (!a || a.family !== 4) return undefined;
  const v = Number(a.value);
  const le = ((v & 0xff) * 0x1000000 + ((v >>> 8) & 0xff) * 0x10000 + ((v >>> 16) & 0xff) * 0x100 + ((v >>> 24) & 0xff)) >>> 0;
  return `${le}.${((port & 0xff) << 8) | (port >>> 8)}.0000`;
}

/** A timeout argument (seconds, or `indef`/`indefinite`). */
function timeoutArg(text: string | undefined): number | undefined | 'bad' {
  if (text === undefined) return undefined;
  if (text === 'indef' || text === 'indefinite') return Infinity;
  return /^\d+$/.test(text) ? Number(text) : 'bad';
}

/** The key a record form uses for an address mode (canonical address). */
function recordKey(mode: string, key: string): string {
  if (mode !== 'source_addr' && mode !== 'dest_addr') return key;
  const a = parseAddress(key);
  return a ? formatAddress(a) : key;
}

function persistCmd(ctx: SimContext, conn: Connection, args: string[]): TclResult {
  const mode = args[0];
  switch (mode) {
    case 'none':
      conn.persist = { mode: 'none' };
      return OK_EMPTY;
    case 'source_addr':
    case 'simple':
    case 'dest_addr':
    case 'sticky': {
      let mask: string | undefined;
      let rest = args.slice(1);
      if (rest.length > 0 && (rest[0].includes('.') || rest[0].includes(':'))) {
        mask = rest[0];
        rest = rest.slice(1);
      }
      const timeout = timeoutArg(rest[0]);
      if (timeout === 'bad') return err(`expected integer but got "${rest[0]}"`);
      conn.persist = { mode: mode === 'simple' ? 'source_addr' : mode === 'sticky' ? 'dest_addr' : mode, mask, timeout: timeout ?? DEFAULT_TIMEOUT };
      return OK_EMPTY;
    }
    case 'uie':
    case 'universal':
    case 'hash':
    case 'carp': {
      const timeout = timeoutArg(args[2]);
      if (timeout === 'bad') return err(`expected integer but got "${args[2]}"`);
      conn.persist = { mode: mode === 'universal' ? 'uie' : mode, key: args[1], timeout: timeout ?? DEFAULT_TIMEOUT };
      return OK_EMPTY;
    }
    case 'cookie': {
      const sub = args[1];
      conn.persist = { mode: 'cookie', cookie: sub === 'insert' || sub === 'rewrite' || sub === 'passive' ? args[2] : undefined };
      if (sub === 'hash') ctx.notModelled('persist cookie hash');
      return OK_EMPTY;
    }
    case 'add': {
      const m = RECORD_MODES[args[1] ?? ''];
      if (!m) return err(`bad persistence mode "${args[1] ?? ''}"`);
      const timeout = timeoutArg(args[3]);
      if (timeout === 'bad') return err(`expected integer but got "${args[3]}"`);
      const t = conn.target;
      if (!t) {
        ctx.note(`persist add ${args[1]} before a server was chosen: the record is not created in the simulation`);
        return OK_EMPTY;
      }
      ctx.persistStore.add(m, recordKey(m, args[2]), t.pool ?? '', { pool: t.pool ?? '', address: t.address, port: t.port }, timeout ?? DEFAULT_TIMEOUT, ctx.clock);
      return OK_EMPTY;
    }
    case 'lookup': {
      const m = RECORD_MODES[args[1] ?? ''];
      if (!m) return err(`bad persistence mode "${args[1] ?? ''}"`);
      const t = ctx.persistStore.find(m, recordKey(m, args[2]), ctx.clock);
      if (!t) return OK_EMPTY;
      switch (args[3]) {
        case 'node':
          return ok(t.address);
        case 'port':
          return ok(String(t.port));
        case 'pool':
          return ok(t.pool);
        default:
          return ok(formatList([t.pool, t.address, String(t.port)]));
      }
    }
    case 'delete': {
      const m = RECORD_MODES[args[1] ?? ''];
      if (!m) return err(`bad persistence mode "${args[1] ?? ''}"`);
      ctx.persistStore.deleteAll(m, recordKey(m, args[2]));
      return OK_EMPTY;
    }
    default:
      ctx.notModelled(`persist ${mode ?? ''}`.trim());
      return OK_EMPTY;
  }
}

/** `session add|lookup|delete <mode> <key> [<data> [<timeout>]]` on the session table. */
function sessionCmd(ctx: SimContext, argv: string[]): TclResult {
  const [, sub, mode, key, data, timeoutText] = argv;
  const sub2 = `session\u0000${mode ?? ''}`;
  switch (sub) {
    case 'add': {
      if (key === undefined || data === undefined) return err('wrong # args: should be "session add <mode> <key> <data> [<timeout>]"');
      const timeout = timeoutArg(timeoutText);
      if (timeout === 'bad') return err(`expected integer but got "${timeoutText}"`);
      ctx.table.put(sub2, key, { value: data, timeout: timeout ?? DEFAULT_TIMEOUT, lifetime: Infinity, created: ctx.clock, touched: ctx.clock });
      return OK_EMPTY;
    }
    case 'lookup':
      return ok(key !== undefined ? (ctx.table.get(sub2, key, ctx.clock)?.value ?? '') : '');
    case 'delete':
      if (key !== undefined) ctx.table.delete(sub2, key);
      return OK_EMPTY;
    default:
      return err(`bad option "${sub ?? ''}": must be add, delete, or lookup`);
  }
}

/** Installs the commands. */
export function install(interp: Interp, ctx: SimContext): void {
  defineCommand(interp, ctx, 'persist', (c, argv) => {
    const conn = needConn(c);
    return isConn(conn) ? persistCmd(c, conn, argv.slice(1)) : conn;
  });
  defineCommand(interp, ctx, 'session', sessionCmd);
}

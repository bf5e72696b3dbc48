/**
 * The `table` command on the simulation's session table (shared by every connection, timeouts on
 * the simulated clock): set, add, replace, lookup, incr, append, delete, timeout, lifetime, keys.
 * Options: `-notouch`, `-subtable <name>`, `-georedundancy`, `-mustexist`, `-excl`, `-count`,
 * `-remaining`, `-all`, and `--` to end them (a key starting with `-` needs it, as on BIG-IP).
 */
import type { Interp } from '../interp.js';
import { err, ok, OK_EMPTY, type TclResult } from '../result.js';
import { formatList, scanInt } from '../values.js';
import { DEFAULT_TABLE_TIMEOUT, type TableEntry } from '../bigip/session-table.js';
import type { SimContext } from '../irule/context.js';
import { defineCommand } from '../irule/dispatch.js';

/** Parsed options. */
interface TableOptions {
  notouch: boolean;
  subtable: string;
  mustexist: boolean;
  excl: boolean;
  count: boolean;
  remaining: boolean;
  all: boolean;
}

/** Options each subcommand accepts. */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  set: ['-notouch', '-subtable', '-georedundancy', '-mustexist', '-excl'],
  add: ['-notouch', '-subtable', '-georedundancy'],
  replace: ['-notouch', '-subtable', '-georedundancy'],
  lookup: ['-notouch', '-subtable', '-georedundancy'],
  incr: ['-notouch', '-subtable', '-georedundancy', '-mustexist'],
  append: ['-notouch', '-subtable', '-georedundancy', '-mustexist'],
  delete: ['-subtable', '-georedundancy', '-all'],
  timeout: ['-notouch', '-subtable', '-georedundancy', '-remaining'],
  lifetime: ['-notouch', '-subtable', '-georedundancy', '-remaining'],
  keys: ['-notouch', '-subtable', '-georedundancy', '-count'],
};

/** Reads the options; returns them and the remaining words, or an error. */
function readOptions(sub: string, args: string[]): { opts: TableOptions; rest: string[] } | TclResult {
  const opts: TableOptions = { notouch: false, subtable: '', mustexist: false, excl: false, count: false, remaining: false, all: false };
  const allowed = ALLOWED[sub];
  let i = 0;
  while (i < args.length && args[i].startsWith('-')) {
    const o = args[i];
    if (o === '--') {
      i++;
      break;
    }
    if (!allowed.includes(o)) {
      // Not an option of this subcommand: it is the key (BIG-IP reads it as one when `--` is missing).
      if (/^-\d/.test(o) || sub === 'delete') break;
      return err(`bad option "${o}": must be ${allowed.join(', ')}`);
    }
    if (o === '-subtable') {
      if (i + 1 >= args.length) return err('-subtable needs a name');
      opts.subtable = `sub:${args[++i]}`;
    } else if (o === '-notouch') opts.notouch = true;
    else if (o === '-mustexist') opts.mustexist = true;
    else if (o === '-excl') opts.excl = true;
    else if (o === '-count') opts.count = true;
    else if (o === '-remaining') opts.remaining = true;
    else if (o === '-all') opts.all = true;
    i++;
  }
  return { opts, rest: args.slice(i) };
}

/** A timeout or lifetime word: seconds, `indef`/`indefinite`, or 0 (keep the current one). */
function secondsArg(text: string | undefined): number | undefined | TclResult {
  if (text === undefined) return undefined;
  if (text === 'indef' || text === 'indefinite') return Infinity;
  const n = scanInt(text);
  if (n === undefined || Number(n) < 0) return err(`expected integer but got "${text}"`);
  return Number(n);
}

function isResult(x: unknown): x is TclResult {
  return typeof x === 'object' && x !== null && 'code' in x;
}

/** Seconds as `table timeout` reports them. */
function showSeconds(n: number): string {
  return n === Infinity ? 'indefinite' : String(Math.max(0, Math.ceil(n)));
}

function tableCmd(ctx: SimContext, argv: string[]): TclResult {
  const sub = argv[1];
  if (!Object.prototype.hasOwnProperty.call(ALLOWED, sub)) {
    return err(`bad option "${sub ?? ''}": must be add, append, delete, incr, keys, lifetime, lookup, replace, set, or timeout`);
  }
  const parsed = readOptions(sub, argv.slice(2));
  if (isResult(parsed)) return parsed;
  const { opts, rest } = parsed;
  const t = ctx.table;
  const now = ctx.clock;
  const sub2 = opts.subtable;
  switch (sub) {
    case 'set':
    case 'add':
    case 'replace': {
      if (rest.length < 2 || rest.length > 4) return err(`wrong # args: should be "table ${sub} [options] <key> <value> [<timeout> [<lifetime>]]"`);
      const [key, value] = rest;
      const timeout = secondsArg(rest[2]);
      if (isResult(timeout)) return timeout;
      const lifetime = secondsArg(rest[3]);
      if (isResult(lifetime)) return lifetime;
      const existing = t.get(sub2, key, now, true);
      if ((sub === 'add' || opts.excl) && existing) {
        if (!opts.notouch) existing.touched = now;
        return ok(existing.value);
      }
      if ((sub === 'replace' || opts.mustexist) && !existing) return OK_EMPTY;
      const entry: TableEntry = {
        value,
        timeout: timeout === undefined || timeout === 0 ? (existing?.timeout ?? DEFAULT_TABLE_TIMEOUT) : timeout,
        lifetime: lifetime === undefined || lifetime === 0 ? (existing?.lifetime ?? Infinity) : lifetime,
        created: existing?.created ?? now,
        touched: now,
      };
      return stored(ctx, sub2, key, t.put(sub2, key, entry)) ?? ok(value);
    }
    case 'lookup': {
      if (rest.length !== 1) return err('wrong # args: should be "table lookup [options] <key>"');
      return ok(t.get(sub2, rest[0], now, opts.notouch)?.value ?? '');
    }
    case 'incr':
    case 'append': {
      if (rest.length < 1 || rest.length > 2) return err(`wrong # args: should be "table ${sub} [options] <key> [<${sub === 'incr' ? 'delta' : 'value'}>]"`);
      const key = rest[0];
      const e = t.get(sub2, key, now, opts.notouch);
      if (!e && opts.mustexist) return OK_EMPTY;
      if (sub === 'append') {
        const tooLong = ctx.interp.checkLength((e?.value.length ?? 0) + (rest[1]?.length ?? 0));
        if (tooLong) return tooLong;
        const value = (e?.value ?? '') + (rest[1] ?? '');
        const grew = e ? t.setValue(e, value) : t.put(sub2, key, { value, timeout: DEFAULT_TABLE_TIMEOUT, lifetime: Infinity, created: now, touched: now });
        return stored(ctx, sub2, key, grew) ?? ok(value);
      }
      const delta = rest[1] === undefined ? 1 : scanInt(rest[1]);
      if (delta === undefined) return err(`expected integer but got "${rest[1]}"`);
      const cur = e ? scanInt(e.value) : 0;
      if (cur === undefined) return err(`expected integer but got "${e!.value}"`);
      const value = String(BigInt(cur) + BigInt(delta));
      const grew = e ? t.setValue(e, value) : t.put(sub2, key, { value, timeout: DEFAULT_TABLE_TIMEOUT, lifetime: Infinity, created: now, touched: now });
      return stored(ctx, sub2, key, grew) ?? ok(value);
    }
    case 'delete': {
      if (opts.all || rest[0] === '-all') {
        t.clear(sub2);
        return OK_EMPTY;
      }
      if (rest.length !== 1) return err('wrong # args: should be "table delete [options] <key>|-all"');
      t.delete(sub2, rest[0]);
      return OK_EMPTY;
    }
    case 'timeout':
    case 'lifetime': {
      if (rest.length < 1 || rest.length > 2) return err(`wrong # args: should be "table ${sub} [options] <key> [<value>]"`);
      // Reading a timeout does not touch the entry (else -remaining would always be the full timeout).
      const e = t.get(sub2, rest[0], now, true);
      if (!e) return ok('-1');
      if (rest.length === 2) {
        const v = secondsArg(rest[1]);
        if (isResult(v)) return v;
        if (v !== undefined && v !== 0) {
          if (sub === 'timeout') e.timeout = v;
          else e.lifetime = v;
        }
      }
      const total = sub === 'timeout' ? e.timeout : e.lifetime;
      if (!opts.remaining) return ok(showSeconds(total));
      const used = (now - (sub === 'timeout' ? e.touched : e.created)) / 1000;
      return ok(showSeconds(total - used));
    }
    case 'keys': {
      if (!opts.subtable) return err('table keys needs -subtable <name>');
      const keys = t.keys(sub2, now, opts.notouch);
      return ok(opts.count ? String(keys.length) : formatList(keys));
    }
  }
  return OK_EMPTY;
}

/**
 * Accounts for a write that grew the table by `grew` characters: the client's memory, and the
 * table as a whole, which may hold no more than one client's memory limit (the entry is dropped
 * and the run ends with the memory limit).
 */
function stored(ctx: SimContext, sub: string, key: string, grew: number): TclResult | undefined {
  const interp = ctx.interp;
  const full = interp.chargeMemory(grew);
  if (full) return full;
  const max = interp.limits.maxMemory;
  if (ctx.table.size <= max) return undefined;
  ctx.table.delete(sub, key);
  return interp.hitLimit('memory', `simulator limit: the session table would hold more than ${max} characters`);
}

/** Installs the command. */
export function install(interp: Interp, ctx: SimContext): void {
  defineCommand(interp, ctx, 'table', tableCmd);
}

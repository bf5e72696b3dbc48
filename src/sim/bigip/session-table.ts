/**
 * The session table behind the `table` command: subtables of key/value entries with an idle
 * timeout (default 180 s, restarted by each touching access) and a lifetime (default
 * indefinite), shared by every connection and expiring on the simulated clock.
 */

/** Default idle timeout, in seconds. */
export const DEFAULT_TABLE_TIMEOUT = 180;

/** One entry. */
export interface TableEntry {
  /** The value. */
  value: string;
  /** Idle timeout in seconds (Infinity: indefinite). */
  timeout: number;
  /** Lifetime in seconds (Infinity: indefinite). */
  lifetime: number;
  /** Simulated ms of creation. */
  created: number;
  /** Simulated ms of the last touching access. */
  touched: number;
}

/** The session table. */
export class SessionTable {
  private readonly tables = new Map<string, Map<string, TableEntry>>();

  private table(sub: string, create: boolean): Map<string, TableEntry> | undefined {
    let t = this.tables.get(sub);
    if (!t && create) {
      t = new Map();
      this.tables.set(sub, t);
    }
    return t;
  }

  /** Whether an entry has expired at `now`. */
  static expired(e: TableEntry, now: number): boolean {
    return now - e.touched > e.timeout * 1000 || now - e.created > e.lifetime * 1000;
  }

  /** A live entry (expired ones are removed), touching it unless `notouch`. */
  get(sub: string, key: string, now: number, notouch = false): TableEntry | undefined {
    const t = this.table(sub, false);
    const e = t?.get(key);
    if (!e) return undefined;
    if (SessionTable.expired(e, now)) {
      t!.delete(key);
      return undefined;
    }
    if (!notouch) e.touched = now;
    return e;
  }

  /** Stores an entry (replacing any). */
  put(sub: string, key: string, entry: TableEntry): void {
    this.table(sub, true)!.set(key, entry);
  }

  /** Removes an entry; true when it existed. */
  delete(sub: string, key: string): boolean {
    return this.table(sub, false)?.delete(key) ?? false;
  }

  /** Removes a whole subtable. */
  clear(sub: string): void {
    this.tables.delete(sub);
  }

  /** Live keys of a subtable, in insertion order. */
  keys(sub: string, now: number, notouch = true): string[] {
    const t = this.table(sub, false);
    if (!t) return [];
    const out: string[] = [];
    for (const [k, e] of t) {
      if (SessionTable.expired(e, now)) {
        t.delete(k);
        continue;
      }
      if (!notouch) e.touched = now;
      out.push(k);
    }
    return out;
  }
}

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
  /** Characters held: every live entry's key and value. */
  size = 0;

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
      this.size -= key.length + e.value.length;
      return undefined;
    }
    if (!notouch) e.touched = now;
    return e;
  }

  /** Stores an entry (replacing any); returns how many characters the table grew by. */
  put(sub: string, key: string, entry: TableEntry): number {
    const t = this.table(sub, true)!;
    const old = t.get(key);
    t.set(key, entry);
    const delta = entry.value.length - (old ? old.value.length : -key.length);
    this.size += delta;
    return delta;
  }

  /** Changes an entry's value in place; returns how many characters the table grew by. */
  setValue(e: TableEntry, value: string): number {
    const delta = value.length - e.value.length;
    e.value = value;
    this.size += delta;
    return delta;
  }

  /** Removes an entry; true when it existed. */
  delete(sub: string, key: string): boolean {
    const t = this.table(sub, false);
    const e = t?.get(key);
    if (!e) return false;
    t!.delete(key);
    this.size -= key.length + e.value.length;
    return true;
  }

  /** Removes a whole subtable. */
  clear(sub: string): void {
    const t = this.tables.get(sub);
    if (!t) return;
    for (const [k, e] of t) this.size -= k.length + e.value.length;
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
        this.size -= k.length + e.value.length;
        continue;
      }
      if (!notouch) e.touched = now;
      out.push(k);
    }
    return out;
  }
}

/** Reading the properties of a tmsh object body: `key value` lines, flags and lists. */
import type { TmshBlock, TmshEntry, TmshRawBlock, TmshWord } from './tmsh.js';

/** One element of a list property: a word, with the block that followed it if any (`/Common/tcp { context all }`). */
export interface TmshListItem {
  /** The element. */
  word: TmshWord;
  /** Its block, if one followed the word. */
  body?: TmshBlock;
}

/** The elements of a list block: every word of every entry; an entry's block belongs to its last word. */
export function blockItems(block: TmshBlock): TmshListItem[] {
  const out: TmshListItem[] = [];
  // Items are pushed one by one: a spread of a huge block (a 1M-record data group) would overflow the stack.
  for (const e of block.entries) for (const item of entryItems(e.words, e.body)) out.push(item);
  return out;
}

/** List elements from words followed by an optional block (which then belongs to the last word). */
function entryItems(words: TmshWord[], body: TmshBlock | TmshRawBlock | undefined): TmshListItem[] {
  const block = body?.type === 'Block' ? body : undefined;
  return words.map((word, i) => (block && i === words.length - 1 ? { word, body: block } : { word }));
}

/** True when the entry's first words are `keys` (unquoted). */
function startsWith(entry: TmshEntry, keys: readonly string[]): boolean {
  if (entry.words.length < keys.length) return false;
  for (let i = 0; i < keys.length; i++) {
    const w = entry.words[i];
    if (w.quoted || w.text !== keys[i]) return false;
  }
  return true;
}

/** Splits an entry that holds several `key value…` properties at each known key after the first. */
function splitEntry(entry: TmshEntry, keys: ReadonlySet<string>): TmshEntry[] {
  const w = entry.words;
  if (w.length <= 2 || w[0].quoted || !keys.has(w[0].text)) return [entry];
  const out: TmshEntry[] = [];
  let start = 0;
  for (let i = 1; i <= w.length; i++) {
    if (i < w.length && (w[i].quoted || !keys.has(w[i].text))) continue;
    const words = w.slice(start, i);
    const last = i === w.length;
    const end = last ? entry.range.end : words[words.length - 1].range.end;
    const part: TmshEntry = { type: 'Entry', words, range: { start: words[0].range.start, end } };
    if (last && entry.body) part.body = entry.body;
    out.push(part);
    start = i;
  }
  return out;
}

/** Property access on an object body. Keys may be several words (v10 `lb method`, `ip protocol`). */
export class TmshProps {
  /** The entries of the body. */
  readonly entries: readonly TmshEntry[];

  /**
   * Wraps a body (a missing or raw body has no properties). With `keys`, the single-word property
   * names of the object, a one-line body such as `{ destination /Common/a:80 pool /Common/p }` is
   * split into one entry per property, as tmsh one-liners are written.
   */
  constructor(body: TmshBlock | TmshRawBlock | undefined, keys?: ReadonlySet<string>) {
    const entries = body?.type === 'Block' ? body.entries : [];
    this.entries = keys ? entries.flatMap((e) => splitEntry(e, keys)) : entries;
  }

  /** Every entry whose first words are `keys`, in order. */
  all(...keys: string[]): TmshEntry[] {
    return this.entries.filter((e) => startsWith(e, keys));
  }

  /** The last entry whose first words are `keys` (tmsh: the last setting wins). */
  get(...keys: string[]): TmshEntry | undefined {
    for (let i = this.entries.length - 1; i >= 0; i--) if (startsWith(this.entries[i], keys)) return this.entries[i];
    return undefined;
  }

  /** The word after `keys` (`pool /Common/p` → the `/Common/p` word). */
  word(...keys: string[]): TmshWord | undefined {
    return this.get(...keys)?.words[keys.length];
  }

  /** The text of the word after `keys`. */
  text(...keys: string[]): string | undefined {
    return this.word(...keys)?.text;
  }

  /** The words after `keys`, joined by single spaces (v10 `lb method member least conn`). */
  rest(...keys: string[]): string | undefined {
    const e = this.get(...keys);
    return e ? e.words.slice(keys.length).map((w) => w.text).join(' ') : undefined;
  }

  /** A number after `keys`, or undefined when absent or not a number. */
  number(...keys: string[]): number | undefined {
    const t = this.text(...keys);
    return t !== undefined && /^-?\d+$/.test(t) ? Number(t) : undefined;
  }

  /** True when a line consists of exactly the word `flag` (`disabled`, `vlans-enabled`). */
  flag(flag: string): boolean {
    for (const e of this.entries) if (e.words.length === 1 && !e.body && !e.words[0].quoted && e.words[0].text === flag) return true;
    return false;
  }

  /**
   * The elements of a list property over every `keys` entry: `rules { a b }`, `members { x { … } }`,
   * or inline words (`rules a b`, v10 `members 1.1.1.1:80 {}`).
   */
  items(...keys: string[]): TmshListItem[] {
    const out: TmshListItem[] = [];
    for (const e of this.all(...keys)) {
      const rest = e.words.slice(keys.length);
      for (const item of rest.length === 0 && e.body?.type === 'Block' ? blockItems(e.body) : entryItems(rest, e.body)) out.push(item);
    }
    return out;
  }
}

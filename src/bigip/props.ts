/** Reading the properties of a tmsh object body: `key value` lines, flags and lists. */
import type { TmshBlock, TmshEntry, TmshRawBlock, TmshWord } from './tmsh.js';

/** One element of a list property: a word, with the block that followed it if any (`/Common/tcp { context all }`). */
export interface ListItem {
  /** The element. */
  word: TmshWord;
  /** Its block, if one followed the word. */
  body?: TmshBlock;
}

/** The elements of a list block: every word of every entry; an entry's block belongs to its last word. */
export function blockItems(block: TmshBlock): ListItem[] {
  const out: ListItem[] = [];
  for (const e of block.entries) out.push(...entryItems(e.words, e.body));
  return out;
}

/** List elements from words followed by an optional block (which then belongs to the last word). */
function entryItems(words: TmshWord[], body: TmshBlock | TmshRawBlock | undefined): ListItem[] {
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

/** Property access on an object body. Keys may be several words (v10 `lb method`, `ip protocol`). */
export class Props {
  /** The entries of the body. */
  readonly entries: readonly TmshEntry[];

  /** Wraps a body (a missing or raw body has no properties). */
  constructor(body: TmshBlock | TmshRawBlock | undefined) {
    this.entries = body?.type === 'Block' ? body.entries : [];
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
  items(...keys: string[]): ListItem[] {
    const out: ListItem[] = [];
    for (const e of this.all(...keys)) {
      const rest = e.words.slice(keys.length);
      if (rest.length === 0 && e.body?.type === 'Block') out.push(...blockItems(e.body));
      else out.push(...entryItems(rest, e.body));
    }
    return out;
  }
}

/**
 * A small direct-mapped memo for lookups by command name. Names come fresh from each file's text,
 * so a Map read hashes every one; comparing with the name last seen in its slot is usually a
 * length check and a few characters. A slot keeps only a string it may keep (see
 * {@link memoName}), never a slice that would hold a linted file in memory.
 */
import type { CommandSpec } from './types.js';

/** Strings shorter than this are copies in V8, never slices of a longer text. */
const SHORT = 13;

/** The string a memo may keep for a looked-up name: the catalog's own copy, a short name, or undefined. */
export function memoName(name: string, spec: CommandSpec | null | undefined): string | undefined {
  if (spec && spec.name === name) return spec.name;
  return name.length < SHORT ? name : undefined;
}

export class NameMemo<T> {
  private readonly names: (string | undefined)[];
  private readonly values: (T | undefined)[];
  private readonly mask: number;

  /** `size` is a power of two. */
  constructor(size: number) {
    this.names = new Array<string | undefined>(size).fill(undefined);
    this.values = new Array<T | undefined>(size).fill(undefined);
    this.mask = size - 1;
  }

  /** The slot a name maps to. */
  slot(name: string): number {
    const n = name.length;
    return n === 0 ? 0 : (n * 31 + name.charCodeAt(0) * 7 + name.charCodeAt(n - 1)) & this.mask;
  }

  /** Whether `slot` holds `name` (then {@link value} is its value). */
  holds(slot: number, name: string): boolean {
    return this.names[slot] === name;
  }

  value(slot: number): T | undefined {
    return this.values[slot];
  }

  /** Remembers a value under `kept` (from {@link memoName}); nothing when it is undefined. */
  remember(slot: number, kept: string | undefined, value: T | undefined): void {
    if (kept === undefined) return;
    this.names[slot] = kept;
    this.values[slot] = value;
  }
}

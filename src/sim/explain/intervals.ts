/**
 * Sets of addresses of one family as sorted, disjoint, non-adjacent inclusive intervals of
 * BigInt (IPv4 0..2^32-1, IPv6 0..2^128-1), with the set operations `--explain` needs and the
 * minimal CIDR cover of a set. Pure data; every function returns a new set.
 */
import { familyBits, formatAddress, type IpFamily } from '../../bigip/address.js';

/** One inclusive interval `[lo, hi]`. */
export interface Interval {
  /** First address. */
  lo: bigint;
  /** Last address. */
  hi: bigint;
}

/** A set of addresses of one family. */
export interface AddrSet {
  /** 4 or 6. */
  family: IpFamily;
  /** Sorted, disjoint, non-adjacent intervals. */
  ranges: Interval[];
}

/** The last address of a family. */
export function maxOf(family: IpFamily): bigint {
  return (1n << BigInt(familyBits(family))) - 1n;
}

/** The empty set. */
export function emptySet(family: IpFamily): AddrSet {
  return { family, ranges: [] };
}

/** Every address of the family. */
export function universe(family: IpFamily): AddrSet {
  return { family, ranges: [{ lo: 0n, hi: maxOf(family) }] };
}

/** One address. */
export function pointSet(family: IpFamily, value: bigint): AddrSet {
  return { family, ranges: [{ lo: value, hi: value }] };
}

/** The block `value/prefix` (the network holding `value`). */
export function blockSet(family: IpFamily, value: bigint, prefix: number): AddrSet {
  const host = BigInt(familyBits(family) - prefix);
  const lo = (value >> host) << host;
  return { family, ranges: [{ lo, hi: lo + (1n << host) - 1n }] };
}

/**
 * The addresses `x` whose network `x/prefix` is in `set`: the blocks of the set's
 * prefix-aligned addresses. A test on a masked address (`IP::addr $a mask ...`) sees only
 * `x/prefix`, so the addresses answering like a network `n` are those of the networks answering
 * like it.
 */
export function expandMasked(set: AddrSet, prefix: number): AddrSet {
  const host = BigInt(familyBits(set.family) - prefix);
  if (host === 0n) return set;
  const size = 1n << host;
  const out: Interval[] = [];
  for (const r of set.ranges) {
    const first = ((r.lo + size - 1n) >> host) << host;
    const last = (r.hi >> host) << host;
    if (first > last) continue;
    const prev = out[out.length - 1];
    if (prev && prev.hi + 1n === first) prev.hi = last + size - 1n;
    else out.push({ lo: first, hi: last + size - 1n });
  }
  return { family: set.family, ranges: out };
}

/** Sorts and merges arbitrary intervals into a set. */
export function fromIntervals(family: IpFamily, list: Interval[]): AddrSet {
  const sorted = [...list].sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0));
  const out: Interval[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.lo <= last.hi + 1n) {
      if (r.hi > last.hi) last.hi = r.hi;
    } else out.push({ lo: r.lo, hi: r.hi });
  }
  return { family, ranges: out };
}

/** Whether the set has no address. */
export function isEmpty(s: AddrSet): boolean {
  return s.ranges.length === 0;
}

/** The number of addresses. */
export function sizeOf(s: AddrSet): bigint {
  let n = 0n;
  for (const r of s.ranges) n += r.hi - r.lo + 1n;
  return n;
}

/** Whether the set holds `value`. */
export function hasValue(s: AddrSet, value: bigint): boolean {
  let lo = 0;
  let hi = s.ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = s.ranges[mid];
    if (value < r.lo) hi = mid - 1;
    else if (value > r.hi) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Intersection. */
export function intersect(a: AddrSet, b: AddrSet): AddrSet {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.ranges.length && j < b.ranges.length) {
    const x = a.ranges[i];
    const y = b.ranges[j];
    const lo = x.lo > y.lo ? x.lo : y.lo;
    const hi = x.hi < y.hi ? x.hi : y.hi;
    if (lo <= hi) out.push({ lo, hi });
    if (x.hi < y.hi) i++;
    else j++;
  }
  return { family: a.family, ranges: out };
}

/** Complement within the family. */
export function complement(a: AddrSet): AddrSet {
  const out: Interval[] = [];
  let next = 0n;
  for (const r of a.ranges) {
    if (r.lo > next) out.push({ lo: next, hi: r.lo - 1n });
    next = r.hi + 1n;
  }
  const max = maxOf(a.family);
  if (next <= max) out.push({ lo: next, hi: max });
  return { family: a.family, ranges: out };
}

/** Union. */
export function union(a: AddrSet, b: AddrSet): AddrSet {
  if (a.ranges.length === 0) return b;
  if (b.ranges.length === 0) return a;
  return fromIntervals(a.family, [...a.ranges, ...b.ranges]);
}

/** `a` without `b`. */
export function subtract(a: AddrSet, b: AddrSet): AddrSet {
  return intersect(a, complement(b));
}

/** Whether two sets are equal. */
export function sameSet(a: AddrSet, b: AddrSet): boolean {
  return a.family === b.family && a.ranges.length === b.ranges.length && a.ranges.every((r, i) => r.lo === b.ranges[i].lo && r.hi === b.ranges[i].hi);
}

/** A CIDR block. */
export interface Cidr {
  /** Network address. */
  value: bigint;
  /** Prefix length. */
  prefix: number;
}

/** The minimal list of CIDR blocks covering exactly the set, in address order. */
export function toCidrs(s: AddrSet): Cidr[] {
  const bits = familyBits(s.family);
  const out: Cidr[] = [];
  for (const r of s.ranges) {
    let lo = r.lo;
    while (lo <= r.hi) {
      // The largest aligned block starting at lo that fits in [lo, hi].
      let size = 0;
      while (size < bits && ((lo >> BigInt(size)) & 1n) === 0n && lo + (1n << BigInt(size + 1)) - 1n <= r.hi) size++;
      out.push({ value: lo, prefix: bits - size });
      lo += 1n << BigInt(size);
    }
  }
  return out;
}

/** `a.b.c.d/n` or `x::/n`. */
export function formatCidr(family: IpFamily, c: Cidr): string {
  return `${formatAddress({ family, value: c.value })}/${c.prefix}`;
}

/** The CIDR texts of a set. */
export function cidrTexts(s: AddrSet): string[] {
  return toCidrs(s).map((c) => formatCidr(s.family, c));
}

/**
 * A deterministic pseudo-random address of a non-empty set (xorshift over `seed`), chosen
 * uniformly by range then within it; the set's first address when `seed` is 0.
 */
export function pickAddress(s: AddrSet, seed: number): bigint {
  if (s.ranges.length === 0) throw new Error('pickAddress: empty set'); // a caller bug
  if (seed === 0) return s.ranges[0].lo;
  let x = BigInt(seed) | 1n;
  const next = (): bigint => {
    x ^= (x << 13n) & 0xffffffffffffffffn;
    x ^= x >> 7n;
    x ^= (x << 17n) & 0xffffffffffffffffn;
    return x;
  };
  const r = s.ranges[Number(next() % BigInt(s.ranges.length))];
  const width = r.hi - r.lo + 1n;
  const rnd = (next() << 64n) | next();
  return r.lo + (rnd % width);
}

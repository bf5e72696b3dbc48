/**
 * The address space as an `ip` data group splits it for `class match ... equals` (longest
 * prefix): the family's range cut into segments, each labelled with the record that is the
 * longest prefix holding it (or none). Built once per data group, family and route domain with a
 * sweep over the records' blocks (CIDR blocks nest or are disjoint), so a 10,000-record group
 * costs one sort. `class` answers are functions of that record, so the addresses giving the same
 * answer as a client are a union of segments.
 */
import { familyBits, type IpFamily, parseNetwork } from '../../bigip/address.js';
import type { DataGroupRecord } from '../../bigip/model.js';
import { type AddrSet, maxOf } from './intervals.js';

/** A stretch of addresses with one longest-prefix record (-1: none). */
interface Segment {
  lo: bigint;
  hi: bigint;
  label: number;
}

/** A data group's split of one family. */
export class PrefixPartition {
  private readonly byKey = new Map<string, AddrSet>();
  constructor(
    readonly family: IpFamily,
    private readonly segments: Segment[],
  ) {}

  /** The record whose prefix is the longest holding `value` (-1 for none). */
  labelOf(value: bigint): number {
    const s = this.segments;
    let lo = 0;
    let hi = s.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (value < s[mid].lo) hi = mid - 1;
      else if (value > s[mid].hi) lo = mid + 1;
      else return s[mid].label;
    }
    return -1;
  }

  /** The addresses whose label has the same `keyOf` as `value`'s (cached per `kind`). */
  sameAnswer(value: bigint, kind: string, keyOf: (label: number) => string): AddrSet {
    const key = `${kind}\u0000${keyOf(this.labelOf(value))}`;
    const hit = this.byKey.get(key);
    if (hit) return hit;
    const wanted = keyOf(this.labelOf(value));
    const ranges: { lo: bigint; hi: bigint }[] = [];
    for (const seg of this.segments) {
      if (keyOf(seg.label) !== wanted) continue;
      const last = ranges[ranges.length - 1];
      if (last && last.hi + 1n === seg.lo) last.hi = seg.hi;
      else ranges.push({ lo: seg.lo, hi: seg.hi });
    }
    const set: AddrSet = { family: this.family, ranges };
    this.byKey.set(key, set);
    return set;
  }
}

const cache = new WeakMap<readonly DataGroupRecord[], Map<string, PrefixPartition>>();

/** The partition of `family` (clients in route domain `rd`) by the records of an `ip` data group. */
export function prefixPartition(records: readonly DataGroupRecord[], family: IpFamily, rd: number): PrefixPartition {
  let perGroup = cache.get(records);
  if (!perGroup) cache.set(records, (perGroup = new Map()));
  const key = `${family}%${rd}`;
  const hit = perGroup.get(key);
  if (hit) return hit;
  const bits = familyBits(family);
  const blocks: { lo: bigint; hi: bigint; prefix: number; label: number }[] = [];
  records.forEach((r, label) => {
    const net = parseNetwork(r.key);
    if (!net || net.address.family !== family || (net.address.routeDomain ?? 0) !== rd) return;
    const host = BigInt(bits - net.prefix);
    const lo = (net.address.value >> host) << host;
    blocks.push({ lo, hi: lo + (1n << host) - 1n, prefix: net.prefix, label });
  });
  // Outer blocks first; for the same block the first record wins (as the prefix table keeps it).
  blocks.sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : a.prefix - b.prefix || b.label - a.label));
  const segments: Segment[] = [];
  const emit = (lo: bigint, hi: bigint, label: number): void => {
    if (lo > hi) return;
    const last = segments[segments.length - 1];
    if (last && last.label === label && last.hi + 1n === lo) last.hi = hi;
    else segments.push({ lo, hi, label });
  };
  const stack: { hi: bigint; label: number }[] = [];
  let cursor = 0n;
  const top = (): number => (stack.length > 0 ? stack[stack.length - 1].label : -1);
  for (const b of blocks) {
    while (stack.length > 0 && stack[stack.length - 1].hi < b.lo) {
      const s = stack.pop()!;
      emit(cursor, s.hi, s.label);
      cursor = s.hi + 1n;
    }
    emit(cursor, b.lo - 1n, top());
    cursor = b.lo;
    stack.push({ hi: b.hi, label: b.label });
  }
  while (stack.length > 0) {
    const s = stack.pop()!;
    emit(cursor, s.hi, s.label);
    cursor = s.hi + 1n;
  }
  emit(cursor, maxOf(family), -1);
  const partition = new PrefixPartition(family, segments);
  perGroup.set(key, partition);
  return partition;
}

/**
 * The interval sets of `--explain`: set operations and minimal CIDR covers, checked against a
 * plain bitmap over a small address space (IPv4 sets confined to a /24, so every member can be
 * listed) and against the definition of a CIDR cover.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AddrSet,
  cidrTexts,
  complement,
  expandMasked,
  fromIntervals,
  hasValue,
  intersect,
  pickAddress,
  sizeOf,
  subtract,
  toCidrs,
  union,
  universe,
} from '../../../src/sim/explain/intervals.js';

const BASE = 0x0a000000n; // 10.0.0.0
/** A set inside 10.0.0.0/24 from a list of [start, length] pieces. */
const arbSet = fc.array(fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 1, max: 40 })), { maxLength: 8 }).map((pieces) =>
  fromIntervals(
    4,
    pieces.map(([s, n]) => ({ lo: BASE + BigInt(s), hi: BASE + BigInt(Math.min(255, s + n - 1)) })),
  ),
);
/** Members of a set within the /24. */
const members = (s: AddrSet): Set<number> => {
  const out = new Set<number>();
  for (let i = 0; i < 256; i++) if (hasValue(s, BASE + BigInt(i))) out.add(i);
  return out;
};
const inBlock = (s: AddrSet): AddrSet => intersect(s, fromIntervals(4, [{ lo: BASE, hi: BASE + 255n }]));

describe('address sets', () => {
  it('intersect, union, subtract and complement agree with member sets', () => {
    fc.assert(
      fc.property(arbSet, arbSet, (a, b) => {
        const ma = members(a);
        const mb = members(b);
        expect(members(intersect(a, b))).toEqual(new Set([...ma].filter((x) => mb.has(x))));
        expect(members(union(a, b))).toEqual(new Set([...ma, ...mb]));
        expect(members(subtract(a, b))).toEqual(new Set([...ma].filter((x) => !mb.has(x))));
        expect(members(inBlock(complement(a)))).toEqual(new Set([...Array(256).keys()].filter((x) => !ma.has(x))));
        // Normal form: sorted, disjoint, not adjacent.
        const u = union(a, b).ranges;
        for (let i = 1; i < u.length; i++) expect(u[i].lo > u[i - 1].hi + 1n).toBe(true);
      }),
    );
  });

  it('toCidrs covers exactly the set with aligned blocks, and no two blocks could merge', () => {
    fc.assert(
      fc.property(arbSet, (a) => {
        const cidrs = toCidrs(a);
        const covered = fromIntervals(
          4,
          cidrs.map((c) => ({ lo: c.value, hi: c.value + (1n << BigInt(32 - c.prefix)) - 1n })),
        );
        expect(members(covered)).toEqual(members(a));
        expect(sizeOf(covered)).toBe(sizeOf(a));
        for (const c of cidrs) expect(c.value % (1n << BigInt(32 - c.prefix))).toBe(0n);
        // Minimal: two neighbouring blocks of one size that form an aligned block would be one.
        for (let i = 1; i < cidrs.length; i++) {
          const [x, y] = [cidrs[i - 1], cidrs[i]];
          const size = 1n << BigInt(32 - x.prefix);
          const mergeable = x.prefix === y.prefix && x.value + size === y.value && x.value % (size * 2n) === 0n;
          expect(mergeable).toBe(false);
        }
      }),
    );
  });

  it('writes the seed blocks as CIDR text', () => {
    const one = fromIntervals(4, [{ lo: 0xac103315n, hi: 0xac103315n }]);
    expect(cidrTexts(one)).toEqual(['172.16.51.21/32']);
    expect(cidrTexts(complement(one))).toHaveLength(32);
    expect(cidrTexts(universe(6))).toEqual(['::/0']);
  });

  it('expandMasked keeps the blocks of the aligned addresses', () => {
    fc.assert(
      fc.property(arbSet, fc.integer({ min: 24, max: 32 }), (a, prefix) => {
        const host = 32 - prefix;
        const got = members(expandMasked(a, prefix));
        const ma = members(a);
        for (let i = 0; i < 256; i++) expect(got.has(i)).toBe(ma.has((i >> host) << host));
      }),
    );
  });

  it('pickAddress returns a member, the first one for seed 0', () => {
    fc.assert(
      fc.property(arbSet, fc.integer({ min: 0, max: 1000 }), (a, seed) => {
        if (a.ranges.length === 0) return;
        const v = pickAddress(a, seed);
        expect(hasValue(a, v)).toBe(true);
        if (seed === 0) expect(v).toBe(a.ranges[0].lo);
      }),
    );
  });
});

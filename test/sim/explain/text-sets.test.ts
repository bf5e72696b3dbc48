/**
 * The address sets of string tests, checked against the simulator's own `globMatch` on the
 * text of each address: every address of sampled /24s and random addresses, for random glob
 * patterns over the characters an address text has.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAddress, parseAddress, toNetwork } from '../../../src/bigip/address.js';
import { globMatch } from '../../../src/sim/tcl/glob.js';
import { hasValue, universe } from '../../../src/sim/explain/intervals.js';
import { equalitySet, globMatchSet, globSet, type Taint } from '../../../src/sim/explain/text-sets.js';

const V4: Taint = { family: 4, prefix: 32, suffix: '' };
const text4 = (v: bigint, prefix = 32): string => formatAddress(toNetwork({ family: 4, value: v }, prefix).address);

const arbPattern = fc
  .array(fc.constantFrom('1', '0', '2', '5', '.', '*', '?', '[0-2]', '[5-9]', '10', '168', '\\.', '[', '3'), { minLength: 1, maxLength: 7 })
  .map((parts) => parts.join(''));
const arbAddr = fc.bigInt({ min: 0n, max: 0xffffffffn });

describe('glob sets of IPv4 address texts', () => {
  it('agree with globMatch on random addresses and on whole /24s', () => {
    fc.assert(
      fc.property(arbPattern, fc.array(arbAddr, { minLength: 1, maxLength: 30 }), fc.boolean(), (pattern, addrs, nocase) => {
        const set = globMatchSet(V4, pattern, nocase);
        if (!set) return; // too fragmented: the caller samples instead
        for (const a of addrs) expect(hasValue(set, a)).toBe(globMatch(pattern, text4(a), nocase));
        const base = addrs[0] & 0xffffff00n;
        for (let i = 0n; i < 256n; i++) expect(hasValue(set, base + i)).toBe(globMatch(pattern, text4(base + i), nocase));
      }),
      { numRuns: 60 },
    );
  });

  it('handles the common iRule patterns exactly', () => {
    const tenDot = globMatchSet(V4, '10.*', false)!;
    expect(tenDot.ranges).toEqual([{ lo: 0x0a000000n, hi: 0x0affffffn }]);
    const subnet = globMatchSet(V4, '192.168.[1-3].*', false)!;
    expect(subnet.ranges).toEqual([{ lo: 0xc0a80100n, hi: 0xc0a803ffn }]);
    // "1*" also takes 100-199: the set is what the text test does, not what was meant.
    expect(hasValue(globMatchSet(V4, '1*', false)!, 0x7b000001n)).toBe(true); // 123.0.0.1
  });

  it('answers for masked values through their network text', () => {
    const masked: Taint = { family: 4, prefix: 16, suffix: '' };
    fc.assert(
      fc.property(arbPattern, fc.array(arbAddr, { minLength: 1, maxLength: 20 }), (pattern, addrs) => {
        const set = globMatchSet(masked, pattern, false);
        if (!set) return;
        for (const a of addrs) expect(hasValue(set, a)).toBe(globMatch(pattern, text4(a, 16)));
      }),
      { numRuns: 40 },
    );
  });

  it('gives up (undefined) when the set is too fragmented to list', () => {
    expect(globMatchSet(V4, '*.*.*.1', false)).toBeUndefined();
  });
});

describe('IPv6 texts', () => {
  const V6: Taint = { family: 6, prefix: 128, suffix: '' };
  it('a pattern needing a character no IPv6 text has matches nothing; * matches everything', () => {
    expect(globSet(V6, '10.*', false, false)).toEqual(universe(6));
    expect(globMatchSet(V6, '10.*', false)!.ranges).toEqual([]);
    expect(globMatchSet(V6, '*', false)).toEqual(universe(6));
    expect(globMatchSet(V6, '2001:db8::*', false)).toBeUndefined();
  });

  it('whole non-zero leading groups then a star is the block of those groups', () => {
    const set = globMatchSet(V6, '2001:db8:*', false)!;
    expect(set.ranges).toEqual([{ lo: 0x20010db8n << 96n, hi: (0x20010db8n << 96n) + (1n << 96n) - 1n }]);
    for (const text of ['2001:db8::1', '2001:db8:0:0:1::', '2001:db8:ffff::', '2001:db9::', '2001::db8:1', '::2001:db8:0:1']) {
      const a = parseAddress(text)!;
      expect(hasValue(set, a.value), text).toBe(globMatch('2001:db8:*', formatAddress(a)));
    }
  });
});

describe('equality sets', () => {
  it('hold exactly the addresses answering as the run did', () => {
    fc.assert(
      fc.property(arbAddr, arbAddr, fc.integer({ min: 8, max: 32 }), (a, other, prefix) => {
        const t: Taint = { family: 4, prefix, suffix: '' };
        const aText = text4(a, prefix);
        for (const constant of [aText, text4(other, prefix), text4(other), 'nonsense']) {
          const set = equalitySet(t, a, aText, constant);
          expect(hasValue(set, a)).toBe(true);
          // Sound: every member gives the same answer.
          for (const x of [other, a ^ 1n, a ^ 0x100n, (a + 0x10000n) & 0xffffffffn]) {
            if (hasValue(set, x)) expect(text4(x, prefix) === constant).toBe(aText === constant);
          }
        }
      }),
    );
  });
});

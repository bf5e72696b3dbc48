import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PrefixTable,
  addressEquals,
  formatAddress,
  formatNetwork,
  longestPrefixMatch,
  maskToPrefix,
  networkContains,
  networkContainsNetwork,
  networkFromMask,
  parseAddress,
  parseAddressOrAny,
  parseNetwork,
  parseNetworkDetailed,
  prefixToMask,
  splitHostPort,
} from '../../src/bigip/address.js';
import { parsePort } from '../../src/bigip/services.js';

/** Parses or fails the test. */
function addr(text: string) {
  const a = parseAddress(text);
  if (!a) throw new Error(`not an address: ${text}`);
  return a;
}

/** Parses a network or fails the test. */
function net(text: string) {
  const n = parseNetwork(text);
  if (!n) throw new Error(`not a network: ${text}`);
  return n;
}

describe('parseAddress', () => {
  it.each([
    ['172.16.51.21', 4, '172.16.51.21'],
    ['0.0.0.0', 4, '0.0.0.0'],
    ['255.255.255.255', 4, '255.255.255.255'],
    ['10.0.0.1%2', 4, '10.0.0.1%2'],
    ['2001:DB8::1', 6, '2001:db8::1'],
    ['2001:db8:0:0:1:0:0:1', 6, '2001:db8::1:0:0:1'],
    ['::', 6, '::'],
    ['::1', 6, '::1'],
    ['fe80::1%3', 6, 'fe80::1%3'],
    ['::ffff:10.1.2.3', 6, '::ffff:a01:203'],
    ['2001:db8:1:2:3:4:5:6', 6, '2001:db8:1:2:3:4:5:6'],
    ['2001:0:0:1::', 6, '2001:0:0:1::'],
  ])('parses %s', (text, family, canonical) => {
    const a = addr(text);
    expect(a.family).toBe(family);
    expect(formatAddress(a)).toBe(canonical);
  });

  it.each(['', '1.2.3', '1.2.3.4.5', '256.1.1.1', '1.2.3.4%', '1.2.3.4%x', '2001:db8::1::2', ':::', '1:2:3:4:5:6:7:8:9', 'g::1', 'host', '12345::'])(
    'rejects %j',
    (text) => {
      expect(parseAddress(text)).toBeUndefined();
    },
  );

  it('keeps the route domain apart from the value', () => {
    expect(addr('10.0.0.1%2')).toEqual({ family: 4, value: 0x0a000001n, routeDomain: 2 });
    expect(formatAddress(addr('10.0.0.1%2'), false)).toBe('10.0.0.1');
  });

  it('reads IPv4 as four groups of one to three decimal digits up to 255 joined by dots, nothing else', () => {
    // The definition the character-code reader must keep (it replaced this expression).
    const reference = (text: string): bigint | undefined => {
      const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text.trim());
      if (!m || m.slice(1).some((o) => Number(o) > 255)) return undefined;
      return BigInt(m.slice(1).reduce((v, o) => v * 256 + Number(o), 0));
    };
    const octet = fc.oneof(fc.integer({ min: 0, max: 300 }).map(String), fc.constantFrom('00', '007', '0255', '1000', '', 'x', ' 1', '1 ', '+1', '-1', '１'));
    const text = fc.oneof(
      fc.tuple(octet, octet, octet, octet).map((o) => o.join('.')),
      fc.tuple(octet, octet, octet, octet, fc.constantFrom('.', '..', '.1', '\n', ' ', ':80', '/24')).map(([a, b, c, d, tail]) => `${a}.${b}.${c}.${d}${tail}`),
      fc.string({ maxLength: 16 }),
    );
    fc.assert(
      fc.property(text, (t) => {
        // Route domains and IPv6 take other paths.
        if (t.includes('%') || t.includes(':')) return;
        const want = reference(t);
        expect(parseAddress(t)?.value).toBe(want);
        if (want !== undefined) expect(parseAddress(t)?.family).toBe(4);
      }),
      { numRuns: 5000, seed: 20261208 },
    );
    expect(parseAddress('010.001.000.255')).toEqual({ family: 4, value: 0x0a0100ffn });
    expect(parseAddress(' 10.1.2.3\n')).toEqual({ family: 4, value: 0x0a010203n });
  });

  it('reads any and any6 wildcards', () => {
    expect(formatAddress(parseAddressOrAny('any') as never)).toBe('0.0.0.0');
    expect(formatAddress(parseAddressOrAny('any6%4') as never)).toBe('::%4');
  });
});

describe('networks and masks', () => {
  it('parses CIDR, host and dotted-mask forms', () => {
    expect(formatNetwork(net('10.0.0.0/8'))).toBe('10.0.0.0/8');
    expect(formatNetwork(net('172.16.51.21'))).toBe('172.16.51.21/32');
    expect(formatNetwork(net('192.168.4.0/255.255.255.0'))).toBe('192.168.4.0/24');
    expect(formatNetwork(net('2001:db8::/32'))).toBe('2001:db8::/32');
    expect(formatNetwork(net('2001:db8::1'))).toBe('2001:db8::1/128');
    expect(formatNetwork(net('10.1.0.0%3/16'))).toBe('10.1.0.0%3/16');
  });

  it('clears host bits and says so', () => {
    const d = parseNetworkDetailed('10.1.2.3/8');
    expect(d && formatNetwork(d.network)).toBe('10.0.0.0/8');
    expect(d?.hostBitsSet).toBe(true);
    expect(parseNetworkDetailed('10.0.0.0/8')?.hostBitsSet).toBe(false);
  });

  it('rejects bad prefixes and masks', () => {
    expect(parseNetwork('10.0.0.0/33')).toBeUndefined();
    expect(parseNetwork('10.0.0.0/255.0.255.0')).toBeUndefined();
    expect(parseNetwork('2001:db8::/129')).toBeUndefined();
    expect(parseNetwork('10.0.0.0/')).toBeUndefined();
  });

  it('converts masks and prefixes both ways', () => {
    expect(maskToPrefix('255.255.255.0')).toBe(24);
    expect(maskToPrefix('255.255.255.255')).toBe(32);
    expect(maskToPrefix('0.0.0.0')).toBe(0);
    expect(maskToPrefix('255.0.255.0')).toBeUndefined();
    expect(maskToPrefix('ffff:ffff:ffff:ffff::')).toBe(64);
    expect(prefixToMask(20, 4)).toBe('255.255.240.0');
    expect(prefixToMask(48, 6)).toBe('ffff:ffff:ffff::');
    expect(formatNetwork(networkFromMask('10.0.0.0', '255.0.0.0') as never)).toBe('10.0.0.0/8');
    expect(networkFromMask('10.0.0.0', '2001::')).toBeUndefined();
  });
});

describe('containment', () => {
  it('checks IPv4 and IPv6 containment', () => {
    expect(networkContains(net('10.0.0.0/8'), addr('10.200.3.4'))).toBe(true);
    expect(networkContains(net('10.0.0.0/8'), addr('11.0.0.1'))).toBe(false);
    expect(networkContains(net('0.0.0.0/0'), addr('8.8.8.8'))).toBe(true);
    expect(networkContains(net('2001:db8::/32'), addr('2001:db8:ffff::1'))).toBe(true);
    expect(networkContains(net('2001:db8::/32'), addr('2001:db9::1'))).toBe(false);
  });

  it('never mixes families', () => {
    expect(networkContains(net('0.0.0.0/0'), addr('::1'))).toBe(false);
    expect(networkContains(net('::/0'), addr('10.0.0.1'))).toBe(false);
  });

  it('keeps route domains apart unless told to ignore them', () => {
    expect(networkContains(net('10.0.0.0/8'), addr('10.0.0.1%2'))).toBe(false);
    expect(networkContains(net('10.0.0.0%2/8'), addr('10.0.0.1%2'))).toBe(true);
    expect(networkContains(net('10.0.0.0/8'), addr('10.0.0.1%0'))).toBe(true);
    expect(networkContains(net('10.0.0.0/8'), addr('10.0.0.1%2'), { ignoreRouteDomain: true })).toBe(true);
    expect(networkContains(net('10.0.0.0/8'), addr('10.0.0.1%2'), { defaultRouteDomain: 2 })).toBe(true);
    expect(addressEquals(addr('10.0.0.1'), addr('10.0.0.1%0'))).toBe(true);
    expect(addressEquals(addr('10.0.0.1'), addr('10.0.0.1%1'))).toBe(false);
  });

  it('compares networks', () => {
    expect(networkContainsNetwork(net('10.0.0.0/8'), net('10.1.0.0/16'))).toBe(true);
    expect(networkContainsNetwork(net('10.1.0.0/16'), net('10.0.0.0/8'))).toBe(false);
  });
});

describe('longest-prefix match', () => {
  const records = [
    { key: '10.0.0.0/8', data: 'rfc1918-a' },
    { key: '10.1.0.0/16', data: 'site-1' },
    { key: '10.1.2.3/32', data: 'host' },
    { key: '0.0.0.0/0', data: 'default' },
    { key: '2001:db8::/32', data: 'doc6' },
    { key: '2001:db8:1::/48', data: 'doc6-site' },
    { key: '192.168.0.0%5/16', data: 'rd5' },
  ];
  const networkOf = (r: { key: string }) => parseNetwork(r.key);

  it.each([
    ['10.1.2.3', 'host'],
    ['10.1.2.4', 'site-1'],
    ['10.2.0.1', 'rfc1918-a'],
    ['8.8.8.8', 'default'],
    ['2001:db8:1::5', 'doc6-site'],
    ['2001:db8:2::5', 'doc6'],
    ['192.168.1.1%5', 'rd5'],
    ['192.168.1.1', 'default'],
  ])('%s → %s (scan and table agree)', (a, data) => {
    expect(longestPrefixMatch(records, a, networkOf)?.data).toBe(data);
    expect(new PrefixTable(records, networkOf).lookup(a)?.data).toBe(data);
  });

  it('finds nothing for an unmatched family or a bad address', () => {
    const v4only = records.filter((r) => !r.key.includes(':') && r.key !== '0.0.0.0/0');
    expect(longestPrefixMatch(v4only, '::1', networkOf)).toBeUndefined();
    expect(new PrefixTable(v4only, networkOf).lookup('::1')).toBeUndefined();
    expect(longestPrefixMatch(records, 'nope', networkOf)).toBeUndefined();
    expect(new PrefixTable(records, networkOf).lookup('10.0.0.1%9')).toBeUndefined();
  });

  it('matches across route domains when asked', () => {
    expect(new PrefixTable(records, networkOf, { ignoreRouteDomain: true }).lookup('10.1.2.3%9')?.data).toBe('host');
  });
});

describe('host:port splitting and ports', () => {
  it.each([
    ['172.16.51.174:25', '172.16.51.174', '25'],
    ['10.0.0.1%2:443', '10.0.0.1%2', '443'],
    ['web1:http', 'web1', 'http'],
    ['dead:beef::1.80', 'dead:beef::1', '80'],
    ['2001:db8::10%3.443', '2001:db8::10%3', '443'],
    ['::ffff:1.2.3.4.8080', '::ffff:1.2.3.4', '8080'],
    ['any6.any', 'any6', 'any'],
  ])('splits %s', (text, host, port) => {
    expect(splitHostPort(text)).toEqual({ host, port });
  });

  it('needs a port separator', () => {
    expect(splitHostPort('10.0.0.1')).toBeUndefined();
    expect(splitHostPort('dead:beef::1')).toBeUndefined();
  });

  it('maps service names to ports', () => {
    expect(parsePort('smtp')).toBe(25);
    expect(parsePort('http')).toBe(80);
    expect(parsePort('https')).toBe(443);
    expect(parsePort('any')).toBe(0);
    expect(parsePort('8080')).toBe(8080);
    expect(parsePort('65536')).toBeUndefined();
    expect(parsePort('nosuchservice')).toBeUndefined();
    expect(parsePort('constructor')).toBeUndefined();
  });
});

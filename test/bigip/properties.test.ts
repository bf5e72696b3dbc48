import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAddress, networkContains, parseAddress, parseNetwork, formatNetwork, toNetwork } from '../../src/bigip/address.js';
import { parseDataGroupFile } from '../../src/bigip/datagroup.js';
import { parseBigipConf } from '../../src/bigip/parse-config.js';

/** Pieces that steer random text towards tmsh-like input. */
const PIECES = [
  '{', '}', '{ }', '"', '\\', '\\"', '\n', ' ', '    ', '#', '\r\n', 'ltm', 'net', 'sys', 'rule', 'pool', 'virtual',
  'data-group internal', 'self', 'class', '/Common/x', '/P/y', '10.0.0.1:80', 'dead::1.80', '10.0.0.0/8', '1.2.3.4%2/24',
  'records', 'type', 'ip', 'string', 'integer', 'data', 'host', 'network', 'mask', ':=', ',', 'members', 'destination',
  'address', 'vlan', 'when HTTP_REQUEST', 'source-address-translation', 'automap', 'external-file-name', 'snatpool',
];
const tmshish = fc.array(fc.constantFrom(...PIECES), { maxLength: 80 }).map((a) => a.join(''));
const anyText = fc.oneof(tmshish, fc.string({ maxLength: 200 }));

describe('parser properties', () => {
  it('never throws and keeps diagnostics inside the text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const { diagnostics, config } = parseBigipConf(text, { externalFiles: () => text });
        for (const d of diagnostics) {
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.column).toBeGreaterThanOrEqual(1);
          if (d.source === undefined) {
            expect(d.range.start).toBeGreaterThanOrEqual(0);
            expect(d.range.end).toBeLessThanOrEqual(text.length);
          }
        }
        for (const rule of Object.values(config.rules)) expect(text.slice(rule.textRange.start, rule.textRange.end)).toBe(rule.text);
        expect(() => JSON.stringify(config)).not.toThrow();
      }),
      { numRuns: 400 },
    );
  });

  it('never throws on data-group file content', () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom('ip', 'string', 'integer', undefined), (text, type) => {
        const r = parseDataGroupFile(text, type as 'ip' | undefined);
        expect(Array.isArray(r.records)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('address properties', () => {
  const v4 = fc.bigInt({ min: 0n, max: (1n << 32n) - 1n }).map((value) => ({ family: 4 as const, value }));
  const v6 = fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }).map((value) => ({ family: 6 as const, value }));
  const address = fc.tuple(fc.oneof(v4, v6), fc.option(fc.integer({ min: 0, max: 65534 }), { nil: undefined })).map(([a, rd]) =>
    rd === undefined ? a : { ...a, routeDomain: rd },
  );

  it('formats and parses back to the same address', () => {
    fc.assert(
      fc.property(address, (a) => {
        expect(parseAddress(formatAddress(a))).toEqual(a);
      }),
    );
  });

  it('a network always contains the addresses it was made from', () => {
    fc.assert(
      fc.property(address, fc.integer({ min: 0, max: 128 }), (a, p) => {
        const prefix = Math.min(p, a.family === 4 ? 32 : 128);
        const net = toNetwork(a, prefix);
        expect(networkContains(net, a)).toBe(true);
        expect(parseNetwork(formatNetwork(net))).toEqual(net);
      }),
    );
  });
});

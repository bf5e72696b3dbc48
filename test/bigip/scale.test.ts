import { describe, expect, it } from 'vitest';
import { parseBigipConf } from '../../src/bigip/parse-config.js';
import { matchIpRecord } from '../../src/bigip/query.js';

describe('large configurations', () => {
  it('reads 2,000 pools and virtuals and a 50,000-record data group in reasonable time', () => {
    const parts: string[] = [];
    const records: string[] = [];
    for (let i = 0; i < 50_000; i++) records.push(`        10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}/32 { }`);
    parts.push(`ltm data-group internal /Common/big {\n    records {\n${records.join('\n')}\n    }\n    type ip\n}`);
    for (let i = 0; i < 2000; i++) {
      parts.push(`ltm pool /Common/p${i} {\n    members {\n        /Common/192.168.${i >> 8}.${i & 255}:80 {\n            address 192.168.${i >> 8}.${i & 255}\n        }\n    }\n}`);
      parts.push(`ltm virtual /Common/v${i} {\n    destination /Common/172.20.${i >> 8}.${i & 255}:443\n    pool /Common/p${i}\n    rules {\n        /Common/r\n    }\n}`);
    }
    parts.push('ltm rule /Common/r {\nwhen HTTP_REQUEST {\n    pool p1\n}\n}');
    const text = `${parts.join('\n')}\n`;
    const t0 = performance.now();
    const { config, diagnostics } = parseBigipConf(text);
    const elapsed = performance.now() - t0;
    expect(diagnostics).toEqual([]);
    expect(Object.keys(config.virtuals)).toHaveLength(2000);
    expect(config.dataGroups['/Common/big'].records).toHaveLength(50_000);
    expect(matchIpRecord(config.dataGroups['/Common/big'], '10.0.2.3')?.key).toBe('10.0.2.3/32');
    // A guard against accidental quadratic work, generous enough for a loaded CI machine.
    expect(elapsed).toBeLessThan(20_000);
  });
});

describe('huge data groups and many errors', () => {
  /** An IP data group of `n` host records. */
  function ipGroup(n: number): string {
    const records: string[] = [];
    for (let i = 0; i < n; i++) records.push(`        10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}/32 { }`);
    return `ltm data-group internal /Common/blocklist {\n    records {\n${records.join('\n')}\n    }\n    type ip\n}\n`;
  }

  it('loads a 130,000-record data group (3.5 MB) instead of dropping it', () => {
    const { config, diagnostics } = parseBigipConf(ipGroup(130_000));
    expect(diagnostics).toEqual([]);
    expect(config.dataGroups['/Common/blocklist'].records).toHaveLength(130_000);
    expect(matchIpRecord(config.dataGroups['/Common/blocklist'], '10.1.250.99')?.key).toBe('10.1.250.99/32');
  });

  it('reads a bigip.conf with 150,000 errors without overflowing the stack', () => {
    const records: string[] = [];
    for (let i = 0; i < 150_000; i++) records.push(`        not-an-ip-${i} { }`);
    const text = `ltm data-group internal /Common/bad {\n    records {\n${records.join('\n')}\n    }\n    type ip\n}\n`;
    const { config, diagnostics } = parseBigipConf(text);
    expect(diagnostics.length).toBe(150_000);
    expect(diagnostics.every((d) => d.ruleId === 'config-invalid' && !d.message.includes('internal error'))).toBe(true);
    expect(config.dataGroups['/Common/bad'].records).toHaveLength(0);
  });
});

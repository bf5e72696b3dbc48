import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBigipConf } from '../../src/bigip/parse-config.js';
import { matchIpRecord, matchVirtual, selectAutomapSelfIp } from '../../src/bigip/query.js';
import { resolveName } from '../../src/bigip/resolve.js';

const text = readFileSync(new URL('../../fixtures/seed/bigip.conf', import.meta.url), 'utf8');
const { config, diagnostics } = parseBigipConf(text);

describe('fixtures/seed/bigip.conf (the SMTP relay story)', () => {
  it('parses cleanly', () => {
    expect(diagnostics).toEqual([]);
    expect(config.version).toBe('11.1.0');
  });

  it('has one of each object the README lists', () => {
    const counts = Object.fromEntries(
      (['dataGroups', 'monitors', 'nodes', 'pools', 'snatpools', 'virtuals', 'virtualAddresses', 'vlans', 'selfIps', 'rules'] as const).map((k) => [
        k,
        Object.keys(config[k]).length,
      ]),
    );
    expect(counts).toEqual({
      dataGroups: 1,
      monitors: 1,
      nodes: 2,
      pools: 1,
      snatpools: 1,
      virtuals: 1,
      virtualAddresses: 1,
      vlans: 1,
      selfIps: 1,
      rules: 1,
    });
  });

  it('holds the data group smtp_relay_allowed with 172.16.51.21', () => {
    const dg = resolveName(config, 'dataGroup', 'smtp_relay_allowed');
    expect(dg).toMatchObject({ name: '/Common/smtp_relay_allowed', type: 'ip', records: [{ key: '172.16.51.21/32', data: '' }] });
    expect(dg && matchIpRecord(dg, '172.16.51.21')).toBeDefined();
    expect(dg && matchIpRecord(dg, '172.16.51.23')).toBeUndefined();
  });

  it('holds smtp_pool with two members on port 25 and the SMTP monitor', () => {
    expect(config.monitors['/Common/SMTP_Monitor']).toMatchObject({ type: 'smtp', interval: 120 });
    const pool = config.pools['/Common/smtp_pool'];
    expect(pool).toMatchObject({ loadBalancingMode: 'round-robin', monitor: ['/Common/SMTP_Monitor'] });
    expect(pool.members.map((m) => `${m.address}:${m.port}`)).toEqual(['172.16.51.31:25', '172.16.51.32:25']);
  });

  it('holds the SNAT pool o365-smtp-relay_snat', () => {
    expect(config.snatpools['/Common/o365-smtp-relay_snat']).toMatchObject({ members: ['/Common/172.16.51.176'], addresses: ['172.16.51.176'] });
  });

  it('holds SMTP_VS on 172.16.51.174:25 with automap and smtp_irule', () => {
    const vs = config.virtuals['/Common/SMTP_VS'];
    expect(vs).toMatchObject({
      destination: { address: '172.16.51.174', port: 25 },
      ipProtocol: 'tcp',
      pool: '/Common/smtp_pool',
      rules: ['/Common/smtp_irule'],
      sourceAddressTranslation: { type: 'automap' },
      persist: [{ name: '/Common/source_addr', default: true }],
      profiles: [{ name: '/Common/tcp', context: 'all' }],
    });
    expect(matchVirtual(config, { destination: '172.16.51.174', port: 25, protocol: 'tcp' })?.name).toBe('/Common/SMTP_VS');
  });

  it('holds the self IP 172.16.51.175/24, which automap picks', () => {
    expect(config.selfIps['/Common/self_internal']).toMatchObject({
      address: '172.16.51.175',
      network: '172.16.51.0/24',
      floating: false,
      vlan: '/Common/internal',
    });
    expect(selectAutomapSelfIp(config, { serverAddress: '172.16.51.31' })?.address).toBe('172.16.51.175');
  });

  it('holds the rule text of smtp_irule, mapped to its place in the file', () => {
    const rule = config.rules['/Common/smtp_irule'];
    expect(rule.text.trimStart().startsWith('when CLIENT_ACCEPTED {')).toBe(true);
    expect(rule.text).toContain('class match [IP::client_addr] equals smtp_relay_allowed');
    expect(text.slice(rule.textRange.start, rule.textRange.end)).toBe(rule.text);
    expect(rule.textLine).toBe(text.split('\n').indexOf('ltm rule /Common/smtp_irule {') + 1);
  });
});

import { describe, expect, it } from 'vitest';
import type { BigipConfig, SelfIp } from '../../src/bigip/model.js';
import { parseBigipConf } from '../../src/bigip/parse-config.js';
import {
  automapCandidates,
  egressVlanFor,
  findRecord,
  mapRuleOffset,
  mapRulePosition,
  matchIpRecord,
  matchVirtual,
  profileType,
  selectAutomapSelfIp,
  selectSnatpoolAddress,
  virtualTakes,
} from '../../src/bigip/query.js';
import { LineIndex } from '../../src/syntax/line-index.js';
import { BASE_CONF, EXT_IPS_FILE, EXT_STRINGS_FILE, LTM_CONF } from './configs.js';

const { config } = parseBigipConf(
  [
    { name: 'bigip_base.conf', text: BASE_CONF },
    { name: 'bigip.conf', text: LTM_CONF },
  ],
  { externalFiles: { 'ext_ips.txt': EXT_IPS_FILE, 'ext_strings.class': EXT_STRINGS_FILE } },
);

describe('class match on ip data groups', () => {
  const dg = config.dataGroups['/Common/blocked_nets'];

  it.each([
    ['10.1.2.3', '10.1.0.0/16'],
    ['10.2.2.3', '10.0.0.0/8'],
    ['172.16.51.21', '172.16.51.21/32'],
    ['2001:db8:5::1', '2001:db8::/32'],
  ])('%s matches %s (longest prefix)', (addr, key) => {
    expect(matchIpRecord(dg, addr)?.key).toBe(key);
  });

  it('does not match other addresses, other route domains or non-ip groups', () => {
    expect(matchIpRecord(dg, '172.16.51.23')).toBeUndefined();
    expect(matchIpRecord(dg, '10.1.2.3%2')).toBeUndefined();
    expect(matchIpRecord(dg, '10.1.2.3%2', { ignoreRouteDomain: true })?.key).toBe('10.1.0.0/16');
    expect(matchIpRecord(config.dataGroups['/Common/host_map'], '10.1.2.3')).toBeUndefined();
    expect(matchIpRecord(dg, 'not-an-ip')).toBeUndefined();
  });

  it('matches records loaded from an external file', () => {
    const ext = config.dataGroups['/Common/ext_ips'];
    expect(matchIpRecord(ext, '198.51.100.7')?.data).toBe('net');
    expect(matchIpRecord(ext, '198.51.7.7')?.key).toBe('198.51.0.0/16');
  });

  it('finds records by exact key', () => {
    expect(findRecord(dg, '172.16.51.21')?.key).toBe('172.16.51.21/32');
    expect(findRecord(dg, '10.1.0.0/16')?.data).toBe('site one');
    expect(findRecord(dg, 'x')).toBeUndefined();
    expect(findRecord(config.dataGroups['/Common/host_map'], '/old-path')?.data).toBe('/new-path');
    expect(findRecord(config.dataGroups['/Common/port_names'], '025')?.data).toBe('smtp');
  });
});

describe('SNAT automap', () => {
  it('finds the egress VLAN from the server address', () => {
    expect(egressVlanFor(config, '10.1.10.77')).toBe('/Common/internal');
    expect(egressVlanFor(config, '203.0.113.99')).toBe('/Common/external');
    expect(egressVlanFor(config, '10.1.10.77%2')).toBe('/Common/tenant1_vlan');
    expect(egressVlanFor(config, '8.8.8.8')).toBeUndefined();
  });

  it('prefers the floating self IP on the egress VLAN', () => {
    expect(selectAutomapSelfIp(config, { serverAddress: '10.1.10.77' })?.name).toBe('/Common/int_float');
    expect(selectAutomapSelfIp(config, { serverAddress: '203.0.113.80' })?.name).toBe('/Common/ext_float');
  });

  it('orders floating before non-floating, egress VLAN before others', () => {
    expect(automapCandidates(config, { serverAddress: '10.1.10.77' }).map((s) => s.shortName)).toEqual([
      'int_float',
      'int_static',
      'ext_float',
      'ext_static',
    ]);
  });

  it('uses an explicit egress VLAN and the address family', () => {
    expect(selectAutomapSelfIp(config, { egressVlan: 'external', family: 4 })?.name).toBe('/Common/ext_float');
    expect(selectAutomapSelfIp(config, { serverAddress: '2001:db8:10::99' })?.name).toBe('/Common/int_v6');
  });

  it('stays within the route domain of the server', () => {
    expect(selectAutomapSelfIp(config, { serverAddress: '10.1.10.77%2' })?.name).toBe('/Common/tenant1_self');
  });

  it('falls back to a non-floating self IP when it is the only one (the SMTP story)', () => {
    const { config: smtp } = parseBigipConf(
      'net self /Common/self_internal {\n address 172.16.51.175/24\n traffic-group /Common/traffic-group-local-only\n vlan /Common/internal\n}\n',
    );
    expect(selectAutomapSelfIp(smtp, { serverAddress: '172.16.51.31' })?.address).toBe('172.16.51.175');
    expect(selectAutomapSelfIp(smtp, { serverAddress: '2001:db8::1' })).toBeUndefined();
  });
});

describe('SNAT pool address choice', () => {
  const pool = config.snatpools['/Common/out_snat'];

  it('picks the address in the egress subnet', () => {
    expect(selectSnatpoolAddress(config, pool, { serverAddress: '10.1.10.80' })).toBe('10.1.10.50');
    expect(selectSnatpoolAddress(config, pool, { serverAddress: '203.0.113.80' })).toBe('203.0.113.50');
  });

  it('falls back to the first address of the family', () => {
    expect(selectSnatpoolAddress(config, pool, { serverAddress: '8.8.8.8' })).toBe('203.0.113.50');
    expect(selectSnatpoolAddress(config, pool)).toBe('203.0.113.50');
  });
});

describe('matchVirtual', () => {
  it('finds the most specific enabled virtual', () => {
    expect(matchVirtual(config, { destination: '203.0.113.10', port: 443, protocol: 'tcp' })?.name).toBe('/Common/www_vs');
    expect(matchVirtual(config, { destination: '2001:db8:100::10', port: 443 })?.name).toBe('/Common/www6_vs');
    expect(matchVirtual(config, { destination: '10.1.30.100%2', port: 443 })?.name).toBe('/Tenant1/app_vs');
    expect(matchVirtual(config, { destination: '10.1.30.101%2', port: 80 })?.name).toBe('/Tenant1/named_vs');
  });

  it('honours port, protocol, VLAN and the disabled flag', () => {
    expect(matchVirtual(config, { destination: '203.0.113.10', port: 80 })).toBeUndefined();
    expect(matchVirtual(config, { destination: '203.0.113.10', port: 443, protocol: 'udp' })).toBeUndefined();
    expect(matchVirtual(config, { destination: '203.0.113.10', port: 443, vlan: '/Common/internal' })).toBeUndefined();
    expect(matchVirtual(config, { destination: '203.0.113.10', port: 443, vlan: 'external' })?.name).toBe('/Common/www_vs');
    // The only wildcard virtual (forward_vs) is disabled.
    expect(matchVirtual(config, { destination: '198.51.100.1', port: 22 })).toBeUndefined();
    expect(matchVirtual(config, { destination: 'bad', port: 22 })).toBeUndefined();
  });
});

describe('answers cached per configuration', () => {
  // The automap, SNAT pool and virtual server answers are kept per self IP record, SNAT pool and
  // virtual server object. A changed configuration is a new object (scenario tests copy it,
  // the language server parses again): it must never get an answer computed for another.
  const ext = (c: BigipConfig): string[] => automapCandidates(c, { serverAddress: '203.0.113.80' }).map((s) => s.shortName);
  const withoutSelf = (c: BigipConfig, name: string): BigipConfig => ({
    ...c,
    selfIps: Object.fromEntries(Object.entries(c.selfIps).filter(([k]) => k !== name)) as Record<string, SelfIp>,
  });

  it('a copy with other self IPs gets its own automap answer, and the original keeps its own', () => {
    expect(ext(config)).toEqual(['ext_float', 'ext_static', 'int_float', 'int_static']);
    const noFloat = withoutSelf(config, '/Common/ext_float');
    expect(ext(noFloat)).toEqual(['ext_static', 'int_float', 'int_static']);
    expect(selectAutomapSelfIp(noFloat, { egressVlan: 'external', family: 4 })?.name).toBe('/Common/ext_static');
    expect(ext(config)).toEqual(['ext_float', 'ext_static', 'int_float', 'int_static']);
    expect(selectAutomapSelfIp(config, { egressVlan: 'external', family: 4 })?.name).toBe('/Common/ext_float');
  });

  it('a configuration parsed again from changed text gets the changed answers', () => {
    const text = 'net self /Common/a {\n address 10.9.0.2/24\n vlan /Common/v1\n}\nnet self /Common/b {\n address 10.8.0.2/24\n vlan /Common/v2\n}\n';
    const first = parseBigipConf(text).config;
    expect(selectAutomapSelfIp(first, { serverAddress: '10.8.0.9' })?.name).toBe('/Common/b');
    const second = parseBigipConf(text.replace('10.8.0.2/24', '10.7.0.2/24')).config;
    // 10.8.0.9 is on no subnet now: no egress VLAN, so the first self IP in config order.
    expect(selectAutomapSelfIp(second, { serverAddress: '10.8.0.9' })?.name).toBe('/Common/a');
    expect(selectAutomapSelfIp(second, { serverAddress: '10.7.0.9' })?.name).toBe('/Common/b');
  });

  it('the same self IPs with other routes follow the new egress VLAN (the route decides the key)', () => {
    const text = 'net self /Common/a {\n address 10.9.0.2/24\n vlan /Common/v1\n}\nnet self /Common/b {\n address 10.8.0.2/24\n vlan /Common/v2\n}\n';
    const plain = parseBigipConf(text).config;
    expect(selectAutomapSelfIp(plain, { serverAddress: '8.8.8.8' })?.name).toBe('/Common/a');
    const routed = parseBigipConf(`${text}net route /Common/out {\n gw 10.8.0.254\n network default\n}\n`).config;
    const sharing: BigipConfig = { ...plain, routes: routed.routes };
    expect(sharing.selfIps).toBe(plain.selfIps);
    expect(selectAutomapSelfIp(sharing, { serverAddress: '8.8.8.8' })?.name).toBe('/Common/b');
    expect(selectAutomapSelfIp(plain, { serverAddress: '8.8.8.8' })?.name).toBe('/Common/a');
  });

  it('answers for one egress VLAN are kept apart by route domain and family', () => {
    const ask = (q: Parameters<typeof selectAutomapSelfIp>[1]) => selectAutomapSelfIp(config, q)?.name;
    expect(ask({ egressVlan: 'tenant1_vlan', serverAddress: '10.1.10.77%2' })).toBe('/Common/tenant1_self');
    expect(ask({ egressVlan: 'tenant1_vlan', serverAddress: '10.1.10.77' })).toBe('/Common/ext_float');
    expect(ask({ egressVlan: 'tenant1_vlan', serverAddress: '10.1.10.77%2' })).toBe('/Common/tenant1_self');
    expect(ask({ egressVlan: 'internal', family: 6 })).toBe('/Common/int_v6');
    expect(ask({ egressVlan: 'internal', family: 4 })).toBe('/Common/int_float');
    expect(ask({ egressVlan: 'internal' })).toBe('/Common/int_float');
  });

  it('a SNAT pool answer follows the self IPs of the configuration asked', () => {
    const pool = config.snatpools['/Common/out_snat'];
    expect(selectSnatpoolAddress(config, pool, { serverAddress: '10.1.10.80' })).toBe('10.1.10.50');
    // Without the internal self IPs nothing routes to 10.1.10.80: the first IPv4 address.
    const noInternal = withoutSelf(withoutSelf(config, '/Common/int_float'), '/Common/int_static');
    expect(selectSnatpoolAddress(noInternal, pool, { serverAddress: '10.1.10.80' })).toBe('203.0.113.50');
    expect(selectSnatpoolAddress(noInternal, pool, { egressVlan: 'internal' })).toBe('203.0.113.50');
    expect(selectSnatpoolAddress(config, pool, { egressVlan: 'internal' })).toBe('10.1.10.50');
    const other = { ...pool, addresses: ['10.1.10.60', '203.0.113.60'] };
    expect(selectSnatpoolAddress(config, other, { serverAddress: '203.0.113.80' })).toBe('203.0.113.60');
    expect(selectSnatpoolAddress(config, pool, { serverAddress: '203.0.113.80' })).toBe('203.0.113.50');
  });

  it('the candidate list handed out is the caller\'s own', () => {
    const list = automapCandidates(config, { serverAddress: '10.1.10.77' });
    list.length = 0;
    expect(automapCandidates(config, { serverAddress: '10.1.10.77' })).toHaveLength(4);
    expect(selectAutomapSelfIp(config, { serverAddress: '10.1.10.77' })?.name).toBe('/Common/int_float');
  });

  it('a changed virtual server object is matched by its own destination', () => {
    const www = config.virtuals['/Common/www_vs'];
    expect(virtualTakes(www, { destination: '203.0.113.10', port: 443 })).toBe(true);
    const moved = { ...www, destination: { ...www.destination!, address: '203.0.113.11' } };
    expect(virtualTakes(moved, { destination: '203.0.113.10', port: 443 })).toBe(false);
    expect(virtualTakes(moved, { destination: '203.0.113.11', port: 443 })).toBe(true);
    expect(matchVirtual({ ...config, virtuals: { [www.name]: moved } }, { destination: '203.0.113.10', port: 443 })).toBeUndefined();
    expect(matchVirtual(config, { destination: '203.0.113.10', port: 443 })?.name).toBe('/Common/www_vs');
  });

  it('virtualTakes agrees with matchVirtual on a configuration of that virtual server alone', () => {
    const queries = [
      { destination: '203.0.113.10', port: 443, protocol: 'tcp' },
      { destination: '203.0.113.10', port: 80 },
      { destination: '203.0.113.10', port: 443, vlan: 'internal' },
      { destination: '10.1.30.100%2', port: 443 },
      { destination: '198.51.100.1', port: 22 },
      { destination: '2001:db8:100::10', port: 443, source: '2001:db8::1' },
      { destination: 'bad' },
    ];
    for (const vs of Object.values(config.virtuals)) {
      for (const q of queries) expect(virtualTakes(vs, q)).toBe(matchVirtual({ ...config, virtuals: { [vs.name]: vs } }, q) !== undefined);
    }
  });
});

describe('profiles and rule positions', () => {
  it('knows custom and built-in profile types', () => {
    expect(profileType(config, '/Common/my_http_profile')).toBe('http');
    expect(profileType(config, '/Common/clientssl')).toBe('client-ssl');
    expect(profileType(config, 'tcp')).toBe('tcp');
    expect(profileType(config, '/Common/my_cookie')).toBe('cookie');
    expect(profileType(config, '/Common/unknown_thing')).toBeUndefined();
    expect(profileType(config, '/Other/http')).toBeUndefined();
  });

  it('maps offsets and positions inside a rule to the config text', () => {
    const rule = config.rules['/Common/tricky_rule'];
    const inRule = rule.text.indexOf('snat automap');
    const confOffset = mapRuleOffset(rule, inRule);
    expect(LTM_CONF.slice(confOffset, confOffset + 12)).toBe('snat automap');
    const ruleIndex = new LineIndex(rule.text).position(inRule);
    const mapped = mapRulePosition(rule, ruleIndex.line + 1, ruleIndex.column + 1);
    const confPos = new LineIndex(LTM_CONF).position(confOffset);
    expect(mapped).toEqual({ line: confPos.line + 1, column: confPos.column + 1 });
    expect(mapRulePosition(rule, 1, 1)).toEqual({ line: rule.textLine, column: rule.textColumn });
  });
});

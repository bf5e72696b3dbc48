import { describe, expect, it } from 'vitest';
import { parseBigipConf } from '../../src/bigip/parse-config.js';
import { resolveName } from '../../src/bigip/resolve.js';
import { BASE_CONF, EXT_IPS_FILE, EXT_STRINGS_FILE, LTM_CONF, TRICKY_RULE } from './configs.js';

const externalFiles = { '/var/tmp/ext_ips.txt': EXT_IPS_FILE, 'ext_strings.class': EXT_STRINGS_FILE };
const parsed = parseBigipConf(
  [
    { name: 'bigip_base.conf', text: BASE_CONF },
    { name: 'bigip.conf', text: LTM_CONF },
  ],
  { externalFiles },
);
const { config } = parsed;

describe('a realistic v11 configuration (base + ltm)', () => {
  it('parses without diagnostics', () => {
    expect(parsed.diagnostics).toEqual([]);
    expect(config.syntax).toBe('v11');
    expect(config.version).toBe('15.1.8');
  });

  it('keys every map by full path, across partitions', () => {
    expect(Object.keys(config.pools)).toEqual(['/Common/web_pool', '/Tenant1/app_pool']);
    expect(Object.keys(config.virtuals)).toEqual([
      '/Common/www_vs',
      '/Common/www6_vs',
      '/Common/forward_vs',
      '/Tenant1/app_vs',
      '/Tenant1/named_vs',
    ]);
    expect(config.virtuals['/Tenant1/app_vs']).toMatchObject({ partition: 'Tenant1', shortName: 'app_vs' });
    expect(config.partitions.Tenant1).toEqual({ name: 'Tenant1', defaultRouteDomain: 2 });
  });

  it('records where each object came from', () => {
    expect(config.vlans['/Common/external'].location).toMatchObject({ source: 'bigip_base.conf', line: 22 });
    const poolLine = LTM_CONF.split('\n').indexOf('ltm pool /Common/web_pool {') + 1;
    expect(config.pools['/Common/web_pool'].location).toMatchObject({ source: 'bigip.conf', line: poolLine });
  });

  it('reads ip, string and integer data groups', () => {
    const ip = config.dataGroups['/Common/blocked_nets'];
    expect(ip).toMatchObject({ type: 'ip', external: false });
    expect(ip.records.map((r) => [r.key, r.data])).toEqual([
      ['10.0.0.0/8', 'RFC1918'],
      ['10.1.0.0/16', 'site one'],
      ['172.16.51.21/32', ''],
      ['2001:db8::/32', 'doc6'],
    ]);
    expect(config.dataGroups['/Common/host_map'].records.map((r) => [r.key, r.data])).toEqual([
      ['/old-path', '/new-path'],
      ['www example', 'with "quotes"'],
      ['api.example.com', ''],
    ]);
    expect(config.dataGroups['/Common/port_names']).toMatchObject({
      type: 'integer',
      records: [
        { key: '25', data: 'smtp' },
        { key: '443', data: 'https' },
      ],
    });
  });

  it('loads external data groups from the provided files', () => {
    expect(config.dataGroupFiles['/Common/ext_ips_file']).toMatchObject({ type: 'ip', sourcePath: 'file:/var/tmp/ext_ips.txt' });
    const ips = config.dataGroups['/Common/ext_ips'];
    expect(ips).toMatchObject({ type: 'ip', external: true, loaded: true, externalFileName: '/Common/ext_ips_file' });
    expect(ips.records.map((r) => [r.key, r.data])).toEqual([
      ['192.0.2.1/32', ''],
      ['192.0.2.2/32', 'two'],
      ['198.51.100.0/24', 'net'],
      ['198.51.0.0/16', ''],
      ['10.9.0.0/16', 'prefixed'],
    ]);
    expect(config.dataGroups['/Common/ext_strings'].records.map((r) => [r.key, r.data])).toEqual([
      ['alpha', 'first'],
      ['beta', 'with, comma'],
      ['gamma', ''],
    ]);
  });

  it('reads pools with members, monitors and states', () => {
    const pool = config.pools['/Common/web_pool'];
    expect(pool).toMatchObject({ loadBalancingMode: 'least-connections-member', minActiveMembers: 1, monitor: ['/Common/my_http', '/Common/tcp'] });
    expect(pool.members.map(({ name, node, address, port, enabled }) => ({ name, node, address, port, enabled }))).toEqual([
      { name: '/Common/web1:80', node: '/Common/web1', address: '10.1.20.11', port: 80, enabled: true },
      { name: '/Common/10.1.20.12:http', node: '/Common/10.1.20.12', address: '10.1.20.12', port: 80, enabled: false },
      { name: '/Common/web6:8080', node: '/Common/web6', address: '2001:db8:20::11', port: 8080, enabled: true },
      { name: '/Common/2001:db8:20::12.80', node: '/Common/2001:db8:20::12', address: '2001:db8:20::12', port: 80, enabled: true },
    ]);
    expect(pool.members[0].priorityGroup).toBe(10);
    expect(pool.members[1]).toMatchObject({ session: 'user-disabled', state: 'user-down' });
    expect(config.pools['/Tenant1/app_pool'].members[0]).toMatchObject({ address: '10.1.30.5%2', port: 8443 });
    expect(config.nodes['/Common/web1']).toMatchObject({ address: '10.1.20.11', monitor: ['/Common/icmp'] });
    expect(config.nodes['/Tenant1/app1'].address).toBe('10.1.30.5%2');
  });

  it('reads monitors with their type and quoted properties', () => {
    expect(config.monitors['/Common/my_http']).toMatchObject({
      type: 'http',
      defaultsFrom: '/Common/http',
      interval: 5,
      timeout: 16,
      properties: { recv: '200 OK', send: 'GET /health HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n' },
    });
  });

  it('reads SNAT pools, translations and SNATs', () => {
    expect(config.snatpools['/Common/out_snat']).toMatchObject({
      members: ['/Common/203.0.113.50', '/Common/10.1.10.50'],
      addresses: ['203.0.113.50', '10.1.10.50'],
    });
    expect(config.snatTranslations['/Common/203.0.113.50']).toMatchObject({ address: '203.0.113.50', trafficGroup: '/Common/traffic-group-1' });
    expect(config.snats['/Common/outbound']).toMatchObject({
      translation: { type: 'snatpool', pool: '/Common/out_snat' },
      origins: ['10.1.20.0/24'],
      vlans: ['/Common/internal'],
      vlansEnabled: true,
    });
  });

  it('reads a virtual with iRules, automap, persistence, profiles and VLANs', () => {
    expect(config.virtuals['/Common/www_vs']).toMatchObject({
      destination: { raw: '/Common/203.0.113.10:443', addressName: '/Common/203.0.113.10', address: '203.0.113.10', port: 443, family: 4 },
      mask: '255.255.255.255',
      maskPrefix: 32,
      ipProtocol: 'tcp',
      pool: '/Common/web_pool',
      rules: ['/Common/tricky_rule', '/Common/_sys_https_redirect'],
      sourceAddressTranslation: { type: 'automap' },
      persist: [{ name: '/Common/my_cookie', default: true }],
      fallbackPersistence: '/Common/source_addr',
      profiles: [
        { name: '/Common/clientssl', context: 'clientside' },
        { name: '/Common/my_http_profile', context: 'all' },
        { name: '/Common/serverssl', context: 'serverside' },
        { name: '/Common/tcp', context: 'all' },
      ],
      vlans: ['/Common/external'],
      vlansEnabled: true,
      enabled: true,
      virtualType: 'standard',
      source: '0.0.0.0/0',
    });
  });

  it('reads an IPv6 virtual with a SNAT pool', () => {
    expect(config.virtuals['/Common/www6_vs']).toMatchObject({
      destination: { address: '2001:db8:100::10', port: 443, family: 6 },
      maskPrefix: 128,
      source: '::/0',
      sourceAddressTranslation: { type: 'snat', pool: '/Common/out_snat' },
      vlansEnabled: false,
      vlans: [],
    });
  });

  it('reads a disabled forwarding virtual with an any mask', () => {
    expect(config.virtuals['/Common/forward_vs']).toMatchObject({
      destination: { address: '0.0.0.0', port: 0 },
      mask: '0.0.0.0',
      maskPrefix: 0,
      virtualType: 'ip-forward',
      enabled: false,
      sourceAddressTranslation: { type: 'none' },
    });
  });

  it('reads route domains in virtual destinations and resolves named virtual addresses', () => {
    expect(config.virtuals['/Tenant1/app_vs']).toMatchObject({
      destination: { address: '10.1.30.100%2', routeDomain: 2, port: 443 },
      source: '0.0.0.0%2/0',
      rules: ['/Tenant1/app_rule'],
    });
    expect(config.virtuals['/Tenant1/named_vs'].destination).toEqual({
      raw: '/Tenant1/app_vip:80',
      addressName: '/Tenant1/app_vip',
      address: '10.1.30.101%2',
      routeDomain: 2,
      family: 4,
      port: 80,
    });
    expect(config.virtualAddresses['/Tenant1/app_vip']).toMatchObject({ floating: false, address: '10.1.30.101%2' });
    expect(config.virtualAddresses['/Common/203.0.113.10']).toMatchObject({ floating: true, arp: true, icmpEcho: false });
  });

  it('reads self IPs, floating or not, with allow-service', () => {
    const s = config.selfIps;
    expect(s['/Common/ext_float']).toMatchObject({ address: '203.0.113.1', network: '203.0.113.0/24', prefixLength: 24, floating: true, vlan: '/Common/external', allowService: [] });
    expect(s['/Common/ext_static']).toMatchObject({ floating: false, trafficGroup: '/Common/traffic-group-local-only', allowService: [] });
    expect(s['/Common/int_static'].allowService).toEqual(['tcp:22', 'tcp:443', 'default']);
    expect(s['/Common/int_float'].allowService).toEqual(['all']);
    expect(s['/Common/int_v6']).toMatchObject({ address: '2001:db8:10::2', network: '2001:db8:10::/64' });
    expect(s['/Common/tenant1_self']).toMatchObject({ address: '10.1.10.2%2', network: '10.1.10.0%2/24' });
  });

  it('reads VLANs and route domains', () => {
    expect(config.vlans['/Common/internal']).toMatchObject({
      tag: 4094,
      interfaces: [
        { name: '1.2', tagged: true },
        { name: '1.3', tagged: false },
      ],
    });
    expect(config.routeDomains['/Common/rd2']).toMatchObject({ id: 2, parent: '/Common/0', strict: false, vlans: ['/Common/tenant1_vlan'] });
    expect(config.routeDomains['/Common/0']).toMatchObject({ id: 0, strict: true });
  });

  it('reads profiles and persistence profiles', () => {
    expect(config.profiles['/Common/my_http_profile']).toMatchObject({ category: 'profile', type: 'http', defaultsFrom: '/Common/http' });
    expect(config.profiles['/Common/my_cookie']).toMatchObject({ category: 'persistence', type: 'cookie' });
  });

  it('keeps iRule text verbatim and maps it back to the config text', () => {
    const rule = config.rules['/Common/tricky_rule'];
    expect(rule.text).toBe(TRICKY_RULE);
    expect(LTM_CONF.slice(rule.textRange.start, rule.textRange.end)).toBe(TRICKY_RULE);
    const headerLine = LTM_CONF.split('\n').findIndex((l) => l.startsWith('ltm rule /Common/tricky_rule')) + 1;
    expect(rule.textLine).toBe(headerLine);
    expect(rule.textColumn).toBe('ltm rule /Common/tricky_rule {'.length + 1);
  });

  it('splits signature lines off a system iRule', () => {
    const rule = config.rules['/Common/_sys_https_redirect'];
    expect(rule.metadata).toEqual({ 'definition-signature': 'ABCdef123+/=' });
    expect(rule.text).toBe('\n    when HTTP_REQUEST {\n       HTTP::redirect https://[getfield [HTTP::host] ":" 1][HTTP::uri]\n    }\n');
    expect(config.rules['/Common/empty'].text).toBe(' ');
  });

  it('survives JSON serialisation', () => {
    expect(JSON.parse(JSON.stringify(config))).toEqual(config);
  });
});

describe('resolveName', () => {
  it('resolves full paths, bare names and partitions', () => {
    expect(resolveName(config, 'pool', '/Common/web_pool')?.name).toBe('/Common/web_pool');
    expect(resolveName(config, 'pool', 'web_pool')?.name).toBe('/Common/web_pool');
    expect(resolveName(config, 'pool', 'app_pool')).toBeUndefined();
    expect(resolveName(config, 'pool', 'app_pool', 'Tenant1')?.name).toBe('/Tenant1/app_pool');
    expect(resolveName(config, 'pool', 'web_pool', 'Tenant1')?.name).toBe('/Common/web_pool');
    expect(resolveName(config, 'dataGroup', 'blocked_nets')?.type).toBe('ip');
    expect(resolveName(config, 'dataGroup', 'allowed')).toBeUndefined();
    expect(resolveName(config, 'rule', 'Tenant1/app_rule', 'Other')?.name).toBe('/Tenant1/app_rule');
    expect(resolveName(config, 'virtual', 'nope')).toBeUndefined();
    expect(resolveName(config, 'pool', '__proto__')).toBeUndefined();
  });
});

describe('bare references in a non-Common partition', () => {
  it('resolve to the own partition first, then /Common', () => {
    const { config: c, diagnostics } = parseBigipConf(`
ltm pool /Common/shared { }
ltm pool /P1/local { }
ltm rule /Common/r1 { }
ltm virtual /P1/vs {
    destination /P1/10.0.0.1:80
    pool local
    rules { r1 }
}
ltm virtual /P1/vs2 {
    destination /P1/10.0.0.2:80
    pool shared
}
`);
    expect(diagnostics).toEqual([]);
    expect(c.virtuals['/P1/vs']).toMatchObject({ pool: '/P1/local', rules: ['/Common/r1'] });
    expect(c.virtuals['/P1/vs2'].pool).toBe('/Common/shared');
  });
});

describe('options and edge forms', () => {
  it('returns the generic trees with keepTrees', () => {
    const text = 'ltm node /Common/n {\n    address 10.0.0.1\n}\n';
    expect(parseBigipConf(text).sources[0].document.entries).toEqual([]);
    const kept = parseBigipConf(text, { keepTrees: true, source: 'x.conf' });
    expect(kept.sources[0]).toMatchObject({ name: 'x.conf', text });
    expect(kept.sources[0].document.entries).toHaveLength(1);
    expect(kept.config.nodes['/Common/n'].location).toMatchObject({ source: 'x.conf', line: 1 });
  });

  it('reads wildcard IPv4 and IPv6 destinations', () => {
    const { config, diagnostics } = parseBigipConf(`
ltm virtual /Common/any4 {
    destination /Common/0.0.0.0:any
    mask any
}
ltm virtual /Common/any6 {
    destination /Common/any6.any
    mask any6
}
ltm virtual /Common/v6rd {
    destination /Common/2001:db8::10%3.443
}
`);
    expect(diagnostics).toEqual([]);
    expect(config.virtuals['/Common/any4']).toMatchObject({ destination: { address: '0.0.0.0', port: 0 }, maskPrefix: 0 });
    expect(config.virtuals['/Common/any6']).toMatchObject({ destination: { address: '::', port: 0, family: 6 }, mask: '::', maskPrefix: 0 });
    expect(config.virtuals['/Common/v6rd']).toMatchObject({ destination: { address: '2001:db8::10%3', routeDomain: 3, port: 443 }, maskPrefix: 128 });
  });

  it('reads the v11.0-11.4 snat/snatpool forms on a virtual', () => {
    const { config } = parseBigipConf(`
ltm snatpool /Common/sp { members { /Common/10.0.0.9 } }
ltm virtual /Common/a { destination /Common/10.0.0.1:80 snat automap }
ltm virtual /Common/b { destination /Common/10.0.0.2:80 snatpool /Common/sp }
`);
    expect(config.virtuals['/Common/a'].sourceAddressTranslation).toEqual({ type: 'automap' });
    expect(config.virtuals['/Common/b'].sourceAddressTranslation).toEqual({ type: 'snat', pool: '/Common/sp' });
    expect(config.snatpools['/Common/sp'].addresses).toEqual(['10.0.0.9']);
  });

  it('reads one-line bodies as tmsh one-liners write them', () => {
    const { config, diagnostics } = parseBigipConf(`
ltm data-group internal /Common/one { type ip records { 10.0.0.0/8 { data x } 10.1.1.1 { } } description "one line" }
ltm pool /Common/p { monitor /Common/http load-balancing-mode ratio-member members { /Common/10.0.0.5:80 { address 10.0.0.5 session user-disabled } /Common/n1:8080 } }
ltm node /Common/n1 { address 10.0.0.6 }
ltm virtual /Common/v { destination /Common/10.0.0.1:80 ip-protocol tcp pool /Common/p source-address-translation { type snat pool /Common/sp } rules { /Common/r } }
ltm snatpool /Common/sp { members { /Common/10.0.0.9 } }
ltm rule /Common/r { }
`);
    expect(diagnostics).toEqual([]);
    expect(config.dataGroups['/Common/one']).toMatchObject({
      type: 'ip',
      records: [
        { key: '10.0.0.0/8', data: 'x' },
        { key: '10.1.1.1/32', data: '' },
      ],
    });
    expect(config.pools['/Common/p']).toMatchObject({
      loadBalancingMode: 'ratio-member',
      monitor: ['/Common/http'],
      members: [
        { address: '10.0.0.5', port: 80, enabled: false },
        { name: '/Common/n1:8080', node: '/Common/n1', address: '10.0.0.6', port: 8080, enabled: true },
      ],
    });
    expect(config.virtuals['/Common/v']).toMatchObject({
      destination: { address: '10.0.0.1', port: 80 },
      ipProtocol: 'tcp',
      pool: '/Common/p',
      sourceAddressTranslation: { type: 'snat', pool: '/Common/sp' },
      rules: ['/Common/r'],
    });
  });
});

import { describe, expect, it } from 'vitest';
import { parseBigipConf } from '../../src/bigip/parse-config.js';
import { matchIpRecord, selectAutomapSelfIp } from '../../src/bigip/query.js';

/** The SMTP setup as a 10.2.3 bigip.conf (bigpipe syntax). */
const V10_CONF = `self allow {
   default udp snmp tcp ssh
}
vlan internal {
   tag 4094
   interfaces 1.1
}
vlan external {
   tag 4093
   interfaces tagged 1.2 1.3
}
self 172.16.51.175 {
   netmask 255.255.255.0
   vlan internal
   allow default
}
self 172.16.51.180 {
   netmask 255.255.255.0
   vlan internal
   floating enable
   unit 1
}
monitor SMTP_Monitor {
   defaults from smtp
   interval 120
   timeout 361
   dest *:smtp
}
class smtp_relay_allowed {
   host 172.16.51.21
   network 10.0.0.0 mask 255.0.0.0
   network 192.168.0.0/16 { "lab" }
}
class string_class {
   {
      "abc" := "one"
      "def" { "two" }
      "ghi"
   }
}
class int_class {
   {
      1 := "one"
      2
   }
}
class ext_class {
   type ip
   filename "/config/ext_class.class"
   separator ":="
}
node 172.16.51.31 {
   monitor icmp
   screen hub1
}
pool smtp_pool {
   lb method member least conn
   monitor all SMTP_Monitor
   members {
      172.16.51.31:smtp {}
      172.16.51.32:25 {
         session user disabled
      }
   }
}
pool one_line_pool {
   monitor all tcp and http
   members 10.0.0.1:http {}
      10.0.0.2:http {}
}
snatpool o365-smtp-relay_snat {
   members 172.16.51.176
}
rule smtp_irule {
   when CLIENT_ACCEPTED {
      if { [class match [IP::client_addr] equals $::smtp_relay_allowed] } {
         snat 172.16.51.174
      } else {
         snat automap
      }
   }
}
virtual address 172.16.51.174 {
   floating enable
   unit 1
}
virtual SMTP_VS {
   snat automap
   pool smtp_pool
   destination 172.16.51.174:smtp
   ip protocol tcp
   rules smtp_irule
   persist source_addr
   profiles tcp {}
   vlans internal enable
}
virtual SNAT_VS {
   snatpool o365-smtp-relay_snat
   destination 172.16.51.174:submission
   ip protocol tcp
   profiles {
      http {}
      tcp {
         clientside
      }
   }
   rules {
      a_rule
      smtp_irule
   }
   disable
}
virtual V6_VS {
   destination 2001:db8::10.https
   ip protocol tcp
}
profile http my_http {
   defaults from http
}
`;

const { config, diagnostics } = parseBigipConf(V10_CONF, { externalFiles: { '/config/ext_class.class': 'host 1.2.3.4,\n' } });

describe('bigpipe v10 bigip.conf', () => {
  it('parses with only the expected dangling-reference warning', () => {
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      '108:7 virtual /Common/SNAT_VS refers to iRule /Common/a_rule, which is not defined',
    ]);
    expect(config.syntax).toBe('v10');
  });

  it('reads classes as data groups in /Common', () => {
    const dg = config.dataGroups['/Common/smtp_relay_allowed'];
    expect(dg).toMatchObject({ type: 'ip', external: false });
    expect(dg.records.map((r) => [r.key, r.data])).toEqual([
      ['172.16.51.21/32', ''],
      ['10.0.0.0/8', ''],
      ['192.168.0.0/16', 'lab'],
    ]);
    expect(matchIpRecord(dg, '172.16.51.21')?.key).toBe('172.16.51.21/32');
    expect(matchIpRecord(dg, '172.16.51.23')).toBeUndefined();
    expect(config.dataGroups['/Common/string_class']).toMatchObject({
      type: 'string',
      records: [
        { key: 'abc', data: 'one' },
        { key: 'def', data: 'two' },
        { key: 'ghi', data: '' },
      ],
    });
    expect(config.dataGroups['/Common/int_class']).toMatchObject({ type: 'integer', records: [{ key: '1', data: 'one' }, { key: '2' }] });
    expect(config.dataGroups['/Common/ext_class']).toMatchObject({
      type: 'ip',
      external: true,
      loaded: true,
      externalFileName: '/config/ext_class.class',
      records: [{ key: '1.2.3.4/32' }],
    });
  });

  it('reads pools with service-name ports and v10 member forms', () => {
    const pool = config.pools['/Common/smtp_pool'];
    expect(pool).toMatchObject({ loadBalancingMode: 'member-least-conn', monitor: ['/Common/SMTP_Monitor'] });
    expect(pool.members.map((m) => [m.name, m.address, m.port, m.enabled])).toEqual([
      ['/Common/172.16.51.31:smtp', '172.16.51.31', 25, true],
      ['/Common/172.16.51.32:25', '172.16.51.32', 25, false],
    ]);
    const one = config.pools['/Common/one_line_pool'];
    expect(one.members.map((m) => [m.address, m.port])).toEqual([
      ['10.0.0.1', 80],
      ['10.0.0.2', 80],
    ]);
    expect(one.monitor).toEqual(['/Common/tcp', '/Common/http']);
  });

  it('reads monitors, nodes, snatpools and rules', () => {
    expect(config.monitors['/Common/SMTP_Monitor']).toMatchObject({ type: 'smtp', defaultsFrom: '/Common/smtp', interval: 120, destination: '*:smtp' });
    expect(config.nodes['/Common/172.16.51.31']).toMatchObject({ address: '172.16.51.31', monitor: ['/Common/icmp'] });
    expect(config.snatpools['/Common/o365-smtp-relay_snat']).toMatchObject({ addresses: ['172.16.51.176'] });
    expect(config.rules['/Common/smtp_irule'].text).toContain('$::smtp_relay_allowed');
  });

  it('reads virtuals with snat automap, snatpool, service ports and IPv6', () => {
    expect(config.virtuals['/Common/SMTP_VS']).toMatchObject({
      destination: { address: '172.16.51.174', port: 25 },
      ipProtocol: 'tcp',
      pool: '/Common/smtp_pool',
      rules: ['/Common/smtp_irule'],
      persist: [{ name: '/Common/source_addr', default: true }],
      profiles: [{ name: '/Common/tcp', context: 'all' }],
      sourceAddressTranslation: { type: 'automap' },
      vlans: ['/Common/internal'],
      vlansEnabled: true,
      enabled: true,
    });
    expect(config.virtuals['/Common/SNAT_VS']).toMatchObject({
      destination: { port: 587 },
      sourceAddressTranslation: { type: 'snat', pool: '/Common/o365-smtp-relay_snat' },
      profiles: [
        { name: '/Common/http', context: 'all' },
        { name: '/Common/tcp', context: 'clientside' },
      ],
      enabled: false,
    });
    expect(config.virtuals['/Common/V6_VS'].destination).toMatchObject({ address: '2001:db8::10', port: 443, family: 6 });
    expect(config.virtualAddresses['/Common/172.16.51.174']).toMatchObject({ address: '172.16.51.174', floating: true });
  });

  it('reads self IPs with netmask and floating, and VLAN interfaces', () => {
    expect(config.selfIps['/Common/172.16.51.175']).toMatchObject({
      address: '172.16.51.175',
      network: '172.16.51.0/24',
      vlan: '/Common/internal',
      floating: false,
      allowService: ['default'],
    });
    expect(config.selfIps['/Common/172.16.51.180'].floating).toBe(true);
    expect(selectAutomapSelfIp(config, { serverAddress: '172.16.51.31' })?.address).toBe('172.16.51.180');
    expect(config.vlans['/Common/external'].interfaces).toEqual([
      { name: '1.2', tagged: true },
      { name: '1.3', tagged: true },
    ]);
    expect(config.vlans['/Common/internal']).toMatchObject({ tag: 4094, interfaces: [{ name: '1.1', tagged: false }] });
    expect(config.profiles['/Common/my_http']).toMatchObject({ type: 'http', defaultsFrom: '/Common/http' });
  });
});

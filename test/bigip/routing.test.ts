/**
 * The route to a server (src/bigip/routing.ts) on the network designs of
 * test/sim/irule/network-confs.ts: longest prefix over connected self-IP subnets and `net route`,
 * gateway, interface, pool and blackhole routes, route domains and their parents; and automap /
 * SNAT-pool choice by the egress VLAN.
 */
import { describe, expect, it } from 'vitest';
import { parseBigipConf } from '../../src/bigip/index.js';
import { selectAutomapSelfIp, selectSnatpoolAddress } from '../../src/bigip/query.js';
import { describeRoute, routeTo } from '../../src/bigip/routing.js';
import { MULTI_VLAN, OUTBOUND, ROUTE_DOMAINS } from '../sim/irule/network-confs.js';

const conf = (text: string) => {
  const r = parseBigipConf(text);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.config;
};
const outbound = conf(OUTBOUND);
const multi = conf(MULTI_VLAN);
const rds = conf(ROUTE_DOMAINS);

describe('reading net route and sys global-settings', () => {
  it('reads default, gateway, interface and blackhole routes', () => {
    const r = outbound.routes!;
    expect(r['/Common/default_gw']).toMatchObject({ network: '0.0.0.0/0', gateway: '203.0.113.254', blackhole: false });
    expect(r['/Common/partner_nets']).toMatchObject({ network: '198.51.100.0/24', gateway: '192.168.50.254' });
    expect(r['/Common/lab_direct']).toMatchObject({ network: '172.31.0.0/16', vlan: '/Common/inside' });
    expect(r['/Common/sinkhole']).toMatchObject({ network: '192.0.2.0/24', blackhole: true });
    expect(rds.routes!['/Common/t2_default']).toMatchObject({ network: '0.0.0.0%2/0', gateway: '10.0.0.254%2' });
  });

  it('reads default-inet6, gateway pools, and says what is wrong', () => {
    const r = parseBigipConf(
      'ltm pool /Common/gws { members { /Common/203.0.113.253:0 { address 203.0.113.253 } } }\n' +
        'net route /Common/v6 { gw 2001:db8::1 network default-inet6 }\n' +
        'net route /Common/via_pool { network 10.50.0.0/16 pool /Common/gws }\n' +
        'net route /Common/nowhere { network 10.60.0.0/16 }\n' +
        'net route /Common/bad { gw 10.1.1.300 network 10.70.0.0/16 }\n',
    );
    expect(r.config.routes!['/Common/v6']).toMatchObject({ network: '::/0', gateway: '2001:db8::1' });
    expect(r.config.routes!['/Common/via_pool']).toMatchObject({ pool: '/Common/gws' });
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      'route /Common/nowhere has no gw, interface, pool or blackhole: it routes nowhere',
      "invalid IP address '10.1.1.300' in route /Common/bad",
    ]);
  });

  it('reads bigpipe v10 routes and host name', () => {
    const r = parseBigipConf(
      'system {\n   hostname old-lb.example.net\n}\n' +
        'self 10.1.1.5 {\n   netmask 255.255.255.0\n   vlan internal\n}\n' +
        'route default inet {\n   gateway 10.1.1.254\n}\n' +
        'route 10.20.0.0 {\n   netmask 255.255.0.0\n   gateway 10.1.1.253\n}\n' +
        'route 10.30.0.0/16 {\n   vlan internal\n}\n',
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.config.hostname).toBe('old-lb.example.net');
    expect(Object.values(r.config.routes!).map((x) => [x.name, x.network, x.gateway ?? x.vlan])).toEqual([
      ['/Common/default inet', '0.0.0.0/0', '10.1.1.254'],
      ['/Common/10.20.0.0', '10.20.0.0/16', '10.1.1.253'],
      ['/Common/10.30.0.0/16', '10.30.0.0/16', '/Common/internal'],
    ]);
    expect(routeTo(r.config, '8.8.8.8')).toMatchObject({ vlan: '/Common/internal', nextHop: '10.1.1.254' });
  });

  it('reads the host name', () => {
    expect(outbound.hostname).toBe('lb1.example.net');
    expect(multi.hostname).toBeUndefined();
  });
});

describe('routeTo', () => {
  it('takes the default route for an address no other route or subnet holds', () => {
    const d = routeTo(outbound, '8.8.8.8')!;
    expect(d).toMatchObject({ vlan: '/Common/outside', nextHop: '203.0.113.254', source: { kind: 'route', route: '/Common/default_gw' } });
    expect(describeRoute(d)).toBe('route /Common/default_gw (0.0.0.0/0 via 203.0.113.254)');
  });

  it('prefers the longest prefix: a partner network over the default route', () => {
    expect(routeTo(outbound, '198.51.100.7')).toMatchObject({ vlan: '/Common/partners', source: { route: '/Common/partner_nets' } });
  });

  it('a directly connected subnet decides for its own addresses', () => {
    const d = routeTo(outbound, '10.10.0.77')!;
    expect(d).toMatchObject({ vlan: '/Common/inside', source: { kind: 'connected', network: '10.10.0.0/24' } });
    expect(describeRoute(d)).toMatch(/^self IP \/Common\/inside_(self|float) \(connected 10\.10\.0\.0\/24\)$/);
  });

  it('an interface route names its VLAN', () => {
    expect(routeTo(outbound, '172.31.9.9')).toMatchObject({ vlan: '/Common/inside', source: { route: '/Common/lab_direct' } });
  });

  it('a blackhole route decides but gives no VLAN', () => {
    const d = routeTo(outbound, '192.0.2.9')!;
    expect(d.vlan).toBeUndefined();
    expect(d.problem).toBe('route /Common/sinkhole is a blackhole: BIG-IP drops the traffic');
  });

  it('no route: undefined, not a guess', () => {
    const noDefault = conf(OUTBOUND.replace(/net route \/Common\/default_gw \{[^}]*\}/, ''));
    expect(routeTo(noDefault, '8.8.8.8')).toBeUndefined();
    expect(routeTo(noDefault, '198.51.100.7')?.vlan).toBe('/Common/partners');
  });

  it('a gateway on no connected subnet decides no VLAN', () => {
    const c = conf(`${OUTBOUND}net route /Common/stray { gw 10.99.0.1 network 10.99.0.0/16 }\n`);
    expect(routeTo(c, '10.99.1.1')).toMatchObject({ problem: 'gateway 10.99.0.1 of route /Common/stray is on no self IP subnet' });
  });

  it('a gateway pool decides when all its members are on one VLAN, else says so', () => {
    const pools =
      'ltm pool /Common/out_gws { members { /Common/203.0.113.253:0 { address 203.0.113.253 } /Common/203.0.113.252:0 { address 203.0.113.252 } } }\n' +
      'ltm pool /Common/mixed_gws { members { /Common/203.0.113.253:0 { address 203.0.113.253 } /Common/192.168.50.253:0 { address 192.168.50.253 } } }\n' +
      'net route /Common/via_out { network 100.64.0.0/16 pool /Common/out_gws }\n' +
      'net route /Common/via_mixed { network 100.65.0.0/16 pool /Common/mixed_gws }\n';
    const c = conf(OUTBOUND + pools);
    expect(routeTo(c, '100.64.1.1')).toMatchObject({ vlan: '/Common/outside', nextHop: 'a member of /Common/out_gws' });
    const mixed = routeTo(c, '100.65.1.1')!;
    expect(mixed.vlan).toBeUndefined();
    expect(mixed.problem).toMatch(/not all on one VLAN/);
  });

  it('a connected subnet wins over a route of the same prefix', () => {
    const c = conf(`${OUTBOUND}net route /Common/shadow { gw 203.0.113.254 network 10.10.0.0/24 }\n`);
    expect(routeTo(c, '10.10.0.9')?.source.kind).toBe('connected');
  });

  it('stays in the address route domain, then its parent', () => {
    expect(routeTo(rds, '10.0.0.10%1')).toMatchObject({ vlan: '/Common/t1', source: { kind: 'connected', selfIp: '/Common/t1_float' } });
    expect(routeTo(rds, '10.0.0.10%2')).toMatchObject({ vlan: '/Common/t2', source: { kind: 'connected', selfIp: '/Common/t2_float' } });
    // Route domain 1 has no default route: its parent (0) has.
    const viaParent = routeTo(rds, '8.8.8.8%1')!;
    expect(viaParent).toMatchObject({ vlan: '/Common/ext', viaParent: 0, source: { route: '/Common/default' } });
    expect(describeRoute(viaParent)).toBe('route /Common/default (0.0.0.0/0 via 203.0.113.254) in parent route domain 0');
    // Route domain 2 has its own default route and no parent.
    expect(routeTo(rds, '8.8.8.8%2')).toMatchObject({ vlan: '/Common/t2', nextHop: '10.0.0.254%2' });
    // Route domain 3 exists nowhere: nothing reaches it, and route domain 0's routes are not borrowed.
    expect(routeTo(rds, '8.8.8.8%3')).toBeUndefined();
    // Without %N an address is in route domain 0, where 10.0.0.0/24 is not connected.
    expect(routeTo(rds, '10.0.0.10')).toMatchObject({ vlan: '/Common/ext', source: { route: '/Common/default' } });
  });
});

describe('route decisions made once per route', () => {
  it('addresses that reach the same route share its decision; its own and a parent route domain keep theirs apart', () => {
    expect(routeTo(outbound, '8.8.8.8')).toBe(routeTo(outbound, '9.9.9.9'));
    expect(routeTo(outbound, '8.8.8.8')).not.toBe(routeTo(outbound, '198.51.100.7'));
    // Route domain 0's default route, reached from 0 and from 1 (its child): two decisions.
    const own = routeTo(rds, '8.8.8.8')!;
    const child = routeTo(rds, '9.9.9.9%1')!;
    expect(own.viaParent).toBeUndefined();
    expect(child.viaParent).toBe(0);
    expect(routeTo(rds, '8.8.4.4')).toBe(own);
    expect(routeTo(rds, '8.8.4.4%1')).toBe(child);
    expect(routeTo(rds, { family: 4, value: 0x08080808n })).toBe(own);
  });

  it('a configuration copied with other pools decides a gateway pool route anew', () => {
    const pools =
      'ltm pool /Common/gws { members { /Common/203.0.113.253:0 { address 203.0.113.253 } /Common/203.0.113.252:0 { address 203.0.113.252 } } }\n' +
      'net route /Common/via_pool { network 100.64.0.0/16 pool /Common/gws }\n';
    const c = conf(OUTBOUND + pools);
    expect(routeTo(c, '100.64.1.1')?.vlan).toBe('/Common/outside');
    const gws = c.pools['/Common/gws'];
    const moved = { ...c, pools: { ...c.pools, [gws.name]: { ...gws, members: [gws.members[0], { ...gws.members[1], address: '192.168.50.253' }] } } };
    expect(routeTo(moved, '100.64.1.1')?.vlan).toBeUndefined();
    expect(routeTo(moved, '100.64.1.2')?.problem).toMatch(/not all on one VLAN/);
    expect(routeTo(c, '100.64.1.2')?.vlan).toBe('/Common/outside');
  });
});

describe("a partition's default route domain", () => {
  const TENANT = `auth partition Tenant {
    default-route-domain 5
}
net route-domain /Common/rd5 {
    id 5
}
net self /Tenant/t_self {
    address 10.5.0.2/24
    traffic-group /Common/traffic-group-1
    vlan /Common/tenant_vlan
}
net route /Tenant/t_default {
    gw 10.5.0.254
    network default
}
ltm pool /Tenant/t_pool {
    members {
        /Tenant/10.5.0.10:80 {
            address 10.5.0.10
        }
        /Common/10.1.1.10:80 {
            address 10.1.1.10
        }
    }
}
ltm virtual /Tenant/t_vs {
    destination /Tenant/10.5.0.100:80
    pool /Tenant/t_pool
}
ltm data-group internal /Tenant/t_nets {
    records {
        10.5.0.0/16 { }
    }
    type ip
}
`;

  it('puts the addresses its objects write without %N in it (not data-group records)', () => {
    const c = conf(TENANT);
    expect(c.selfIps['/Tenant/t_self']).toMatchObject({ address: '10.5.0.2%5', network: '10.5.0.0%5/24' });
    expect(c.routes!['/Tenant/t_default']).toMatchObject({ network: '0.0.0.0%5/0', gateway: '10.5.0.254%5' });
    expect(c.pools['/Tenant/t_pool'].members.map((m) => m.address)).toEqual(['10.5.0.10%5', '10.1.1.10']);
    expect(c.virtuals['/Tenant/t_vs'].destination).toMatchObject({ address: '10.5.0.100%5', routeDomain: 5 });
    expect(c.dataGroups['/Tenant/t_nets'].records[0].key).toBe('10.5.0.0/16');
    expect(routeTo(c, '8.8.8.8%5')).toMatchObject({ vlan: '/Common/tenant_vlan', source: { route: '/Tenant/t_default' } });
    expect(selectAutomapSelfIp(c, { serverAddress: '10.5.0.10%5' })?.address).toBe('10.5.0.2%5');
  });
});

describe('automap and SNAT pools by egress VLAN', () => {
  it('takes the floating self IP of the VLAN the route leaves by (K7336)', () => {
    expect(selectAutomapSelfIp(outbound, { serverAddress: '8.8.8.8' })?.address).toBe('203.0.113.1');
    expect(selectAutomapSelfIp(outbound, { serverAddress: '172.31.0.5' })?.address).toBe('10.10.0.1');
  });

  it('takes the non-floating self IP when the egress VLAN has no floating one', () => {
    expect(selectAutomapSelfIp(outbound, { serverAddress: '198.51.100.7' })?.address).toBe('192.168.50.2');
  });

  it('follows each pool member to its own VLAN, a routed one through its router', () => {
    const picks = ['10.1.1.10', '10.2.2.10', '10.3.3.10', '10.9.4.10'].map((a) => selectAutomapSelfIp(multi, { serverAddress: a })?.address);
    expect(picks).toEqual(['10.1.1.1', '10.2.2.2', '10.3.3.1', '10.1.1.1']);
  });

  it('chooses the SNAT pool address on the egress VLAN', () => {
    const sp = outbound.snatpools['/Common/egress_snat'];
    expect(selectSnatpoolAddress(outbound, sp, { serverAddress: '8.8.8.8' })).toBe('203.0.113.20');
    expect(selectSnatpoolAddress(outbound, sp, { serverAddress: '198.51.100.7' })).toBe('192.168.50.20');
  });

  it('takes self IPs of the route domain the route was found in', () => {
    expect(selectAutomapSelfIp(rds, { serverAddress: '10.0.0.10%1' })?.address).toBe('10.0.0.2%1');
    expect(selectAutomapSelfIp(rds, { serverAddress: '8.8.8.8%1' })?.address).toBe('203.0.113.2');
    expect(selectAutomapSelfIp(rds, { serverAddress: '8.8.8.8%2' })?.address).toBe('10.0.0.2%2');
  });
});

/**
 * The simulator in real network designs (test/sim/irule/network-confs.ts): the egress VLAN and
 * the route that decided it, automap and SNAT pools per destination, the client's destination
 * (wildcard and forwarding virtual servers, virtual choice, IP::local_addr, TCP::local_port,
 * forward, port-less node), route domains in IP::addr, class match and routing; IP::server_addr
 * timing, info hostname, 10.x log names; and rules BIG-IP refuses to save against a configuration.
 */
import { describe, expect, it } from 'vitest';
import { parseBigipConf } from '../../../src/bigip/index.js';
import type { BigipConfig } from '../../../src/bigip/model.js';
import { lint } from '../../../src/lint/run.js';
import { parseVersion } from '../../../src/lint/version.js';
import { simulate } from '../../../src/sim/irule/engine.js';
import type { ClientSpec, SimulationReport } from '../../../src/sim/irule/types.js';
import { messages as logs, simOne, testConfig } from './harness.js';
import { MULTI_VLAN, OUTBOUND, ROUTE_DOMAINS } from './network-confs.js';

const outbound = parseBigipConf(OUTBOUND).config;
const multi = parseBigipConf(MULTI_VLAN).config;
const rds = parseBigipConf(ROUTE_DOMAINS).config;

/** Parses `client[>dest[:port]]` shorthands. */
function clients(list: string[]): ClientSpec[] {
  return list.map((s) => {
    const [client, dest] = s.split('>');
    if (dest === undefined) return { address: client };
    const m = /^(.*):(\d+)$/.exec(dest);
    return { address: client, destination: m ? { address: m[1], port: Number(m[2]) } : { address: dest } };
  });
}

/** Simulates one rule text on a configuration. */
function run(config: BigipConfig | undefined, rule: string, list: string[], extra: { virtual?: string; version?: string } = {}): SimulationReport {
  const r = simulate({ rules: [{ name: 'net_rule', text: rule }], config, version: extra.version ?? '13.1.1', clients: clients(list), virtual: extra.virtual });
  if ('error' in r) throw new Error(r.error);
  return r;
}

/** The setup error of a simulation that must not start. */
function setupError(config: BigipConfig | undefined, rule: string, list: string[], virtual?: string): string {
  const r = simulate({ rules: [{ name: 'net_rule', text: rule }], config, version: '13.1.1', clients: clients(list), virtual });
  if (!('error' in r)) throw new Error('the simulation started');
  return r.error;
}

const SHOW_LOCAL = 'when CLIENT_ACCEPTED { log local0. "[IP::local_addr] [TCP::local_port]" }';

describe('outbound gateway: the destination picks the virtual server and the route', () => {
  it('a wildcard forwarding virtual server sends the client to its destination, out of the default route', () => {
    const r = run(outbound, SHOW_LOCAL, ['10.10.0.50>8.8.8.8:443']);
    expect(r.virtual).toBe('/Common/outbound_vs');
    expect(r.notes).toContain('/Common/outbound_vs chosen by destination: the most specific virtual server that takes it');
    const c = r.results[0];
    expect(c.destination).toBe('8.8.8.8:443');
    expect(logs(c)).toEqual(['8.8.8.8 443']);
    expect(c.member).toBe('8.8.8.8:443');
    expect(c.pool).toBeNull();
    expect(c.snat).toMatchObject({ type: 'automap', address: '203.0.113.1', decidedBy: 'virtual' });
    expect(c.egress).toEqual({ vlan: '/Common/outside', decidedBy: 'route /Common/default_gw (0.0.0.0/0 via 203.0.113.254)', route: '/Common/default_gw' });
  });

  it('the port-specific wildcard wins for its port', () => {
    expect(run(outbound, SHOW_LOCAL, ['10.10.0.50>8.8.8.8:80']).virtual).toBe('/Common/web_out_vs');
  });

  it('partner traffic leaves by the partner router, translated to the only (non-floating) self IP there', () => {
    const c = run(outbound, SHOW_LOCAL, ['10.10.0.50>198.51.100.7:25']).results[0];
    expect(c.snat?.address).toBe('192.168.50.2');
    expect(c.egress).toMatchObject({ vlan: '/Common/partners', route: '/Common/partner_nets' });
  });

  it('a SNAT pool gives the address on the egress VLAN, per destination', () => {
    const r = run(outbound, 'when CLIENT_ACCEPTED { snatpool egress_snat }', ['10.10.0.50>8.8.8.8:443', '10.10.0.51>198.51.100.7:443']);
    expect(r.results.map((c) => c.snat?.address)).toEqual(['203.0.113.20', '192.168.50.20']);
  });

  it('a blackhole route: no automap address, and a note that says why', () => {
    const c = run(outbound, SHOW_LOCAL, ['10.10.0.50>192.0.2.9:443']).results[0];
    expect(c.snat?.address).toBeNull();
    expect(c.egress).toEqual({ vlan: null, decidedBy: 'route /Common/sinkhole (192.0.2.0/24)', route: '/Common/sinkhole' });
    expect(c.notes).toContain('route /Common/sinkhole is a blackhole: BIG-IP drops the traffic');
  });

  it('no route to the server: says so instead of guessing a self IP or SNAT pool address', () => {
    const noDefault = parseBigipConf(OUTBOUND.replace(/net route \/Common\/default_gw \{[^}]*\}/, '')).config;
    const auto = run(noDefault, SHOW_LOCAL, ['10.10.0.50>8.8.8.8:443']).results[0];
    expect(auto.snat?.address).toBeNull();
    expect(auto.egress).toEqual({ vlan: null, decidedBy: null, route: null });
    expect(auto.notes[0]).toMatch(/^no route to server 8\.8\.8\.8: no self IP subnet or net route holds it/);
    const pooled = run(noDefault, 'when CLIENT_ACCEPTED { snatpool egress_snat }', ['10.10.0.50>8.8.8.8:443']).results[0];
    expect(pooled.snat).toMatchObject({ type: 'snatpool', address: null });
  });

  it('forward sends the connection on to the destination the client asked for', () => {
    const c = run(outbound, 'when CLIENT_ACCEPTED { forward }', ['10.10.0.50>203.0.113.25:25']).results[0];
    expect(c.member).toBe('203.0.113.25:25');
    expect(c.pool).toBeNull();
  });

  it('a node without a port takes the destination port', () => {
    const c = run(outbound, 'when CLIENT_ACCEPTED { node 10.10.0.99 }', ['10.10.0.50>203.0.113.25:25']).results[0];
    expect(c.member).toBe('10.10.0.99:25');
  });

  it('each client in a list may name its own destination', () => {
    const r = run(outbound, SHOW_LOCAL, ['10.10.0.50>8.8.8.8:443', '10.10.0.51>1.1.1.1:8443']);
    expect(r.results.map((c) => logs(c)[0])).toEqual(['8.8.8.8 443', '1.1.1.1 8443']);
  });

  it('destinations that reach different virtual servers, or none, stop the run with a reason', () => {
    expect(setupError(outbound, SHOW_LOCAL, ['10.10.0.50>8.8.8.8:443', '10.10.0.51>8.8.8.8:80'])).toBe(
      "the clients' destinations reach different virtual servers (/Common/outbound_vs, /Common/web_out_vs); simulate them separately or choose one with --virtual",
    );
    expect(setupError(testConfig, SHOW_LOCAL, ['10.1.1.1>10.0.0.100:8080'])).toBe('no virtual server takes connections from 10.1.1.1 to 10.0.0.100:8080');
  });

  it('without a configuration the default virtual server takes the destination as given', () => {
    const r = run(undefined, SHOW_LOCAL, ['10.10.0.50>198.51.100.9:8443']);
    expect(r.virtual).toBe('/Common/irule-sim_vs');
    expect(logs(r.results[0])).toEqual(['198.51.100.9 8443']);
  });

  it('with --virtual, a destination it does not take is simulated as given, with a note', () => {
    const c = run(outbound, SHOW_LOCAL, ['10.10.0.50>198.51.100.1:22'], { virtual: 'mail_vs' }).results[0];
    expect(logs(c)).toEqual(['198.51.100.1 22']);
    expect(c.notes).toContain('/Common/mail_vs does not take connections to 198.51.100.1:22; simulated as given');
  });

  it('without a destination a wildcard virtual server has no local address or port to give, and says so', () => {
    const r = run(outbound, SHOW_LOCAL, ['10.10.0.50'], { virtual: 'outbound_vs' });
    expect(logs(r.results[0])).toEqual(['0.0.0.0 0']);
    expect(r.notes).toEqual(
      expect.arrayContaining([
        '/Common/outbound_vs takes any port: without a destination port (--destination <addr:port>) TCP::local_port is 0',
        '/Common/outbound_vs is a wildcard virtual server: without --destination, IP::local_addr is 0.0.0.0',
      ]),
    );
  });
});

describe('multi-VLAN automap', () => {
  it('each pool member gets the self IP of its own egress VLAN, floating first', () => {
    const r = run(multi, 'when CLIENT_ACCEPTED { }', ['192.0.2.1', '192.0.2.2', '192.0.2.3', '192.0.2.4']);
    expect(r.results.map((c) => [c.member, c.snat?.address, c.egress?.vlan])).toEqual([
      ['10.1.1.10:80', '10.1.1.1', '/Common/app'],
      ['10.2.2.10:80', '10.2.2.2', '/Common/db'],
      ['10.3.3.10:80', '10.3.3.1', '/Common/web'],
      ['10.9.4.10:80', '10.1.1.1', '/Common/app'],
    ]);
    expect(r.results[3].egress?.route).toBe('/Common/far_apps');
  });
});

describe('route domains: one model for IP::addr, class match and routing', () => {
  const ADDR = `when CLIENT_ACCEPTED {
  log local0. "[IP::client_addr] [IP::addr [IP::client_addr] equals 10.0.0.0/8] [IP::addr [IP::client_addr] equals 10.0.0.0%1/8] [IP::addr [getfield [IP::client_addr] % 1] equals 10.0.0.0/8] [IP::addr 10.0.0.5%0 equals 10.0.0.5]"
  log local0. "[class match -value [IP::client_addr] equals plain_nets]|[class match -value [IP::client_addr] equals rd1_nets]|[class match -value [getfield [IP::client_addr] % 1] equals plain_nets]"
}`;

  it('a client of a route-domain-1 virtual server carries %1, and compares unequal to addresses without it', () => {
    const c = run(rds, ADDR, ['10.0.0.50'], { virtual: 't1_vs' }).results[0];
    expect(logs(c)).toEqual(['10.0.0.50%1 0 1 1 1', '|rd1|plain']);
  });

  it('a client given with %N keeps it; one without takes the virtual server route domain', () => {
    const c = run(rds, 'when CLIENT_ACCEPTED { log local0. [IP::client_addr] }', ['10.0.0.50%2', '10.0.0.51'], { virtual: 't2_vs' }).results;
    expect(c.map((x) => logs(x)[0])).toEqual(['10.0.0.50%2', '10.0.0.51%2']);
  });

  it('servers are reached in their route domain: same addresses, different tenants', () => {
    const t1 = run(rds, 'when CLIENT_ACCEPTED { }', ['10.0.0.50'], { virtual: 't1_vs' }).results[0];
    const t2 = run(rds, 'when CLIENT_ACCEPTED { }', ['10.0.0.50'], { virtual: 't2_vs' }).results[0];
    expect([t1.member, t1.snat?.address, t1.egress?.vlan]).toEqual(['10.0.0.10%1:80', '10.0.0.2%1', '/Common/t1']);
    expect([t2.member, t2.snat?.address, t2.egress?.vlan]).toEqual(['10.0.0.10%2:80', '10.0.0.2%2', '/Common/t2']);
  });

  it('a route domain without its own route uses its parent; one without a parent does not', () => {
    const viaParent = run(rds, 'when CLIENT_ACCEPTED { node 8.8.8.8%1 53 }', ['10.0.0.50'], { virtual: 't1_vs' }).results[0];
    expect(viaParent.egress?.decidedBy).toBe('route /Common/default (0.0.0.0/0 via 203.0.113.254) in parent route domain 0');
    expect(viaParent.snat?.address).toBe('203.0.113.2');
    const isolated = run(rds, 'when CLIENT_ACCEPTED { node 8.8.8.8%3 53 }', ['10.0.0.50'], { virtual: 't2_vs' }).results[0];
    expect(isolated.egress?.decidedBy).toBeNull();
    expect(isolated.snat?.address).toBeNull();
  });

  it('the destination picks the virtual server in its route domain', () => {
    expect(run(rds, 'when CLIENT_ACCEPTED { }', ['10.0.0.50%2>10.0.0.100%2:80']).virtual).toBe('/Common/t2_vs');
    expect(setupError(rds, 'when CLIENT_ACCEPTED { }', ['10.0.0.50>10.0.0.100:80'])).toBe('no virtual server takes connections from 10.0.0.50 to 10.0.0.100:80');
  });
});

describe('timing and identity of values', () => {
  const TIMING = `when LB_SELECTED { log local0. "lb [IP::server_addr] [TCP::server_port] [LB::server addr] [LB::server port]" }
when SERVER_CONNECTED { log local0. "connected [IP::server_addr] [TCP::server_port]" }`;

  it('IP::server_addr and TCP::server_port are 0 until the server-side connection exists; LB::server names the pick', () => {
    const c = simOne(TIMING, { virtual: 'tcp_vs' });
    expect(logs(c)).toEqual(['lb 0 0 10.1.10.11 80', 'connected 10.1.10.11 80']);
  });

  it('info hostname is the configuration host name, else bigip1', () => {
    const rule = 'when CLIENT_ACCEPTED { log local0. [info hostname] }';
    expect(logs(run(outbound, rule, ['10.10.0.50>8.8.8.8:443']).results[0])).toEqual(['lb1.example.net']);
    expect(logs(simOne(rule))).toEqual(['bigip1']);
  });

  it('log lines name the rule without folder before 11.0, with it from 11.0', () => {
    const rule = 'when CLIENT_ACCEPTED { log local0. hi }';
    const at = (version: string): string[] => run(testConfig, rule, ['10.1.1.1'], { virtual: 'tcp_vs', version }).results[0].logs;
    expect(at('10.2.4')).toEqual(['Rule net_rule <CLIENT_ACCEPTED>: hi']);
    expect(at('11.0.0')).toEqual(['Rule /Common/net_rule <CLIENT_ACCEPTED>: hi']);
  });

  it('TCL error lines name the rule without folder before 11.0, with it from 11.0', () => {
    const rule = 'when CLIENT_ACCEPTED {\n  snat not_an_address\n}';
    const at = (version: string): string | null | undefined => run(testConfig, rule, ['10.1.1.1'], { virtual: 'tcp_vs', version }).results[0].error?.tmmLog;
    expect(at('10.2.4')).toMatch(/^TCL error: net_rule <CLIENT_ACCEPTED> - /);
    expect(at('11.0.0')).toMatch(/^TCL error: \/Common\/net_rule <CLIENT_ACCEPTED> - /);
  });
});

describe('what BIG-IP refuses on save, given a configuration', () => {
  const cases = [
    'when CLIENT_ACCEPTED {\n  pool nope_pool\n}',
    'when CLIENT_ACCEPTED {\n  if {[IP::addr [IP::client_addr] equals 10.0.0.0/8]} {\n    snatpool nope_snat\n  }\n}',
    'when LB_FAILED {\n  LB::reselect pool also_missing\n}',
    'when CLIENT_ACCEPTED {\n  pool web_pool\n  snatpool sp\n}',
    'when CLIENT_ACCEPTED {\n  set p nope_pool\n  pool $p\n}',
    'when CLIENT_ACCEPTED {\n  if {[class match [IP::client_addr] equals no_such_dg]} { pool web_pool }\n}',
  ];

  it('refuses a literal missing pool with BIG-IP message and the line in the rule', () => {
    expect(setupError(testConfig, cases[0], ['10.1.1.1'], 'tcp_vs')).toBe('/Common/net_rule:2:8: Unable to find pool (nope_pool) referenced at line 2');
    expect(setupError(testConfig, cases[1], ['10.1.1.1'], 'tcp_vs')).toBe('/Common/net_rule:3:14: Unable to find snatpool (nope_snat) referenced at line 3');
  });

  it('without a configuration the same rule loads and fails only where it is reached', () => {
    const c = run(undefined, cases[0], ['10.1.1.1']).results[0];
    expect(c.error?.message).toBe('no such pool: nope_pool');
  });

  it('refuses exactly the rules the linter reports undefined-pool / undefined-snatpool errors for', () => {
    const version = parseVersion('13.1.1')!;
    for (const text of cases) {
      const lintErrors = lint(text, { bigip: testConfig, version }).diagnostics.filter(
        (d) => (d.ruleId === 'undefined-pool' || d.ruleId === 'undefined-snatpool') && d.severity === 'error',
      );
      const r = simulate({ rules: [{ name: 'net_rule', text }], config: testConfig, version: '13.1.1', clients: [{ address: '10.1.1.1' }], virtual: 'tcp_vs' });
      const refused = 'error' in r ? r.error.split('\n').filter((l) => l.includes('Unable to find')) : [];
      expect({ text, refused: refused.length }).toEqual({ text, refused: lintErrors.length });
    }
  });

  it('a missing data group is not a save error: the rule loads and the class command meets it when reached', () => {
    const c = run(testConfig, cases[5], ['10.1.1.1'], { virtual: 'tcp_vs' }).results[0];
    expect(c.notes).toContain('data group "no_such_dg" does not exist; the simulator treats it as empty');
  });
});

/**
 * Load balancing and source address translation across a sequence of clients: round robin,
 * monitor state, priority groups, ratio, persistence (virtual profile and the persist command),
 * pool/node/member selection, LB_FAILED and LB::reselect, snat/snatpool/automap and the virtual
 * server's own source-address-translation.
 */
import { describe, expect, it } from 'vitest';
import { parseBigipConf } from '../../../src/bigip/index.js';
import { PersistStore } from '../../../src/sim/bigip/lb.js';
import { messages, simOne, simRules, TEST_CONF } from './harness.js';

const members = (rule: string, clients: string[], virtual = 'http_vs'): (string | null)[] => simRules(rule, { clients, virtual }).results.map((r) => r.member);
const TEN = Array.from({ length: 6 }, (_, i) => `10.1.1.${i + 1}`);

describe('member choice', () => {
  it('round robin across the simulated clients', () => {
    expect(members('when CLIENT_ACCEPTED { }', TEN.slice(0, 4))).toEqual(['10.1.10.11:80', '10.1.10.12:80', '10.1.10.13:80', '10.1.10.11:80']);
  });

  it('skips members that are down', () => {
    expect(members('when CLIENT_ACCEPTED { pool down_pool }', TEN.slice(0, 3))).toEqual(['10.1.10.22:80', '10.1.10.22:80', '10.1.10.22:80']);
  });

  it('ratio-member: 3 to 1', () => {
    const got = members('when CLIENT_ACCEPTED { pool ratio_pool }', Array.from({ length: 8 }, (_, i) => `10.1.2.${i}`));
    expect(got.filter((m) => m === '10.1.10.41:80')).toHaveLength(6);
    expect(got.filter((m) => m === '10.1.10.42:80')).toHaveLength(2);
  });

  it('priority groups: the higher group while it has min-active-members', () => {
    expect(members('when CLIENT_ACCEPTED { pool prio_pool }', TEN.slice(0, 3))).toEqual(['10.1.10.51:80', '10.1.10.51:80', '10.1.10.51:80']);
  });

  it('a mode that needs live measurements is approximated and says so', () => {
    const conf = parseBigipConf(TEST_CONF.replace('ltm pool /Common/web_pool {', 'ltm pool /Common/web_pool {\n    load-balancing-mode least-connections-member')).config;
    const r = simOne('when CLIENT_ACCEPTED { }', { config: conf });
    expect(r.notes.join(' ')).toMatch(/least-connections-member .* simulated as round robin/);
  });

  it('source-address persistence of the virtual server keeps a client on its member', () => {
    expect(members('when CLIENT_ACCEPTED { }', ['10.1.1.1', '10.1.1.2', '10.1.1.1', '10.1.1.3', '10.1.1.2'], 'plain_vs')).toEqual([
      '10.1.10.11:80',
      '10.1.10.12:80',
      '10.1.10.11:80',
      '10.1.10.13:80',
      '10.1.10.12:80',
    ]);
  });

  it('persist source_addr with a mask groups clients of a subnet; persist none turns it off', () => {
    expect(members('when CLIENT_ACCEPTED { persist source_addr 255.255.255.0 }', ['10.1.1.1', '10.1.1.2', '10.1.2.1'])).toEqual(['10.1.10.11:80', '10.1.10.11:80', '10.1.10.12:80']);
    expect(members('when CLIENT_ACCEPTED { persist none }', ['10.1.1.1', '10.1.1.1'], 'plain_vs')).toEqual(['10.1.10.11:80', '10.1.10.12:80']);
  });

  it('persist uie keeps the same key on the same member', () => {
    const rule = 'when HTTP_REQUEST { persist uie [HTTP::header X-User] }';
    const r = simRules(rule, { clients: ['10.1.1.1', '10.1.1.2', '10.1.1.3'], request: 'GET / HTTP/1.1\nX-User: alice\n\n' });
    expect(r.results.map((x) => x.member)).toEqual(['10.1.10.11:80', '10.1.10.11:80', '10.1.10.11:80']);
  });

  it('cookie persistence follows a BIGipServer cookie that names an available member', () => {
    // 10.1.10.12:80 encodes as 201982218.20480.0000
    const r = simOne('when HTTP_REQUEST { persist cookie insert }', { request: 'GET / HTTP/1.1\nCookie: BIGipServerweb_pool=201982218.20480.0000\n\n' });
    expect(r.member).toBe('10.1.10.12:80');
  });

  it('pool <p> member pins a member, node bypasses the pool', () => {
    expect(simOne('when CLIENT_ACCEPTED { pool web_pool member 10.1.10.13 80 }').member).toBe('10.1.10.13:80');
    expect(simOne('when CLIENT_ACCEPTED { pool web_pool member 10.1.10.12:80 }').member).toBe('10.1.10.12:80');
    const n = simOne('when CLIENT_ACCEPTED { node 10.9.9.9 8080 }');
    expect(n.member).toBe('10.9.9.9:8080');
    expect(n.pool).toBeNull();
  });

  it('the last pool command wins', () => {
    expect(simOne('when CLIENT_ACCEPTED { pool ext_pool }\nwhen HTTP_REQUEST { pool web_pool }').pool).toBe('/Common/web_pool');
  });
});

describe('persistence records', () => {
  const to = (address: string) => ({ pool: '', address, port: 80 });

  it('a record is found by mode, key and scope until it is idle longer than its timeout', () => {
    const store = new PersistStore();
    store.add('uie', 'k', '/Common/a', to('10.0.0.1'), 10, 0);
    expect(store.lookup('uie', 'k', '/Common/b', 0)).toBeUndefined();
    expect(store.lookup('hash', 'k', '/Common/a', 0)).toBeUndefined();
    expect(store.lookup('uie', 'k', '/Common/a', 10_000)?.address).toBe('10.0.0.1');
    // That use restarted the timeout; a look without touching does not.
    expect(store.lookup('uie', 'k', '/Common/a', 20_000, false)?.address).toBe('10.0.0.1');
    expect(store.lookup('uie', 'k', '/Common/a', 20_001)).toBeUndefined();
    // An expired record is gone, even for an earlier clock.
    expect(store.lookup('uie', 'k', '/Common/a', 0)).toBeUndefined();
  });

  it('find takes the live record added first across scopes; replacing keeps its place, removing and adding again does not', () => {
    const store = new PersistStore();
    store.add('uie', 'x', '/Common/a', to('10.0.0.9'), 100, 0);
    store.add('uie', 'k', '/Common/b', to('10.0.0.2'), 100, 0);
    store.add('uie', 'k', '/Common/a', to('10.0.0.1'), 100, 0);
    expect(store.find('uie', 'k', 0)?.address).toBe('10.0.0.2');
    store.add('uie', 'k', '/Common/b', to('10.0.0.3'), 100, 0);
    expect(store.find('uie', 'k', 0)?.address).toBe('10.0.0.3');
    store.delete('uie', 'k', '/Common/b');
    store.add('uie', 'k', '/Common/b', to('10.0.0.4'), 100, 0);
    expect(store.find('uie', 'k', 0)?.address).toBe('10.0.0.1');
    // An expired record is passed over.
    store.add('uie', 'k', '/Common/c', to('10.0.0.5'), 1, 0);
    store.delete('uie', 'k', '/Common/a');
    store.add('uie', 'k', '/Common/a', to('10.0.0.6'), 100, 5_000);
    expect(store.find('uie', 'k', 5_000)?.address).toBe('10.0.0.4');
    store.deleteAll('uie', 'k');
    expect(store.find('uie', 'k', 0)).toBeUndefined();
    expect(store.find('uie', 'x', 0)?.address).toBe('10.0.0.9');
    expect(store.find('hash', 'x', 0)).toBeUndefined();
  });

  it('keys and scopes are kept apart whatever characters they hold', () => {
    const store = new PersistStore();
    store.add('uie', 'a\u0000b', '/Common/p', to('10.0.0.1'), 100, 0);
    store.add('uie', 'a', '/Common/p', to('10.0.0.2'), 100, 0);
    expect(store.find('uie', 'a', 0)?.address).toBe('10.0.0.2');
    store.deleteAll('uie', 'a');
    expect(store.lookup('uie', 'a\u0000b', '/Common/p', 0)?.address).toBe('10.0.0.1');
  });
});

describe('LB_FAILED', () => {
  it('fires when no member is available; without a new choice the connection is reset', () => {
    const r = simOne('when CLIENT_ACCEPTED { pool dead_pool }\nwhen LB_FAILED { log local0. "failed [LB::server pool]" }\nwhen LB_SELECTED { log local0. no }');
    expect(messages(r)).toEqual(['failed /Common/dead_pool']);
    expect(r.action).toBe('reject');
    expect(r.member).toBeNull();
  });

  it('LB::reselect pool in LB_FAILED picks another pool', () => {
    const r = simOne('when CLIENT_ACCEPTED { pool dead_pool }\nwhen LB_FAILED { LB::reselect pool ext_pool }');
    expect(r.action).toBe('forward');
    expect(r.member).toBe('10.2.20.11:80');
  });

  it('HTTP::respond in LB_FAILED answers the client', () => {
    const r = simOne('when HTTP_REQUEST { pool dead_pool }\nwhen LB_FAILED { HTTP::respond 503 content sorry }');
    expect(r.action).toBe('respond');
    expect(r.response?.status).toBe(503);
  });

  it('LB::reselect in LB_SELECTED moves to another member', () => {
    const r = simOne('when LB_SELECTED { if {[LB::server addr] eq "10.1.10.11"} { LB::reselect } }\nwhen SERVER_CONNECTED { log local0. [IP::server_addr] }');
    expect(r.member).toBe('10.1.10.12:80');
    expect(messages(r)).toEqual(['10.1.10.12']);
  });
});

describe('source address translation', () => {
  it('the virtual server’s automap: floating self IP on the egress VLAN first', () => {
    expect(simOne('when CLIENT_ACCEPTED { }').snat).toEqual({ type: 'automap', address: '10.1.10.6', snatpool: null, decidedBy: 'virtual' });
  });

  it('automap picks the self IP of the selected member’s VLAN', () => {
    expect(simOne('when CLIENT_ACCEPTED { pool ext_pool }').snat?.address).toBe('10.2.20.5');
  });

  it('the virtual server’s SNAT pool: the address in the egress subnet', () => {
    expect(simOne('when CLIENT_ACCEPTED { }', { virtual: 'tcp_vs' }).snat).toEqual({ type: 'snatpool', address: '10.1.10.200', snatpool: '/Common/sp', decidedBy: 'virtual' });
    expect(simOne('when CLIENT_ACCEPTED { pool ext_pool }', { virtual: 'tcp_vs' }).snat?.address).toBe('10.2.20.200');
  });

  it('no translation configured: the server sees the client', () => {
    expect(simOne('when CLIENT_ACCEPTED { }', { virtual: 'plain_vs' }).snat).toEqual({ type: 'none', address: '10.1.1.1', snatpool: null, decidedBy: 'virtual' });
  });

  it('iRule settings override the virtual server', () => {
    expect(simOne('when CLIENT_ACCEPTED { snat 10.1.10.99 }').snat).toEqual({ type: 'address', address: '10.1.10.99', snatpool: null, decidedBy: 'irule' });
    expect(simOne('when CLIENT_ACCEPTED { snat none }').snat).toEqual({ type: 'none', address: '10.1.1.1', snatpool: null, decidedBy: 'irule' });
    expect(simOne('when CLIENT_ACCEPTED { snatpool sp member 10.2.20.200 }').snat).toEqual({ type: 'snatpool', address: '10.2.20.200', snatpool: '/Common/sp', decidedBy: 'irule' });
    expect(simOne('when CLIENT_ACCEPTED { snat automap }', { virtual: 'plain_vs' }).snat).toEqual({ type: 'automap', address: '10.1.10.6', snatpool: null, decidedBy: 'irule' });
  });

  it('snat in LB_SELECTED still applies (hairpin pattern)', () => {
    const r = simOne('when LB_SELECTED { if {[IP::addr [IP::client_addr]/24 equals [LB::server addr]/24]} { snat automap } }', { virtual: 'plain_vs', clients: ['10.1.10.77'] });
    expect(r.snat?.type).toBe('automap');
  });

  it('snat after the server-side connection has no effect, with a remark', () => {
    const r = simOne('when SERVER_CONNECTED { snat 10.9.9.9 }', { virtual: 'plain_vs' });
    expect(r.snat?.type).toBe('none');
    expect(r.notes.join(' ')).toMatch(/no effect/);
  });

  it('a pool with allow-snat no is not translated', () => {
    const r = simOne('when CLIENT_ACCEPTED { pool nosnat_pool; snat 10.9.9.9 }');
    expect(r.snat?.type).toBe('none');
    expect(r.snat?.address).toBe('10.1.1.1');
  });

  it('automap with no self IP of the client’s family', () => {
    const r = simOne('when CLIENT_ACCEPTED { node 2001:db8::10 80; snat automap }', { clients: ['2001:db8::1'] });
    expect(r.snat).toEqual({ type: 'automap', address: null, snatpool: null, decidedBy: 'irule' });
    expect(r.member).toBe('2001:db8::10.80');
  });
});

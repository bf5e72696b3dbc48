/** Behaviour that follows --bigip-version. */
import { describe, expect, it } from 'vitest';
import { messages, simOne } from './harness.js';

describe('data groups as global variables ($::dg)', () => {
  const rule = 'when CLIENT_ACCEPTED { log local0. [class match [IP::client_addr] equals $::ip_dg]; log local0. [llength $::str_dg] }';

  it('9.4.4 to 10.x: the data group is a global list, and class match accepts the list', () => {
    for (const version of ['10.0.0', '10.2.3', '10.2.4']) expect(messages(simOne(rule, { version, clients: ['10.1.2.3'] }))).toEqual(['1', '4']);
  });

  it('list elements are the keys (hosts as bare addresses) followed by their data', () => {
    expect(messages(simOne('when CLIENT_ACCEPTED { log local0. $::ip_dg }', { version: '10.2.3' }))).toEqual(['{10.0.0.0/8 ten} {10.1.0.0/16 ten-one} 192.168.1.1 {2001:db8::/32 v6}']);
  });

  it('11.0 and later: no such variable, the connection is reset', () => {
    for (const version of ['11.0', '11.1', '13.1.0', '17.1']) {
      const r = simOne(rule, { version });
      expect(r.error?.message).toBe(`can't read "::ip_dg": no such variable`);
      expect(r.action).toBe('reject');
    }
  });

  it('before 9.4.4 there are no such globals either', () => {
    expect(simOne('when CLIENT_ACCEPTED { log local0. [llength $::ip_dg] }', { version: '9.4.3' }).error?.message).toBe(`can't read "::ip_dg": no such variable`);
  });

  it('matchclass works on the global list in 9.4.x/10.x', () => {
    expect(messages(simOne('when CLIENT_ACCEPTED { log local0. [matchclass [IP::client_addr] equals $::ip_dg] }', { version: '9.4.8', clients: ['192.168.1.1'] }))).toEqual(['3']);
  });
});

describe('commands and options by version (from the catalog)', () => {
  it('class exists from 10.0.0', () => {
    // A command the version does not have is refused when the rule loads, as the linter says.
    expect(() => simOne('when CLIENT_ACCEPTED { class exists ip_dg }', { version: '9.4.8' })).toThrow('rule_a.irule:1:24: undefined procedure: class');
    expect(simOne('when CLIENT_ACCEPTED { class exists ip_dg }', { version: '10.0.0' }).error).toBeNull();
  });

  it('table exists from 10.1.0', () => {
    expect(() => simOne('when CLIENT_ACCEPTED { table set k v }', { version: '10.0.1' })).toThrow('rule_a.irule:1:24: undefined procedure: table');
    expect(simOne('when CLIENT_ACCEPTED { table set k v }', { version: '10.1.0' }).error).toBeNull();
  });

  it('class match -all from 11.0', () => {
    const rule = 'when CLIENT_ACCEPTED { log local0. [class match -all -name 10.1.2.3 equals ip_dg] }';
    expect(simOne(rule, { version: '10.2.3' }).error?.message).toBe('bad option "-all": must be -index, -element, -name, or -value');
    expect(messages(simOne(rule, { version: '11.0' }))).toEqual(['10.1.0.0/16 10.0.0.0/8']);
  });

  it('event info from 11.0', () => {
    expect(simOne('when CLIENT_ACCEPTED { event info }', { version: '10.2.4' }).error?.message).toBe('bad option "info": must be enable or disable');
    expect(simOne('when CLIENT_ACCEPTED { event info }', { version: '11.0' }).error).toBeNull();
  });

  it('HTTP::respond -version from 11.2.0', () => {
    const rule = 'when HTTP_REQUEST { HTTP::respond 200 -version 1.0 content ok }';
    expect(simOne(rule, { version: '11.2.0' }).response?.headers.map((h) => h.name)).toEqual(['Server', 'Content-Length']);
    const old = simOne(rule, { version: '11.1' });
    expect(old.response?.headers.map((h) => h.name)).toEqual(['-version', 'Server', 'Content-Length']);
    expect(old.notes.join(' ')).toMatch(/-version needs BIG-IP 11\.2\.0/);
  });
});

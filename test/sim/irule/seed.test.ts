/**
 * The seed story as acceptance (fixtures/seed): the SMTP relay iRule SNATs allowed clients to
 * 172.16.51.174 and every other client to the only self IP, 172.16.51.175 (automap); the v10
 * form works on 10.2.3 and fails on 11.1; the SNAT-pool-name variant fails for allowed clients.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBigipConf } from '../../../src/bigip/index.js';
import { simulate } from '../../../src/sim/irule/engine.js';
import type { SimulationReport } from '../../../src/sim/irule/types.js';

const seed = (name: string): string => readFileSync(new URL(`../../../fixtures/seed/${name}`, import.meta.url), 'utf8');
const config = parseBigipConf(seed('bigip.conf')).config;
const CLIENTS = [{ address: '172.16.51.21' }, { address: '172.16.51.23' }];

function run(file: string, version: string): SimulationReport {
  const r = simulate({ rules: [{ name: file, text: seed(`${file}.irule`), origin: `${file}.irule` }], config, version, clients: CLIENTS });
  if ('error' in r) throw new Error(r.error);
  return r;
}

describe('seed story', () => {
  it('picks SMTP_VS, the only virtual server, for a rule it does not name', () => {
    const r = run('smtp_irule_v11', '11.1');
    expect(r.virtual).toBe('/Common/SMTP_VS');
    expect(r.destination).toBe('172.16.51.174:25');
    expect(r.rules).toEqual(['/Common/smtp_irule_v11']);
  });

  it('v11 rule: an allowed client leaves as 172.16.51.174, any other as the self IP 172.16.51.175', () => {
    const [allowed, other] = run('smtp_irule_v11', '11.1').results;
    expect(allowed).toMatchObject({
      client: '172.16.51.21',
      events: ['CLIENT_ACCEPTED'],
      snat: { type: 'address', address: '172.16.51.174', snatpool: null, decidedBy: 'irule' },
      pool: '/Common/smtp_pool',
      member: '172.16.51.31:25',
      action: 'forward',
      error: null,
    });
    expect(other).toMatchObject({
      client: '172.16.51.23',
      snat: { type: 'automap', address: '172.16.51.175', snatpool: null, decidedBy: 'irule' },
      pool: '/Common/smtp_pool',
      member: '172.16.51.32:25',
      action: 'forward',
      error: null,
    });
  });

  it('v10 rule on 10.2.3: $::smtp_relay_allowed is the data group as a list, same translations', () => {
    const [allowed, other] = run('smtp_irule_v10', '10.2.3').results;
    expect(allowed.snat).toEqual({ type: 'address', address: '172.16.51.174', snatpool: null, decidedBy: 'irule' });
    expect(other.snat).toEqual({ type: 'automap', address: '172.16.51.175', snatpool: null, decidedBy: 'irule' });
    expect(allowed.error).toBeNull();
  });

  it('v10 rule on 11.1: no such variable for every client, and a reset', () => {
    for (const r of run('smtp_irule_v10', '11.1').results) {
      expect(r.action).toBe('reject');
      expect(r.snat).toBeNull();
      expect(r.member).toBeNull();
      expect(r.error).toEqual({
        message: `can't read "::smtp_relay_allowed": no such variable`,
        event: 'CLIENT_ACCEPTED',
        rule: '/Common/smtp_irule_v10',
        line: 6,
        command: 'class match [IP::client_addr] equals $::smtp_relay_allowed',
        at: 'smtp_irule_v10.irule:6',
        tmmLog: `TCL error: /Common/smtp_irule_v10 <CLIENT_ACCEPTED> - can't read "::smtp_relay_allowed": no such variable while executing "class match [IP::client_addr] equals $::smtp_relay_allowed"`,
      });
    }
  });

  it('SNAT-pool-name variant: bad IP address format for the allowed client, automap for the others', () => {
    const [allowed, other] = run('o365-smtp-relay_irule', '11.1').results;
    expect(allowed.action).toBe('reject');
    expect(allowed.error?.message).toBe('bad IP address format');
    expect(allowed.error?.line).toBe(8);
    expect(allowed.error?.tmmLog).toBe(
      'TCL error: /Common/o365-smtp-relay_irule <CLIENT_ACCEPTED> - bad IP address format (line 7) invoked from within "snat $accepted_snat"',
    );
    expect(other.snat).toEqual({ type: 'automap', address: '172.16.51.175', snatpool: null, decidedBy: 'irule' });
    expect(other.action).toBe('forward');
  });

  it('without rule files, runs the rule SMTP_VS has in bigip.conf', () => {
    const r = simulate({ rules: [], config, version: '11.1', clients: CLIENTS });
    if ('error' in r) throw new Error(r.error);
    expect(r.rules).toEqual(['/Common/smtp_irule']);
    expect(r.results.map((x) => x.snat?.address)).toEqual(['172.16.51.174', '172.16.51.175']);
  });

  it('round robin across clients, with source-address persistence keeping a client on its member', () => {
    const clients = ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.1', '10.0.0.2'].map((address) => ({ address }));
    const r = simulate({ rules: [{ name: 'smtp_irule_v11', text: seed('smtp_irule_v11.irule') }], config, version: '11.1', clients });
    if ('error' in r) throw new Error(r.error);
    expect(r.results.map((x) => x.member)).toEqual(['172.16.51.31:25', '172.16.51.32:25', '172.16.51.31:25', '172.16.51.31:25', '172.16.51.32:25']);
  });
});

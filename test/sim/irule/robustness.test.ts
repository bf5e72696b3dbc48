/**
 * The simulator core never throws on user input: every fixture iRule, on three virtual servers
 * and without a configuration, and random token soup inside a handler, end in a report or a
 * setup error, never a JS exception.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/sim/irule/engine.js';
import { testConfig } from './harness.js';

const fixtures = fileURLToPath(new URL('../../../fixtures/', import.meta.url));
const walk = (d: string): string[] => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : f.endsWith('.irule') ? [join(d, f)] : []));
const CLIENTS = [{ address: '10.1.1.1' }, { address: '2001:db8::1' }, { address: '10.1.1.1%3', port: 1234 }];

describe('robustness', () => {
  const files = walk(fixtures);
  it(`simulates all ${files.length} fixture iRules without throwing`, () => {
    let reports = 0;
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      for (const [config, virtual] of [[undefined, undefined], [testConfig, 'http_vs'], [testConfig, 'tcp_vs']] as const) {
        const r = simulate({ rules: [{ name: 'x', text }], config, virtual, version: '14.1.0', clients: CLIENTS, limits: { maxSteps: 100_000 } });
        if (!('error' in r)) {
          reports++;
          expect(r.results).toHaveLength(CLIENTS.length);
        }
      }
    }
    expect(reports).toBeGreaterThan(files.length);
  });

  it('survives random token soup in handlers', () => {
    const token = fc.constantFrom(
      'set', 'x', '$x', '[', ']', '{', '}', '"', ';', '\n', 'if', 'while', '1', 'snat', 'pool', 'web_pool', 'class', 'match', 'equals', 'ip_dg',
      'HTTP::header', 'insert', 'HTTP::respond', '200', 'table', 'incr', 'k', 'event', 'disable', 'all', 'reject', 'return', 'catch', 'error',
      'after', '10', 'persist', 'uie', 'IP::addr', 'mask', '10.0.0.1/8', 'call', 'p', 'proc', 'LB::reselect', 'node', '::', '%', '\\', '#',
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 30 }), fc.constantFrom('CLIENT_ACCEPTED', 'HTTP_REQUEST', 'LB_SELECTED', 'RULE_INIT'), (tokens, event) => {
        const rule = `when ${event} {\n${tokens.join(' ')}\n}`;
        const r = simulate({ rules: [{ name: 'fuzz', text: rule }], config: testConfig, virtual: 'http_vs', version: '14.1.0', clients: CLIENTS.slice(0, 1), limits: { maxSteps: 20_000, timeMs: 500 } });
        return 'error' in r ? typeof r.error === 'string' : r.results.length === 1;
      }),
      { numRuns: 400, seed: 4242 },
    );
  });

  it('rejects bad clients given through the API instead of throwing', () => {
    const r = simulate({ rules: [{ name: 'x', text: 'when CLIENT_ACCEPTED { }' }], version: '14.1.0', clients: [{ address: 'not-an-address' }] });
    expect(r).toEqual({ error: `bad client address 'not-an-address'` });
  });
});

/** Loading a rule costs time linear in its size, however many problems it has. */
import { describe, expect, it } from 'vitest';
import { parseBigipConf } from '../../../src/bigip/parse-config.js';
import { simulate } from '../../../src/sim/irule/engine.js';
import { loadRule, positionOf } from '../../../src/sim/irule/load.js';

describe('rule loading at scale', () => {
  it('16,000 bad when blocks load in linear time, each problem at its own line', () => {
    const text = 'when NOT_AN_EVENT { log local0. x }\n'.repeat(16_000);
    const t0 = performance.now();
    const { problems } = loadRule({ name: 'r', text }, 0, '14.1.0');
    const ms = performance.now() - t0;
    expect(problems).toHaveLength(16_000);
    expect(problems[15_999]).toMatchObject({ line: 16_000, column: 6, message: 'unknown event (NOT_AN_EVENT)' });
    expect(ms).toBeLessThan(3000);
  });

  it('positionOf counts lines and columns as before (1-based, clamped to the text)', () => {
    expect(positionOf('ab\ncd\n', 0)).toEqual({ line: 1, column: 1 });
    expect(positionOf('ab\ncd\n', 4)).toEqual({ line: 2, column: 2 });
    expect(positionOf('ab\ncd\n', 6)).toEqual({ line: 3, column: 1 });
    expect(positionOf('ab\ncd\n', 99)).toEqual({ line: 3, column: 1 });
    expect(positionOf('x', 0)).toEqual({ line: 1, column: 1 });
  });
});

describe('huge data groups in the simulator', () => {
  it('a client listed in a 130,000-record blocklist is rejected', () => {
    const records: string[] = [];
    for (let i = 0; i < 130_000; i++) records.push(`        10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}/32 { }`);
    const conf = `ltm data-group internal /Common/blocklist {\n    records {\n${records.join('\n')}\n    }\n    type ip\n}\nltm pool /Common/web {\n    members {\n        /Common/10.9.9.9:80 {\n            address 10.9.9.9\n        }\n    }\n}\nltm virtual /Common/vs {\n    destination /Common/192.0.2.10:80\n    ip-protocol tcp\n    pool /Common/web\n    profiles {\n        /Common/tcp { }\n    }\n}\n`;
    const { config, diagnostics } = parseBigipConf(conf);
    expect(diagnostics).toEqual([]);
    const report = simulate({
      rules: [{ name: 'block', text: 'when CLIENT_ACCEPTED { if {[class match [IP::client_addr] equals blocklist]} { reject } }' }],
      config,
      virtual: 'vs',
      version: '14.1.0',
      clients: [{ address: '10.1.250.99' }, { address: '172.16.0.1' }],
    });
    if ('error' in report) throw new Error(report.error);
    expect(report.results.map((r) => r.action)).toEqual(['reject', 'forward']);
  });
});

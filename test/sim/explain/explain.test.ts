/**
 * `--explain` end to end in process: the seed story's partitions, the ways rules test the
 * address (each cross-checked against plain simulations of block edges, their neighbours and
 * random clients), rules generated at random from those tests, approximate classes, the run
 * bound, and a 10,000-record data group.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBigipConf } from '../../../src/bigip/parse-config.js';
import { covers, explainClients, type ExplainOptions, type ExplainReport, simulateAddress } from '../../../src/sim/explain/explain.js';
import { cidrTexts, hasValue } from '../../../src/sim/explain/intervals.js';
import { parseAddress } from '../../../src/bigip/address.js';
import { describeOutcome } from '../../../src/sim/explain/outcome.js';
import { crossCheck } from './crosscheck.js';
import { EXPLAIN_SERVERS, LARGE_RECORDS, LARGE_RULE, largeGroupConf } from '../../../bench/explain-bench.js';

const seedConf = parseBigipConf(readFileSync('fixtures/seed/bigip.conf', 'utf8'), {}).config;
const seedRule = (file: string): ExplainOptions => ({
  rules: [{ name: file.replace(/\.irule$/, ''), text: readFileSync(`fixtures/seed/${file}`, 'utf8') }],
  config: seedConf,
  version: '11.1',
});

function explain(options: ExplainOptions): ExplainReport {
  const r = explainClients(options);
  if ('error' in r) throw new Error(r.error);
  return r;
}

/** Outcome headline -> CIDR texts of both families. */
function table(r: ExplainReport): Record<string, string[]> {
  return Object.fromEntries(r.classes.map((c) => [describeOutcome(c.outcome), [...cidrTexts(c.v4), ...cidrTexts(c.v6)]]));
}

describe('the seed story', () => {
  it('v11 rule: 172.16.51.21/32 gets snat 172.16.51.174, every other address automap 172.16.51.175', () => {
    const opts = seedRule('smtp_irule_v11.irule');
    const r = explain(opts);
    const t = table(r);
    expect(Object.keys(t).sort()).toEqual(['automap 172.16.51.175', 'snat 172.16.51.174']);
    expect(t['snat 172.16.51.174']).toEqual(['172.16.51.21/32']);
    expect(t['automap 172.16.51.175']).toHaveLength(33); // 32 IPv4 blocks around the /32, and ::/0
    expect(t['automap 172.16.51.175']).toContain('::/0');
    expect(r.classes.every((c) => c.exact)).toBe(true);
    expect(covers(r)).toBe(true);
    expect(crossCheck(r, opts)).toBeGreaterThan(50);
  });

  it('v10 rule on 11.1: every client hits the $:: error', () => {
    const r = explain(seedRule('smtp_irule_v10.irule'));
    expect(r.classes).toHaveLength(1);
    expect(describeOutcome(r.classes[0].outcome)).toMatch(/^error "can't read "::smtp_relay_allowed": no such variable"/);
    expect(cidrTexts(r.classes[0].v4)).toEqual(['0.0.0.0/0']);
    expect(r.runs).toBe(2);
  });

  it('SNAT-pool variant: the allowed client fails with bad IP address format, the others get automap', () => {
    const opts = seedRule('o365-smtp-relay_irule.irule');
    const r = explain(opts);
    const t = table(r);
    const err = Object.keys(t).find((k) => k.startsWith('error'))!;
    expect(err).toContain('bad IP address format');
    expect(t[err]).toEqual(['172.16.51.21/32']);
    crossCheck(r, opts);
  });
});

/** A configuration for the rule tests: an ip data group, two pools, automap on a self IP. */
function testConf(records: string[], stringKeys: string[] = []): ExplainOptions['config'] {
  const ipRecords = records.map((k, i) => `        ${k} { data v${i % 3} }`).join('\n');
  const strRecords = stringKeys.map((k) => `        "${k}" { }`).join('\n');
  const text = `ltm data-group internal /Common/nets {
    records {
${ipRecords}
    }
    type ip
}
ltm data-group internal /Common/names {
    records {
${strRecords}
    }
    type string
}
${EXPLAIN_SERVERS}`;
  const { config, diagnostics } = parseBigipConf(text, {});
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((d) => d.message).join('\n'));
  return config;
}

const RECORDS = ['10.0.0.0/8', '10.1.0.0/16', '10.1.2.0/24', '192.168.1.5/32', '2001:db8::/32', '2001:db8:1::/48'];
const opts = (body: string, records = RECORDS, stringKeys: string[] = []): ExplainOptions => ({
  rules: [{ name: 'r', text: `when CLIENT_ACCEPTED {\n${body}\n}\n` }],
  config: testConf(records, stringKeys),
  version: '13.1',
});

describe('tests on the address, each cross-checked', () => {
  const cases: [string, string, Record<string, string[]>][] = [
    [
      'class match, longest prefix, value',
      'switch [class lookup [IP::client_addr] nets] { v0 { snat 10.9.0.10 } v1 { pool p2 } default { reject } }',
      {
        'snat 10.9.0.10': ['10.0.0.0/16', '10.2.0.0/15', '10.4.0.0/14', '10.8.0.0/13', '10.16.0.0/12', '10.32.0.0/11', '10.64.0.0/10', '10.128.0.0/9', '192.168.1.5/32'],
        // v1: 10.1.0.0/16 without 10.1.2.0/24, and 2001:db8::/32 without 2001:db8:1::/48 (pool p2, automap)
        'automap 10.9.0.254': [
          ...['10.1.0.0/23', '10.1.3.0/24', '10.1.4.0/22', '10.1.8.0/21', '10.1.16.0/20', '10.1.32.0/19', '10.1.64.0/18', '10.1.128.0/17'],
          ...['2001:db8::/48', '2001:db8:2::/47', '2001:db8:4::/46', '2001:db8:8::/45', '2001:db8:10::/44', '2001:db8:20::/43', '2001:db8:40::/42', '2001:db8:80::/41'],
          ...['2001:db8:100::/40', '2001:db8:200::/39', '2001:db8:400::/38', '2001:db8:800::/37', '2001:db8:1000::/36', '2001:db8:2000::/35', '2001:db8:4000::/34', '2001:db8:8000::/33'],
        ],
      },
    ],
    ['IP::addr with a mask', 'if { [IP::addr [IP::client_addr] equals 172.16.0.0/12] } { snat 10.9.0.11 }', { 'snat 10.9.0.11': ['172.16.0.0/12'] }],
    ['eq on a variable set earlier', 'set c [IP::client_addr]\nif { $c eq "192.0.2.7" || $c == "2001:db8::7" } { drop }', { drop: ['192.0.2.7/32', '2001:db8::7/128'] }],
    ['starts_with on the text', 'if { [IP::client_addr] starts_with "10.1" } { snat 10.9.0.12 }', { 'snat 10.9.0.12': ['10.1.0.0/16', '10.10.0.0/15', '10.12.0.0/14', '10.16.0.0/14', '10.100.0.0/14', '10.104.0.0/13', '10.112.0.0/12', '10.128.0.0/10', '10.192.0.0/13'] }],
    ['switch -glob', 'switch -glob [IP::client_addr] { "192.168.*" { snat 10.9.0.13 } {172.1[6-9].*} { reject } default { } }', { 'snat 10.9.0.13': ['192.168.0.0/16'], reset: ['172.16.0.0/14'] }],
    ['string match on a masked value', 'set n [IP::addr [IP::client_addr] mask 255.255.0.0]\nif { [string match "10.1.0.0" $n] } { snat 10.9.0.14 }', { 'snat 10.9.0.14': ['10.1.0.0/16'] }],
    ['class match on a masked value', 'if { [class match [IP::addr [IP::client_addr] mask 255.255.255.0] equals nets] } { snat 10.9.0.15 }', {}],
    ['string data group', 'if { [class match [IP::client_addr] equals names] } { snat 10.9.0.16 }', {}],
    ['matchclass', 'if { [matchclass [IP::client_addr] equals nets] } { pool p2 }', {}],
    [
      'a constant that reads like a masked value (regression: found by the generated rules)',
      'set m [IP::addr [IP::client_addr] mask 255.255.0.0]\nif { [IP::client_addr] eq "10.1.0.0" } { snat 10.9.0.17 } elseif { $m eq "10.1.0.0" } { reject }',
      { 'snat 10.9.0.17': ['10.1.0.0/32'] },
    ],
    [
      'the address when a masked value of it reads the same (regression: found by the generated rules)',
      'set a [IP::client_addr]\nset m [IP::addr $a mask 255.255.0.0]\nif { [IP::client_addr] eq "10.1.2.3" } { snat 10.9.0.30 } elseif { [IP::client_addr] eq "10.1.0.0" } { snat automap } elseif { [IP::addr [IP::client_addr] equals 0.0.0.0/1] } { snat 10.9.0.30 } else { snat 10.9.0.30 }',
      { 'automap 10.9.0.254': ['10.1.0.0/32'] },
    ],
    ['runtime error on one block', 'if { [IP::addr [IP::client_addr] equals 198.51.100.0/24] } { error "blocked" }', {}],
  ];
  it.each(cases)('%s', (_name, body, expected) => {
    const o = opts(body, RECORDS, ['192.0.2.1', '2001:db8::1', 'not-an-address']);
    const r = explain(o);
    expect(r.classes.every((c) => c.exact), JSON.stringify(r.classes.map((c) => c.approximations))).toBe(true);
    expect(covers(r)).toBe(true);
    const t = table(r);
    for (const [outcome, blocks] of Object.entries(expected)) expect(t[outcome], outcome).toEqual(blocks);
    expect(crossCheck(r, o)).toBeGreaterThan(20);
  });

  // Client 10.1.0.0 reads like its own /16 network: each test on the address itself must still
  // keep 10.1.2.3 (same /16, another answer) out of the run's class, whichever order runs come in.
  it.each([
    ['eq', 'if { [IP::client_addr] eq "10.1.2.3" } { reject }'],
    ['IP::addr equals', 'if { [IP::addr [IP::client_addr] equals 10.1.2.3] } { reject }'],
    ['class lookup', 'if { [class lookup [IP::client_addr] nets] eq "v2" } { reject }'],
    ['string match', 'if { [string match {10.1.2.*} [IP::client_addr]] } { reject }'],
  ])('%s on an address that reads like its masked value keeps its own class', (_name, test) => {
    const o = opts(`set m [IP::addr [IP::client_addr] mask 255.255.0.0]\n${test}`);
    const [client, other] = ['10.1.0.0', '10.1.2.3'].map((a) => parseAddress(a)!.value);
    const run = simulateAddress(o, 4, client, 0);
    expect(run.approximations).toEqual([]);
    expect(hasValue(run.cls, client)).toBe(true);
    expect(simulateAddress(o, 4, other, 0).outcome.action).not.toBe(run.outcome.action);
    expect(hasValue(run.cls, other)).toBe(false);
  });
});

describe('route domains and the other address commands', () => {
  it('clients of a virtual server in route domain 2 carry %2, and only records of that domain match', () => {
    const text = `ltm data-group internal /Common/nets {
    records {
        10.0.0.0%2/8 { }
        192.168.0.0/16 { }
    }
    type ip
}
ltm pool /Common/p1 {
    members {
        /Common/10.9.0.1%2:80 { address 10.9.0.1%2 }
    }
}
ltm virtual /Common/vs {
    destination /Common/10.9.0.100%2:80
    ip-protocol tcp
    mask 255.255.255.255
    pool /Common/p1
    profiles {
        /Common/tcp { }
    }
}
`;
    const o: ExplainOptions = {
      rules: [{ name: 'r', text: 'when CLIENT_ACCEPTED {\n  if { [class match [IP::client_addr] equals nets] } { reject } elseif { [IP::client_addr] eq "172.16.0.1%2" } { drop }\n}\n' }],
      config: parseBigipConf(text, {}).config,
      version: '13.1',
    };
    const r = explain(o);
    expect(r.classes.every((c) => c.exact)).toBe(true);
    const t = table(r);
    expect(t.reset).toEqual(['10.0.0.0/8']);
    expect(t.drop).toEqual(['172.16.0.1/32']);
    crossCheck(r, o);
  });

  it('notes when the automap address depends on the member load balancing picks', () => {
    const text = `ltm pool /Common/p1 {
    members {
        /Common/10.1.0.1:80 { address 10.1.0.1 }
        /Common/10.2.0.1:80 { address 10.2.0.1 }
    }
}
ltm virtual /Common/vs {
    destination /Common/10.9.0.100:80
    ip-protocol tcp
    mask 255.255.255.255
    pool /Common/p1
    profiles {
        /Common/tcp { }
    }
    source-address-translation {
        type automap
    }
}
net self /Common/a {
    address 10.1.0.254/24
    vlan /Common/va
}
net self /Common/b {
    address 10.2.0.254/24
    vlan /Common/vb
}
net vlan /Common/va { }
net vlan /Common/vb { }
`;
    const o: ExplainOptions = { rules: [{ name: 'r', text: 'when CLIENT_ACCEPTED {\n  log local0. [IP::client_addr]\n}\n' }], config: parseBigipConf(text, {}).config, version: '13.1' };
    const r = explain(o);
    expect(r.notes).toContain('pool /Common/p1: the translated address depends on the member load balancing picks (10.1.0.254, 10.2.0.254); the outcomes show the first pick\'s');
    crossCheck(r, o);
  });

  it('IP::remote_addr on the client side is the client address', () => {
    const o = opts('if { [IP::addr [IP::remote_addr] equals 198.51.100.0/24] } { reject }');
    const r = explain(o);
    expect(r.classes.every((c) => c.exact)).toBe(true);
    expect(table(r).reset).toEqual(['198.51.100.0/24']);
    crossCheck(r, o);
  });
});

describe('approximate classes and limits', () => {
  it('a regular expression on the address makes its class approximate, sampled and said so', () => {
    const o = opts('if { [regexp {^10\\.} [IP::client_addr]] } { reject }');
    const r = explain(o);
    const approx = r.classes.filter((c) => !c.exact);
    expect(approx.length).toBeGreaterThan(0);
    expect(approx[0].approximations.join()).toMatch(/regexp/);
    expect(approx[0].samples).toBeGreaterThan(0);
  });

  it('a pattern whose set is too fragmented to list (the last octet) is approximate', () => {
    const r = explain(opts('if { [IP::client_addr] ends_with ".255" } { reject }'));
    expect(r.classes.some((c) => !c.exact && c.approximations.some((a) => a.includes('too fragmented')))).toBe(true);
  });

  it('an unfollowed use in a later event (after a followed test in an earlier one) makes the class approximate', () => {
    const o = opts('if { [class match [IP::client_addr] equals nets] } { }\n}\nwhen SERVER_CONNECTED {\nset l [string length [IP::client_addr]]\nif { $l > 11 } { reject }');
    const r = explain(o);
    expect(r.classes.some((c) => !c.exact && c.approximations.some((a) => a.startsWith('string length')))).toBe(true);
  });

  it('samples that disagree are reported', () => {
    const o = opts('if { [string length [IP::client_addr]] > 12 } { reject }');
    const r = explain(o);
    const approx = r.classes.filter((c) => !c.exact);
    expect(approx.some((c) => c.differing.length > 0)).toBe(true);
  });

  it('logging and headers do not make a class approximate', () => {
    const r = explain(opts('log local0. "client [IP::client_addr]"\nset a [IP::client_addr]\nif { [class match $a equals nets] } { snat 10.9.0.20 }'));
    expect(r.classes.every((c) => c.exact)).toBe(true);
  });

  it('stops at the run bound and reports what was not explored', () => {
    const o = opts('set a [IP::client_addr]\nif { [string length $a] > 30 } { reject }');
    const r = explain({ ...o, maxRuns: 5 });
    expect(r.runs).toBe(5);
    expect(r.unexplored.v4.ranges.length + r.unexplored.v6.ranges.length).toBeGreaterThan(0);
  });
});

describe('rules generated from the modelled tests', () => {
  const addr = fc.constantFrom('10.1.2.3', '10.1.0.0', '192.168.1.5', '172.16.0.1', '2001:db8::1', '2001:db8:1::', '0.0.0.0');
  const net = fc.constantFrom('10.0.0.0/8', '10.1.0.0/16', '192.168.1.0/24', '2001:db8::/32', '10.1.2.128/25', '0.0.0.0/1');
  const glob = fc.constantFrom('10.*', '10.1.2.*', '192.168.[0-1].*', '1?.*', '*');
  const value = fc.constantFrom('[IP::client_addr]', '$a', '$m');
  const cond = fc.oneof(
    value.map((v) => `[class match ${v} equals nets]`),
    value.map((v) => `[class lookup ${v} nets] eq "v1"`),
    fc.tuple(value, net).map(([v, n]) => `[IP::addr ${v} equals ${n}]`),
    fc.tuple(value, addr).map(([v, a]) => `${v} eq "${a}"`),
    fc.tuple(value, glob).map(([v, g]) => `[string match {${g}} ${v}]`),
    fc.tuple(value, fc.constantFrom('10.', '192.', '2001:')).map(([v, p]) => `${v} starts_with "${p}"`),
  );
  const leaf = fc.constantFrom('snat 10.9.0.30', 'snat 10.9.0.31', 'snat automap', 'pool p2', 'reject', 'drop', 'error boom', 'node 10.9.0.9 8080', '');
  const stmt: fc.Arbitrary<string> = fc.letrec((tie) => ({
    s: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.tuple(cond, tie('s'), tie('s')).map(([c, a, b]) => `if { ${c} } {\n${a}\n} else {\n${b}\n}`),
      fc.tuple(cond, cond, tie('s'), tie('s'), tie('s')).map(([c1, c2, a, b, d]) => `if { ${c1} } {\n${a}\n} elseif { ${c2} } {\n${b}\n} else {\n${d}\n}`),
      fc.tuple(value, glob, tie('s'), tie('s')).map(([v, g, a, b]) => `switch -glob ${v} {\n{${g}} {\n${a}\n}\ndefault {\n${b}\n}\n}`),
    ),
  })).s;
  it('are explained exactly and agree with plain simulation', () => {
    fc.assert(
      fc.property(stmt, (body) => {
        const o = opts(`set a [IP::client_addr]\nset m [IP::addr $a mask 255.255.0.0]\n${body}`);
        const r = explain(o);
        expect(r.classes.every((c) => c.exact), `${body}\n${JSON.stringify(r.classes.map((c) => c.approximations))}`).toBe(true);
        expect(covers(r)).toBe(true);
        crossCheck(r, o, r.runs, 6);
      }),
      { numRuns: 25 },
    );
  });
});

describe('scale', () => {
  it('the bench case (10,000 nested networks, match then lookup) is exact and agrees with plain simulation', () => {
    const { config, diagnostics } = parseBigipConf(largeGroupConf(LARGE_RECORDS), {});
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(config.dataGroups['/Common/big'].records).toHaveLength(LARGE_RECORDS);
    const o: ExplainOptions = { rules: [{ name: 'r', text: LARGE_RULE }], config, version: '11.1' };
    const r = explain(o);
    expect(r.classes.map((c) => describeOutcome(c.outcome)).sort()).toEqual(['automap 10.9.0.254', 'reset', 'snat 10.9.0.10']);
    expect(r.classes.every((c) => c.exact)).toBe(true);
    expect(crossCheck(r, o, 3, 8)).toBeGreaterThan(30);
  });

  it('a rule over a 10,000-record ip data group is explained exactly in two runs per family', () => {
    const records: string[] = [];
    for (let i = 0; i < 10_000; i++) records.push(`${10 + (i % 200)}.${(i * 7) % 256}.${(i * 13) % 256}.0/24`);
    const unique = [...new Set(records)];
    const o = opts('if { [class match [IP::client_addr] equals nets] } { snat 10.9.0.40 }', unique);
    const r = explain(o);
    expect(r.runs).toBe(3); // in, not in (IPv4), and the IPv6 space
    expect(r.classes.every((c) => c.exact)).toBe(true);
    crossCheck(r, o, 1, 8);
  });
});

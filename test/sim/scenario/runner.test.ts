/**
 * `irule-sim test` as a runner: state carried between the connections of a test, changes to the
 * world (data groups, members down), per-connection requests, name order, --filter, the three
 * output formats (JUnit validated against test/report/junit.xsd with xmllint) and the exit codes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HEAD, runTests, runYaml, xmllint } from './harness.js';

const rateDir = fileURLToPath(new URL('../../../fixtures/sim/rate-limit/', import.meta.url));
/** The rate-limit scenario's rule and configuration. */
const rate = { 'rate.irule': readFileSync(path.join(rateDir, 'rate_limit.irule'), 'utf8'), 'rate.conf': readFileSync(path.join(rateDir, 'bigip.conf'), 'utf8') };
describe('state carried between the connections of a test', () => {
  it('shares the session table: the third connection of a client is rejected', async () => {
    const yaml = `bigip-conf: rate.conf\ntests:\n  - name: rate\n    rules: [rate.irule]\n    connections:\n      - { client: 10.0.0.1, expect: { action: forward } }\n      - { client: 10.0.0.1, expect: { action: forward } }\n      - { client: 10.0.0.2, expect: { action: forward } }\n      - { client: 10.0.0.1, expect: { action: reject, logs: ["rejecting 10.0.0.1: connection 3"] } }\n`;
    const r = await runYaml(yaml, rate);
    expect(r.json!.files[0].tests[0]).toMatchObject({ status: 'pass', failures: [] });
    expect(r.code).toBe(0);
  });

  it('numbers the failing connection', async () => {
    const yaml = `bigip-conf: rate.conf\ntests:\n  - name: rate\n    rules: [rate.irule]\n    connections:\n      - { client: 10.0.0.1 }\n      - { client: 10.0.0.1, expect: { action: reject } }\n`;
    const r = await runYaml(yaml, rate);
    expect(r.json!.files[0].tests[0].failures).toEqual([expect.objectContaining({ connection: 2, kind: 'action', line: 7, column: 39, expected: 'reject', actual: 'forward' })]);
    expect(r.code).toBe(1);
  });

  it('starts every test afresh: tables do not leak from one test to the next', async () => {
    const conn = '{ client: 10.0.0.1, expect: { action: forward } }';
    const yaml = `bigip-conf: rate.conf\nrules: [rate.irule]\ntests:\n  - name: a\n    connections: [${conn}, ${conn}]\n  - name: b\n    connections: [${conn}, ${conn}]\n`;
    const r = await runYaml(yaml, rate);
    expect(r.json!.summary).toMatchObject({ tests: 2, passed: 2 });
  });

  it('round robins over the pool and gives each connection its own request', async () => {
    const yaml = `${HEAD}  - name: rr\n    connections:\n      - { client: 10.0.0.1, request: "GET /a HTTP/1.1\\nHost: h\\n\\n", expect: { member: 10.10.1.11:80, server-request: { uri: /a } } }\n      - { client: 10.0.0.1, request: "GET /api/v1 HTTP/1.1\\nHost: h\\n\\n", expect: { pool: api_pool, member: 10.10.2.11:8080 } }\n      - { client: 10.0.0.1, expect: { member: 10.10.1.12:80, server-request: { uri: / } } }\n`;
    const r = await runYaml(yaml);
    expect(r.json!.files[0].tests[0].failures).toEqual([]);
    expect(r.code).toBe(0);
  });
});

describe('changing the world', () => {
  it('replaces data group records for one test only', async () => {
    const rule = 'when HTTP_REQUEST {\n    pool [class match -value [HTTP::path] starts_with uri_pools]\n}\n';
    const head = 'bigip-conf: bigip.conf\nrules: [dg.irule]\nrequest: "GET /static/x HTTP/1.1\\nHost: h\\n\\n"\ntests:\n';
    const yaml = `${head}  - name: as configured\n    expect: { pool: static_pool }\n  - name: overridden\n    datagroups: { uri_pools: [{ /static: api_pool }] }\n    expect: { pool: api_pool }\n  - name: as configured again\n    expect: { pool: static_pool }\n`;
    const r = await runYaml(yaml, { 'dg.irule': rule });
    expect(r.json!.files[0].tests.map((t) => [t.name, t.status])).toEqual([
      ['as configured', 'pass'],
      ['as configured again', 'pass'],
      ['overridden', 'pass'],
    ]);
  });

  it('takes ip data group keys with or without a prefix', async () => {
    const conf = readFileSync(fileURLToPath(new URL('../../../fixtures/seed/bigip.conf', import.meta.url)), 'utf8');
    const rule = readFileSync(fileURLToPath(new URL('../../../fixtures/seed/smtp_irule_v11.irule', import.meta.url)), 'utf8');
    const head = 'bigip-conf: seed.conf\nrules: [smtp_irule.irule]\ntests:\n';
    const yaml = `${head}  - name: network\n    client: 10.1.2.3\n    datagroups: { smtp_relay_allowed: [10.1.0.0/16] }\n    expect: { snat: 172.16.51.174 }\n  - name: host\n    client: 10.1.2.3\n    datagroups: { smtp_relay_allowed: [10.1.2.3] }\n    expect: { snat: 172.16.51.174 }\n  - name: bad key\n    datagroups: { smtp_relay_allowed: [not-an-address] }\n`;
    const r = await runYaml(yaml, { 'seed.conf': conf, 'smtp_irule.irule': rule });
    const tests = r.json!.files[0].tests;
    expect(tests.map((t) => [t.name, t.status])).toEqual([
      ['bad key', 'error'],
      ['host', 'pass'],
      ['network', 'pass'],
    ]);
    expect(tests[0].error).toBe("t.test.yaml:13:40: 'not-an-address' is not a valid key for the ip data group /Common/smtp_relay_allowed");
  });

  it('marks members down by addr:port, address or member name', async () => {
    for (const down of ['10.10.1.11:80', '10.10.1.11', '/Common/10.10.1.11:80']) {
      const yaml = `${HEAD}  - name: down\n    members-down: ["${down}"]\n    connections:\n      - { expect: { member: 10.10.1.12:80 } }\n      - { expect: { member: 10.10.1.12:80 } }\n`;
      const r = await runYaml(yaml);
      expect(r.json!.files[0].tests[0].failures, down).toEqual([]);
    }
  });
});

describe('order, filter and formats', () => {
  const yaml = `${HEAD}  - name: zeta passes\n    expect: { pool: web_pool }\n  - name: alpha fails\n    expect: { pool: api_pool }\n  - name: mid passes\n    expect: { action: forward }\n`;

  it('runs the tests of a file in name order, and files in path order', async () => {
    const r = await runTests({ 'b.test.yaml': yaml, 'sub/a.test.yaml': `${HEAD.replace(/bigip\.conf|web\.irule/g, '../$&')}  - name: only\n` }, ['-f', 'json', '.']);
    expect(r.json!.files.map((f) => [f.file, f.tests.map((t) => t.name)])).toEqual([
      ['b.test.yaml', ['alpha fails', 'mid passes', 'zeta passes']],
      [path.join('sub', 'a.test.yaml'), ['only']],
    ]);
    expect(r.code).toBe(1);
  });

  it('--filter runs only the tests whose name contains the text', async () => {
    const r = await runTests({ 't.test.yaml': yaml }, ['--filter', 'passes', 't.test.yaml']);
    expect(r.stdout).toBe('PASS  t.test.yaml  mid passes\nPASS  t.test.yaml  zeta passes\n\n2 tests: 2 passed\n');
    expect(r.code).toBe(0);
    const none = await runTests({ 't.test.yaml': yaml }, ['--filter', 'nothing', 't.test.yaml']);
    expect(none.stderr).toBe("irule-sim test: no test name contains 'nothing'\n");
    expect(none.code).toBe(2);
  });

  it('writes JUnit XML that the JUnit schema accepts, with failures and errors counted', async () => {
    const bad = `${HEAD}  - name: a & <b>\n    datagroups: { nope: [] }\n`;
    const r = await runTests({ 't.test.yaml': yaml, 'u.test.yaml': bad, 'v.test.yaml': 'tests: [\n' }, ['-f', 'junit', '.']);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="irule-sim test" tests="5" failures="1" errors="2" time="[\d.]+">\n/);
    expect(r.stdout).toContain('<testsuite name="t.test.yaml" tests="3" failures="1" errors="0" skipped="0"');
    expect(r.stdout).toContain('<testcase name="a &amp; &lt;b&gt;" classname="u.test.yaml" file="u.test.yaml" line="5"');
    expect(r.stdout).toContain('<failure message="pool: expected api_pool, got /Common/web_pool" type="pool">t.test.yaml:8:15: pool: expected api_pool, got /Common/web_pool\n  decided by the virtual server&apos;s default pool</failure>'.replace('&apos;', "'"));
    expect(r.stdout).toContain('<testcase name="(load)" classname="v.test.yaml"');
    const v = xmllint(r.stdout);
    expect(v.out).toContain('validates');
    expect(v.status).toBe(0);
  });

  it('the schema check can fail: xmllint rejects a report that breaks the format', () => {
    const broken = '<?xml version="1.0"?>\n<testsuites><testsuite tests="-1"><testcase/></testsuite></testsuites>\n';
    const v = xmllint(broken);
    expect(v.status).not.toBe(0);
    expect(v.out).toMatch(/attribute 'name' is required|'-1' is not a valid value/);
  });

  it('prints the text report with failures in detail and a summary', async () => {
    const r = await runTests({ 't.test.yaml': yaml }, ['t.test.yaml']);
    expect(r.stdout).toBe(
      [
        'FAIL  t.test.yaml  alpha fails',
        'PASS  t.test.yaml  mid passes',
        'PASS  t.test.yaml  zeta passes',
        '',
        'FAIL alpha fails (t.test.yaml:7:5)',
        '  t.test.yaml:8:15: pool: expected api_pool, got /Common/web_pool',
        "    decided by the virtual server's default pool",
        '',
        '3 tests: 2 passed, 1 failed',
        '',
      ].join('\n'),
    );
  });

  it('shows its own help, and the main help points to it', async () => {
    const r = await runTests({}, ['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: irule-sim test \[options\] <test files or folders\.\.\.>/);
    expect(r.stdout).toContain('--filter <text>');
    expect(r.stdout).toContain('"text", "junit", "json"');
    expect(r.stdout).toContain('Exit codes: 0 all tests passed, 1 a test failed, 2 a bad test file');
    expect(r.stdout).toContain('are shown with the test and do not fail it; `expect: { notes: [] }` asks for a run without any.');
  });
});

describe('per-connection events', () => {
  it('fires only the events a connection lists, and the test default for the others', async () => {
    const rule = 'when CLIENT_ACCEPTED {\n    log local0. "accepted"\n}\nwhen HTTP_REQUEST {\n    log local0. "request"\n}\n';
    const yaml = `${HEAD.replace('web.irule', 'ev.irule')}  - name: ev\n    events: [CLIENT_ACCEPTED, HTTP_REQUEST]\n    connections:\n      - { expect: { events: [CLIENT_ACCEPTED, HTTP_REQUEST] } }\n      - { events: [HTTP_REQUEST], expect: { events: [HTTP_REQUEST], logs: [request] } }\n      - { expect: { events: [CLIENT_ACCEPTED, HTTP_REQUEST] } }\n`;
    const r = await runYaml(yaml, { 'ev.irule': rule });
    expect(r.json!.files[0].tests[0].failures).toEqual([]);
    expect(r.code).toBe(0);
  });
});

describe('bigip.conf problems', () => {
  /** A bigip.conf with an unreadable record (line 4) and a virtual server naming two iRules (line 14). */
  const BAD = [
    'ltm data-group internal /Common/blocklist {',
    '    records {',
    '        10.0.0.1/32 { }',
    '        not-an-ip { }',
    '    }',
    '    type ip',
    '}',
    'ltm pool /Common/web_pool { members { /Common/10.10.1.11:80 { address 10.10.1.11 } } }',
    'ltm pool /Common/api_pool { members { /Common/10.10.2.11:8080 { address 10.10.2.11 } } }',
    'ltm virtual /Common/vs {',
    '    destination /Common/192.0.2.80:80',
    '    ip-protocol tcp',
    '    pool /Common/web_pool',
    '    rules { /Common/web /Common/other }',
    '}',
    '',
  ].join('\n');
  const test = (name: string) => `bigip-conf: bad.conf\nrules: [web.irule]\ntests:\n  - name: ${name}\n    expect: { pool: web_pool }\n`;
  const INVALID = "warning: bad.conf:4:9: invalid IP address or network 'not-an-ip' in data group /Common/blocklist (type ip) (config-invalid)";
  const DANGLING = 'warning: bad.conf:14:25: virtual /Common/vs refers to iRule /Common/other, which is not defined (config-reference)';
  // Two files read bad.conf, a third the clean bigip.conf.
  const files = { 'bad.conf': BAD, 'a.test.yaml': test('a'), 'b.test.yaml': test('b'), 'c.test.yaml': `${HEAD}  - name: c\n` };

  it('lists them before the tests in text, once for a bigip.conf that several files read, and the tests still run and decide the exit code', async () => {
    const r = await runTests(files, ['.']);
    // The simulator also notes, under each test over bad.conf, that the virtual server has a rule the test does not give.
    const note = '  note: /Common/vs also has /Common/other attached in the configuration; only the given iRules are simulated';
    expect(r.stdout).toBe([INVALID, DANGLING, 'PASS  a.test.yaml  a', note, 'PASS  b.test.yaml  b', note, 'PASS  c.test.yaml  c', '', '3 tests: 3 passed (2 with notes from the simulator)', ''].join('\n'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('a rule the virtual server names is no problem when a test of the file gives it', async () => {
    const r = await runTests({ 'bad.conf': BAD, 'other.irule': 'when HTTP_REQUEST { pool web_pool }\n', 'a.test.yaml': `${test('a')}  - name: with other\n    rules: [web.irule, other.irule]\n` }, ['a.test.yaml']);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('warning: '))).toEqual([INVALID]);
  });

  it('lists them per file in JSON (configProblems, configProblemsOmitted), only for a file whose bigip.conf has some', async () => {
    const r = await runTests(files, ['-f', 'json', '.']);
    const json = JSON.parse(r.stdout) as { files: ({ file: string } & Record<string, unknown>)[] };
    const [a, b, c] = json.files;
    for (const f of [a, b]) {
      expect(Object.keys(f)).toEqual(['file', 'problems', 'tests', 'configProblems', 'configProblemsOmitted']);
      expect(f.configProblems).toEqual([
        { file: 'bad.conf', line: 4, column: 9, severity: 'warning', ruleId: 'config-invalid', message: expect.stringContaining("'not-an-ip'") as string },
        { file: 'bad.conf', line: 14, column: 25, severity: 'warning', ruleId: 'config-reference', message: expect.stringContaining('/Common/other') as string },
      ]);
      expect(f.configProblemsOmitted).toBe(0);
    }
    expect(Object.keys(c)).toEqual(['file', 'problems', 'tests']);
    expect(r.code).toBe(0);
  });

  it("lists them in JUnit as the suite's system-out, which the JUnit schema accepts; a clean file's suite has none", async () => {
    const r = await runTests({ ...files, 'd.test.yaml': 'bigip-conf: bad.conf\ntests: [\n' }, ['-f', 'junit', '.']);
    const suites = r.stdout.split('<testsuite ').slice(1);
    expect(suites).toHaveLength(4);
    for (const s of suites.slice(0, 2)) {
      expect(s).toContain('errors="0" skipped="0"');
      expect(s).toContain(`<system-out>${xmlText(INVALID)}\n${xmlText(DANGLING)}</system-out>\n  </testsuite>`);
    }
    expect(suites[2]).not.toContain('system-out');
    // A test file that does not load: its bigip.conf's problems are not read, only the file's own.
    expect(suites[3]).not.toContain('system-out');
    const v = xmllint(r.stdout);
    expect(v.out).toContain('validates');
    expect(v.status).toBe(0);
  });

  it('lists at most 100 and counts the rest, in every format', async () => {
    const records = Array.from({ length: 105 }, (_, i) => `        bad-${i} { }`).join('\n');
    const conf = `ltm data-group internal /Common/blocklist {\n    records {\n${records}\n    }\n    type ip\n}\n${BAD.slice(BAD.indexOf('ltm pool'))}`;
    const only = { 'bad.conf': conf, 'other.irule': 'when HTTP_REQUEST { pool web_pool }\n', 'a.test.yaml': `${test('a')}  - name: b\n    rules: [web.irule, other.irule]\n` };
    const text = await runTests(only, ['a.test.yaml']);
    const warnings = text.stdout.split('\n').filter((l) => l.startsWith('warning: '));
    expect(warnings).toHaveLength(101);
    expect(warnings[100]).toBe('warning: 5 more bigip.conf problems are not listed (only the first 100 are)');
    const json = JSON.parse((await runTests(only, ['-f', 'json', 'a.test.yaml'])).stdout) as { files: { configProblems: unknown[]; configProblemsOmitted: number }[] };
    expect(json.files[0].configProblems).toHaveLength(100);
    expect(json.files[0].configProblemsOmitted).toBe(5);
    const junit = (await runTests(only, ['-f', 'junit', 'a.test.yaml'])).stdout;
    expect(junit).toContain('\nwarning: 5 more bigip.conf problems are not listed (only the first 100 are)</system-out>');
    expect(xmllint(junit).status).toBe(0);
  });
});

/** Text as the JUnit report escapes it in an element. */
function xmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

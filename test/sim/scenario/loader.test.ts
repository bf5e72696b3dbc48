/**
 * The test-file loader's errors: YAML syntax, unknown keys with a did-you-mean, wrong types, bad
 * addresses, missing files; each at file:line:column, all of a file at once, exit code 2.
 */
import { describe, expect, it } from 'vitest';
import { HEAD, runTests, runYaml } from './harness.js';

/** The problems of a one-file run as `line:column: message`, and its exit code. */
async function problems(yaml: string, extra: Record<string, string> = {}): Promise<{ code: number; list: string[] }> {
  const r = await runYaml(yaml, extra);
  expect(r.stderr).toBe('');
  const f = r.json!.files[0];
  expect(f.tests).toEqual([]);
  return { code: r.code, list: f.problems.map((p) => `${p.line}:${p.column}: ${p.message}`) };
}

describe('test file loader', () => {
  it('reports a YAML syntax error with its place', async () => {
    const { code, list } = await problems(`${HEAD}  - name: a\n    expect: { pool: [x }\n`);
    expect(code).toBe(2);
    expect(list.length).toBeGreaterThan(0);
    expect(list[0]).toMatch(/^6:\d+: /);
    expect(list.join('\n')).not.toMatch(/line \d+, column/);
  });

  it('reports unknown keys at every level with a did-you-mean', async () => {
    const yaml = `bigip-conf: bigip.conf\nrule: [web.irule]\ntests:\n  - name: a\n    clent: 10.0.0.1\n    expect: { pol: web_pool }\n  - name: b\n    connections:\n      - { client: 10.0.0.1, reqest: x }\n`;
    const { code, list } = await problems(yaml);
    expect(code).toBe(2);
    expect(list).toEqual([
      expect.stringMatching(/^2:1: unknown key 'rule' in the test file \(did you mean 'rules'\?\); known keys: bigip-conf, /),
      expect.stringMatching(/^5:5: unknown key 'clent' in a test \(did you mean 'client'\?\)/),
      expect.stringMatching(/^6:15: unknown key 'pol' in expect \(did you mean 'pool'\?\)/),
      expect.stringMatching(/^9:29: unknown key 'reqest' in a connection \(did you mean 'request'\?\)/),
    ]);
  });

  it('gives no did-you-mean when nothing is close', async () => {
    const { list } = await problems(`${HEAD}  - name: a\n    zzzzzzzz: 1\n`);
    expect(list).toEqual([expect.stringMatching(/^6:5: unknown key 'zzzzzzzz' in a test; known keys: /)]);
  });

  it('reports wrong types', async () => {
    const yaml = `${HEAD}  - name: a\n    client: [10.0.0.1]\n    expect:\n      response: { status: ok }\n      action: fwd\n      logs: { a: b }\n  - name: [x]\n  - just text\n`;
    const { list } = await problems(yaml);
    expect(list).toEqual([
      '6:13: client must be a text value',
      '8:27: response status must be a whole number',
      "9:15: action must be one of forward, reject, drop, respond, redirect, not 'fwd'",
      '10:13: each entry of logs must be a text value',
      '11:11: name must be a text value',
      '12:5: a test must be a mapping (key: value)',
    ]);
  });

  it('reports bad addresses, versions, events and requests', async () => {
    const yaml = `${HEAD}  - name: a\n    client: 10.0.0.300\n    bigip-version: "8.1"\n    events: [HTTP_REQEST]\n    request: "not a request"\n    expect: { snat: web_pool, member: "10.0.0.1:99999" }\n    destination: 10.0.0.1:70000\n`;
    const { list } = await problems(yaml);
    expect(list).toEqual([
      "6:13: client: bad client address '10.0.0.300' (expected IPv4 or IPv6, optionally with %route-domain and :port)",
      "7:20: bigip-version '8.1' is older than BIG-IP 9.0, the first version with iRules",
      "8:14: unknown event 'HTTP_REQEST' (did you mean HTTP_REQUEST?)",
      '9:14: request: line 1: expected a request line such as "GET /path HTTP/1.1", not "not a request"',
      "10:21: snat expects the IP address the server sees (or null), not 'web_pool'",
      "10:39: member expects addr:port ([v6]:port) or an address (or null), not '10.0.0.1:99999'",
      "11:18: destination: bad destination port in '10.0.0.1:70000' (expected 1-65535)",
    ]);
  });

  it('reports missing names, duplicate names, an empty list and misplaced keys', async () => {
    const yaml = `${HEAD}  - client: 10.0.0.1\n  - name: a\n  - name: a\n  - name: b\n    expect: { pool: x }\n    connections:\n      - { client: 10.0.0.1, expect: { refused: true } }\n`;
    const { list } = await problems(yaml);
    expect(list).toEqual([
      "5:5: a test needs a 'name'",
      "7:5: a test named 'a' is already at line 6; test names must be unique in a file",
      "9:5: a test with 'connections' has its expectations in each connection ('expect' under the connection)",
      "11:39: 'refused' is about the whole test (the rules do not load); put it in the test's expect",
    ]);
    expect((await problems(`${HEAD}`)).list).toEqual(["4:7: tests must be a list"]);
    expect((await problems('virtual: x\n')).list).toEqual(["1:1: the test file has no 'tests' list"]);
  });

  it('reports missing and unreadable input files at the key that names them', async () => {
    const yaml = `bigip-conf: nope.conf\ntests:\n  - name: a\n    rules: [missing.irule]\n    request-file: missing.txt\n`;
    const { code, list } = await problems(yaml);
    expect(code).toBe(2);
    expect(list).toEqual([
      "1:13: cannot read bigip.conf 'nope.conf': no such file or directory",
      "4:12: rules: cannot read 'missing.irule': no such file or directory",
      "5:19: cannot read request file 'missing.txt': no such file or directory",
    ]);
  });

  it('reports an unknown data group (with a did-you-mean) and a member that matches nothing when the test runs', async () => {
    const r = await runYaml(`${HEAD}  - name: a\n    datagroups: { uri_pool: [/x] }\n    members-down: [10.9.9.9:80]\n`);
    const t = r.json!.files[0].tests[0];
    expect(t.status).toBe('error');
    expect(t.error).toBe(
      "t.test.yaml:6:19: no data group named 'uri_pool' in the configuration (did you mean uri_pools?)\nt.test.yaml:7:20: no pool member matches '10.9.9.9:80' (give addr:port, an address, or a member or node name)",
    );
    expect(r.code).toBe(2);
  });

  it('runs the good files when another one is bad, and still exits 2', async () => {
    const r = await runTests({ 'a.test.yaml': `${HEAD}  - name: ok\n    expect: { pool: web_pool }\n`, 'b.test.yaml': 'tests: [\n' }, ['-f', 'json', '.']);
    expect(r.json!.files.map((f) => [f.file, f.problems.length, f.tests.map((t) => t.status)])).toEqual([
      ['a.test.yaml', 0, ['pass']],
      ['b.test.yaml', 1, []],
    ]);
    expect(r.code).toBe(2);
  });

  it('is a usage error (exit 2) when no test file is found, or the format is unknown', async () => {
    const none = await runTests({}, ['.']);
    expect(none).toMatchObject({ code: 2, stdout: '', stderr: "irule-sim test: no *.test.yaml files found in '.'\n" });
    const bad = await runTests({}, ['-f', 'xml', '.']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^irule-sim test: .*xml.*\(see irule-sim test --help\)\n$/);
  });
});

describe('test file loader on arbitrary input', () => {
  it('never crashes: any document is run or reported (no internal error)', async () => {
    const fc = await import('fast-check');
    const { stringify } = await import('yaml');
    const { runSim } = await import('../../../src/cli/sim/run.js');
    const { tempTree } = await import('../../cli/helpers.js');
    const keys = ['bigip-conf', 'rules', 'tests', 'name', 'client', 'request', 'payload', 'events', 'expect', 'connections', 'datagroups', 'members-down', 'snat', 'pool', 'member', 'action', 'response', 'server-request', 'logs', 'error', 'refused', 'status', 'headers', 'body', 'bigip-version', 'virtual', 'x'];
    const leaf = fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.double(), fc.string({ maxLength: 12 }), fc.constantFrom('10.0.0.1', 'web.irule', 'bigip.conf', 'HTTP_REQUEST', 'forward', '11.1'));
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(fc.constantFrom(...keys), tie('node'), { maxKeys: 4 })),
    })).node;
    const tree = await tempTree({ 'bigip.conf': '', 'web.irule': 'when HTTP_REQUEST {\n    pool web_pool\n}\n' });
    try {
      await fc.assert(
        fc.asyncProperty(fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 5 }), async (doc) => {
          const { writeFileSync } = await import('node:fs');
          writeFileSync(`${tree.dir}/f.test.yaml`, stringify(doc));
          let stderr = '';
          const code = await runSim(['test', '-f', 'json', 'f.test.yaml'], { stdout: () => undefined, stderr: (s) => void (stderr += s), readStdin: async () => new Uint8Array(), cwd: tree.dir });
          expect(stderr).not.toContain('internal error');
          expect([0, 1, 2]).toContain(code);
        }),
        { numRuns: 150, seed: 13 },
      );
    } finally {
      await tree.cleanup();
    }
  });
});

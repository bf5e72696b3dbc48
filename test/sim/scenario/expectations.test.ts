/**
 * Every expectation kind of `irule-sim test`, once passing and once failing: a failure names the
 * file:line:column of the expectation, expected and actual, and the rule line that decided it.
 */
import { describe, expect, it } from 'vitest';
import { HEAD, runYaml } from './harness.js';

/** A test file with one test (line 5) whose expect mapping is on line 8, one key per line from line 9. */
function single(uri: string, expectLines: string[], extra = ''): string {
  return `${HEAD}  - name: t\n    request: "GET ${uri} HTTP/1.1\\nHost: www.example.com\\nUser-Agent: curl\\n\\n"\n    client: 203.0.113.7\n    expect:\n${expectLines.map((l) => `      ${l}\n`).join('')}${extra}`;
}

/** Runs a one-test file and returns its test outcome. */
async function outcome(yaml: string) {
  const r = await runYaml(yaml);
  expect(r.stderr).toBe('');
  expect(r.json, r.stdout).toBeDefined();
  const f = r.json!.files[0];
  expect(f.problems).toEqual([]);
  return { code: r.code, test: f.tests[0], summary: r.json!.summary };
}

describe('expectations that hold pass (exit 0)', () => {
  it.each([
    ['snat, snat-type, pool, member of an /api request', '/api/x', ['snat: 10.10.0.99', 'snat-type: address', 'pool: api_pool', 'member: 10.10.2.11:8080', 'action: forward']],
    ['snat of automap and the default pool', '/', ['snat: 10.10.0.2', 'snat-type: automap', 'pool: /Common/web_pool', 'member: 10.10.1.11']],
    ['a redirect', '/old', ['action: redirect', 'response: { status: 302, headers: { Location: "https://www.example.com/new" } }', 'pool: null', 'snat: null', 'server-request: null']],
    ['a response and its body', '/teapot', ['action: respond', 'response: { status: 418, headers: { X-Tea: earl-grey, Location: null }, body: stout }']],
    ['the request the server receives', '/x', ['server-request: { method: GET, uri: /x, version: "1.1", headers: { User-Agent: null, x-seen: "yes", Host: www.example.com } }', 'response: null']],
    ['logs in order, each a part of a line', '/x', ['logs: ["uri /x", done]']],
    ['no logs', '/old', ['logs: []']],
    ['events fired', '/x', ['events: [HTTP_REQUEST]']],
    ['a reject', '/deny', ['action: reject', 'pool: null']],
    ['no error', '/x', ['error: null']],
    ['an error by its message', '/boom', ['error: divide by zero', 'action: reject']],
  ])('%s', async (_name, uri, lines) => {
    const { code, test, summary } = await outcome(single(uri, lines));
    expect(test.failures).toEqual([]);
    expect(test.status).toBe('pass');
    expect(summary).toMatchObject({ tests: 1, passed: 1 });
    expect(code).toBe(0);
  });
});

describe('expectations that do not hold fail (exit 1) and say where and why', () => {
  it.each([
    ['snat', '/api', 'snat: 10.10.0.2', { expected: '10.10.0.2', actual: '10.10.0.99', decidedBy: 'web.irule:19 (/Common/web line 19)' }],
    ['snat-type', '/api', 'snat-type: automap', { expected: 'automap', actual: 'address', decidedBy: 'web.irule:19 (/Common/web line 19)' }],
    ['snat of the virtual server', '/', 'snat: 10.10.0.99', { expected: '10.10.0.99', actual: '10.10.0.2', decidedBy: "the virtual server's source-address-translation" }],
    ['pool', '/api', 'pool: web_pool', { expected: 'web_pool', actual: '/Common/api_pool', decidedBy: 'web.irule:18 (/Common/web line 18)' }],
    ['pool by default', '/', 'pool: api_pool', { expected: 'api_pool', actual: '/Common/web_pool', decidedBy: "the virtual server's default pool" }],
    ['member', '/api', 'member: 10.10.2.12:8080', { expected: '10.10.2.12:8080', actual: '10.10.2.11:8080', decidedBy: 'web.irule:18 (/Common/web line 18)' }],
    ['action', '/old', 'action: forward', { expected: 'forward', actual: 'redirect (302)', decidedBy: 'web.irule:3 (/Common/web line 3)' }],
    ['action redirect', '/teapot', 'action: redirect', { expected: 'redirect', actual: 'respond', decidedBy: 'web.irule:14 (/Common/web line 14)' }],
    ['action reject', '/x', 'action: reject', { expected: 'reject', actual: 'forward' }],
    ['action after an error', '/boom', 'action: forward', { expected: 'forward', actual: 'reject', decidedBy: 'web.irule:11 (/Common/web line 11, error)' }],
    ['response', '/x', 'response: { status: 200 }', { kind: 'response', expected: 'a response from BIG-IP', actual: 'none' }],
    ['response absent', '/old', 'response: null', { expected: 'no response', actual: 'status 302' }],
    ['server-request absent', '/x', 'server-request: null', { expected: 'no server-request', actual: 'GET /x' }],
    ['logs', '/x', 'logs: [never]', { column: 14, expected: 'a log line containing "never"', actual: '["Rule /Common/web <HTTP_REQUEST>: uri /x","Rule /Common/web <HTTP_REQUEST>: done"]' }],
    ['logs none', '/x', 'logs: []', { expected: 'no log lines' }],
    ['events', '/x', 'events: [CLIENT_ACCEPTED, HTTP_REQUEST]', { expected: '["CLIENT_ACCEPTED","HTTP_REQUEST"]', actual: '["HTTP_REQUEST"]' }],
    ['error null', '/boom', 'error: null', { expected: 'no error', actual: 'divide by zero', decidedBy: 'web.irule:11 (/Common/web line 11)' }],
    ['error text', '/boom', 'error: no such thing', { expected: 'an error containing "no such thing"', actual: 'divide by zero' }],
    ['error missing', '/x', 'error: divide', { expected: 'an error containing "divide"', actual: 'no error' }],
  ])('%s', async (name, uri, line, want) => {
    const { code, test, summary } = await outcome(single(uri, [line]));
    expect(test.status).toBe('fail');
    expect(test.failures).toHaveLength(1);
    const kind = line.slice(0, line.indexOf(':'));
    expect(test.failures[0]).toMatchObject({ line: 9, column: 7, kind, ...want });
    if (!('decidedBy' in want) && !['logs', 'events', 'error', 'response', 'server-request'].includes(kind)) expect(test.failures[0].decidedBy, name).toBeNull();
    expect(summary).toMatchObject({ tests: 1, failed: 1 });
    expect(code).toBe(1);
  });

  it('reports each mismatched field of a message at the field', async () => {
    const { test } = await outcome(single('/teapot', ['response:', '  status: 200', '  headers: { X-Tea: green, X-Other: "1" }', '  body: kettle']));
    expect(test.failures.map((f) => [f.kind, f.line, f.column, f.expected, f.actual])).toEqual([
      ['response.status', 10, 9, '200', '418'],
      ['response.headers.X-Tea', 11, 20, 'green', 'earl-grey'],
      ['response.headers.X-Other', 11, 34, '1', 'absent'],
      ['response.body', 12, 9, 'a body containing "kettle"', '"short and stout"'],
    ]);
    expect(test.failures.every((f) => f.decidedBy === 'web.irule:14 (/Common/web line 14)')).toBe(true);
  });

  it('checks the forwarded request header by header', async () => {
    const { test } = await outcome(single('/x', ['server-request: { method: POST, uri: /y, headers: { User-Agent: curl, X-Seen: null } }']));
    expect(test.failures.map((f) => [f.kind, f.expected, f.actual])).toEqual([
      ['server-request.method', 'POST', 'GET'],
      ['server-request.uri', '/y', '/x'],
      ['server-request.headers.User-Agent', 'curl', 'absent'],
      ['server-request.headers.X-Seen', 'absent', 'yes'],
    ]);
  });

  it('reports a log entry out of order at the entry, saying it was logged earlier', async () => {
    const { test } = await outcome(single('/x', ['logs:', '  - done', '  - uri']));
    expect(test.failures).toEqual([expect.objectContaining({ kind: 'logs', line: 11, column: 11, expected: 'a log line containing "uri" after the previous entry (it was logged earlier)' })]);
  });

  it('lists every failed expectation of a test, in the order written', async () => {
    const { test } = await outcome(single('/api', ['pool: web_pool', 'snat: 1.2.3.4', 'action: forward']));
    expect(test.failures.map((f) => [f.kind, f.line])).toEqual([
      ['pool', 9],
      ['snat', 10],
    ]);
  });

  it('prints the failure in text with the test name, place, expected, actual and deciding line', async () => {
    const { runTests } = await import('./harness.js');
    const r = await runTests({ 't.test.yaml': single('/api', ['pool: web_pool']) }, ['t.test.yaml']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        'FAIL  t.test.yaml  t',
        '',
        'FAIL t (t.test.yaml:5:5)',
        '  t.test.yaml:9:7: pool: expected web_pool, got /Common/api_pool',
        '    decided by web.irule:18 (/Common/web line 18)',
        '',
        '1 test: 0 passed, 1 failed',
        '',
      ].join('\n'),
    );
  });
});

describe('refused', () => {
  const broken = 'when HTTP_REQUEST {\n    HTTP::respond 200 content [\n}\n';
  const refusedYaml = (value: string) => `bigip-conf: bigip.conf\nrules: [bad.irule]\nvirtual: www_vs\ntests:\n  - name: r\n    expect: { refused: ${value} }\n`;

  it('passes when BIG-IP would not load the rule', async () => {
    const r = await runYaml(refusedYaml('true'), { 'bad.irule': broken });
    expect(r.json!.files[0].tests[0]).toMatchObject({ status: 'pass' });
    expect(r.code).toBe(0);
  });

  it('fails when the load error does not contain the text', async () => {
    const r = await runYaml(refusedYaml('"no such words"'), { 'bad.irule': broken });
    expect(r.json!.files[0].tests[0].failures).toEqual([expect.objectContaining({ kind: 'refused', line: 6, column: 15, expected: 'a load error containing "no such words"' })]);
    expect(r.code).toBe(1);
  });

  it('fails when the rules load', async () => {
    const r = await runYaml(refusedYaml('true').replace('bad.irule', 'web.irule'));
    expect(r.json!.files[0].tests[0].failures).toEqual([expect.objectContaining({ kind: 'refused', expected: 'BIG-IP refuses the rules', actual: 'the rules load' })]);
    expect(r.code).toBe(1);
  });

  it('is exit 2 when a test did not expect it', async () => {
    const r = await runYaml('bigip-conf: bigip.conf\nrules: [bad.irule]\nvirtual: www_vs\ntests:\n  - name: r\n    expect: { action: forward }\n', { 'bad.irule': broken });
    const t = r.json!.files[0].tests[0];
    expect(t.status).toBe('error');
    expect(t.error).toMatch(/^t\.test\.yaml:5:5: BIG-IP would not load the rules \(expect refused if that is the point\):\nbad\.irule:2:\d+: /);
    expect(r.code).toBe(2);
  });
});

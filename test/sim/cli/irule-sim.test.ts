/**
 * `irule-sim` end to end: the seed story through the command line (text and JSON), and the
 * input problems that exit with 2 and one line on stderr.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDir, sim } from './run-sim.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

let tmp = '';
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'irule-sim-test-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('irule-sim on the seed story', () => {
  it('prints one block per client (text)', async () => {
    const r = await sim(['smtp_irule_v11.irule', '--bigip-conf', 'bigip.conf', '--bigip-version', '11.1', '--client', '172.16.51.21', '--client', '172.16.51.23']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        'irule-sim: /Common/SMTP_VS (172.16.51.174:25), BIG-IP 11.1, rules: /Common/smtp_irule_v11',
        'flow: CLIENT_ACCEPTED > CLIENT_DATA > LB_SELECTED > SA_PICKED > SERVER_INIT > SERVER_CONNECTED > SERVER_DATA > SERVER_CLOSED > CLIENT_CLOSED',
        'note: /Common/SMTP_VS also has /Common/smtp_irule attached in the configuration; only the given iRules are simulated',
        '',
        'client 172.16.51.21 (port 49152)',
        '  events   CLIENT_ACCEPTED',
        '  snat     172.16.51.174 (set by the iRule)',
        '  server   172.16.51.31:25 in /Common/smtp_pool',
        '  action   forward',
        '',
        'client 172.16.51.23 (port 49153)',
        '  events   CLIENT_ACCEPTED',
        '  snat     172.16.51.175 (automap, set by the iRule)',
        '  server   172.16.51.32:25 in /Common/smtp_pool',
        '  action   forward',
        '',
      ].join('\n'),
    );
  });

  it('reports the runtime error of the SNAT-pool variant as a result, exit 0 (JSON)', async () => {
    const r = await sim(['o365-smtp-relay_irule.irule', '--bigip-conf', 'bigip.conf', '--bigip-version', '11.1', '--client', '172.16.51.21', '--client', '172.16.51.23', '--format', 'json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out.results[0])).toEqual(['client', 'virtual', 'events', 'snat', 'pool', 'member', 'action', 'response', 'logs', 'error', 'clientPort', 'request', 'notModelled', 'notes']);
    expect(out.results[0].error.tmmLog).toBe('TCL error: /Common/o365-smtp-relay_irule <CLIENT_ACCEPTED> - bad IP address format (line 7) invoked from within "snat $accepted_snat"');
    expect(out.results[1].snat).toEqual({ type: 'automap', address: '172.16.51.175', snatpool: null, decidedBy: 'irule' });
  });

  it('reads clients from a file with comments, IPv6 and route domains', async () => {
    const file = path.join(tmp, 'clients.txt');
    await writeFile(file, '# allowed\n172.16.51.21\n\n172.16.51.23:40000  # not allowed\n2001:db8::5\n[2001:db8::6]:1234\n10.1.1.1%0\n');
    const r = await sim(['smtp_irule_v11.irule', '--bigip-conf', 'bigip.conf', '--clients', file, '-f', 'json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.results.map((x: { client: string; clientPort: number }) => `${x.client} ${x.clientPort}`)).toEqual([
      '172.16.51.21 49152',
      '172.16.51.23 40000',
      '2001:db8::5 49154',
      '2001:db8::6 1234',
      '10.1.1.1 49156',
    ]);
  });

  it('reads external data groups from their files (next to bigip.conf, or --external)', async () => {
    const conf = [
      'ltm data-group external /Common/blocked {',
      '    external-file-name /Common/blocked_file',
      '    type ip',
      '}',
      'sys file data-group /Common/blocked_file {',
      '    source-path file:/var/tmp/blocked.txt',
      '    type ip',
      '}',
      'ltm pool /Common/p { members { /Common/10.0.0.11:80 { address 10.0.0.11 } } }',
      'ltm virtual /Common/vs { destination /Common/10.0.0.100:80 pool /Common/p profiles { /Common/tcp { } } }',
      '',
    ].join('\n');
    const rule = 'when CLIENT_ACCEPTED { if { [class match [IP::client_addr] equals blocked] } { log local0. [class match -value [IP::client_addr] equals blocked]; drop } }\n';
    const ext = path.join(tmp, 'ext');
    await import('node:fs/promises').then((fs) => fs.mkdir(ext, { recursive: true }));
    await writeFile(path.join(ext, 'bigip.conf'), conf);
    await writeFile(path.join(ext, 'block.irule'), rule);
    await writeFile(path.join(ext, 'blocked.txt'), 'network 10.66.0.0/16,\nhost 10.77.0.1 := "one host",\n');
    await writeFile(path.join(ext, 'other.txt'), 'host 10.88.0.1 := "other",\n');
    const auto = JSON.parse((await sim(['block.irule', '--bigip-conf', 'bigip.conf', '--client', '10.77.0.1', '--client', '10.66.1.1', '--client', '10.1.1.1', '-f', 'json'], ext)).stdout);
    expect(auto.results.map((r: { action: string }) => r.action)).toEqual(['drop', 'drop', 'forward']);
    expect(auto.results[0].logs).toEqual(['Rule /Common/block <CLIENT_ACCEPTED>: one host']);
    const given = JSON.parse((await sim(['block.irule', '--bigip-conf', 'bigip.conf', '--external', 'blocked=other.txt', '--client', '10.88.0.1', '-f', 'json'], ext)).stdout);
    expect(given.results[0].action).toBe('drop');
  });

  it('says when it runs without a configuration', async () => {
    const r = await sim(['smtp_irule_v11.irule', '--client', '10.0.0.1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('note: no bigip.conf given: simulating on an empty default configuration');
  });
});

describe('irule-sim input problems exit 2 with one line', () => {
  const cases: [string, string[], RegExp][] = [
    ['a bad client address', ['smtp_irule_v11.irule', '--client', '172.16.51.300'], /^irule-sim: --client: bad client address '172\.16\.51\.300'/],
    ['a bad client port', ['smtp_irule_v11.irule', '--client', '10.0.0.1:99999'], /bad client port/],
    ['a missing rule file', ['nope.irule'], /^irule-sim: cannot read 'nope\.irule': no such file or directory\n$/],
    ['a missing bigip.conf', ['smtp_irule_v11.irule', '--bigip-conf', 'missing.conf'], /cannot read bigip\.conf 'missing\.conf'/],
    ['an unknown event', ['smtp_irule_v11.irule', '--event', 'NOT_AN_EVENT'], /unknown event 'NOT_AN_EVENT'/],
    ['a bad version', ['smtp_irule_v11.irule', '--bigip-version', 'eleven'], /--bigip-version expects/],
    ['an unknown virtual server', ['smtp_irule_v11.irule', '--bigip-conf', 'bigip.conf', '--virtual', 'nope'], /no virtual server named 'nope' \(the configuration has: \/Common\/SMTP_VS\)/],
    ['no files', [], /no iRule files given/],
    ['an unknown option', ['--frobnicate'], /unknown option '--frobnicate' \(see --help\)/],
  ];
  it.each(cases)('%s', async (_name, argv, message) => {
    const r = await sim(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a malformed iRule', async () => {
    const file = path.join(tmp, 'broken.irule');
    await writeFile(file, 'when CLIENT_ACCEPTED {\n  snat automap\n');
    const r = await sim([file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/broken\.irule:1:\d+: missing close-brace/);
  });

  it('a rule BIG-IP would not load (unknown event)', async () => {
    const file = path.join(tmp, 'unknown-event.irule');
    await writeFile(file, 'when NOT_A_REAL_EVENT {\n  snat automap\n}\n');
    const r = await sim([file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown-event\.irule:1:6: unknown event \(NOT_A_REAL_EVENT\)/);
  });

  it('refuses a rule the linter reports load errors for: one line per problem, with BIG-IP\'s message', async () => {
    const file = path.join(tmp, 'load-errors.irule');
    await writeFile(file, 'when CLIENT_ACCEPTED {\n  snat_helper 1\n  log local0. [HTTP::uri]\n}\nwhen HTTP_REQUEST priority 100 { set a 1 }\nwhen HTTP_REQUEST { set b 1 }\n');
    const r = await sim(['load-errors.irule'], tmp);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        'irule-sim: load-errors.irule:2:3: undefined procedure: snat_helper',
        'irule-sim: load-errors.irule:3:16: command is not valid in current event context (CLIENT_ACCEPTED)',
        '',
      ].join('\n'),
    );
  });

  it('a malformed bigip.conf', async () => {
    const file = path.join(tmp, 'bad.conf');
    await writeFile(file, 'ltm pool /Common/p {\n    members {\n');
    const r = await sim(['smtp_irule_v11.irule', '--bigip-conf', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/malformed bigip\.conf/);
  });

  it('a malformed request file', async () => {
    const file = path.join(tmp, 'req.txt');
    await writeFile(file, 'this is not http\n');
    const r = await sim(['smtp_irule_v11.irule', '--request', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/req\.txt: line 1: expected a request line/);
  });
});

describe('dist/cli/irule-sim.js', () => {
  it('runs as an executable', () => {
    const out = execFileSync(process.execPath, [path.join(root, 'dist/cli/irule-sim.js'), 'smtp_irule_v10.irule', '--bigip-conf', 'bigip.conf', '--bigip-version', '10.2.3', '--client', '172.16.51.21', '-f', 'json'], {
      cwd: seedDir,
      encoding: 'utf8',
    });
    expect(JSON.parse(out).results[0].snat.address).toBe('172.16.51.174');
  });

  it('exits 2 on a usage problem', () => {
    const r = spawnSync(process.execPath, [path.join(root, 'dist/cli/irule-sim.js'), '--client', 'x'], { cwd: seedDir, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^irule-sim: /);
  });
});

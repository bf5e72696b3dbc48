/**
 * `irule/simulate`: the simulator run on an open document for typed client addresses, with the
 * document's BIG-IP version and bigip.conf. In process, plus one round trip over a real JSON-RPC
 * connection to the registered handler.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocument, type AnalyzedDocument } from '../../../src/lsp/document.js';
import { parseClientInput, simulateDocument } from '../../../src/lsp/features/simulate.js';
import { parseClientList } from '../../../src/sim/irule/clients.js';
import { runSimCli } from '../../cli/helpers.js';
import { SIMULATE_REQUEST, type SimulateResult } from '../../../src/lsp/protocol.js';
import { startInProcess, type TestClient } from '../harness.js';
import { seedSettings } from '../helpers.js';

const seed = fileURLToPath(new URL('../../../fixtures/seed/', import.meta.url));
const confPath = `${seed}bigip.conf`;
const v10Path = `${seed}smtp_irule_v10.irule`;
const v11Text = readFileSync(`${seed}smtp_irule_v11.irule`, 'utf8');


/** The seed v10 rule opened at its path, with `text` as the (possibly unsaved) buffer. */
function open(text = readFileSync(v10Path, 'utf8'), settings = seedSettings(), uri = pathToFileURL(v10Path).href): AnalyzedDocument {
  return analyzeDocument(TextDocument.create(uri, 'irule', 1, text), settings);
}

/** The report, failing the test with the error when there is none. */
function report(r: SimulateResult) {
  if ('error' in r) throw new Error(`simulation failed: ${r.error}`);
  return r.report;
}

describe('parseClientInput', () => {
  it('splits entries on commas, semicolons and newlines', () => {
    expect(parseClientInput(' 172.16.51.21, 172.16.51.23\n10.0.0.1:4000 ,,[2001:db8::1]:80; 10.0.0.2 ')).toEqual([
      { address: '172.16.51.21' },
      { address: '172.16.51.23' },
      { address: '10.0.0.1', port: 4000 },
      { address: '2001:db8::1', port: 80 },
      { address: '10.0.0.2' },
    ]);
  });

  it('reads a client followed by blanks and a destination as the client and the address it connects to, as a --clients file line', () => {
    expect(parseClientInput('172.16.51.21 172.16.51.174:25, 10.0.0.1:4000\t[2001:db8::80]:443,10.0.0.3 10.9.9.9')).toEqual([
      { address: '172.16.51.21', destination: { address: '172.16.51.174', port: 25 } },
      { address: '10.0.0.1', port: 4000, destination: { address: '2001:db8::80', port: 443 } },
      { address: '10.0.0.3', destination: { address: '10.9.9.9' } },
    ]);
    // The same as the clients file gives.
    expect(parseClientInput('172.16.51.21 172.16.51.174:25')).toEqual(parseClientList('172.16.51.21 172.16.51.174:25'));
  });

  it('names the entry that is wrong and why', () => {
    expect(parseClientInput('10.0.0.1, 10.0.0.2 nowhere, 10.0.0.3')).toEqual({ error: expect.stringMatching(/^'10\.0\.0\.2 nowhere': .*destination/) as string });
    expect(parseClientInput('10.0.0.1 10.0.0.2 10.0.0.3')).toEqual({ error: "'10.0.0.1 10.0.0.2 10.0.0.3': unexpected '10.0.0.3': a line holds a client and optionally its destination" });
    expect(parseClientInput('; 300.1.1.1')).toEqual({ error: expect.stringMatching(/^'300\.1\.1\.1': /) as string });
  });
});

describe('simulateDocument', () => {
  it('reports the v10 runtime error with its line for every client on 11.1', async () => {
    const r = report(await simulateDocument(open(), '172.16.51.21, 172.16.51.23'));
    expect(r.version).toBe('11.1');
    expect(r.virtual).toBe('/Common/SMTP_VS');
    expect(r.results.map((c) => c.client)).toEqual(['172.16.51.21', '172.16.51.23']);
    for (const c of r.results) {
      expect(c.action).toBe('reject');
      expect(c.error?.line).toBe(6);
      expect(c.error?.message).toContain('::smtp_relay_allowed');
      expect(c.error?.at).toBe(`${v10Path}:6`);
    }
  });

  it('simulates the unsaved buffer, not the file on disk: SNAT address for the allowed client, automap for the other', async () => {
    const result = await simulateDocument(open(v11Text), '172.16.51.21, 172.16.51.23');
    const r = report(result);
    const [allowed, other] = r.results;
    expect(allowed.error).toBeNull();
    expect(allowed.snat).toMatchObject({ type: 'address', address: '172.16.51.174', decidedBy: 'irule' });
    expect(allowed.pool).toBe('/Common/smtp_pool');
    expect(allowed.member).toMatch(/^172\.16\.51\.3[12]:25$/);
    expect(allowed.action).toBe('forward');
    expect(other.snat).toMatchObject({ type: 'automap', address: '172.16.51.175' });
    // The text view is irule-sim's own text format.
    expect(result).toHaveProperty('text');
    if ('text' in result) expect(result.text).toMatch(/^client 172\.16\.51\.21\b/m);
  });

  it('follows the configured BIG-IP version: before 11.0 the $:: data group reference still works', async () => {
    const settings = { ...seedSettings(), version: { text: '10.2.3' } };
    const r = report(await simulateDocument(open(undefined, settings), '172.16.51.21'));
    expect(r.version).toBe('10.2.3');
    expect(r.results[0].error).toBeNull();
  });

  it('simulates one default client when no address is typed, and says so', async () => {
    const r = report(await simulateDocument(open(v11Text), '  '));
    expect(r.results).toHaveLength(1);
    expect(r.notes.join('\n')).toMatch(/simulating one client/);
  });

  it('returns an error for an address it cannot parse', async () => {
    const r = await simulateDocument(open(), '172.16.51.21, not-an-ip');
    expect(r).toEqual({ error: expect.stringContaining("client 'not-an-ip'") });
    const d = await simulateDocument(open(), '172.16.51.21 not-an-ip');
    expect(d).toEqual({ error: expect.stringMatching(/^client '172\.16\.51\.21 not-an-ip': bad destination/) });
  });

  it('connects a client to the destination typed after it, as irule-sim --clients does; the others to the virtual server', async () => {
    const result = await simulateDocument(open(v11Text), '172.16.51.21 172.16.51.174:25, 172.16.51.23');
    const r = report(result);
    expect(r.results.map((c) => [c.client, c.destination])).toEqual([
      ['172.16.51.21', '172.16.51.174:25'],
      ['172.16.51.23', undefined],
    ]);
    expect(r.results[0].snat).toMatchObject({ type: 'address', address: '172.16.51.174' });
    if ('text' in result) expect(result.text).toMatch(/^client 172\.16\.51\.21 \(port \d+\) to 172\.16\.51\.174:25$/m);
    // The same report as irule-sim gives for a --clients file with those lines.
    const dir = await mkdtemp(path.join(tmpdir(), 'irule-sim-clients-'));
    try {
      await writeFile(path.join(dir, 'clients.txt'), '172.16.51.21 172.16.51.174:25\n172.16.51.23\n');
      await writeFile(path.join(dir, 'smtp_irule_v11.irule'), v11Text);
      const cli = await runSimCli(['--bigip-conf', confPath, '--bigip-version', '11.1', '--clients', 'clients.txt', 'smtp_irule_v11.irule'], dir);
      expect(cli.code).toBe(0);
      if ('text' in result) expect(result.text.replace(/^irule-sim: .*\n/, '')).toBe(cli.stdout.replace(/^irule-sim: .*\n/, ''));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reports a destination no virtual server takes as irule-sim does', async () => {
    const r = await simulateDocument(open(v11Text), '172.16.51.21 10.99.99.99:80');
    const cli = await runSimCli(['--bigip-conf', confPath, '--bigip-version', '11.1', '--client', '172.16.51.21', '--destination', '10.99.99.99:80', `${seed}smtp_irule_v11.irule`], seed);
    expect(r).toEqual({ error: 'no virtual server takes connections from 172.16.51.21 to 10.99.99.99:80' });
    expect(cli.code).toBe(2);
    expect(cli.stderr).toBe(`irule-sim: ${'error' in r ? r.error : ''}\n`);
  });

  it('returns an error when the configured bigip.conf cannot be read', async () => {
    const doc = open(undefined, { ...seedSettings(null), bigipConfPath: `${seed}missing-bigip.conf` });
    const r = await simulateDocument(doc, '172.16.51.21');
    expect(r).toEqual({ error: expect.stringMatching(/cannot read bigip\.conf .*missing-bigip\.conf/) });
  });

  it('runs on an empty default configuration without a bigip.conf', async () => {
    const r = report(await simulateDocument(open(v11Text, seedSettings(null)), '10.1.1.1'));
    expect(r.results[0].client).toBe('10.1.1.1');
    expect(r.notes.join('\n')).toMatch(/bigip\.conf/);
  });
});

describe('irule/simulate over JSON-RPC', () => {
  let client: (TestClient & { initializeResult: unknown }) | undefined;
  afterEach(async () => client?.dispose());

  it('simulates an open document with the client settings, and reports a document that is not open', async () => {
    client = await startInProcess({ settings: { '*': { bigipVersion: '11.1', bigipConf: confPath } } });
    const uri = pathToFileURL(v10Path).href;
    await client.open(uri, readFileSync(v10Path, 'utf8'));
    const ok = await client.conn.sendRequest<SimulateResult>(SIMULATE_REQUEST, { uri, clients: '172.16.51.21' });
    const r = report(ok);
    expect(r.version).toBe('11.1');
    expect(r.virtual).toBe('/Common/SMTP_VS');
    expect(r.results[0].error?.line).toBe(6);
    const missing = await client.conn.sendRequest<SimulateResult>(SIMULATE_REQUEST, { uri: 'file:///nowhere.irule', clients: '' });
    expect(missing).toEqual({ error: 'not an open document: file:///nowhere.irule' });
    const malformed = await client.conn.sendRequest<SimulateResult>(SIMULATE_REQUEST, {});
    expect(malformed).toEqual({ error: 'not an open document: (no uri)' });
  });
});

/**
 * `irule/explain`: every client address explained for an open document with its settings (BIG-IP
 * version, bigip.conf). In process, plus one round trip over a real JSON-RPC connection to the
 * registered handler.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocument } from '../../../src/lsp/document.js';
import { explainDocument } from '../../../src/lsp/features/simulate-explain.js';
import { EXPLAIN_REQUEST, type ExplainResult } from '../../../src/lsp/protocol.js';
import { startInProcess, tempTree, type TestClient } from '../harness.js';
import { seedSettings } from '../helpers.js';

const seed = fileURLToPath(new URL('../../../fixtures/seed/', import.meta.url));
const confPath = `${seed}bigip.conf`;
const v11Path = `${seed}smtp_irule_v11.irule`;
const v11Text = readFileSync(v11Path, 'utf8');


const open = (text = v11Text, s = seedSettings()) => analyzeDocument(TextDocument.create(pathToFileURL(v11Path).href, 'irule', 1, text), s);

function text(r: ExplainResult): string {
  if ('error' in r) throw new Error(`explain failed: ${r.error}`);
  return r.text;
}

describe('explainDocument', () => {
  it('gives the seed table: 172.16.51.21/32 -> snat 172.16.51.174, every other address -> automap 172.16.51.175', async () => {
    const r = await explainDocument(open());
    const t = text(r);
    expect(t).toContain('\n172.16.51.21/32 -> snat 172.16.51.174\n');
    expect(t).toContain('\nevery other address -> automap 172.16.51.175\n');
    expect(t).toContain('IPv4: every address except 172.16.51.21/32');
    expect('exact' in r && r.exact).toBe(true);
  });

  it('explains the unsaved buffer, not the file', async () => {
    const edited = v11Text.replace('snat $accepted_snat', 'reject');
    const t = text(await explainDocument(open(edited)));
    expect(t).toContain('\n172.16.51.21/32 -> reset\n');
  });

  it('reports a bigip.conf that cannot be read as an error, not a crash', async () => {
    const r = await explainDocument(open(v11Text, { ...seedSettings(null), bigipConfPath: `${seed}missing.conf` }));
    expect('error' in r && r.error).toMatch(/cannot read bigip.conf/);
  });

  it('lists the problems of the bigip.conf under the header, as irule-sim --explain does', async () => {
    const bad = 'ltm data-group internal /Common/bad {\n    records {\n        not-an-ip { }\n    }\n    type ip\n}\n';
    const { dir, cleanup } = await tempTree({ 'bigip.conf': `${readFileSync(confPath, 'utf8')}${bad}` });
    try {
      const conf = path.join(dir, 'bigip.conf');
      const t = text(await explainDocument(open(v11Text, seedSettings(conf))));
      const line = readFileSync(confPath, 'utf8').split('\n').length + 2;
      expect(t).toMatch(new RegExp(`\\nwarning  ${conf.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:${line}:9: invalid IP address or network 'not-an-ip'.*\\(config-invalid\\)\\n`));
      expect(t).toContain('\n172.16.51.21/32 -> snat 172.16.51.174\n');
      // The seed's own bigip.conf is clean: no warning.
      expect(text(await explainDocument(open()))).not.toContain('warning');
    } finally {
      await cleanup();
    }
  });

  it('reports a rule BIG-IP would refuse as an error', async () => {
    const r = await explainDocument(open('when CLIENT_ACCEPTED {\n  nosuchcommand\n}\n'));
    expect('error' in r && r.error).toMatch(/undefined procedure: nosuchcommand/);
  });
});

describe('the irule/explain request', () => {
  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.dispose();
    client = undefined;
  });

  it('answers over JSON-RPC for an open document with the settings, and with an error for one that is not open', async () => {
    client = await startInProcess({ settings: { '*': { bigipVersion: '11.1', bigipConf: confPath } } });
    const missing = await client.conn.sendRequest<ExplainResult>(EXPLAIN_REQUEST, { uri: 'file:///nowhere.irule' });
    expect('error' in missing && missing.error).toMatch(/not an open document/);
    const uri = pathToFileURL(v11Path).href;
    await client.open(uri, v11Text);
    const r = await client.conn.sendRequest<ExplainResult>(EXPLAIN_REQUEST, { uri });
    expect(text(r)).toContain('\n172.16.51.21/32 -> snat 172.16.51.174\n');
  });
});

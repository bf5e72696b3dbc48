/**
 * The problems of the bigip.conf in use, published on the bigip.conf itself (rule ids
 * config-invalid / config-reference, as irule-lint reports them), updated when the file changes
 * and cleared when fixed or no longer used. In process, over real JSON-RPC.
 */
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_CONFIG_PROBLEMS } from '../../src/bigip/diagnostic.js';
import { confDiagnostics } from '../../src/lsp/features/config-diagnostics.js';
import { SETTINGS_PROBLEM_CODE } from '../../src/lsp/features/diagnostics.js';
import { treesRemovedAfterEach } from '../cli/helpers.js';
import { fileUri, sleep, startInProcess, type TestClient } from './harness.js';

const RULE = 'when CLIENT_ACCEPTED {\n    if { [class match [IP::client_addr] equals blocklist] } {\n        reject\n    }\n}\n';
const GROUP = 'ltm data-group internal /Common/blocklist {\n    records {\n        10.0.0.1/32 { }\n    }\n    type ip\n}\n';
/** A virtual server naming two iRules: /Common/block (line 11) and /Common/lib (line 12). */
const VIRTUAL = 'ltm virtual /Common/vs {\n    destination /Common/10.9.9.9:80\n    ip-protocol tcp\n    rules {\n        /Common/block\n        /Common/lib\n    }\n}\n';
/** The group with an unreadable record on line 4, column 9. */
const BAD_GROUP = GROUP.replace('10.0.0.1/32 { }\n', '10.0.0.1/32 { }\n        not-an-ip { }\n');

const tree = treesRemovedAfterEach();
let client: TestClient | undefined;
afterEach(async () => {
  await client?.dispose();
  client = undefined;
});

/** A workspace with `files`, a server on it using its bigip.conf, and `block.irule` open. */
async function workspace(files: Record<string, string>) {
  const dir = await tree({ 'block.irule': RULE, ...files });
  const conf = path.join(dir, 'bigip.conf');
  client = await startInProcess({ folders: [dir], settings: { '*': { bigipConf: conf } } });
  const confUri = fileUri(conf);
  const first = client.nextDiagnostics(confUri);
  await client.open(fileUri(path.join(dir, 'block.irule')), RULE);
  return { dir, conf, confUri, first, c: client };
}

describe('bigip.conf problems in the editor', () => {
  it('publishes each problem on the bigip.conf, with the linter rule id, as a warning at its place', async () => {
    const { first } = await workspace({ 'bigip.conf': `${BAD_GROUP}${VIRTUAL}` });
    const p = await first;
    expect(p.diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code)} ${d.severity}`)).toEqual([
      `4:9 config-invalid ${DiagnosticSeverity.Warning}`,
      `13:9 config-reference ${DiagnosticSeverity.Warning}`,
    ]);
    expect(p.diagnostics[0].message).toContain("invalid IP address or network 'not-an-ip'");
    expect(p.diagnostics[1].message).toBe('virtual /Common/vs refers to iRule /Common/lib, which is not defined');
    expect(p.diagnostics.every((d) => d.source === 'irule-lint')).toBe(true);
  });

  it('an iRule the virtual server names is no problem when a workspace file gives it', async () => {
    const { first } = await workspace({ 'bigip.conf': `${BAD_GROUP}${VIRTUAL}`, 'rules/lib.irule': RULE });
    expect((await first).diagnostics.map((d) => d.code)).toEqual(['config-invalid']);
  });

  it('clears them when the bigip.conf is fixed and saved', async () => {
    const { conf, confUri, first, c } = await workspace({ 'bigip.conf': `${BAD_GROUP}${VIRTUAL}`, 'lib.irule': RULE });
    expect((await first).diagnostics).toHaveLength(1);
    await writeFile(conf, `${GROUP}${VIRTUAL}`);
    const cleared = c.nextDiagnostics(confUri);
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: confUri, type: 2 }] });
    expect((await cleared).diagnostics).toEqual([]);
    // And shows them again when a problem comes back.
    await writeFile(conf, `${BAD_GROUP}${VIRTUAL}`);
    const again = c.nextDiagnostics(confUri);
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: confUri, type: 2 }] });
    expect((await again).diagnostics.map((d) => d.code)).toEqual(['config-invalid']);
  });

  it('shows the syntax errors instead when the bigip.conf no longer loads (the documents name the first as a settings problem), and its problems again once mended', async () => {
    const { dir, conf, confUri, first, c } = await workspace({ 'bigip.conf': `${BAD_GROUP}${VIRTUAL}`, 'lib.irule': RULE });
    await first;
    await writeFile(conf, `${BAD_GROUP}ltm pool /Common/p {\n`);
    const broken = c.nextDiagnostics(confUri);
    const rule = c.nextDiagnostics(fileUri(path.join(dir, 'block.irule')), (p) => p.diagnostics.some((d) => d.code === SETTINGS_PROBLEM_CODE));
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: confUri, type: 2 }] });
    const syntax = (await broken).diagnostics;
    expect(syntax.length).toBeGreaterThan(0);
    expect(syntax.every((d) => d.code === 'config-syntax' && d.severity === DiagnosticSeverity.Error)).toBe(true);
    const { line, character } = syntax[0].range.start;
    const setting = (await rule).diagnostics.find((d) => d.code === SETTINGS_PROBLEM_CODE)?.message;
    expect(setting).toContain(`bigip.conf:${line + 1}:${character + 1}: malformed bigip.conf: ${syntax[0].message}`);
    await writeFile(conf, `${BAD_GROUP}${VIRTUAL}`);
    const mended = c.nextDiagnostics(confUri);
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: confUri, type: 2 }] });
    expect((await mended).diagnostics.map((d) => d.code)).toEqual(['config-invalid']);
  });

  it('clears them when the bigip.conf cannot be read any more', async () => {
    const { conf, confUri, first, c } = await workspace({ 'bigip.conf': `${BAD_GROUP}${VIRTUAL}`, 'lib.irule': RULE });
    await first;
    await rm(conf);
    const cleared = c.nextDiagnostics(confUri);
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: confUri, type: 3 }] });
    expect((await cleared).diagnostics).toEqual([]);
  });

  it('clears them when no open document uses the bigip.conf any more', async () => {
    const { dir, confUri, first, c } = await workspace({ 'bigip.conf': `${BAD_GROUP}${VIRTUAL}`, 'lib.irule': RULE });
    await first;
    // The settings no longer name it.
    const cleared = c.nextDiagnostics(confUri);
    c.settings.set('*', {});
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    expect((await cleared).diagnostics).toEqual([]);
    // Named again, then the document is closed.
    c.settings.set('*', { bigipConf: path.join(dir, 'bigip.conf') });
    const shown = c.nextDiagnostics(confUri);
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    expect((await shown).diagnostics).toHaveLength(1);
    const closed = c.nextDiagnostics(confUri);
    await c.conn.sendNotification('textDocument/didClose', { textDocument: { uri: fileUri(path.join(dir, 'block.irule')) } });
    expect((await closed).diagnostics).toEqual([]);
  });

  it('publishes nothing for a clean bigip.conf, and publishes a list only when it changes', async () => {
    const { dir, confUri, c } = await workspace({ 'bigip.conf': `${GROUP}${VIRTUAL}`, 'lib.irule': RULE });
    await c.nextDiagnostics(fileUri(path.join(dir, 'block.irule')));
    await c.open(fileUri(path.join(dir, 'lib.irule')), RULE);
    await c.nextDiagnostics(fileUri(path.join(dir, 'lib.irule')));
    await sleep(50);
    expect(c.published.filter((p) => p.uri === confUri)).toEqual([]);
  });

  it('publishes a problem list once, however many documents use the bigip.conf', async () => {
    const { dir, confUri, first, c } = await workspace({ 'bigip.conf': `${BAD_GROUP}${VIRTUAL}`, 'lib.irule': RULE });
    await first;
    await c.open(fileUri(path.join(dir, 'lib.irule')), RULE);
    await c.nextDiagnostics(fileUri(path.join(dir, 'lib.irule')));
    await sleep(50);
    expect(c.published.filter((p) => p.uri === confUri)).toHaveLength(1);
  });
});

describe('confDiagnostics', () => {
  it("lists at most 100 and one more counting the rest, at the last one's place", () => {
    const diagnostics = Array.from({ length: MAX_CONFIG_PROBLEMS + 5 }, (_, i) => ({
      ruleId: 'config-invalid' as const,
      severity: 'warning' as const,
      message: `problem ${i}`,
      range: { start: i * 2, end: i * 2 + 1 },
      line: i + 1,
      column: 1,
    }));
    const text = 'x\n'.repeat(MAX_CONFIG_PROBLEMS + 5);
    const out = confDiagnostics('file:///w/bigip.conf', { diagnostics, shown: 'bigip.conf', text }, new Set());
    expect(out).toHaveLength(MAX_CONFIG_PROBLEMS + 1);
    expect(out[MAX_CONFIG_PROBLEMS].message).toBe(`5 more bigip.conf problems are not listed (only the first ${MAX_CONFIG_PROBLEMS} are)`);
    expect(out[MAX_CONFIG_PROBLEMS].range).toEqual(out[MAX_CONFIG_PROBLEMS - 1].range);
    expect(out[MAX_CONFIG_PROBLEMS - 1].range.start).toEqual({ line: MAX_CONFIG_PROBLEMS - 1, character: 0 });
  });
});

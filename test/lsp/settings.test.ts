/**
 * Settings as the server settles them: the nearest irule-lint.config.json (winning over client
 * settings), client settings read with workspace/configuration per document, reloads on change,
 * and bad configuration shown without stopping analysis.
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DiagnosticSeverity, type PublishDiagnosticsParams } from 'vscode-languageserver';
import { afterEach, describe, expect, it } from 'vitest';
import { checkClientSettings } from '../../src/lsp/settings.js';
import { SETTINGS_PROBLEM_CODE } from '../../src/lsp/features/diagnostics.js';
import { fileUri, startInProcess, tempTree, type TestClient } from './harness.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const V10_RULE = readFileSync(`${root}fixtures/seed/smtp_irule_v10.irule`, 'utf8');
const RELAY_RULE = readFileSync(`${root}fixtures/seed/o365-smtp-relay_irule.irule`, 'utf8');
const BIGIP_CONF = readFileSync(`${root}fixtures/seed/bigip.conf`, 'utf8');

let client: TestClient | undefined;
let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await client?.dispose();
  client = undefined;
  for (const c of cleanups) await c();
  cleanups = [];
});

async function tree(files: Record<string, string>): Promise<string> {
  const { dir, cleanup } = await tempTree(files);
  cleanups.push(cleanup);
  return dir;
}

/** The severity published for a rule, or undefined when absent. */
function severityOf(p: PublishDiagnosticsParams, ruleId: string): DiagnosticSeverity | undefined {
  return p.diagnostics.find((d) => d.code === ruleId)?.severity;
}

describe('client settings', () => {
  it('keeps the valid entries and names each invalid one', () => {
    const c = checkClientSettings({ bigipVersion: 'eleven', bigipConf: 3, rules: { 'snat-argument': 'off', 'no-such-rule': 'error', 'undefined-variable': 'loud' } });
    expect(c.version).toBeUndefined();
    expect(c.bigipConf).toBeUndefined();
    expect(c.rules).toEqual({ 'snat-argument': 'off' });
    expect(c.problems).toHaveLength(4);
    expect(c.problems.join('\n')).toMatch(/no-such-rule/);
    expect(checkClientSettings(null)).toEqual({ problems: [] });
    expect(checkClientSettings({ bigipVersion: '', bigipConf: '' })).toEqual({ problems: [] });
  });
});

describe('settings in the server', () => {
  it('uses irule.bigipVersion from the client, scoped to the document', async () => {
    const dir = await tree({ 'a/v10.irule': V10_RULE, 'b/v10.irule': V10_RULE });
    const a = fileUri(path.join(dir, 'a/v10.irule'));
    const b = fileUri(path.join(dir, 'b/v10.irule'));
    client = await startInProcess({ folders: [dir], settings: { [a]: { bigipVersion: '11.1' }, [b]: { bigipVersion: '10.2' } } });
    const pa = client.nextDiagnostics(a);
    const pb = client.nextDiagnostics(b);
    await client.open(a, V10_RULE);
    await client.open(b, V10_RULE);
    expect(severityOf(await pa, 'datagroup-global-reference')).toBe(DiagnosticSeverity.Error);
    expect(severityOf(await pb, 'datagroup-global-reference')).toBe(DiagnosticSeverity.Warning);
  });

  it('lets the nearest configuration file win over client settings, as the CLI reads it', async () => {
    const config = { bigipVersion: '10.2', rules: { 'datagroup-global-reference': 'error' } };
    const dir = await tree({ 'irule-lint.config.json': JSON.stringify(config), 'rules/v10.irule': V10_RULE });
    const uri = fileUri(path.join(dir, 'rules/v10.irule'));
    // Client: 11.1 and the rule off. File: 10.2 (a warning by default) but the rule set to error.
    client = await startInProcess({ folders: [dir], settings: { '*': { bigipVersion: '11.1', rules: { 'datagroup-global-reference': 'off', 'unused-suppression': 'off' } } } });
    const p = client.nextDiagnostics(uri);
    await client.open(uri, V10_RULE);
    expect(severityOf(await p, 'datagroup-global-reference')).toBe(DiagnosticSeverity.Error);
  });

  it('reads the bigip.conf named by the configuration file and by the client', async () => {
    const dir = await tree({ 'conf/bigip.conf': BIGIP_CONF, 'x/irule-lint.config.json': '{"bigipConf": "../conf/bigip.conf"}', 'x/relay.irule': RELAY_RULE, 'y/relay.irule': RELAY_RULE });
    const x = fileUri(path.join(dir, 'x/relay.irule'));
    const y = fileUri(path.join(dir, 'y/relay.irule'));
    client = await startInProcess({ folders: [dir], settings: { [y]: { bigipConf: 'conf/bigip.conf' } } });
    const px = client.nextDiagnostics(x);
    const py = client.nextDiagnostics(y);
    await client.open(x, RELAY_RULE);
    await client.open(y, RELAY_RULE);
    // snat-argument needs bigip.conf to know the name is a SNAT pool.
    expect(severityOf(await px, 'snat-argument')).toBe(DiagnosticSeverity.Error);
    expect(severityOf(await py, 'snat-argument')).toBe(DiagnosticSeverity.Error);
  });

  it('takes the version from the #TMSH-VERSION of bigip.conf when nothing else names one, as the CLI does', async () => {
    // The seed bigip.conf says 11.1.0, where $::dg is an error; a copy saying 10.2.3 makes it a
    // warning; a client version still wins over the bigip.conf's.
    const old = BIGIP_CONF.replace('#TMSH-VERSION: 11.1.0', '#TMSH-VERSION: 10.2.3');
    const dir = await tree({ 'new/bigip.conf': BIGIP_CONF, 'new/irule-lint.config.json': '{"bigipConf": "bigip.conf"}', 'new/v10.irule': V10_RULE, 'old/bigip.conf': old, 'old/irule-lint.config.json': '{"bigipConf": "bigip.conf"}', 'old/v10.irule': V10_RULE, 'pinned/bigip.conf': old, 'pinned/irule-lint.config.json': '{"bigipConf": "bigip.conf"}', 'pinned/v10.irule': V10_RULE });
    const uris = ['new', 'old', 'pinned'].map((d) => fileUri(path.join(dir, `${d}/v10.irule`)));
    const c = (client = await startInProcess({ folders: [dir], settings: { [uris[2]]: { bigipVersion: '11.1' } } }));
    const pending = uris.map((u) => c.nextDiagnostics(u));
    for (const u of uris) await c.open(u, V10_RULE);
    const [fresh, old10, pinned] = await Promise.all(pending);
    expect(severityOf(fresh, 'datagroup-global-reference')).toBe(DiagnosticSeverity.Error);
    expect(severityOf(old10, 'datagroup-global-reference')).toBe(DiagnosticSeverity.Warning);
    expect(severityOf(pinned, 'datagroup-global-reference')).toBe(DiagnosticSeverity.Error);
  });

  it('takes the dialect by content, and the configuration file\'s dialect over it, as the CLI does', async () => {
    const script = '#!/usr/bin/env tclsh\nset f [open [lindex $argv 0]]\nputs [gets $f]\n';
    const dir = await tree({ 'irule-lint.config.json': '{"dialect": "irule"}', 'forced/count.tcl': script, 'free/count.tcl': script });
    // The configuration file applies to forced/ only: free/ has none above it inside the tree,
    // so it is linted as the plain Tcl script its #! line says it is.
    await writeFile(path.join(dir, 'free/irule-lint.config.json'), '{}');
    const forced = fileUri(path.join(dir, 'forced/count.tcl'));
    const free = fileUri(path.join(dir, 'free/count.tcl'));
    client = await startInProcess({ folders: [dir] });
    const pf = client.nextDiagnostics(forced);
    const pr = client.nextDiagnostics(free);
    await client.open(forced, script);
    await client.open(free, script);
    expect(severityOf(await pf, 'disabled-command')).toBe(DiagnosticSeverity.Error);
    expect((await pr).diagnostics).toEqual([]);
  });

  it('gives no findings for a file the configuration file ignores', async () => {
    const dir = await tree({ 'irule-lint.config.json': '{"ignore": ["vendor/**"]}', 'vendor/v.irule': 'when HTTP_REQUEST { log $nope }\n' });
    const uri = fileUri(path.join(dir, 'vendor/v.irule'));
    client = await startInProcess({ folders: [dir] });
    const p = client.nextDiagnostics(uri);
    await client.open(uri, 'when HTTP_REQUEST { log $nope }\n');
    expect((await p).diagnostics).toEqual([]);
  });

  it('shows a bad configuration file once and lints on without it', async () => {
    const dir = await tree({ 'irule-lint.config.json': '{"rules": {"snat-argumnet": "off"}}' });
    client = await startInProcess({ folders: [dir] });
    const uris = [1, 2].map((i) => fileUri(path.join(dir, `f${i}.irule`)));
    for (const uri of uris) {
      const p = client.nextDiagnostics(uri);
      await client.open(uri, 'when HTTP_REQUEST {\n  log local0. [HTTP::uri\n}\n');
      const got = await p;
      const problem = got.diagnostics.find((d) => d.code === SETTINGS_PROBLEM_CODE);
      expect(problem?.message).toMatch(/unknown rule "snat-argumnet" \(did you mean "snat-argument"\?\)/);
      expect(got.diagnostics.some((d) => d.code === 'syntax-error')).toBe(true);
    }
    expect(client.messages.filter((m) => m.includes('snat-argumnet'))).toHaveLength(1);
  });

  it('shows a malformed bigip.conf and lints on without it', async () => {
    const dir = await tree({ 'bigip.conf': 'ltm pool /Common/p {\n  members {\n', 'irule-lint.config.json': '{"bigipConf": "bigip.conf"}' });
    const uri = fileUri(path.join(dir, 'r.irule'));
    client = await startInProcess({ folders: [dir] });
    const p = client.nextDiagnostics(uri);
    await client.open(uri, RELAY_RULE);
    const got = await p;
    expect(got.diagnostics.find((d) => d.code === SETTINGS_PROBLEM_CODE)?.message).toMatch(/malformed bigip\.conf/);
    expect(client.messages.some((m) => /malformed bigip\.conf/.test(m))).toBe(true);
  });

  it('registers file watchers and reloads when the configuration file changes', async () => {
    const dir = await tree({ 'irule-lint.config.json': '{"bigipVersion": "11.1"}' });
    const uri = fileUri(path.join(dir, 'v10.irule'));
    client = await startInProcess({ folders: [dir] });
    const first = client.nextDiagnostics(uri);
    await client.open(uri, V10_RULE);
    expect(severityOf(await first, 'datagroup-global-reference')).toBe(DiagnosticSeverity.Error);
    const watch = client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
    expect(JSON.stringify(watch?.registerOptions)).toContain('irule-lint.config.json');
    expect(client.registrations.some((r) => r.method === 'workspace/didChangeConfiguration')).toBe(true);

    await writeFile(path.join(dir, 'irule-lint.config.json'), '{"bigipVersion": "10.2"}');
    const second = client.nextDiagnostics(uri);
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(path.join(dir, 'irule-lint.config.json')), type: 2 }] });
    expect(severityOf(await second, 'datagroup-global-reference')).toBe(DiagnosticSeverity.Warning);
  });

  it('reloads when the bigip.conf in use changes', async () => {
    const dir = await tree({ 'bigip.conf': BIGIP_CONF, 'irule-lint.config.json': '{"bigipConf": "bigip.conf"}' });
    const uri = fileUri(path.join(dir, 'relay.irule'));
    client = await startInProcess({ folders: [dir] });
    const first = client.nextDiagnostics(uri);
    await client.open(uri, RELAY_RULE);
    expect(severityOf(await first, 'snat-argument')).toBe(DiagnosticSeverity.Error);
    await writeFile(path.join(dir, 'bigip.conf'), 'ltm pool /Common/p {\n');
    const second = client.nextDiagnostics(uri);
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(path.join(dir, 'bigip.conf')), type: 2 }] });
    expect((await second).diagnostics.find((d) => d.code === SETTINGS_PROBLEM_CODE)?.message).toMatch(/malformed bigip\.conf/);
  });

  it('watches a bigip.conf outside the workspace folders when the client takes relative patterns', async () => {
    const confDir = await tree({ 'bigip.conf': BIGIP_CONF });
    const dir = await tree({ 'irule-lint.config.json': JSON.stringify({ bigipConf: path.join(confDir, 'bigip.conf') }) });
    const caps = { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true } } };
    client = await startInProcess({ folders: [dir], capabilities: caps });
    const uri = fileUri(path.join(dir, 'relay.irule'));
    const p = client.nextDiagnostics(uri);
    await client.open(uri, RELAY_RULE);
    expect(severityOf(await p, 'snat-argument')).toBe(DiagnosticSeverity.Error);
    const outside = client.registrations.filter((r) => JSON.stringify(r.registerOptions).includes('baseUri'));
    expect(outside.map((r) => r.registerOptions)).toEqual([{ watchers: [{ globPattern: { baseUri: fileUri(confDir), pattern: 'bigip.conf' } }] }]);
  });

  it('reloads client settings on didChangeConfiguration', async () => {
    client = await startInProcess({ settings: { '*': { bigipVersion: '10.2' } } });
    const uri = 'file:///nowhere/v10.irule';
    const first = client.nextDiagnostics(uri);
    await client.open(uri, V10_RULE);
    expect(severityOf(await first, 'datagroup-global-reference')).toBe(DiagnosticSeverity.Warning);
    client.settings.set('*', { bigipVersion: '11.1' });
    const second = client.nextDiagnostics(uri);
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    expect(severityOf(await second, 'datagroup-global-reference')).toBe(DiagnosticSeverity.Error);
  });

  it('takes pushed settings from clients that cannot answer workspace/configuration', async () => {
    client = await startInProcess({ capabilities: {} });
    const uri = 'file:///nowhere/v10.irule';
    const first = client.nextDiagnostics(uri);
    await client.open(uri, V10_RULE);
    await first;
    const second = client.nextDiagnostics(uri);
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: { irule: { bigipVersion: '10.2', rules: { 'datagroup-global-reference': 'off' } } } });
    expect(severityOf(await second, 'datagroup-global-reference')).toBeUndefined();
    expect(client.registrations).toEqual([]);
  });
});

/**
 * Smoke test of the language features in the bundled server dist/lsp/server.js (built by the
 * global setup), spawned as an editor runs it: hover and completion over JSON-RPC on stdio.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { CompletionItem, CompletionList, Hover, InitializeResult, MarkupContent } from 'vscode-languageserver';
import { afterEach, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
let child: ChildProcess | undefined;
let conn: MessageConnection | undefined;

afterEach(() => {
  conn?.dispose();
  if (child && child.exitCode === null) child.kill();
  child = undefined;
  conn = undefined;
});

describe('language features over stdio (dist/lsp/server.js)', () => {
  it('answers hover and completion for an open iRule', async () => {
    child = spawn(process.execPath, [`${root}dist/lsp/server.js`, '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    const c = (conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!)));
    c.onNotification('textDocument/publishDiagnostics', () => undefined);
    c.onNotification('window/logMessage', () => undefined);
    c.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({ bigipVersion: '11.1' })));
    c.onRequest('client/registerCapability', () => null);
    c.listen();
    const init = (await c.sendRequest('initialize', { processId: null, rootUri: null, capabilities: { workspace: { configuration: true } } })) as InitializeResult;
    expect(init.capabilities).toMatchObject({ hoverProvider: true, completionProvider: { triggerCharacters: expect.arrayContaining(['$']) } });
    await c.sendNotification('initialized', {});
    const uri = 'file:///smoke/test.irule';
    const text = 'when RULE_INIT {\n  \n}\nwhen HTTP_REQUEST {\n  if {[matchclass [IP::client_addr] equals allowed]} { drop }\n}\n';
    await c.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'irule', version: 1, text } });

    const hover = (await c.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 9 } })) as Hover;
    const value = (hover.contents as MarkupContent).value;
    expect(value).toContain('**`matchclass`**');
    // The version comes from the client settings (11.1): matchclass is deprecated there.
    expect(value).toMatch(/Deprecated since BIG-IP 10\.0\.0 \(applies to the configured 11\.1\); use `class match` instead/);

    const result = (await c.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 2 } })) as CompletionItem[] | CompletionList;
    const labels = (Array.isArray(result) ? result : result.items).map((i) => i.label);
    expect(labels).toContain('set');
    expect(labels).not.toContain('pool');

    await c.sendRequest('shutdown');
    const exited = new Promise<number | null>((resolve) => child!.on('exit', (code) => resolve(code)));
    await c.sendNotification('exit');
    expect(await exited).toBe(0);
  });
});

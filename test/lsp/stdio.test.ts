/**
 * The bundled server dist/lsp/server.js (built by the global setup) as an editor runs it: a child
 * process speaking JSON-RPC over stdio. Initialize, open, change, diagnostics, code actions,
 * garbage, shutdown and exit with the exit code the protocol asks for.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { CodeAction, InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver';
import { afterEach, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = `${root}dist/lsp/server.js`;
const pkg = (await import('../../package.json', { with: { type: 'json' } })).default as { version: string; bin: Record<string, string> };

interface Session {
  child: ChildProcess;
  conn: MessageConnection;
  published: PublishDiagnosticsParams[];
  stderr: string[];
  exited: Promise<number | null>;
  next(pred: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams>;
}

let session: Session | undefined;
afterEach(() => {
  if (session && session.child.exitCode === null) session.child.kill();
  session?.conn.dispose();
  session = undefined;
});

/** Spawns the server with `args` and connects to it. */
function start(args: string[]): Session {
  const child = spawn(process.execPath, [bin, ...args], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  const conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const published: PublishDiagnosticsParams[] = [];
  const stderr: string[] = [];
  child.stderr!.on('data', (b: Buffer) => stderr.push(b.toString()));
  const waiters: { pred: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.push(p);
    const i = waiters.findIndex((w) => w.pred(p));
    if (i >= 0) waiters.splice(i, 1)[0].resolve(p);
  });
  conn.onNotification('window/logMessage', () => undefined);
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({ bigipVersion: '11.1' })));
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    conn,
    published,
    stderr,
    exited,
    next: (pred) => new Promise((resolve) => waiters.push({ pred, resolve })),
  };
}

const CAPS = { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } }, textDocument: { publishDiagnostics: { versionSupport: true } } };
const V10 = 'when CLIENT_ACCEPTED {\n  if { [class match [IP::client_addr] equals $::smtp_relay_allowed] } {\n    snat automap\n  }\n}\n';

describe('irule-lsp over stdio (dist/lsp/server.js)', () => {
  it('is the irule-lsp bin and answers --version, --help and a bad option like the CLIs', () => {
    expect(pkg.bin['irule-lsp']).toBe('dist/lsp/server.js');
    const run = (a: string[]) => spawnSync(process.execPath, [bin, ...a], { encoding: 'utf8' });
    expect(run(['--version'])).toMatchObject({ status: 0, stdout: `${pkg.version}\n`, stderr: '' });
    expect(run(['--help'])).toMatchObject({ status: 0, stdout: expect.stringMatching(/^Usage: irule-lsp .*--stdio/) });
    expect(run(['--frobnicate'])).toMatchObject({ status: 2, stdout: '', stderr: "irule-lsp: unknown option '--frobnicate' (see --help)\n" });
  });

  it('initializes, lints on open and change, offers code actions, and exits 0 after shutdown', async () => {
    session = start(['--stdio']);
    const s = session;
    const init = (await s.conn.sendRequest('initialize', { processId: null, rootUri: null, capabilities: CAPS })) as InitializeResult;
    expect(init.serverInfo?.name).toBe('irule-lsp');
    expect(init.capabilities.textDocumentSync).toMatchObject({ openClose: true, change: 2 });
    expect(init.capabilities.codeActionProvider).toMatchObject({ codeActionKinds: ['quickfix', 'source.fixAll.irule-lint'] });
    await s.conn.sendNotification('initialized', {});

    const uri = 'file:///nowhere/v10.irule';
    const opened = s.next((p) => p.uri === uri);
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'irule', version: 1, text: V10 } });
    const p1 = await opened;
    expect(p1.version).toBe(1);
    const finding = p1.diagnostics.find((d) => d.code === 'datagroup-global-reference');
    expect(finding).toBeDefined();

    const actions = (await s.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: finding!.range,
      context: { diagnostics: [finding] },
    })) as CodeAction[];
    expect(actions.map((a) => a.title)).toEqual(['Replace "$::smtp_relay_allowed" with "smtp_relay_allowed" (datagroup-global-reference)', 'Disable datagroup-global-reference for this line']);

    // An incremental edit: delete "::" from "$::smtp_relay_allowed"; the finding goes away.
    const changed = s.next((p) => p.uri === uri && p.version === 2);
    const at = V10.split('\n')[1].indexOf('$::') + 1;
    await s.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 1, character: at }, end: { line: 1, character: at + 2 } }, text: '' }],
    });
    const p2 = await changed;
    expect(p2.diagnostics.map((d) => d.code)).not.toContain('datagroup-global-reference');

    expect(await s.conn.sendRequest('shutdown')).toBeNull();
    await s.conn.sendNotification('exit');
    expect(await s.exited).toBe(0);
  });

  it('works without --stdio, survives garbage params, and exits 1 on exit without shutdown', async () => {
    session = start([]);
    const s = session;
    await s.conn.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} });
    await s.conn.sendNotification('initialized', {});
    // Garbage: notifications with wrong shapes, requests with missing or wrong params.
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: 42 });
    await s.conn.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///x.irule', version: 'two' }, contentChanges: 'no' });
    await s.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [null, { uri: 7 }] });
    await s.conn.sendNotification('workspace/didChangeConfiguration', 'nonsense');
    for (const params of [{}, null, { textDocument: { uri: 'file:///not-open.irule' }, range: 'x' }, { textDocument: null }]) {
      await s.conn.sendRequest('textDocument/codeAction', params).then(
        (r) => expect(r === null || Array.isArray(r)).toBe(true),
        (e: { code?: number }) => expect(typeof e.code).toBe('number'),
      );
    }
    await expect(s.conn.sendRequest('irule/noSuchMethod', {})).rejects.toMatchObject({ code: -32601 });
    // Still alive and linting.
    const uri = 'file:///nowhere/after.irule';
    const p = s.next((x) => x.uri === uri);
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'irule', version: 1, text: 'when HTTP_REQUEST {\n  log local0. [\n}\n' } });
    expect((await p).diagnostics.map((d) => d.code)).toContain('syntax-error');
    expect(s.child.exitCode).toBeNull();
    await s.conn.sendNotification('exit');
    expect(await s.exited).toBe(1);
  });
});

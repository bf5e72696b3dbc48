/**
 * Test helpers for the language server: a server and a client in the same process, joined by
 * streams and talking real JSON-RPC; `<|>` cursor markers; temporary folders.
 */
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { createConnection } from 'vscode-languageserver/node';
import type { ClientCapabilities, PublishDiagnosticsParams } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Feature } from '../../src/lsp/context.js';
import { analyzeDocument, type AnalyzedDocument } from '../../src/lsp/document.js';
import { startServer } from '../../src/lsp/server.js';
import { defaultVersion } from '../../src/lint/version.js';
import type { DocumentSettings } from '../../src/lsp/document.js';

/** Splits `<|>` markers out of a text: the clean text and the marker offsets. */
export function markers(marked: string): { text: string; offsets: number[] } {
  const offsets: number[] = [];
  let text = '';
  const parts = marked.split('<|>');
  parts.forEach((p, i) => {
    text += p;
    if (i < parts.length - 1) offsets.push(text.length);
  });
  return { text, offsets };
}

/** Analyses a text in process, with default settings unless given. */
export function analyzed(text: string, settings: Partial<DocumentSettings> = {}, uri = 'file:///t/test.irule'): AnalyzedDocument {
  const doc = TextDocument.create(uri, 'irule', 1, text);
  return analyzeDocument(doc, { dialect: 'irule', version: defaultVersion(), rules: [], problems: [], ...settings });
}

/** A client talking to an in-process server. */
export interface TestClient {
  /** The client end of the connection. */
  conn: MessageConnection;
  /** Every publishDiagnostics notification received, in order. */
  published: PublishDiagnosticsParams[];
  /** Messages shown with window/showMessage. */
  messages: string[];
  /** Registrations the server asked for. */
  registrations: { method: string; registerOptions?: unknown }[];
  /** Client settings answered to workspace/configuration, per scope URI (or `*`). */
  settings: Map<string, unknown>;
  /** When set, workspace/configuration waits for this promise before answering. */
  holdConfiguration?: Promise<void>;
  /** Resolves with the next publishDiagnostics for `uri` matching `pred`. */
  nextDiagnostics(uri: string, pred?: (p: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  /** Sends didOpen. */
  open(uri: string, text: string, version?: number, languageId?: string): Promise<void>;
  /** Shuts the server down (so every message sent has been handled), then closes the connection. */
  dispose(): Promise<void>;
}

/** Default client capabilities: pulls configuration, registers watchers dynamically. */
export const CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
  },
  textDocument: { publishDiagnostics: { versionSupport: true }, codeAction: { dynamicRegistration: false } },
};

/** Starts a server and a client in process and initializes them. */
export async function startInProcess(opts: {
  folders?: string[];
  capabilities?: ClientCapabilities;
  delayMs?: number;
  features?: readonly Feature[];
  settings?: Record<string, unknown>;
  initializationOptions?: unknown;
} = {}): Promise<TestClient & { initializeResult: unknown }> {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const serverConn = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  startServer(serverConn, { diagnosticsDelayMs: opts.delayMs ?? 5, ...(opts.features ? { features: opts.features } : {}) });
  serverConn.listen();
  const conn = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const waiters: { uri: string; pred: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  const client: TestClient = {
    conn,
    published: [],
    messages: [],
    registrations: [],
    settings: new Map(Object.entries(opts.settings ?? {})),
    nextDiagnostics(uri, pred = () => true, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({
          uri,
          pred,
          resolve: (p) => {
            clearTimeout(timer);
            resolve(p);
          },
        });
      });
    },
    open: (uri, text, version = 1, languageId = 'irule') =>
      conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } }),
    async dispose() {
      await conn.sendRequest('shutdown').then(undefined, () => undefined);
      conn.dispose();
      serverConn.dispose();
      toServer.end();
      toClient.end();
    },
  };
  conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    client.published.push(p);
    for (let i = 0; i < waiters.length; i++) {
      const w = waiters[i];
      if (w.uri === p.uri && w.pred(p)) {
        waiters.splice(i, 1);
        w.resolve(p);
        break;
      }
    }
  });
  conn.onNotification('window/showMessage', (p: { message: string }) => void client.messages.push(p.message));
  conn.onNotification('window/logMessage', () => undefined);
  conn.onRequest('client/registerCapability', (p: { registrations: { method: string; registerOptions?: unknown }[] }) => {
    client.registrations.push(...p.registrations);
    return null;
  });
  conn.onRequest('workspace/configuration', async (p: { items: { scopeUri?: string; section?: string }[] }) => {
    if (client.holdConfiguration) await client.holdConfiguration;
    return p.items.map((it) => client.settings.get(it.scopeUri ?? '*') ?? client.settings.get('*') ?? null);
  });
  conn.listen();
  const initializeResult = await conn.sendRequest('initialize', {
    processId: null,
    rootUri: null,
    capabilities: opts.capabilities ?? CAPABILITIES,
    initializationOptions: opts.initializationOptions,
    workspaceFolders: (opts.folders ?? []).map((f) => ({ uri: pathToFileURL(f).href, name: path.basename(f) })),
  });
  await conn.sendNotification('initialized', {});
  return Object.assign(client, { initializeResult });
}

/** A temporary folder with files; returns its path and a cleanup. */
export async function tempTree(files: Record<string, string>): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'irule-lsp-'));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** The file URI of a path. */
export const fileUri = (p: string): string => pathToFileURL(p).href;

/** Waits `ms` milliseconds. */
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * The language server: wires the open documents, the settings and the analysis cache to a
 * connection, and lets each feature add its handlers. The features are listed in {@link FEATURES};
 * their capabilities are merged into the `initialize` result. Transport and process concerns
 * (stdio, `--help`, exit codes) are in irule-lsp.ts; tests hand in a connection over streams.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  MessageType,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type Connection,
  type FileEvent,
  type InitializeParams,
  type InitializeResult,
  type ServerCapabilities,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE_NAME } from '../cli/config.js';
import { VERSION } from '../cli/version.js';
import { defaultVersion } from '../lint/version.js';
import { logError, type Feature, type ServerContext, type ServerOptions } from './context.js';
import { analyzeDocument, type AnalyzedDocument } from './document.js';
import { codeActionsFeature } from './features/code-actions.js';
import { diagnosticsFeature } from './features/diagnostics.js';
import { configDiagnosticsFeature } from './features/config-diagnostics.js';
import { completionFeature } from './features/completion.js';
import { definitionFeature } from './features/definition.js';
import { documentSymbolsFeature } from './features/document-symbols.js';
import { hoverFeature } from './features/hover.js';
import { referencesFeature } from './features/references.js';
import { renameFeature } from './features/rename.js';
import { signatureHelpFeature } from './features/signature-help.js';
import { workspaceSymbolsFeature } from './features/workspace-symbols.js';
import { foldingFeature } from './features/folding.js';
import { formattingFeature } from './features/formatting.js';
import { semanticTokensFeature } from './features/semantic-tokens.js';
import { simulateFeature } from './features/simulate.js';
import { simulateExplainFeature } from './features/simulate-explain.js';
import { checkClientSettings, messageOf, newLoader, settle, SETTINGS_SECTION, uriToPath, withDialect, type CheckedClientSettings, type FileSettings } from './settings.js';

/**
 * Every feature of the server, in registration order. To add one: write
 * `src/lsp/features/<name>.ts` exporting a `Feature`, and add it here.
 */
export const FEATURES: readonly Feature[] = [
  diagnosticsFeature,
  configDiagnosticsFeature,
  codeActionsFeature,
  hoverFeature,
  completionFeature,
  signatureHelpFeature,
  documentSymbolsFeature,
  workspaceSymbolsFeature,
  definitionFeature,
  referencesFeature,
  renameFeature,
  formattingFeature,
  foldingFeature,
  semanticTokensFeature,
  simulateFeature,
  simulateExplainFeature,
];

/** The default options. */
export const DEFAULT_OPTIONS: ServerOptions = { diagnosticsDelayMs: 150 };

/** Files whose change means settings must be read again: configuration files and `bigip.conf`s. */
const WATCHED_GLOBS = [`**/${CONFIG_FILE_NAME}`, '**/*.conf'];

/** A server started on a connection. */
export interface Server {
  /** The context handed to the features. */
  context: ServerContext;
}

/** Settings cached for one document, for one settings generation. */
interface CachedSettings {
  generation: number;
  settings: Promise<FileSettings>;
}

/** An analysis cached for one document. */
interface CachedAnalysis {
  version: number;
  generation: number;
  result: Promise<AnalyzedDocument | undefined>;
}

/** Merges feature capabilities: objects are merged key by key, anything else is replaced. */
export function mergeCapabilities(into: Record<string, unknown>, from: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(from)) {
    const old = into[key];
    const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
    into[key] = isObj(old) && isObj(value) ? mergeCapabilities({ ...old }, value) : value;
  }
  return into;
}

/** Starts the server on `connection` (which the caller then `listen()`s to). */
export function startServer(
  connection: Connection,
  overrides: Partial<ServerOptions> & { features?: readonly Feature[] } = {},
): Server {
  const features = overrides.features ?? FEATURES;
  const options: ServerOptions = { ...DEFAULT_OPTIONS };
  if (overrides.diagnosticsDelayMs !== undefined) options.diagnosticsDelayMs = overrides.diagnosticsDelayMs;
  const documents = new TextDocuments(TextDocument);

  let client: ClientCapabilities = {};
  let folders: string[] = [];
  /** Client settings pushed with didChangeConfiguration, for clients without workspace/configuration. */
  let pushedSettings: unknown;
  /** Bumped whenever settings may have changed; cached settings and analyses of older generations are dropped. */
  let generation = 0;
  // Paths in messages are shown relative to the first workspace folder (set on initialize).
  let loader = newLoader(process.cwd());
  const settingsCache = new Map<string, CachedSettings>();
  const analyses = new Map<string, CachedAnalysis>();
  const listeners: (() => void)[] = [];
  /** Problems already shown with window/showMessage (each once per generation). */
  const shown = new Set<string>();
  /** The bigip.conf files in use, so a change to one reloads settings. */
  const confsInUse = new Set<string>();

  const canPullSettings = (): boolean => client.workspace?.configuration === true;

  /** The client settings for a document. */
  async function clientSettings(uri: string): Promise<CheckedClientSettings> {
    let raw: unknown = pushedSettings;
    if (canPullSettings()) {
      try {
        raw = await connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION });
      } catch (err) {
        logError(connection, `irule-lsp: cannot read client settings: ${messageOf(err)}`);
      }
    }
    return checkClientSettings(raw);
  }

  /** Shows each settings problem once per generation. */
  function report(problems: readonly string[]): void {
    for (const p of problems) {
      if (shown.has(p)) continue;
      shown.add(p);
      // A notification (showWarningMessage would be a request the client must answer).
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `irule-lint: ${p}` }).then(undefined, () => undefined);
    }
  }

  /** The file settings of a document, cached per generation. */
  function settingsOf(uri: string): Promise<FileSettings> {
    const cached = settingsCache.get(uri);
    if (cached && cached.generation === generation) return cached.settings;
    const g = generation;
    const settings = (async (): Promise<FileSettings> => {
      const checked = await clientSettings(uri);
      const s = await settle({ uri, client: checked, folders, loader });
      if (s.bigipConfPath !== undefined) {
        confsInUse.add(s.bigipConfPath);
        watchOutside(s.bigipConfPath);
      }
      if (g === generation) report(s.problems);
      return s;
    })().catch((err: unknown): FileSettings => {
      // settle() catches what it expects; anything else must still not stop analysis.
      const problems = [`cannot settle settings: ${messageOf(err)}`];
      report(problems);
      return { version: defaultVersion(), rules: [], problems };
    });
    settingsCache.set(uri, { generation: g, settings });
    return settings;
  }

  /** bigip.conf files outside the workspace folders already watched. */
  const watchedOutside = new Set<string>();

  /**
   * Asks the client to watch a bigip.conf that lies outside every workspace folder (the glob
   * watchers only cover the folders), when it understands patterns relative to a base folder.
   */
  function watchOutside(file: string): void {
    const files = client.workspace?.didChangeWatchedFiles;
    if (!files?.dynamicRegistration || !files.relativePatternSupport || watchedOutside.has(file)) return;
    if (folders.some((f) => !path.relative(f, file).startsWith('..'))) return;
    watchedOutside.add(file);
    const globPattern = { baseUri: pathToFileURL(path.dirname(file)).href, pattern: path.basename(file) };
    void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern }] }).then(undefined, () => undefined);
  }

  /** Drops every cached setting and analysis and tells the features. */
  function invalidate(): void {
    generation++;
    loader = newLoader(folders[0] ?? process.cwd());
    settingsCache.clear();
    analyses.clear();
    shown.clear();
    confsInUse.clear();
    for (const l of listeners) {
      try {
        l();
      } catch (err) {
        logError(connection, `irule-lsp: ${messageOf(err)}`);
      }
    }
  }

  const context: ServerContext = {
    connection,
    documents,
    options,
    workspaceFolders: () => folders,
    settings: settingsOf,
    onSettingsChanged: (listener) => void listeners.push(listener),
    analysis(uri: string): Promise<AnalyzedDocument | undefined> {
      const doc = documents.get(uri);
      if (!doc) return Promise.resolve(undefined);
      const cached = analyses.get(uri);
      if (cached && cached.version === doc.version && cached.generation === generation) return cached.result;
      const version = doc.version;
      const g = generation;
      const result = settingsOf(uri).then((settings) => {
        // Analyse the text as it is now (it may have moved on while settings were read); the
        // result carries its own version.
        const current = documents.get(uri);
        if (!current) return undefined;
        return analyzeDocument(current, withDialect(settings, uri, current.getText()));
      });
      const entry: CachedAnalysis = { version, generation: g, result };
      analyses.set(uri, entry);
      void result.then((a) => {
        // Keep the cache keyed by what was really analysed.
        if (a && a.doc.version !== version && analyses.get(uri) === entry) analyses.delete(uri);
      });
      return result;
    },
  };

  documents.onDidClose((e) => {
    analyses.delete(e.document.uri);
    settingsCache.delete(e.document.uri);
  });

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    client = params.capabilities ?? {};
    folders = workspaceFolders(params);
    loader = newLoader(folders[0] ?? process.cwd());
    const init = params.initializationOptions as { diagnosticsDelay?: unknown } | null | undefined;
    const delay = init?.diagnosticsDelay;
    if (typeof delay === 'number' && Number.isFinite(delay) && delay >= 0 && delay <= 10_000) options.diagnosticsDelayMs = delay;
    let capabilities: Record<string, unknown> = {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    };
    for (const f of features) if (f.capabilities) capabilities = mergeCapabilities(capabilities, f.capabilities as Record<string, unknown>);
    return { capabilities: capabilities as ServerCapabilities, serverInfo: { name: 'irule-lsp', version: VERSION } };
  });

  connection.onInitialized(() => {
    if (client.workspace?.didChangeConfiguration?.dynamicRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }).then(undefined, () => undefined);
    }
    if (client.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      void connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED_GLOBS.map((globPattern) => ({ globPattern })) })
        .then(undefined, () => undefined);
    }
  });

  connection.onDidChangeConfiguration((params) => {
    const settings = (params as { settings?: unknown } | null)?.settings;
    if (settings !== null && typeof settings === 'object') pushedSettings = (settings as Record<string, unknown>)[SETTINGS_SECTION];
    invalidate();
  });

  connection.onDidChangeWatchedFiles((params) => {
    const changes: FileEvent[] = Array.isArray(params?.changes) ? params.changes : [];
    const relevant = changes.some((c) => {
      const file = typeof c?.uri === 'string' ? uriToPath(c.uri) : undefined;
      return file !== undefined && (path.basename(file) === CONFIG_FILE_NAME || confsInUse.has(file));
    });
    if (relevant) invalidate();
  });

  connection.onShutdown(() => {
    analyses.clear();
    settingsCache.clear();
  });

  for (const f of features) f.register(context);
  documents.listen(connection);
  return { context };
}

/** The workspace folder paths the client named (file URIs only). */
function workspaceFolders(params: InitializeParams): string[] {
  const uris: string[] = [];
  if (Array.isArray(params.workspaceFolders)) for (const f of params.workspaceFolders) if (typeof f?.uri === 'string') uris.push(f.uri);
  if (uris.length === 0 && typeof params.rootUri === 'string') uris.push(params.rootUri);
  const out: string[] = [];
  for (const u of uris) {
    const p = uriToPath(u);
    if (p !== undefined) out.push(p);
  }
  return out;
}

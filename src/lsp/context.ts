/**
 * What every feature gets from the server: the connection, the open documents and their
 * analyses. A feature file exports `register(ctx)` and adds its handlers through `ctx.connection`.
 */
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalyzedDocument } from './document.js';
import type { FileSettings } from './settings.js';

/** The server state features share. */
export interface ServerContext {
  /** The LSP connection. */
  connection: Connection;
  /** The open documents (incremental sync). */
  documents: TextDocuments<TextDocument>;
  /**
   * The analysis of an open document at its current version, computed now if the debounced one
   * is not ready yet; `undefined` for a document that is not open.
   */
  analysis(uri: string): Promise<AnalyzedDocument | undefined>;
  /** The settings of a document (open or not), as its analysis gets them: cached until the settings change. */
  settings(uri: string): Promise<FileSettings>;
  /**
   * Calls `listener` after the settings changed (client settings, a configuration file or a
   * `bigip.conf`): every earlier analysis is out of date.
   */
  onSettingsChanged(listener: () => void): void;
  /** Server options. */
  options: ServerOptions;
  /** The workspace folders the client named at `initialize` (absolute paths; empty before it). */
  workspaceFolders(): readonly string[];
}

/** Tunables of one server. */
export interface ServerOptions {
  /** Milliseconds between the last edit and linting (diagnostics are debounced). */
  diagnosticsDelayMs: number;
}

/**
 * A feature: registers its handlers and capabilities. A connection takes one handler per
 * request or notification, so the server keeps `initialize`, `initialized`, `shutdown`,
 * `didChangeConfiguration` and `didChangeWatchedFiles` for itself (listen with
 * `onSettingsChanged`), and the document notifications belong to `documents` (use its events).
 */
export interface Feature {
  /** The server capabilities this feature adds (merged into the `initialize` result). */
  capabilities?: import('vscode-languageserver').ServerCapabilities;
  /** Adds the feature's handlers. */
  register(ctx: ServerContext): void;
}

/**
 * Logs an error to the client's output, never throwing: after `exit` (or in tests, after the
 * connection is disposed) there is nobody to tell, and a late timer must not crash the server.
 */
export function logError(connection: Connection, message: string): void {
  try {
    connection.console.error(message);
  } catch {
    // The connection is closed.
  }
}

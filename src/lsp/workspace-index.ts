/**
 * The workspace's iRule and Tcl files (`*.irule`, `*.irul`, `*.tcl`, found as the CLI finds them)
 * for the features that look across files: workspace symbols, and definitions, references and
 * renames of procs. Read lazily, on the first question, and parsed once per file version: an open
 * document's editor text wins over the file on disk. The only file-system code of the features.
 */
import { readFile, stat } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { decodeText } from '../cli/decode.js';
import { findFiles } from '../cli/inputs.js';
import { chooseDialect } from '../syntax/dialect.js';
import { parse } from '../syntax/index.js';
import type { ServerContext } from './context.js';
import type { AnalyzedDocument } from './document.js';
import type { NavContext } from './navigate.js';
import type { SourceFile } from './procs.js';

/** Where the index gets its files from. */
export interface IndexSources {
  /** Absolute paths of the workspace folders. */
  folders(): Promise<string[]>;
  /** The open documents (their text wins over the disk). */
  openDocuments(): readonly TextDocument[];
}

/** How long a folder listing is reused before the folders are searched again. */
const LISTING_TTL_MS = 3000;

interface DiskEntry {
  mtimeMs: number;
  size: number;
  file: SourceFile;
}

/** Parses a text as the file `uri` (dialect chosen as the CLI does). */
function sourceFileOf(doc: TextDocument): SourceFile {
  const text = doc.getText();
  return { uri: doc.uri, doc, ast: parse(text, { dialect: chooseDialect(doc.uri, text) }).ast };
}

/** The workspace's files, read on demand and kept per version. */
export class WorkspaceIndex {
  private listing: { at: number; paths: string[] } | undefined;
  private readonly disk = new Map<string, DiskEntry>();
  private readonly open = new Map<string, SourceFile>();

  constructor(private readonly sources: IndexSources) {}

  /** Every file of the workspace folders, plus every open document, each at its newest version. */
  async files(): Promise<SourceFile[]> {
    const openDocs = this.sources.openDocuments();
    const byUri = new Map<string, SourceFile>();
    for (const doc of openDocs) byUri.set(doc.uri, this.openFile(doc));
    for (const path of await this.paths()) {
      const uri = pathToFileURL(path).href;
      if (byUri.has(uri)) continue;
      const file = await this.diskFile(path, uri);
      if (file) byUri.set(uri, file);
    }
    // Forget documents that were closed.
    for (const uri of this.open.keys()) if (!openDocs.some((d) => d.uri === uri)) this.open.delete(uri);
    return [...byUri.values()];
  }

  /** The text of a file (an open document's text when it is open), or undefined when it cannot be read. */
  async text(path: string): Promise<string | undefined> {
    const uri = pathToFileURL(path).href;
    const doc = this.sources.openDocuments().find((d) => d.uri === uri);
    if (doc) return doc.getText();
    return readFile(path).then(decodeText, () => undefined);
  }

  private openFile(doc: TextDocument): SourceFile {
    const known = this.open.get(doc.uri);
    if (known && known.doc.version === doc.version) return known;
    const file = sourceFileOf(doc);
    this.open.set(doc.uri, file);
    return file;
  }

  private async diskFile(path: string, uri: string): Promise<SourceFile | undefined> {
    const info = await stat(path).catch(() => undefined);
    if (!info) {
      this.disk.delete(path);
      return undefined;
    }
    const known = this.disk.get(path);
    if (known && known.mtimeMs === info.mtimeMs && known.size === info.size) return known.file;
    const text = await readFile(path).then(decodeText, () => undefined);
    if (text === undefined) return undefined;
    const file = sourceFileOf(TextDocument.create(uri, 'irule', 0, text));
    this.disk.set(path, { mtimeMs: info.mtimeMs, size: info.size, file });
    return file;
  }

  /** The paths of the workspace folders' iRule and Tcl files (listed again after a few seconds), without reading them. */
  async paths(): Promise<string[]> {
    const now = Date.now();
    if (this.listing && now - this.listing.at < LISTING_TTL_MS) return this.listing.paths;
    const paths: string[] = [];
    for (const folder of await this.sources.folders().catch(() => [])) {
      // An unreadable folder contributes nothing (the CLI would stop; an editor goes on).
      const found = await findFiles([folder], folder).catch(() => []);
      for (const f of found) paths.push(f.absPath);
    }
    this.listing = { at: now, paths };
    return paths;
  }
}

const indexes = new WeakMap<ServerContext, WorkspaceIndex>();

/** The workspace index of a server (made on first use). */
export function workspaceIndex(ctx: ServerContext): WorkspaceIndex {
  let index = indexes.get(ctx);
  if (!index) {
    index = new WorkspaceIndex({ folders: async () => [...ctx.workspaceFolders()], openDocuments: () => ctx.documents.all() });
    indexes.set(ctx, index);
  }
  return index;
}

/** What navigation needs for a document: the workspace's files and the configured bigip.conf (read now). */
export async function navContextFor(ctx: ServerContext, a: AnalyzedDocument): Promise<NavContext> {
  const index = workspaceIndex(ctx);
  const nav: NavContext = { a, files: await index.files() };
  const confPath = a.settings.bigipConfPath;
  if (confPath) {
    const uri = pathToFileURL(confPath).href;
    const text = await index.text(confPath);
    nav.conf = text === undefined ? { uri } : { uri, doc: TextDocument.create(uri, 'bigip-conf', 0, text) };
  }
  return nav;
}

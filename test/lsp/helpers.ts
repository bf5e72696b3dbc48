/** Test helpers for the language features: documents with one `<|>` cursor marker, analysed in process (see harness.ts). */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseBigipConf } from '../../src/bigip/parse-config.js';
import type { AnalyzedDocument, DocumentSettings } from '../../src/lsp/document.js';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SourceFile } from '../../src/lsp/procs.js';
import { parse } from '../../src/syntax/index.js';
import { chooseDialect } from '../../src/syntax/dialect.js';
import { analyzed as analyzedWith, markers } from './harness.js';

/** Options of {@link withCursor}. */
export interface DocOptions {
  /** URI of the document (default `file:///w/test.irule`). */
  uri?: string;
  /** BIG-IP version (default 14.1.0). */
  version?: string;
  /** bigip.conf text. */
  bigip?: string;
}

/** The document for `marked` (its `<|>` removed) and the offset of the marker. */
export function withCursor(marked: string, options: DocOptions = {}): { a: AnalyzedDocument; offset: number } {
  const { text, offsets } = markers(marked);
  if (offsets.length !== 1) throw new Error('the test text needs exactly one <|> marker');
  return { a: analyzed(text, options), offset: offsets[0] };
}

/** An analysed document. */
export function analyzed(text: string, options: DocOptions = {}): AnalyzedDocument {
  const uri = options.uri ?? 'file:///w/test.irule';
  const bigip = options.bigip === undefined ? undefined : parseBigipConf(options.bigip).config;
  return analyzedWith(
    text,
    {
      dialect: chooseDialect(uri, text),
      version: { text: options.version ?? '14.1.0' },
      ...(bigip ? { bigip, bigipConfPath: '/w/bigip.conf' } : {}),
    },
    uri,
  );
}

/** A workspace file (parsed, not linted). */
export function sourceFile(uri: string, text: string): SourceFile {
  const doc = TextDocument.create(uri, 'irule', 1, text);
  return { uri, doc, ast: parse(text, { dialect: chooseDialect(uri, text) }).ast };
}

/** The seed fixtures folder (with a trailing slash). */
export const SEED_DIR = fileURLToPath(new URL('../../fixtures/seed/', import.meta.url));

/** Settings as the server settles them for the seed: BIG-IP 11.1 and a bigip.conf (default the seed's; null: none). */
export function seedSettings(bigipConfPath: string | null = `${SEED_DIR}bigip.conf`): DocumentSettings {
  return {
    dialect: 'irule',
    version: { text: '11.1' },
    rules: [],
    problems: [],
    ...(bigipConfPath !== null ? { bigipConfPath, bigip: parseBigipConf(readFileSync(bigipConfPath, 'utf8')).config } : {}),
  };
}

/** Test helpers for the language features: documents with a `<|>` cursor marker, analysed in process. */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseBigipConf } from '../../src/bigip/parse-config.js';
import { analyzeDocument, type AnalyzedDocument } from '../../src/lsp/document.js';
import type { SourceFile } from '../../src/lsp/procs.js';
import { parse } from '../../src/syntax/index.js';
import { chooseDialect } from '../../src/syntax/dialect.js';

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
  const offset = marked.indexOf('<|>');
  if (offset < 0) throw new Error('no <|> marker in the test text');
  return { a: analyzed(marked.slice(0, offset) + marked.slice(offset + 3), options), offset };
}

/** An analysed document. */
export function analyzed(text: string, options: DocOptions = {}): AnalyzedDocument {
  const uri = options.uri ?? 'file:///w/test.irule';
  const doc = TextDocument.create(uri, 'irule', 1, text);
  const bigip = options.bigip === undefined ? undefined : parseBigipConf(options.bigip).config;
  return analyzeDocument(doc, {
    dialect: chooseDialect(uri, text),
    version: { text: options.version ?? '14.1.0' },
    rules: [],
    ...(bigip ? { bigip, bigipConfPath: '/w/bigip.conf' } : {}),
  });
}

/** A workspace file (parsed, not linted). */
export function sourceFile(uri: string, text: string): SourceFile {
  const doc = TextDocument.create(uri, 'irule', 1, text);
  return { uri, doc, ast: parse(text, { dialect: chooseDialect(uri, text) }).ast };
}

/** The text a range of a document covers. */
export function textAt(doc: TextDocument, range: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  return doc.getText(range);
}

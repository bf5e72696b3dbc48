/** Test helpers shared by the in-process tests of the layout features (formatting, folding, semantic tokens). */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseVersion } from '../../src/lint/version.js';
import { analyzeDocument, type AnalyzedDocument } from '../../src/lsp/document.js';
import type { Dialect } from '../../src/syntax/ast.js';

/** The analysis of `text` as an open document, with default settings (newest BIG-IP version, default rules). */
export function analyzed(text: string, dialect: Dialect = 'irule', uri = 'file:///test.irule'): AnalyzedDocument {
  const version = parseVersion('14.1.0')!;
  return analyzeDocument(TextDocument.create(uri, 'irule', 1, text), { dialect, version, rules: [] });
}

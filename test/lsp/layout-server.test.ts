/**
 * Formatting, folding and semantic tokens through the in-process server (real JSON-RPC): the
 * capabilities announced, and each request answered from the open document's analysis.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FoldingRange, SemanticTokens, SemanticTokensDelta, TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { legend } from '../../src/lsp/features/semantic-tokens.js';
import { startInProcess, type TestClient } from './harness.js';

const URI = 'file:///w/layout.irule';
const TEXT = 'when HTTP_REQUEST {\n  # a\n  # b\n  if { [HTTP::uri] eq "/" } {\n pool web\n  }\n}\n';

describe('layout features in the server', () => {
  let client: TestClient & { initializeResult: unknown };
  beforeAll(async () => {
    client = await startInProcess();
    await client.open(URI, TEXT);
  });
  afterAll(() => client.dispose());

  it('announces formatting, range formatting, folding and semantic tokens with the legend', () => {
    const caps = (client.initializeResult as { capabilities: Record<string, unknown> }).capabilities;
    expect(caps.documentFormattingProvider).toBe(true);
    expect(caps.documentRangeFormattingProvider).toBe(true);
    expect(caps.foldingRangeProvider).toBe(true);
    expect(caps.semanticTokensProvider).toEqual({ legend, full: { delta: true }, range: true });
  });

  it('formats the document with the client options', async () => {
    const edits: TextEdit[] = await client.conn.sendRequest('textDocument/formatting', {
      textDocument: { uri: URI },
      options: { tabSize: 4, insertSpaces: true },
    });
    const doc = TextDocument.create(URI, 'irule', 1, TEXT);
    expect(TextDocument.applyEdits(doc, edits)).toBe('when HTTP_REQUEST {\n    # a\n    # b\n    if { [HTTP::uri] eq "/" } {\n        pool web\n    }\n}\n');
    const ranged: TextEdit[] = await client.conn.sendRequest('textDocument/rangeFormatting', {
      textDocument: { uri: URI },
      range: { start: { line: 4, character: 0 }, end: { line: 4, character: 3 } },
      options: { tabSize: 2, insertSpaces: true },
    });
    expect(TextDocument.applyEdits(doc, ranged)).toBe(TEXT.replace(' pool web', '    pool web'));
  });

  it('answers folding ranges', async () => {
    const folds: FoldingRange[] = await client.conn.sendRequest('textDocument/foldingRange', { textDocument: { uri: URI } });
    expect(folds.map((f) => [f.startLine, f.endLine, f.kind])).toEqual([
      [0, 5, undefined],
      [1, 2, 'comment'],
      [3, 4, undefined],
    ]);
  });

  it('answers full tokens, then a delta against them, and a range', async () => {
    const full: SemanticTokens = await client.conn.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri: URI } });
    expect(full.resultId).toBeDefined();
    expect(full.data.slice(0, 5)).toEqual([0, 0, 4, legend.tokenTypes.indexOf('keyword'), 0]);
    const delta: SemanticTokensDelta = await client.conn.sendRequest('textDocument/semanticTokens/full/delta', {
      textDocument: { uri: URI },
      previousResultId: full.resultId,
    });
    expect(delta.edits).toEqual([]);
    expect(delta.resultId).not.toBe(full.resultId);
    const stale: SemanticTokens = await client.conn.sendRequest('textDocument/semanticTokens/full/delta', {
      textDocument: { uri: URI },
      previousResultId: 'unknown',
    });
    expect(stale.data).toEqual(full.data);
    const range: SemanticTokens = await client.conn.sendRequest('textDocument/semanticTokens/range', {
      textDocument: { uri: URI },
      range: { start: { line: 4, character: 0 }, end: { line: 5, character: 0 } },
    });
    expect(range.data).toEqual([4, 1, 4, legend.tokenTypes.indexOf('function'), 1 << legend.tokenModifiers.indexOf('defaultLibrary'), 0, 5, 3, legend.tokenTypes.indexOf('enumMember'), 0]);
  });

  it('answers empty results for a document that is not open', async () => {
    const other = { textDocument: { uri: 'file:///w/closed.irule' } };
    expect(await client.conn.sendRequest('textDocument/formatting', { ...other, options: { tabSize: 4, insertSpaces: true } })).toEqual([]);
    expect(await client.conn.sendRequest('textDocument/foldingRange', other)).toEqual([]);
    expect(((await client.conn.sendRequest('textDocument/semanticTokens/full', other)) as SemanticTokens).data).toEqual([]);
  });
});

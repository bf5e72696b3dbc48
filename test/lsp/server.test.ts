/**
 * The server's wiring: the feature list and its merged capabilities, the initialize result, and
 * `ServerContext.analysis` (cached per version, a snapshot that later edits do not change).
 */
import { describe, expect, it } from 'vitest';
import type { InitializeResult } from 'vscode-languageserver';
import type { Feature, ServerContext } from '../../src/lsp/context.js';
import { FEATURES, mergeCapabilities } from '../../src/lsp/server.js';
import { diagnosticsFeature } from '../../src/lsp/features/diagnostics.js';
import { sleep, startInProcess } from './harness.js';

describe('server', () => {
  it('lists its features in one array and merges their capabilities into initialize', async () => {
    expect(FEATURES).toContain(diagnosticsFeature);
    const extra: Feature = { capabilities: { hoverProvider: true, codeActionProvider: { resolveProvider: false } }, register: () => undefined };
    const client = await startInProcess({ features: [...FEATURES, extra] });
    try {
      const init = client.initializeResult as InitializeResult;
      expect(init.capabilities).toMatchObject({
        textDocumentSync: { openClose: true, change: 2 },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix', 'source.fixAll.irule-lint'], resolveProvider: false },
      });
      expect(init.serverInfo?.name).toBe('irule-lsp');
    } finally {
      await client.dispose();
    }
  });

  it('merges nested capability objects key by key', () => {
    expect(mergeCapabilities({ a: { x: 1, y: { p: 1 } }, b: [1] }, { a: { y: { q: 2 } }, b: [2] })).toEqual({ a: { x: 1, y: { p: 1, q: 2 } }, b: [2] });
  });

  it('gives features a cached analysis per version that later edits leave alone', async () => {
    let ctx: ServerContext | undefined;
    const probe: Feature = { register: (c) => void (ctx = c) };
    const client = await startInProcess({ features: [probe] });
    try {
      const uri = 'file:///nowhere/a.irule';
      expect(await ctx!.analysis(uri)).toBeUndefined();
      await client.open(uri, 'when HTTP_REQUEST {\n  log local0. $x\n}\n', 1);
      await sleep(20);
      const first = await ctx!.analysis(uri);
      expect(first?.doc.version).toBe(1);
      expect(await ctx!.analysis(uri)).toBe(first);
      await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 1, character: 2 }, end: { line: 1, character: 2 } }, text: 'set x 1\n  ' }] });
      await sleep(20);
      const second = await ctx!.analysis(uri);
      expect(second?.doc.version).toBe(2);
      expect(first!.doc.getText()).toBe('when HTTP_REQUEST {\n  log local0. $x\n}\n');
      expect(first!.diagnostics.map((d) => d.ruleId)).toContain('undefined-variable');
      expect(second!.diagnostics.map((d) => d.ruleId)).not.toContain('undefined-variable');
    } finally {
      await client.dispose();
    }
  });

  it('takes the diagnostics delay from initializationOptions', async () => {
    let ctx: ServerContext | undefined;
    const probe: Feature = { register: (c) => void (ctx = c) };
    const client = await startInProcess({ features: [probe], initializationOptions: { diagnosticsDelay: 40 } });
    try {
      expect(ctx!.options.diagnosticsDelayMs).toBe(40);
    } finally {
      await client.dispose();
    }
  });
});

/**
 * Robustness: random texts, random incremental edits and random or malformed params thrown at
 * the server in process. The server must keep answering, and what it publishes must match the
 * core's findings for the final text. Bounded in time (fast-check's time limit).
 */
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/lint/run.js';
import { parse } from '../../src/syntax/index.js';
import { codeActionsFor, quickFixes } from '../../src/lsp/features/code-actions.js';
import { analyzed, startInProcess, type TestClient } from './harness.js';

/** Pieces random iRule-like texts are built from: the characters and words Tcl parsing hinges on. */
const PIECES = ['when ', 'HTTP_REQUEST ', '{', '}', '[', ']', '"', '\\', '\n', '\r\n', ' ', '\t', '$x', '${y}', '$::g', '#', ';', 'if ', 'switch -glob -- ', 'class match ', 'log local0. ', 'set x 1', 'expr {', '(', ')', 'proc p {a} ', 'call p', '😀', '\u0000', 'é'];
const text = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((a) => a.join('')),
  fc.string({ maxLength: 80, unit: 'binary' }),
);
const position = fc.record({ line: fc.integer({ min: -2, max: 12 }), character: fc.integer({ min: -2, max: 40 }) });
const range = fc.record({ start: position, end: position });

/** One thing a client (or a broken client) does. */
type Op =
  | { kind: 'change'; edits: { range?: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string }[] }
  | { kind: 'codeAction'; range: unknown; only?: string[] }
  | { kind: 'garbage'; method: string; params: unknown; request: boolean };

const METHODS = ['textDocument/didOpen', 'textDocument/didChange', 'textDocument/didClose', 'textDocument/codeAction', 'workspace/didChangeConfiguration', 'workspace/didChangeWatchedFiles', 'textDocument/didSave', 'initialize'];
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('change' as const), edits: fc.array(fc.record({ range: fc.option(range, { nil: undefined }), text }, { requiredKeys: ['text'] }), { minLength: 1, maxLength: 3 }) }),
  fc.record({ kind: fc.constant('codeAction' as const), range: fc.oneof(range, fc.jsonValue()), only: fc.option(fc.array(fc.constantFrom('quickfix', 'source', 'source.fixAll', 'refactor', '')), { nil: undefined }) }),
  fc.record({ kind: fc.constant('garbage' as const), method: fc.constantFrom(...METHODS), params: fc.jsonValue({ maxDepth: 3 }), request: fc.boolean() }),
);

let client: TestClient;
beforeAll(async () => {
  client = await startInProcess({ delayMs: 0 });
});
afterAll(() => client.dispose());

describe('fuzz', () => {
  it('the server survives random edits and malformed requests, and ends with the right findings', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(text, fc.array(op, { maxLength: 12 }), async (initial, ops) => {
        const uri = `file:///fuzz/${n++}.irule`;
        // The client's own copy, updated exactly as the server's.
        let doc = TextDocument.create(uri, 'irule', 1, initial);
        await client.open(uri, initial, 1);
        for (const o of ops) {
          if (o.kind === 'change') {
            const version = doc.version + 1;
            doc = TextDocument.update(doc, o.edits, version);
            await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: o.edits });
          } else if (o.kind === 'codeAction') {
            const r = await client.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: o.range, context: { diagnostics: [], only: o.only } }).then(
              (x) => x,
              (e: { code?: number }) => ({ error: e.code }),
            );
            expect(Array.isArray(r) || r === null || typeof (r as { error?: number }).error === 'number').toBe(true);
          } else if (o.method !== 'initialize' || o.request) {
            if (o.request) await client.conn.sendRequest(o.method, o.params).then(() => undefined, () => undefined);
            else await client.conn.sendNotification(o.method, o.params);
          }
        }
        // Still answering, and the last publication for the document is for its final text.
        const version = doc.version;
        const final = client.nextDiagnostics(uri, (p) => p.version === version);
        final.catch(() => undefined); // not awaited when the publication came already
        const actions = await client.conn.sendRequest('textDocument/codeAction', {
          textDocument: { uri },
          range: { start: { line: 0, character: 0 }, end: doc.positionAt(doc.getText().length) },
          context: { diagnostics: [] },
        });
        expect(Array.isArray(actions)).toBe(true);
        // A garbage didClose may have closed it: then reopen and expect the new publication.
        const published = client.published.filter((p) => p.uri === uri);
        const last = published[published.length - 1];
        const got = last && last.version === version ? last : await Promise.race([final, reopen(uri, doc)]);
        expect(got.diagnostics.map((d) => d.code)).toEqual(lint(doc.getText()).diagnostics.map((d) => d.ruleId));
        await client.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
      }),
      { numRuns: 200, interruptAfterTimeLimit: 4000, seed: 20261207 },
    );
  });

  it('disable-for-line edits on random texts silence their finding and never add parse errors', () => {
    fc.assert(
      fc.property(text, (t) => {
        const a = analyzed(t);
        const before = parse(t).diagnostics.filter((d) => d.severity === 'error').length;
        for (const action of quickFixes(a, { start: 0, end: t.length })) {
          if (!action.title.startsWith('Disable ')) continue;
          const edits = action.edit!.changes![a.doc.uri];
          const out = TextDocument.applyEdits(a.doc, edits);
          expect(parse(out).diagnostics.filter((d) => d.severity === 'error').length, JSON.stringify({ t, out })).toBeLessThanOrEqual(before);
          const ruleId = action.title.split(' ')[1];
          const after = lint(out).diagnostics;
          expect(after.filter((d) => d.ruleId === ruleId).length, JSON.stringify({ t, out })).toBeLessThan(a.diagnostics.filter((d) => d.ruleId === ruleId).length);
          expect(after.some((d) => d.ruleId === 'unused-suppression' || d.ruleId === 'invalid-suppression'), JSON.stringify({ t, out })).toBe(false);
        }
        // Random ranges and kinds never throw.
        codeActionsFor(a, { start: { line: 3, character: 99 }, end: { line: -1, character: -5 } }, ['source', 'quickfix']);
      }),
      { numRuns: 400, interruptAfterTimeLimit: 4000, seed: 7 },
    );
  });
});

/** Opens the document again (after a garbage close) and waits for its publication. */
async function reopen(uri: string, doc: TextDocument) {
  const next = client.nextDiagnostics(uri, (p) => p.version === doc.version);
  await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'irule', version: doc.version, text: doc.getText() } });
  return next;
}

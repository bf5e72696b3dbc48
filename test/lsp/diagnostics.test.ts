/**
 * Diagnostics through a real JSON-RPC connection to an in-process server: what is published on
 * open and after edits (debounced, newest version only), cleared on close.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DiagnosticSeverity, type PublishDiagnosticsParams } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { afterEach, describe, expect, it } from 'vitest';
import { lint } from '../../src/lint/run.js';
import { parseVersion } from '../../src/lint/version.js';
import { sleep, startInProcess, type TestClient } from './harness.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const V10_RULE = readFileSync(`${root}fixtures/seed/smtp_irule_v10.irule`, 'utf8');
const CLEAN = 'when HTTP_REQUEST {\n  log local0. "hello"\n}\n';
const BROKEN = 'when HTTP_REQUEST {\n  log local0. [HTTP::uri\n}\n';

let client: TestClient | undefined;
afterEach(async () => {
  await client?.dispose();
  client = undefined;
});

/** An incremental change replacing the whole text of a small document. */
function change(uri: string, version: number, before: string, after: string) {
  const doc = TextDocument.create(uri, 'irule', version - 1, before);
  return client!.conn.sendNotification('textDocument/didChange', {
    textDocument: { uri, version },
    contentChanges: [{ range: { start: { line: 0, character: 0 }, end: doc.positionAt(before.length) }, text: after }],
  });
}

/** Rule ids published. */
const ids = (p: PublishDiagnosticsParams): string[] => p.diagnostics.map((d) => String(d.code));

describe('diagnostics', () => {
  it('publishes findings on open with rule id, doc link, severity and version', async () => {
    client = await startInProcess({ settings: { '*': { bigipVersion: '11.1' } } });
    const uri = 'file:///nowhere/v10.irule';
    const next = client.nextDiagnostics(uri);
    await client.open(uri, V10_RULE, 7);
    const p = await next;
    expect(p.version).toBe(7);
    const d = p.diagnostics.find((x) => x.code === 'datagroup-global-reference');
    expect(d).toBeDefined();
    expect(d!.severity).toBe(DiagnosticSeverity.Error);
    expect(d!.source).toBe('irule-lint');
    expect(d!.codeDescription?.href).toMatch(/datagroup-global-reference/);
    expect(d!.range.start.line).toBe(5);
    // The same findings as the core reports for this text and version.
    const core = lint(V10_RULE, { version: parseVersion('11.1')! }).diagnostics;
    expect(ids(p)).toEqual(core.map((x) => x.ruleId));
  });

  it('carries related information where the finding has it', async () => {
    client = await startInProcess();
    const uri = 'file:///nowhere/broken.irule';
    const core = lint(BROKEN).diagnostics.filter((d) => d.related && d.related.length > 0);
    expect(core.length).toBeGreaterThan(0);
    const next = client.nextDiagnostics(uri);
    await client.open(uri, BROKEN);
    const p = await next;
    const withRelated = p.diagnostics.filter((d) => d.relatedInformation && d.relatedInformation.length > 0);
    expect(withRelated).toHaveLength(core.length);
    expect(withRelated[0].relatedInformation![0].location.uri).toBe(uri);
  });

  it('debounces a burst of edits into one publication of the last version', async () => {
    // A delay long enough that a loaded test machine still delivers the burst within it.
    client = await startInProcess({ delayMs: 400 });
    const uri = 'file:///nowhere/burst.irule';
    const first = client.nextDiagnostics(uri);
    await client.open(uri, CLEAN, 1);
    await first;
    const last = client.nextDiagnostics(uri, (p) => p.version === 6);
    let text = CLEAN;
    for (let v = 2; v <= 6; v++) {
      const next = v % 2 === 0 ? BROKEN : CLEAN.replace('hello', `hello ${v}`);
      await change(uri, v, text, next);
      text = next;
    }
    const p = await last;
    await sleep(450);
    const after = client.published.filter((x) => x.uri === uri);
    expect(after.map((x) => x.version)).toEqual([1, 6]);
    expect(ids(p)).toEqual(lint(text).diagnostics.map((d) => d.ruleId));
  });

  it('never publishes an older result after a newer one, even when settings arrive late', async () => {
    client = await startInProcess({ delayMs: 0 });
    const uri = 'file:///nowhere/race.irule';
    let release: () => void = () => undefined;
    client.holdConfiguration = new Promise<void>((r) => (release = r));
    await client.open(uri, BROKEN, 1);
    await sleep(30); // the open is being analysed, waiting for the client settings
    await change(uri, 2, BROKEN, CLEAN);
    await sleep(30);
    const done = client.nextDiagnostics(uri);
    release();
    const p = await done;
    await sleep(100);
    const all = client.published.filter((x) => x.uri === uri);
    // Only version 2, once: the run started for version 1 saw a newer run and stayed silent.
    expect(all.map((x) => x.version)).toEqual([2]);
    expect(p.diagnostics).toEqual([]);
  });

  it('keeps published versions increasing and true to their text under random edits', async () => {
    client = await startInProcess({ delayMs: 3 });
    const uri = 'file:///nowhere/random.irule';
    const texts = [CLEAN, BROKEN, V10_RULE, 'set x', 'when HTTP_REQUEST { log $y }'];
    const byVersion = new Map<number, string>();
    let text = texts[0];
    byVersion.set(1, text);
    await client.open(uri, text, 1);
    let seed = 7;
    const rand = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let v = 2; v <= 40; v++) {
      const next = texts[rand(texts.length)];
      await change(uri, v, text, next);
      text = next;
      byVersion.set(v, text);
      if (rand(3) === 0) await sleep(rand(8));
    }
    await client.nextDiagnostics(uri, (p) => p.version === 40);
    const all = client.published.filter((x) => x.uri === uri);
    for (let i = 1; i < all.length; i++) expect(all[i].version!).toBeGreaterThan(all[i - 1].version!);
    for (const p of all) expect(ids(p)).toEqual(lint(byVersion.get(p.version!)!).diagnostics.map((d) => d.ruleId));
  });

  it('clears diagnostics when a document closes', async () => {
    client = await startInProcess();
    const uri = 'file:///nowhere/close.irule';
    const first = client.nextDiagnostics(uri);
    await client.open(uri, BROKEN);
    expect((await first).diagnostics.length).toBeGreaterThan(0);
    const cleared = client.nextDiagnostics(uri);
    await client.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    const p = await cleared;
    expect(p.diagnostics).toEqual([]);
  });

  it('lints untitled documents', async () => {
    client = await startInProcess();
    const uri = 'untitled:Untitled-1';
    const next = client.nextDiagnostics(uri);
    await client.open(uri, BROKEN);
    expect(ids(await next)).toContain('syntax-error');
  });
});

/**
 * Diagnostics: every lint finding of an open document, published as the user types. A document
 * is linted when opened, then again a short delay after the last edit (debounced), and again for
 * every open document when the settings change. A result is published only if it is still the
 * newest: the document must still be at the version analysed, and no later run may have started
 * for it, so a slow old analysis never overwrites a newer one. Closing a document clears its
 * diagnostics.
 */
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import { DIAGNOSTIC_SOURCE, toLspDiagnostic } from '../convert.js';
import { logError, type Feature, type ServerContext } from '../context.js';
import type { AnalyzedDocument } from '../document.js';
import { messageOf } from '../settings.js';

/** The `code` of a diagnostic about the settings rather than the text. */
export const SETTINGS_PROBLEM_CODE = 'irule-lint-settings';

/**
 * The LSP diagnostics of an analysis: each settings problem (shown on the first character, since
 * it concerns the whole document), then the findings, none when the configuration file ignores
 * the document.
 */
export function publishedDiagnostics(a: AnalyzedDocument): LspDiagnostic[] {
  const out: LspDiagnostic[] = a.settings.problems.map((message) => ({
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Warning,
    source: DIAGNOSTIC_SOURCE,
    code: SETTINGS_PROBLEM_CODE,
    message,
  }));
  if (a.settings.ignored) return out;
  for (const d of a.diagnostics) out.push(toLspDiagnostic(a.doc, d));
  return out;
}

/** Wires linting to document events. */
function register(ctx: ServerContext): void {
  const { connection, documents } = ctx;
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Per document, the number of the latest run started (or cancelled, on close). */
  const latestRun = new Map<string, number>();
  let runs = 0;

  async function run(uri: string): Promise<void> {
    const id = ++runs;
    latestRun.set(uri, id);
    let a: AnalyzedDocument | undefined;
    try {
      a = await ctx.analysis(uri);
    } catch (err) {
      logError(connection, `irule-lsp: analysis of ${uri} failed: ${messageOf(err)}`);
      return;
    }
    // Publish only the newest: the document is still at the version analysed, no later run has
    // started, and none is waiting for its delay (it will publish the same or a newer version).
    const current = documents.get(uri);
    if (!a || !current || current.version !== a.doc.version || latestRun.get(uri) !== id || timers.has(uri)) return;
    await connection.sendDiagnostics({ uri, version: a.doc.version, diagnostics: publishedDiagnostics(a) });
  }

  function schedule(uri: string, delay: number): void {
    const old = timers.get(uri);
    if (old !== undefined) clearTimeout(old);
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        run(uri).catch((err: unknown) => logError(connection, `irule-lsp: ${messageOf(err)}`));
      }, delay),
    );
  }

  /** Open documents linted at least once: the first content (on open) is linted at once. */
  const seen = new Set<string>();
  documents.onDidChangeContent((e) => {
    const uri = e.document.uri;
    if (seen.has(uri)) schedule(uri, ctx.options.diagnosticsDelayMs);
    else {
      seen.add(uri);
      schedule(uri, 0);
    }
  });
  documents.onDidClose((e) => {
    const uri = e.document.uri;
    seen.delete(uri);
    const t = timers.get(uri);
    if (t !== undefined) clearTimeout(t);
    timers.delete(uri);
    latestRun.set(uri, ++runs); // in-flight runs for it never publish
    void connection.sendDiagnostics({ uri, diagnostics: [] }).then(undefined, () => undefined);
  });
  ctx.onSettingsChanged(() => {
    for (const doc of documents.all()) schedule(doc.uri, 0);
  });
}

/** The diagnostics feature. */
export const diagnosticsFeature: Feature = { register };

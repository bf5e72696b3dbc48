/**
 * Workspace symbols: the procs and event handlers of every iRule and Tcl file of the workspace
 * (open documents at their editor version), matched to the query by name, case-insensitively, as
 * a subsequence (`hreq` finds `HTTP_REQUEST`).
 */
import { SymbolKind, type SymbolInformation } from 'vscode-languageserver';
import type { Feature } from '../context.js';
import { location, procNameRange } from '../navigate.js';
import { outlineOf, ruleNameOf, type SourceFile } from '../procs.js';
import { workspaceIndex } from '../workspace-index.js';

/** Whether every character of `query` occurs in `name` in order (case-insensitive). */
export function matchesQuery(name: string, query: string): boolean {
  const n = name.toLowerCase();
  let at = 0;
  for (const c of query.toLowerCase()) {
    at = n.indexOf(c, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}

/** The symbols of `files` matching `query` (every one for an empty query). */
export function workspaceSymbols(files: readonly SourceFile[], query: string): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  for (const file of files) {
    const source = file.doc.getText();
    const { procs, whens } = outlineOf(file.ast, source);
    const containerName = ruleNameOf(file.uri);
    for (const p of procs) {
      if (p.name !== '' && matchesQuery(p.name, query)) {
        out.push({ name: p.name, kind: SymbolKind.Function, location: location(file, procNameRange(p, source)), containerName });
      }
    }
    for (const w of whens) {
      if (w.event !== '' && matchesQuery(w.event, query)) {
        out.push({ name: `when ${w.event}`, kind: SymbolKind.Event, location: location(file, w.eventRange), containerName });
      }
    }
  }
  return out;
}

/** Registers the workspace symbol handler. */
export const workspaceSymbolsFeature: Feature = {
  capabilities: { workspaceSymbolProvider: true },
  register(ctx) {
    ctx.connection.onWorkspaceSymbol(async (params) => workspaceSymbols(await workspaceIndex(ctx).files(), params.query));
  },
};

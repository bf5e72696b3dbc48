/**
 * Document symbols: the event handlers (`when EVENT`, with their priority) and procs of a file,
 * nested as the code nests them (a `when` or `proc` inside another's body is its child).
 */
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import { walk } from '../../lint/walk.js';
import type { Proc, When } from '../../syntax/ast.js';
import type { Feature } from '../context.js';
import { toLspRange } from '../convert.js';
import type { AnalyzedDocument } from '../document.js';
import { paramsText } from '../procs.js';

/** The symbol of a handler or proc (children added by the caller). */
function symbolOf(a: AnalyzedDocument, node: When | Proc): DocumentSymbol {
  const range = toLspRange(a.doc, node.range);
  if (node.type === 'When') {
    const sym: DocumentSymbol = {
      name: `when ${node.event || '?'}`,
      kind: SymbolKind.Event,
      range,
      selectionRange: toLspRange(a.doc, node.eventRange),
      children: [],
    };
    if (node.priority !== undefined) sym.detail = `priority ${node.priority}`;
    return sym;
  }
  return {
    name: node.name || '?',
    detail: paramsText(node),
    kind: SymbolKind.Function,
    range,
    selectionRange: toLspRange(a.doc, node.nameRange),
    children: [],
  };
}

/** The symbols of a document, outermost first. */
export function documentSymbols(a: AnalyzedDocument): DocumentSymbol[] {
  const top: DocumentSymbol[] = [];
  const open: { node: When | Proc; sym: DocumentSymbol }[] = [];
  walk(a.ast, {
    enter(node) {
      if (node.type !== 'When' && node.type !== 'Proc') return;
      const sym = symbolOf(a, node);
      (open.length > 0 ? open[open.length - 1].sym.children! : top).push(sym);
      open.push({ node, sym });
    },
    leave(node) {
      if (open.length > 0 && open[open.length - 1].node === node) open.pop();
    },
  });
  return top;
}

/** Registers the document symbol handler. */
export const documentSymbolsFeature: Feature = {
  capabilities: { documentSymbolProvider: true },
  register(ctx) {
    ctx.connection.onDocumentSymbol(async (params) => {
      const a = await ctx.analysis(params.textDocument.uri);
      return a ? documentSymbols(a) : [];
    });
  },
};

/**
 * Folding ranges: braced words spread over lines (event handlers, procs, `if`/`else`/`switch`
 * arms, `foreach` bodies, switch lists, multi-line data), multi-line strings and command
 * substitutions, and runs of comment lines.
 */
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver';
import { walk } from '../../lint/walk.js';
import type { Comment, Statement } from '../../syntax/ast.js';
import type { Feature, ServerContext } from '../context.js';
import { toLspLine } from '../convert.js';
import type { AnalyzedDocument } from '../document.js';

/** A foldable stretch: from the line of `start` to the line of `end` (both offsets), as a comment run or code. */
export interface Fold {
  /** An offset on the first line (the one left visible). */
  start: number;
  /** An offset on the last line hidden. */
  end: number;
  /** `comment` for a run of comment lines. */
  kind?: 'comment';
}

/** Whether `text[from, to)` holds blanks only. */
function blanksOnly(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/**
 * The last offset to hide for a construct closed at `close`: the closing delimiter's own line
 * stays visible when the delimiter starts it (`}` alone on a line), else that line is hidden too.
 */
function foldEnd(text: string, open: number, close: number): number {
  let i = close;
  while (i > open && (text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 9)) i--;
  return i > open && text.charCodeAt(i - 1) === 10 ? i - 1 : close;
}

/** Whether the comment is the first thing on its line. */
function startsLine(text: string, c: Comment): boolean {
  const lineStart = text.lastIndexOf('\n', c.range.start - 1) + 1;
  return blanksOnly(text, lineStart, c.range.start);
}

/** Runs of two or more comments on consecutive lines, each alone on its line. */
function commentRuns(text: string, body: readonly Statement[], out: Fold[]): void {
  let first: Comment | undefined;
  let last: Comment | undefined;
  const close = (): void => {
    if (first && last && first !== last) out.push({ start: first.range.start, end: last.range.start, kind: 'comment' });
    first = last = undefined;
  };
  for (const s of body) {
    if (s.type !== 'Comment' || !startsLine(text, s)) {
      close();
      continue;
    }
    const gap = last ? text.slice(last.range.end, s.range.start) : '';
    if (last && !/^\r?\n[ \t]*$/.test(gap)) close();
    first ??= s;
    last = s;
  }
  close();
}

/** The foldable stretches of an analysed document, as offsets. */
export function foldsOf(analysis: Pick<AnalyzedDocument, 'doc' | 'ast'>): Fold[] {
  const text = analysis.doc.getText();
  const out: Fold[] = [];
  const multiLine = (open: number, close: number): void => {
    const nl = text.indexOf('\n', open);
    if (nl !== -1 && nl < close) out.push({ start: open, end: foldEnd(text, open, close) });
  };
  walk(analysis.ast, {
    enter(node) {
      switch (node.type) {
        case 'Script':
          commentRuns(text, node.body, out);
          break;
        case 'BracedWord':
        case 'QuotedWord':
        case 'CmdSubst':
          multiLine(node.range.start, node.range.end - 1);
          break;
        case 'ListItem':
          if (node.delim !== 'none') multiLine(node.range.start, node.range.end - 1);
          break;
      }
    },
  });
  return out;
}

/** LSP folding ranges of an analysed document: one per first line (the widest), spanning two lines or more. */
export function foldingRanges(analysis: Pick<AnalyzedDocument, 'doc' | 'ast'>): FoldingRange[] {
  const byLine = new Map<number, FoldingRange>();
  for (const f of foldsOf(analysis)) {
    const startLine = toLspLine(analysis.doc, f.start);
    const endLine = toLspLine(analysis.doc, f.end);
    if (endLine <= startLine) continue;
    const known = byLine.get(startLine);
    if (known && known.endLine >= endLine) continue;
    byLine.set(startLine, { startLine, endLine, ...(f.kind ? { kind: FoldingRangeKind.Comment } : {}) });
  }
  return [...byLine.values()].sort((a, b) => a.startLine - b.startLine);
}

/** Folding ranges. */
export const foldingFeature: Feature = {
  capabilities: { foldingRangeProvider: true },
  register(ctx: ServerContext): void {
    ctx.connection.onFoldingRanges(async (params) => {
      const analysis = await ctx.analysis(params.textDocument.uri);
      return analysis ? foldingRanges(analysis) : [];
    });
  },
};

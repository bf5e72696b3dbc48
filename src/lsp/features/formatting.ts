/**
 * Document and range formatting: a conservative re-indenter. It changes only the leading blanks of
 * lines whose first character starts a command or comment of a braced body the parser read as
 * code (`when`, `proc`, `if`, `foreach`, `switch` arms ...), starts an element of a braced `switch`
 * list, or closes such a body; on request it also drops trailing blanks that lie between commands.
 * Everything else (strings, braced data, expressions, continuation lines, command substitutions,
 * `else` lines) keeps its text, so the words of every command stay the same. A text with syntax
 * errors is left alone: its tree is partial, so nothing proves an edit harmless.
 */
import type { DocumentFormattingParams, DocumentRangeFormattingParams, TextEdit as LspTextEdit } from 'vscode-languageserver';
import type { Range, TextEdit } from '../../diagnostics.js';
import { walk } from '../../lint/walk.js';
import type { ListNode, Node, Script } from '../../syntax/ast.js';
import { LineIndex } from '../../syntax/line-index.js';
import type { Feature, ServerContext } from '../context.js';
import { toCoreRange, toLspEdit } from '../convert.js';
import type { AnalyzedDocument } from '../document.js';

/** How to indent (the fields of the LSP `FormattingOptions` the formatter reads). */
export interface IndentOptions {
  /** Width of a tab, and of one indentation step when indenting with spaces. */
  tabSize: number;
  /** Indent with spaces (else with tabs). */
  insertSpaces: boolean;
  /** Drop blanks at line ends that lie between commands. */
  trimTrailingWhitespace?: boolean;
  /** End the text with a newline when it ends after a command. */
  insertFinalNewline?: boolean;
  /** Drop blank lines at the end of the text. */
  trimFinalNewlines?: boolean;
}

/**
 * What decides a line's indentation: `child` of the body opened at offset `opener` (one step deeper
 * than the line the body's owner starts on), `same` as that line (a closing brace), or `top` (a
 * command of the file itself). `siblings` are the words (or list elements) the opening brace's
 * word stands among, to find the line where they start.
 */
type Anchor = { kind: 'child' | 'same'; opener: number; siblings: readonly { range: Range }[] } | { kind: 'top' };

/** The lines of a text: where each starts, and where its content ends (before `\r\n` or `\n`). */
interface Lines {
  starts: number[];
  ends: number[];
  index: LineIndex;
}

function splitLines(text: string): Lines {
  const index = new LineIndex(text);
  const starts: number[] = [];
  const ends: number[] = [];
  for (let line = 0; line < index.lineCount; line++) {
    starts.push(index.lineStart(line));
    if (line > 0) ends.push(starts[line] - (starts[line] >= 2 && text.charCodeAt(starts[line] - 2) === 13 ? 2 : 1));
  }
  ends.push(text.length);
  return { starts, ends, index };
}

/** The line holding `offset`. */
function lineOf(lines: Lines, offset: number): number {
  return lines.index.position(offset).line;
}

/** Whether a character is an indentation blank (space or tab; other whitespace is left alone). */
function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/** Whether the newline ending the line before `line` is escaped (a backslash-newline continuation). */
function continuesPrevious(text: string, lines: Lines, line: number): boolean {
  if (line === 0) return false;
  let n = 0;
  for (let i = lines.ends[line - 1] - 1; i >= lines.starts[line - 1] && text.charCodeAt(i) === 92; i--) n++;
  return n % 2 === 1;
}

/** The first line of `offset` when `offset` is the first non-blank character of a line that no backslash continues. */
function lineStartedAt(text: string, lines: Lines, offset: number): number | undefined {
  const line = lineOf(lines, offset);
  for (let i = lines.starts[line]; i < offset; i++) if (!isBlank(text.charCodeAt(i))) return undefined;
  return continuesPrevious(text, lines, line) ? undefined : line;
}

/** Whether a word or list element is a braced body read as code (a script, or a switch list of bodies). */
function isBracedBody(node: Node, text: string): boolean {
  let parsed: Node | undefined;
  if (node.type === 'BracedWord') parsed = node.parsed;
  else if (node.type === 'ListItem' && node.delim === 'brace') parsed = node.parsed;
  if (parsed === undefined) return false;
  if (parsed.type === 'List') {
    // A switch pattern/body list: its elements are separated by blanks only.
    if (!parsed.items.some((i) => i.parsed !== undefined)) return false;
  } else if (parsed.type !== 'Script') return false;
  return text.charCodeAt(node.range.start) === 123 && text.charCodeAt(node.range.end - 1) === 125;
}

/**
 * The anchor of every line that may be re-indented, and the stretches between commands (of the
 * file, of braced bodies and of braced `switch` lists) where blanks carry no meaning.
 */
function collect(text: string, lines: Lines, ast: Script): { anchors: Map<number, Anchor>; gaps: Range[] } {
  const anchors = new Map<number, Anchor>();
  const gaps: Range[] = [];
  const anchor = (offset: number, a: Anchor): void => {
    const line = lineStartedAt(text, lines, offset);
    if (line !== undefined && !anchors.has(line)) anchors.set(line, a);
  };
  /** Records the stretches of `outer` between the `inner` ranges (sorted). */
  const between = (outer: Range, inner: readonly { range: Range }[]): void => {
    let at = outer.start;
    for (const n of inner) {
      if (n.range.start > at) gaps.push({ start: at, end: n.range.start });
      at = Math.max(at, n.range.end);
    }
    if (outer.end > at) gaps.push({ start: at, end: outer.end });
  };
  /** Anchors the content lines and the closing brace of the braced bodies among `siblings`. */
  const bodies = (siblings: readonly Node[]): void => {
    for (const body of siblings) {
      if (!isBracedBody(body, text)) continue;
      const parsed = (body as { parsed: Script | ListNode }).parsed;
      const opener = body.range.start;
      const inner = parsed.type === 'Script' ? parsed.body : parsed.items;
      for (const n of inner) anchor(n.range.start, { kind: 'child', opener, siblings });
      anchor(body.range.end - 1, { kind: 'same', opener, siblings });
      between(parsed.range, inner);
    }
  };
  for (const s of ast.body) anchor(s.range.start, { kind: 'top' });
  between(ast.range, ast.body);
  walk(ast, {
    enter(node) {
      if (node.type === 'Command' || node.type === 'When' || node.type === 'Proc') bodies(node.words);
      else if (node.type === 'List') bodies(node.items);
    },
  });
  return { anchors, gaps };
}

/** The word (of words in text order) that strictly contains `offset`, if any (binary search). */
function wordAround(words: readonly { range: Range }[], offset: number): { range: Range } | undefined {
  let lo = 0;
  let hi = words.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (words[mid].range.start < offset) lo = mid;
    else hi = mid - 1;
  }
  const w = words[lo];
  return w !== undefined && w.range.start < offset && offset < w.range.end ? w : undefined;
}

/**
 * The line a body's indentation counts from: the line of its opening brace, or, when that line
 * starts inside an earlier word of the same command (a condition spread over lines, an `else`
 * after a body), the line that word starts on, and so on back.
 */
function ownerLine(text: string, lines: Lines, opener: number, siblings: readonly { range: Range }[]): number {
  let line = lineOf(lines, opener);
  for (;;) {
    let first = lines.starts[line];
    while (first < lines.ends[line] && isBlank(text.charCodeAt(first))) first++;
    const word = wordAround(siblings, first);
    const earlier = word === undefined ? line : lineOf(lines, word.range.start);
    if (earlier >= line) return line;
    line = earlier;
  }
}

/** Width of an indentation string, tabs reaching the next tab stop. */
function widthOf(indent: string, tabSize: number): number {
  let w = 0;
  for (let i = 0; i < indent.length; i++) w = indent.charCodeAt(i) === 9 ? (Math.floor(w / tabSize) + 1) * tabSize : w + 1;
  return w;
}

/** An indentation string of `width` columns. */
function indentOf(width: number, options: IndentOptions): string {
  if (options.insertSpaces) return ' '.repeat(width);
  return '\t'.repeat(Math.floor(width / options.tabSize)) + ' '.repeat(width % options.tabSize);
}

/** The leading blanks of a line. */
function leadingBlanks(text: string, lines: Lines, line: number): string {
  let i = lines.starts[line];
  while (i < lines.ends[line] && isBlank(text.charCodeAt(i))) i++;
  return text.slice(lines.starts[line], i);
}

/** Whether `range` lies inside one of the sorted, disjoint `gaps`. */
function inGap(gaps: readonly Range[], range: Range): boolean {
  let lo = 0;
  let hi = gaps.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const g = gaps[mid];
    if (g.end < range.end) lo = mid + 1;
    else if (g.start > range.start) hi = mid - 1;
    else return true;
  }
  return false;
}

/**
 * The edits that re-indent `text` (parsed as `ast`), limited to the lines `range` touches when
 * given. Lines outside the range keep their indentation and still anchor the lines inside it.
 */
export function formatText(text: string, ast: Script, options: IndentOptions, range?: Range): TextEdit[] {
  const tabSize = Math.max(1, Math.floor(options.tabSize) || 1);
  const opts = { ...options, tabSize };
  const lines = splitLines(text);
  const { anchors, gaps } = collect(text, lines, ast);
  gaps.sort((a, b) => a.start - b.start);
  const first = range ? lineOf(lines, range.start) : 0;
  // A range ending at the start of a line (whole lines selected) does not take that line in.
  const last = range ? lineOf(lines, range.end > range.start ? range.end - 1 : range.end) : lines.starts.length - 1;
  const edits: TextEdit[] = [];
  /** The indentation width of each line after formatting, as far as computed. */
  const widths: number[] = new Array(lines.starts.length);
  for (let line = 0; line < lines.starts.length; line++) {
    const current = leadingBlanks(text, lines, line);
    widths[line] = widthOf(current, tabSize);
    const a = anchors.get(line);
    if (a === undefined || line < first || line > last) continue;
    const width = a.kind === 'top' ? 0 : widths[ownerLine(text, lines, a.opener, a.siblings)] + (a.kind === 'child' ? tabSize : 0);
    widths[line] = width;
    const wanted = indentOf(width, opts);
    if (wanted !== current) edits.push({ range: { start: lines.starts[line], end: lines.starts[line] + current.length }, text: wanted });
  }
  if (options.trimTrailingWhitespace) trimTrailing(text, lines, gaps, first, last, edits);
  if (!range) finalNewlines(text, gaps, options, edits);
  return edits.sort((a, b) => a.range.start - b.range.start);
}

/** Drops blanks at the end of lines `first..last` where they lie between commands. */
function trimTrailing(text: string, lines: Lines, gaps: Range[], first: number, last: number, edits: TextEdit[]): void {
  for (let line = first; line <= last; line++) {
    const end = lines.ends[line];
    let start = end;
    while (start > lines.starts[line] && isBlank(text.charCodeAt(start - 1))) start--;
    // (A line of blanks only has no re-indent edit to overlap: re-indented lines start with a word.)
    if (start < end && text.charCodeAt(start - 1) !== 92 && inGap(gaps, { start, end })) edits.push({ range: { start, end }, text: '' });
  }
}

/** Adds or drops newlines at the end of the text, where the text ends between commands. */
function finalNewlines(text: string, gaps: Range[], options: IndentOptions, edits: TextEdit[]): void {
  if (text.length === 0) return;
  let end = text.length;
  while (end > 0 && /[ \t\r\n]/.test(text[end - 1])) end--;
  if (end === 0 || text.charCodeAt(end - 1) === 92) return;
  const tail = { start: end, end: text.length };
  if (tail.end > tail.start && !inGap(gaps, tail)) return;
  const nl = text.indexOf('\r\n') !== -1 ? '\r\n' : '\n';
  const rest = text.slice(end);
  const firstBreak = rest.indexOf('\n');
  if (options.trimFinalNewlines && firstBreak !== -1) {
    // Keep the line end of the last line; drop everything after it.
    const keep = end + firstBreak + 1;
    if (keep < text.length) {
      removeOverlapping(edits, keep);
      edits.push({ range: { start: keep, end: text.length }, text: '' });
    }
  }
  if (options.insertFinalNewline && firstBreak === -1) edits.push({ range: { start: text.length, end: text.length }, text: nl });
}

/** Removes edits that start at or after `from` (they would overlap a deletion of the tail). */
function removeOverlapping(edits: TextEdit[], from: number): void {
  for (let i = edits.length - 1; i >= 0; i--) if (edits[i].range.start >= from || edits[i].range.end > from) edits.splice(i, 1);
}

/** Whether the analysis found syntax errors (then the formatter makes no edit). */
function hasSyntaxErrors(analysis: Pick<AnalyzedDocument, 'diagnostics'>): boolean {
  return analysis.diagnostics.some((d) => d.ruleId === 'syntax-error');
}

/** The formatting edits of a document (none when it has syntax errors); the findings of the parser alone are enough. */
export function formatDocument(analysis: Pick<AnalyzedDocument, 'doc' | 'ast' | 'diagnostics'>, options: IndentOptions, range?: Range): TextEdit[] {
  if (hasSyntaxErrors(analysis)) return [];
  return formatText(analysis.doc.getText(), analysis.ast, options, range);
}

/** Document and range formatting. */
export const formattingFeature: Feature = {
  capabilities: { documentFormattingProvider: true, documentRangeFormattingProvider: true },
  register(ctx: ServerContext): void {
    const run = async (params: DocumentFormattingParams | DocumentRangeFormattingParams): Promise<LspTextEdit[]> => {
      const analysis = await ctx.analysis(params.textDocument.uri);
      if (!analysis) return [];
      const range = 'range' in params ? toCoreRange(analysis.doc, params.range) : undefined;
      return formatDocument(analysis, params.options, range).map((e) => toLspEdit(analysis.doc, e));
    };
    ctx.connection.onDocumentFormatting(run);
    ctx.connection.onDocumentRangeFormatting(run);
  },
};

/**
 * Semantic tokens: what the parser and the command catalog know about each word, for colouring
 * beyond what a TextMate grammar can see. Commands (catalog commands as library functions, procs
 * of the file as plain functions, subcommands as methods), `when`/`proc` and keyword arguments
 * (catalog literals such as `class match ... equals`, `if ... else`), events, variables, data
 * groups and pools (catalog argument types), iRule and Tcl expression operators (word operators
 * as keywords, the lexer's list), comments, strings and numbers. Standard token types only, so
 * default themes colour them. Full document, range, and delta against the previous result.
 */
import type { SemanticTokens, SemanticTokensDelta, SemanticTokensEdit, SemanticTokensLegend } from 'vscode-languageserver';
import { dataGroupSlots, specOf, typedCommand } from '../../lint/utils/args.js';
import { catalog } from '../../lint/run.js';
import { walk } from '../../lint/walk.js';
import { handlerKeywords } from '../../catalog/special/index.js';
import type { ArgType } from '../../catalog/types.js';
import type { Range } from '../../diagnostics.js';
import type { Command, Node, Script } from '../../syntax/ast.js';
import { keywords as wordOperatorTokens } from '../../syntax/expr-tokens.js';
import { literalValue } from '../../syntax/words.js';
import type { Feature, ServerContext } from '../context.js';
import { toCoreRange, toLspPosition } from '../convert.js';
import type { AnalyzedDocument } from '../document.js';

/** Token types, in legend order (standard LSP names). */
export const TOKEN_TYPES = ['keyword', 'function', 'method', 'variable', 'operator', 'event', 'type', 'enumMember', 'comment', 'string', 'number'] as const;
/** Token modifiers, in legend order (bit i is modifier i). */
export const TOKEN_MODIFIERS = ['declaration', 'defaultLibrary', 'deprecated', 'static'] as const;

export type TokenType = (typeof TOKEN_TYPES)[number];
export type TokenModifier = (typeof TOKEN_MODIFIERS)[number];

/** The legend announced to the client. */
export const legend: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

/** A token over offsets (may nest in another: the inner one wins where they overlap). */
export interface Token {
  /** The offsets covered. */
  range: Range;
  /** Its type. */
  type: TokenType;
  /** Its modifiers. */
  modifiers: readonly TokenModifier[];
}

/** Word operators of expressions (`eq`, `contains`, `starts_with`, `and`, `not` ...), as the expression lexer spells them. */
const WORD_OPERATORS: ReadonlySet<string> = new Set(wordOperatorTokens.map((t) => (t.PATTERN as RegExp).source));

/** Catalog argument types coloured as such, with their token type. */
const ARG_TOKENS: Partial<Record<ArgType, TokenType>> = {
  dataGroup: 'type',
  pool: 'enumMember',
  snatPool: 'enumMember',
  event: 'event',
  procName: 'function',
  varName: 'variable',
};

/** Names of the procs a file defines. */
function procNames(ast: Script): Set<string> {
  const names = new Set<string>();
  walk(ast, {
    enter(node) {
      if (node.type === 'Proc' && node.name !== '') names.add(node.name);
    },
  });
  return names;
}

/** Tokens of a command's name and arguments, from the catalog. */
function commandTokens(cmd: Command, procs: ReadonlySet<string>, add: (range: Range, type: TokenType, ...mods: TokenModifier[]) => void): void {
  const name = cmd.words[0];
  const text = name ? literalValue(name) : undefined;
  if (name === undefined || text === undefined) return;
  const spec = specOf(cmd, catalog);
  if (spec === undefined) {
    if (procs.has(text)) add(name.range, 'function');
    return;
  }
  add(name.range, 'function', 'defaultLibrary', ...(spec.deprecated || spec.removed ? (['deprecated'] as const) : []));
  const typed = typedCommand(cmd, catalog);
  if (typed === undefined) return;
  const groups = new Set(dataGroupSlots(typed));
  const handlerWords = typed.form.handler ? handlerKeywords[typed.form.handler] ?? [] : [];
  for (let i = 1; i < cmd.words.length; i++) {
    const w = cmd.words[i];
    const value = literalValue(w);
    if (value === undefined || w.type === 'ExpandWord') continue;
    if (i <= typed.path.length) {
      add(w.range, 'method', 'defaultLibrary');
      continue;
    }
    const type = typed.types[i];
    if (groups.has(i)) add(w.range, 'type');
    else if (typed.positionals[i]?.literal?.includes(value) || handlerWords.includes(value)) add(w.range, 'keyword');
    else if (type !== undefined && ARG_TOKENS[type] !== undefined) add(w.range, ARG_TOKENS[type]!, ...(type === 'varName' && value.startsWith('static::') ? (['static'] as const) : []));
    else if ((type === 'integer' || type === 'port') && /^\d+$/.test(value)) add(w.range, 'number');
  }
}

/** Every token of an analysed document, possibly nested (see {@link flatten}). */
export function collectTokens(analysis: Pick<AnalyzedDocument, 'doc' | 'ast'>): Token[] {
  const text = analysis.doc.getText();
  const tokens: Token[] = [];
  const add = (range: Range, type: TokenType, ...modifiers: TokenModifier[]): void => {
    if (range.end > range.start) tokens.push({ range, type, modifiers });
  };
  const procs = procNames(analysis.ast);
  /** The operator of a unary or binary expression: a keyword when it is a word. */
  const operator = (at: number, op: string): void => {
    if (text.startsWith(op, at)) add({ start: at, end: at + op.length }, WORD_OPERATORS.has(op) ? 'keyword' : 'operator');
  };
  walk(analysis.ast, {
    enter(node: Node) {
      switch (node.type) {
        case 'Comment':
          add(node.range, 'comment');
          break;
        case 'When': {
          add(node.words[0].range, 'keyword');
          add(node.eventRange, 'event', ...(catalog.event(node.event)?.deprecated ? (['deprecated'] as const) : []));
          if (node.priorityRange) add(node.priorityRange, 'number');
          for (const w of node.words.slice(2, -1)) if (w.range.end <= (node.priorityRange?.start ?? -1)) add(w.range, 'keyword');
          break;
        }
        case 'Proc':
          add(node.words[0].range, 'keyword');
          add(node.nameRange, 'function', 'declaration');
          break;
        case 'Command':
          commandTokens(node, procs, add);
          break;
        case 'VarRef': {
          const end = node.braced ? node.nameRange.end + 1 : node.nameRange.end;
          add({ start: node.range.start, end }, 'variable', ...(node.name.startsWith('static::') ? (['static'] as const) : []));
          break;
        }
        case 'QuotedWord':
        case 'ExprQuoted':
          add(node.range, 'string');
          break;
        case 'ExprLiteral':
          if (node.kind === 'number') add(node.range, 'number');
          else if (node.kind === 'string') add(node.range, 'string');
          break;
        case 'ExprBinary':
          operator(node.opRange.start, node.op);
          break;
        case 'ExprUnary':
          operator(node.range.start, node.op);
          break;
        case 'ExprCall':
          add({ start: node.range.start, end: node.range.start + node.name.length }, 'function', 'defaultLibrary');
          break;
      }
    },
  });
  return tokens;
}

/**
 * Non-overlapping tokens in text order: where tokens overlap, the shorter one wins (a variable
 * inside a string), and of equal ones the later one (a catalog type over a plain string).
 */
export function flatten(tokens: readonly Token[], length: number): Token[] {
  const owner = new Int32Array(length).fill(-1);
  const order = tokens.map((_, i) => i).sort((a, b) => tokens[b].range.end - tokens[b].range.start - (tokens[a].range.end - tokens[a].range.start) || a - b);
  for (const i of order) owner.fill(i, Math.max(0, tokens[i].range.start), Math.min(length, tokens[i].range.end));
  const out: Token[] = [];
  for (let at = 0; at < length; ) {
    const i = owner[at];
    let end = at + 1;
    while (end < length && owner[end] === i) end++;
    if (i >= 0) out.push({ ...tokens[i], range: { start: at, end } });
    at = end;
  }
  return out;
}

/** Bit set of modifiers. */
function modifierBits(mods: readonly TokenModifier[]): number {
  let bits = 0;
  for (const m of mods) bits |= 1 << TOKEN_MODIFIERS.indexOf(m);
  return bits;
}

/** Splits a token at line breaks (`\r\n`, `\n` or `\r`, as LSP counts lines), dropping the breaks. */
function splitLines(text: string, t: Token): Range[] {
  const out: Range[] = [];
  let start = t.range.start;
  for (let i = start; i < t.range.end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    if (i > start) out.push({ start, end: i });
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    start = i + 1;
  }
  if (t.range.end > start) out.push({ start, end: t.range.end });
  return out;
}

/**
 * The LSP encoding of the tokens of an analysed document (five numbers per token, each position
 * relative to the previous token), limited to `range` when given.
 */
export function semanticTokenData(analysis: Pick<AnalyzedDocument, 'doc' | 'ast'>, range?: Range): number[] {
  const text = analysis.doc.getText();
  const data: number[] = [];
  let prevLine = 0;
  let prevChar = 0;
  for (const t of flatten(collectTokens(analysis), text.length)) {
    if (range && (t.range.end <= range.start || t.range.start >= range.end)) continue;
    const type = TOKEN_TYPES.indexOf(t.type);
    const mods = modifierBits(t.modifiers);
    for (const piece of splitLines(text, t)) {
      // A piece lies on one line, so its length in characters is its length in offsets.
      const start = toLspPosition(analysis.doc, piece.start);
      data.push(start.line - prevLine, start.line === prevLine ? start.character - prevChar : start.character, piece.end - piece.start, type, mods);
      prevLine = start.line;
      prevChar = start.character;
    }
  }
  return data;
}

/** The edit turning token data `old` into `next`: one replacement between their common head and tail (none when equal). */
export function tokenDataEdits(old: readonly number[], next: readonly number[]): SemanticTokensEdit[] {
  let head = 0;
  while (head < old.length && head < next.length && old[head] === next[head]) head++;
  let tail = 0;
  while (tail < old.length - head && tail < next.length - head && old[old.length - 1 - tail] === next[next.length - 1 - tail]) tail++;
  if (head === old.length && head === next.length) return [];
  return [{ start: head, deleteCount: old.length - head - tail, data: next.slice(head, next.length - tail) }];
}

/** Semantic tokens: full, range, and delta against the last full result of the document. */
export const semanticTokensFeature: Feature = {
  capabilities: { semanticTokensProvider: { legend, full: { delta: true }, range: true } },
  register(ctx: ServerContext): void {
    const last = new Map<string, SemanticTokens & { resultId: string }>();
    let serial = 0;
    const full = async (uri: string): Promise<SemanticTokens & { resultId: string }> => {
      const analysis = await ctx.analysis(uri);
      const result = { resultId: String(++serial), data: analysis ? semanticTokenData(analysis) : [] };
      last.set(uri, result);
      return result;
    };
    ctx.documents.onDidClose((e) => last.delete(e.document.uri));
    const tokens = ctx.connection.languages.semanticTokens;
    tokens.on((params) => full(params.textDocument.uri));
    tokens.onDelta(async (params): Promise<SemanticTokens | SemanticTokensDelta> => {
      const previous = last.get(params.textDocument.uri);
      const next = await full(params.textDocument.uri);
      if (previous === undefined || previous.resultId !== params.previousResultId) return next;
      return { resultId: next.resultId, edits: tokenDataEdits(previous.data, next.data) };
    });
    tokens.onRange(async (params) => {
      const analysis = await ctx.analysis(params.textDocument.uri);
      return { data: analysis ? semanticTokenData(analysis, toCoreRange(analysis.doc, params.range)) : [] };
    });
  },
};

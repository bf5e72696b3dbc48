/**
 * Parses nested code: looks each command up in the catalog and parses the arguments typed
 * `script`, `body`, `expr` or `switchBody` when they are braced, shifting offsets to the brace
 * content (as Tcl itself does when it compiles a body). Also lifts `when` and `proc` into their
 * own nodes. This is the only place that connects the grammar to the catalog.
 */
import { matchArgs } from '../catalog/args.js';
import { getCommand } from '../catalog/load.js';
import { memoName, NameMemo } from '../catalog/name-memo.js';
import type { ArgForm, ArgType, CommandSpec } from '../catalog/types.js';
import { excerpt, type Diagnostic, type Range } from '../diagnostics.js';
import type {
  BracedWord,
  Command,
  Dialect,
  Expr,
  ExprNode,
  ListItem,
  ListNode,
  Part,
  Proc,
  Script,
  Statement,
  When,
  Word,
} from './ast.js';
import { splitList } from './lists.js';
import { tclParser, type CreatedCommand, type ParseProblem } from './parser.js';
import { literalValue } from './words.js';
import { tokenize, type LexProblem } from './lexer.js';

/** Deepest nesting of bodies and substitutions that is analysed. */
export const MAX_NESTING = 200;

/** State shared by one `parse` call. */
export interface ParseContext {
  /** The whole source text. */
  source: string;
  /** Dialect. */
  dialect: Dialect;
  /** Diagnostics collected. */
  diagnostics: Diagnostic[];
  /** Set once the nesting limit has been reported. */
  tooDeepReported: boolean;
  /** Gives a 1-based line for an offset (for messages). */
  lineOf: (offset: number) => number;
  /** Where each braced word of the source ends (see `scanBracedCached`). */
  braceEnds: Int32Array;
}

function syntaxError(ctx: ParseContext, range: Range, message: string, related?: Diagnostic['related']): void {
  ctx.diagnostics.push({ ruleId: 'syntax-error', severity: 'error', message, range, ...(related ? { related } : {}) });
}

function reportTooDeep(ctx: ParseContext, at: number): void {
  if (ctx.tooDeepReported) return;
  ctx.tooDeepReported = true;
  syntaxError(ctx, { start: at, end: at + 1 }, `nesting deeper than ${MAX_NESTING} levels; the code inside is not analysed`);
}

function ranOutText(ctx: ParseContext, ranOut: number): string {
  return ranOut >= ctx.source.length ? `reached the end of the file at line ${ctx.lineOf(ranOut)}` : `reached line ${ctx.lineOf(ranOut)}`;
}

function reportLex(ctx: ParseContext, p: LexProblem, base: number): void {
  const at = base + p.at;
  const ranOut = base + p.ranOut;
  if (p.kind === 'unclosedBrace') {
    const closedAt = p.closedAt === undefined ? undefined : base + p.closedAt;
    const detail =
      closedAt === undefined
        ? ranOutText(ctx, ranOut)
        : `the "}" on line ${ctx.lineOf(closedAt)} seems, by its indentation, to close an outer brace`;
    syntaxError(ctx, { start: at, end: at + 1 }, `missing close-brace: the "{" here is never closed (${detail})`, [
      { range: { start: closedAt ?? ranOut, end: (closedAt ?? ranOut) + (closedAt === undefined ? 0 : 1) }, message: closedAt === undefined ? 'input ran out here' : 'taken to close the outer brace' },
    ]);
  } else if (p.kind === 'unclosedVarBrace') {
    syntaxError(ctx, { start: at, end: at + 2 }, 'missing close-brace for variable name');
  } else {
    reportTooDeep(ctx, at);
  }
}

const PARSE_MESSAGES: Record<ParseProblem['kind'], string> = {
  unclosedQuote: 'missing close-quote',
  unclosedBracket: 'missing close-bracket',
  unclosedIndex: 'missing ) to close the array index',
  extraAfterBrace: 'extra characters after close-brace',
  extraAfterQuote: 'extra characters after close-quote',
  gluedWord: 'no space after the close-brace: BIG-IP starts a new word here, so this works, but Tcl itself fails with "extra characters after close-brace"; add a space',
  noExpansion: '{*} is not argument expansion in iRules (Tcl 8.4): BIG-IP passes "*" and the next word as two arguments',
};

function reportParse(ctx: ParseContext, p: ParseProblem): void {
  const what = PARSE_MESSAGES[p.kind];
  if (p.kind === 'noExpansion') {
    ctx.diagnostics.push({ ruleId: 'syntax-error', severity: 'warning', message: what, range: { start: p.at - 3, end: p.at } });
    return;
  }
  if (p.kind === 'gluedWord') {
    ctx.diagnostics.push({ ruleId: 'syntax-error', severity: 'warning', message: what, range: { start: p.at, end: p.at + 1 } });
    return;
  }
  if (p.kind === 'extraAfterBrace' || p.kind === 'extraAfterQuote') {
    // `if {$x}[HTTP::redirect ...]`: on BIG-IP the [...] is a word of its own, substituted before
    // the command runs, so its command runs every time and only its result reaches the command.
    const subst = ctx.source.charCodeAt(p.at) === 91;
    const note =
      ctx.dialect !== 'irule'
        ? ''
        : subst
          ? ' (BIG-IP starts a new word here: the [...] runs before the command, every time, and only its result is the next argument; put a space before it, and braces around a body)'
          : ' (BIG-IP starts a new word here)';
    syntaxError(ctx, { start: p.at, end: p.at + 1 }, what + note);
    return;
  }
  const opener = p.kind === 'unclosedQuote' ? 'quote' : p.kind === 'unclosedBracket' ? '"["' : '"("';
  syntaxError(ctx, { start: p.at, end: p.at + 1 }, `${what}: the ${opener} here is never closed (${ranOutText(ctx, p.ranOut)})`, [
    { range: { start: p.ranOut, end: p.ranOut }, message: 'input ran out here' },
  ]);
}

/** The context of the parse running now (for `wanted`, which the parser calls as it creates commands). */
let active: ParseContext | undefined;

/** Whether `expandCommand` would do anything for a command starting with `first`. */
function wanted(first: Word): boolean {
  const name = literalValue(first);
  if (name === undefined) return false;
  if (name === '}' && first.type === 'BareWord') return true;
  return (name === 'when' && active!.dialect !== 'irule' ? undefined : lookup(name)) !== undefined;
}
tclParser.wanted = wanted;

/** Parses `source[start, end)` as a script, including nested code. */
export function parseScriptRange(ctx: ParseContext, start: number, end: number, depth: number): Script {
  const text = start === 0 && end === ctx.source.length ? ctx.source : ctx.source.slice(start, end);
  const lex = tokenize(text, ctx.dialect, 'script', start, ctx.braceEnds);
  for (let i = 0; i < lex.problems.length; i++) reportLex(ctx, lex.problems[i], start);
  const parser = tclParser;
  parser.base = start;
  parser.text = text;
  parser.dialect = ctx.dialect;
  active = ctx;
  parser.problems = [];
  parser.created = [];
  parser.input = lex.tokens;
  const body = parser.script() ?? [];
  const problems = parser.problems;
  const created = parser.created;
  const errors = parser.lastErrors;
  for (let i = 0; i < errors.length; i++) {
    const e = errors[i];
    const at = isNaN(e.token.startOffset) ? end : start + e.token.startOffset;
    syntaxError(ctx, { start: at, end: at + Math.max(1, e.token.image.length) }, `unexpected "${excerpt(e.token.image)}"`);
  }
  for (let i = 0; i < problems.length; i++) reportParse(ctx, problems[i]);
  const script: Script = { type: 'Script', range: { start, end }, body };
  expandCreated(ctx, created, depth);
  return script;
}

/** Expands the commands a parse created (those inside `[...]` included), lifting `when`/`proc`. */
function expandCreated(ctx: ParseContext, created: CreatedCommand[], depth: number): void {
  for (let i = 0; i < created.length; i++) {
    const c = created[i];
    c.body[c.index] = expandCommand(ctx, c.body[c.index] as Command, depth + c.depth);
  }
}

function expandCommand(ctx: ParseContext, cmd: Command, depth: number): Statement {
  const words = cmd.words;
  const name = literalValue(words[0]);
  if (name === undefined) return cmd;
  if (name === '}' && words[0].type === 'BareWord') {
    // BIG-IP warns "unmatched closing character"; in Tcl it would call a command named "}".
    ctx.diagnostics.push({
      ruleId: 'syntax-error',
      severity: ctx.dialect === 'irule' ? 'warning' : 'info',
      message: 'unmatched close-brace: a "}" where a command should start',
      range: { ...words[0].range },
    });
  }
  const spec = name === 'when' && ctx.dialect !== 'irule' ? undefined : lookup(name);
  if (!spec) return cmd;
  const args = words.slice(1);
  const match = matchArgs(
    spec,
    args.map((w) => literalValue(w)),
  );
  for (let i = 0; i < args.length; i++) {
    const type = match.types[i];
    const w = args[i];
    if (w.type !== 'BracedWord' || !match.alone[i]) continue;
    if (type === 'script' || type === 'body') parseBody(ctx, w, depth);
    else if (type === 'expr') w.parsed = parseExpression(ctx, w.contentRange, depth);
    else if (type === 'switchBody') w.parsed = parseSwitchList(ctx, w, depth);
  }
  if (name === 'when' && ctx.dialect === 'irule') return liftWhen(cmd);
  if (name === 'proc' && words.length === 4) return liftProc(cmd);
  return cmd;
}

/** `getCommand` for a command some of whose arguments are code; undefined for other and unknown commands. */
function lookup(name: string): CommandSpec | undefined {
  // Its own memo: the code test reads the spec's forms, and specs have many shapes.
  const slot = codeCommands.slot(name);
  if (codeCommands.holds(slot, name)) return codeCommands.value(slot);
  const spec = getCommand(name) as (CommandSpec & { [TAKES_CODE]?: boolean }) | undefined;
  let code: CommandSpec | undefined;
  if (spec) {
    let takes = spec[TAKES_CODE];
    if (takes === undefined) spec[TAKES_CODE] = takes = takesCode(spec);
    if (takes) code = spec;
  }
  codeCommands.remember(slot, memoName(name, spec), code);
  return code;
}

const codeCommands = new NameMemo<CommandSpec>(256);
/** Whether a spec has code arguments (see {@link takesCode}), kept on the spec under a symbol key. */
const TAKES_CODE = Symbol('irule-lint.takesCode');

const CODE_TYPES = new Set<ArgType>(['script', 'body', 'expr', 'switchBody']);

/** Whether any form of a command has an argument that is code (or a special handler). */
function takesCode(spec: CommandSpec): boolean {
  const visit = (form: ArgForm | undefined): boolean =>
    !!form &&
    (!!form.handler ||
      (form.positionals ?? []).some((p) => CODE_TYPES.has(p.type)) ||
      (form.switches ?? []).some((sw) => sw.value !== undefined && CODE_TYPES.has(sw.value)) ||
      Object.values(form.subcommands ?? {}).some(visit));
  return visit(spec.args);
}

function parseBody(ctx: ParseContext, w: BracedWord, depth: number): void {
  if (depth >= MAX_NESTING) {
    reportTooDeep(ctx, w.range.start);
    return;
  }
  w.parsed = parseScriptRange(ctx, w.contentRange.start, w.contentRange.end, depth + 1);
}

/** Deepest parenthesis or unary-operator nesting parsed in an expression. */
export const MAX_EXPR_DEPTH = 200;

/**
 * Rough nesting depth of an expression: parentheses, plus the longest run of unary operators;
 * -1 when the text is only white space. Each level takes a character, so a text no longer than
 * MAX_EXPR_DEPTH cannot exceed it and is only checked for being blank (most expressions).
 */
function exprDepth(text: string): number {
  if (text.length <= MAX_EXPR_DEPTH) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 32 && (c < 9 || c > 13)) return 0;
    }
    return -1;
  }
  let d = 0;
  let max = 0;
  let run = 0;
  let blank = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40) max = Math.max(max, ++d);
    else if (c === 41) d--;
    if (c === 33 || c === 126 || c === 45 || c === 43) max = Math.max(max, d + ++run);
    else if (c !== 32 && c !== 9) run = 0;
    if (blank && c !== 32 && (c < 9 || c > 13)) blank = false;
  }
  return blank ? -1 : max;
}

/** Parses an expression range (variables, `[commands]` and strings included). */
export function parseExpression(ctx: ParseContext, range: Range, depth: number): Expr {
  const text = ctx.source.slice(range.start, range.end);
  const expr: Expr = { type: 'Expr', range: { start: range.start, end: range.end } };
  const nesting = exprDepth(text);
  if (nesting < 0) {
    syntaxError(ctx, range, 'empty expression');
    return expr;
  }
  if (nesting > MAX_EXPR_DEPTH) {
    syntaxError(ctx, range, `expression nested deeper than ${MAX_EXPR_DEPTH} levels; not analysed`);
    return expr;
  }
  const lex = tokenize(text, ctx.dialect, 'expr', range.start, ctx.braceEnds);
  for (let i = 0; i < lex.problems.length; i++) reportLex(ctx, lex.problems[i], range.start);
  // Indexed: `unmatched` is usually the shared frozen empty list, which for-of iterates slowly.
  for (let i = 0; i < lex.unmatched.length; i++) {
    const u = lex.unmatched[i];
    const at = range.start + u.offset;
    syntaxError(ctx, { start: at, end: at + Math.max(1, u.length) }, `unexpected character "${text.substr(u.offset, 1)}" in expression`);
  }
  const parser = tclParser;
  parser.base = range.start;
  parser.text = text;
  active = ctx;
  parser.problems = [];
  parser.exprProblems = [];
  parser.created = [];
  parser.input = lex.tokens;
  const root = parser.expression();
  const created = parser.created;
  for (let i = 0; i < parser.problems.length; i++) reportParse(ctx, parser.problems[i]);
  for (let i = 0; i < parser.exprProblems.length; i++) syntaxError(ctx, parser.exprProblems[i].range, parser.exprProblems[i].message);
  const errors = parser.lastErrors;
  if (errors.length > 0 || root === undefined) {
    if (lex.unmatched.length === 0) {
      const t = errors[0]?.token;
      const at = t && !isNaN(t.startOffset) ? range.start + t.startOffset : range.end;
      const what = t && t.image ? `"${excerpt(t.image)}"` : 'end of expression';
      syntaxError(ctx, { start: at, end: at + (t?.image.length || 0) }, `syntax error in expression: unexpected ${what}`);
    }
    return expr;
  }
  expr.root = root;
  expandCreated(ctx, created, depth + 1);
  return expr;
}

/** Parses a braced `switch` pattern/body list; bodies other than `-` are parsed as scripts. */
function parseSwitchList(ctx: ParseContext, w: BracedWord, depth: number): ListNode {
  const text = ctx.source.slice(w.contentRange.start, w.contentRange.end);
  const { items, problems } = splitList(text, w.contentRange.start, ctx.dialect);
  for (const p of problems) syntaxError(ctx, p.range, p.message);
  markComments(ctx.source, w.contentRange.start, items);
  // Bodies are the odd elements once the comment words are left out (what the author meant; the
  // rule switch-list-comment reports how Tcl pairs them).
  let k = 0;
  for (const item of items) {
    if (item.inComment) continue;
    if (k++ % 2 === 0 || item.value === '-') continue;
    const raw = ctx.source.slice(item.contentRange.start, item.contentRange.end);
    if (item.delim === 'brace' || raw === item.value) {
      if (depth >= MAX_NESTING) reportTooDeep(ctx, item.range.start);
      else item.parsed = parseScriptRange(ctx, item.contentRange.start, item.contentRange.end, depth + 1);
    }
  }
  return { type: 'List', range: { ...w.contentRange }, items };
}

/**
 * Marks the elements of `#` lines in a switch list (`inComment`): a bare element starting with `#`
 * that starts its line, and the elements after it on that line. A `#` pattern with its body on the
 * same line (`# { ... }`, `#* -`) is a pattern, not a comment.
 */
function markComments(source: string, start: number, items: ListItem[]): void {
  let lineStart = true;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const prevEnd = i === 0 ? start : items[i - 1].range.end;
    if (i > 0) lineStart = source.lastIndexOf('\n', item.range.start - 1) >= prevEnd;
    if (!lineStart || item.delim !== 'none' || source.charCodeAt(item.range.start) !== 35) continue;
    let eol = source.indexOf('\n', item.range.start);
    if (eol < 0) eol = source.length;
    let j = i + 1;
    while (j < items.length && items[j].range.start < eol) j++;
    const next = items[i + 1];
    if (j - i === 2 && (next.delim === 'brace' || next.value === '-')) continue;
    for (let m = i; m < j; m++) items[m].inComment = true;
    i = j - 1;
  }
}

function bodyOf(w: Word | undefined): Script | undefined {
  return w?.type === 'BracedWord' && w.parsed?.type === 'Script' ? w.parsed : undefined;
}

/** `when EVENT [priority N] [timing on|off] body` as a When node. */
function liftWhen(cmd: Command): When {
  const words = cmd.words;
  const ev = words[1];
  const node: When = {
    type: 'When',
    range: cmd.range,
    words,
    event: (ev && words.length > 2 ? literalValue(ev) : undefined) ?? '',
    eventRange: ev ? { ...ev.range } : { start: cmd.range.end, end: cmd.range.end },
  };
  for (let i = 2; i < words.length - 2; i++) {
    const k = literalValue(words[i]);
    const v = words[i + 1];
    if (k === 'priority') {
      const n = Number(literalValue(v));
      if (/^\d+$/.test(literalValue(v) ?? '')) {
        node.priority = n;
        node.priorityRange = { ...v.range };
      }
      i++;
    } else if (k === 'timing') {
      node.timing = literalValue(v);
      i++;
    }
  }
  const body = words.length > 2 ? bodyOf(words[words.length - 1]) : undefined;
  if (body) node.body = body;
  return node;
}

/** `proc name args body` as a Proc node. */
function liftProc(cmd: Command): Proc {
  const [, nameW, paramsW, bodyW] = cmd.words;
  const paramsText = literalValue(paramsW);
  const params = paramsText === undefined ? [] : splitList(paramsText, 0, 'tcl').items.map((it) => splitList(it.value, 0, 'tcl').items[0]?.value ?? '');
  const node: Proc = {
    type: 'Proc',
    range: cmd.range,
    words: cmd.words,
    name: literalValue(nameW) ?? '',
    nameRange: { ...nameW.range },
    params,
  };
  const body = bodyOf(bodyW);
  if (body) node.body = body;
  return node;
}

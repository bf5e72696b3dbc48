/** Parser facade. `parse` never throws on user input. */
import type { Diagnostic } from '../diagnostics.js';
import type { Command, Dialect, Expr, Script } from './ast.js';
import { parseExpression, parseScriptRange, type ParseContext } from './expand.js';
import { LineIndex } from './line-index.js';
import { literalValue } from './words.js';

export type { Dialect, Script } from './ast.js';
export { literalValue } from './words.js';

/** Options for `parse`. */
export interface ParseOptions {
  /** `irule` (default) follows BIG-IP's parser; `tcl` follows stock Tcl exactly. */
  dialect?: Dialect;
}

/** What `parse` returns. */
export interface ParseResult {
  /** The tree; always present, partial where the text is broken. */
  ast: Script;
  /** Syntax problems, rule id `syntax-error`, sorted by position. */
  diagnostics: Diagnostic[];
}

let sharedEnds = new Int32Array(1 << 16);

/** A zeroed cache of braced-word ends, reusing one buffer across calls (parse is not re-entrant). */
function braceEndsBuffer(size: number): Int32Array {
  if (sharedEnds.length < size) sharedEnds = new Int32Array(Math.max(size, sharedEnds.length * 2));
  else sharedEnds.fill(0, 0, size);
  return sharedEnds;
}

function newContext(text: string, options: ParseOptions): ParseContext {
  let lines: LineIndex | undefined;
  return {
    source: text,
    dialect: options.dialect ?? 'irule',
    diagnostics: [],
    tooDeepReported: false,
    braceEnds: braceEndsBuffer(text.length + 1),
    lineOf: (offset) => (lines ??= new LineIndex(text)).position(offset).line + 1,
  };
}

/** A parser bug must not take the caller down: it becomes a diagnostic instead. */
function internalError(ctx: ParseContext, err: unknown): void {
  ctx.diagnostics.push({
    ruleId: 'syntax-error',
    severity: 'error',
    message: `internal parser error: ${err instanceof Error ? err.message : String(err)}`,
    range: { start: 0, end: 0 },
  });
}

/** Parses an iRule or Tcl script into an AST with exact positions. Never throws. */
export function parse(text: string, options: ParseOptions = {}): ParseResult {
  const ctx = newContext(text, options);
  let ast: Script;
  try {
    ast = parseScriptRange(ctx, 0, text.length, 0);
    if (ctx.dialect === 'irule') ast = unwrapRule(ctx, ast);
  } catch (err) {
    ast = { type: 'Script', range: { start: 0, end: text.length }, body: [] };
    internalError(ctx, err);
  }
  return { ast, diagnostics: dedupe(ctx.diagnostics) };
}

/**
 * A file that is one `rule NAME { ... }` or `ltm rule NAME { ... }` (the form of a rule in
 * bigip.conf and tmsh exports), comments around it aside: its content parsed as the rule, so every
 * check sees the `when` blocks at the top level. Any other file is returned as it is.
 */
function unwrapRule(ctx: ParseContext, ast: Script): Script {
  let wrapper: Command | undefined;
  for (const st of ast.body) {
    if (st.type === 'Comment') continue;
    if (wrapper || st.type !== 'Command') return ast;
    wrapper = st;
  }
  const words = wrapper?.words;
  if (!words) return ast;
  const names = words.map((w) => literalValue(w));
  const at = names[0] === 'ltm' ? 1 : 0;
  const body = words[at + 2];
  if (names[at] !== 'rule' || words.length !== at + 3 || !names[at + 1] || body.type !== 'BracedWord') return ast;
  const inner = parseScriptRange(ctx, body.contentRange.start, body.contentRange.end, 1);
  const i = ast.body.indexOf(wrapper!);
  return {
    type: 'Script',
    range: ast.range,
    body: [...ast.body.slice(0, i), ...inner.body, ...ast.body.slice(i + 1)],
    wrapper: { name: names[at + 1]!, range: { start: words[0].range.start, end: body.range.start } },
  };
}

/** What `parseExpressionText` returns. */
export interface ExprParseResult {
  /** The expression (its `root` is absent when the text does not parse). */
  ast: Expr;
  /** Syntax problems, rule id `syntax-error`. */
  diagnostics: Diagnostic[];
}

/** Parses a whole text as one `expr` expression (as the simulator meets them in strings). Never throws. */
export function parseExpressionText(text: string, options: ParseOptions = {}): ExprParseResult {
  const ctx = newContext(text, options);
  let ast: Expr;
  try {
    ast = parseExpression(ctx, { start: 0, end: text.length }, 0);
  } catch (err) {
    ast = { type: 'Expr', range: { start: 0, end: text.length } };
    internalError(ctx, err);
  }
  return { ast, diagnostics: dedupe(ctx.diagnostics) };
}

/** Sorts diagnostics and drops repeats of the same problem at the same place (a body is re-read at each level). */
function dedupe(diags: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const d of diags.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end)) {
    const key = `${d.range.start}:${d.message.split(':')[0]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}

/**
 * Public API of irule-lint. Input and output are plain data; nothing here does I/O.
 *
 * ```ts
 * import { analyze } from 'irule-lint';
 * const { ast, diagnostics } = analyze('when HTTP_REQUEST { log local0. hi }');
 * ```
 */
import type { Diagnostic } from './diagnostics.js';
import type { Dialect, Script } from './syntax/ast.js';
import { parse } from './syntax/index.js';

export type { Diagnostic, Range, Severity, TextEdit, RelatedInfo } from './diagnostics.js';
export type * from './syntax/ast.js';
export { parse } from './syntax/index.js';
export type { ParseOptions, ParseResult } from './syntax/index.js';
export { LineIndex, type LineColumn } from './syntax/line-index.js';
export { printAst, type PrintOptions } from './syntax/print.js';

/** Options for {@link analyze}. */
export interface AnalyzeOptions {
  /** `irule` (default) follows the BIG-IP parser; `tcl` follows plain Tcl 8.x. */
  dialect?: Dialect;
}

/** What {@link analyze} returns. */
export interface AnalyzeResult {
  /** The syntax tree (always present, even for broken input). */
  ast: Script;
  /** Every finding, in no particular order: syntax errors now, lint findings later. */
  diagnostics: Diagnostic[];
}

/** Parse and check one iRule or Tcl text. Never throws on user input. */
export function analyze(text: string, options: AnalyzeOptions = {}): AnalyzeResult {
  const { ast, diagnostics } = parse(text, { dialect: options.dialect ?? 'irule' });
  return { ast, diagnostics };
}

/**
 * Public API of irule-lint. Input and output are plain data; nothing here does I/O.
 *
 * ```ts
 * import { analyze } from 'irule-lint';
 * const { ast, diagnostics } = analyze('when HTTP_REQUEST { log local0. hi }', { bigipVersion: '11.1' });
 * ```
 */
import type { BigipConfig } from './bigip/model.js';
import type { Diagnostic } from './diagnostics.js';
import type { SeveritySetting } from './lint/config.js';
import { lint } from './lint/run.js';
import { parseVersion } from './lint/version.js';
import type { Dialect, Script } from './syntax/ast.js';

export type { Diagnostic, Range, Severity, TextEdit, RelatedInfo } from './diagnostics.js';
export type * from './syntax/ast.js';
export { parse } from './syntax/index.js';
export type { ParseOptions, ParseResult } from './syntax/index.js';
export { LineIndex, type LineColumn } from './syntax/line-index.js';
export { printAst, type PrintOptions } from './syntax/print.js';
export { lint, type LintOptions, type LintResult } from './lint/run.js';
export { fixText, applyFixes, type FixResult } from './lint/fix.js';
export { allRules, rulesById } from './lint/rules/index.js';
export { defineRule, type Rule, type RuleMeta, type RuleContext } from './lint/rule.js';
export { parseVersion, newestKnownVersion, type BigipVersion } from './lint/version.js';
export type { LintConfig, SeveritySetting } from './lint/config.js';
export { parseExpressionText, type ExprParseResult } from './syntax/index.js';
export { chooseDialect, explainDialect, type DialectChoice } from './syntax/dialect.js';
export { parseBigipConf } from './bigip/index.js';
export { simulate, prepareSimulation } from './sim/irule/engine.js';

/** Options for {@link analyze}. */
export interface AnalyzeOptions {
  /** `irule` (default) follows the BIG-IP parser; `tcl` follows plain Tcl 8.x. */
  dialect?: Dialect;
  /** BIG-IP version to check against, `X.Y[.Z]` (default: the newest known). */
  bigipVersion?: string;
  /** A parsed `bigip.conf` (see `parseBigipConf`) for cross-checks. */
  bigip?: BigipConfig;
  /** Rule settings by id (`off`, `warn`, `error`). */
  rules?: Record<string, SeveritySetting>;
}

/** What {@link analyze} returns. */
export interface AnalyzeResult {
  /** The syntax tree (always present, even for broken input). */
  ast: Script;
  /** Every finding (syntax errors and lint findings), sorted by position. */
  diagnostics: Diagnostic[];
}

/** Parse and lint one iRule or Tcl text. Never throws on user input (a bad version string is ignored). */
export function analyze(text: string, options: AnalyzeOptions = {}): AnalyzeResult {
  const version = options.bigipVersion !== undefined ? parseVersion(options.bigipVersion) : undefined;
  return lint(text, {
    dialect: options.dialect ?? 'irule',
    ...(version ? { version } : {}),
    ...(options.bigip ? { bigip: options.bigip } : {}),
    rules: [options.rules],
  });
}

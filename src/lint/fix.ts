/**
 * Applying fixes: the edits of non-overlapping findings are applied together, the text is linted
 * again and fixed again (a fix can uncover another), up to a few passes. A result that would not
 * parse is thrown away, so `--fix` never breaks a file. Line endings are kept: inserted newlines
 * follow the file's own style. Pure: writing files is the CLI's job.
 */
import type { Diagnostic, TextEdit } from '../diagnostics.js';
import { parse } from '../syntax/index.js';
import { lint, type LintOptions } from './run.js';
import { allRules } from './rules/index.js';

/** Most lint-and-fix rounds per text. */
export const MAX_FIX_PASSES = 10;

/** Applies the fixes of `diagnostics` that do not overlap an earlier one. Returns the new text and how many applied. */
export function applyFixes(text: string, diagnostics: readonly Diagnostic[]): { text: string; applied: number } {
  const withFix = diagnostics
    .filter((d) => d.fix && d.fix.length > 0)
    .map((d) => ({ d, edits: [...d.fix!].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end) }))
    .sort((a, b) => a.edits[0].range.start - b.edits[0].range.start);
  const chosen: TextEdit[] = [];
  let lastEnd = 0;
  let applied = 0;
  for (const { edits } of withFix) {
    let ok = chosen.length === 0 || edits[0].range.start > lastEnd;
    for (let i = 1; ok && i < edits.length; i++) if (edits[i].range.start < edits[i - 1].range.end) ok = false;
    if (!ok) continue;
    chosen.push(...edits);
    lastEnd = Math.max(...edits.map((e) => e.range.end));
    applied++;
  }
  if (applied === 0) return { text, applied };
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let out = '';
  let at = 0;
  for (const e of chosen) {
    out += text.slice(at, e.range.start) + (eol === '\n' ? e.text : e.text.replace(/\r?\n/g, eol));
    at = e.range.end;
  }
  out += text.slice(at);
  return { text: out, applied };
}

/** What {@link fixText} returns. */
export interface FixResult {
  /** The fixed text (the input when nothing applied or the result would not parse). */
  text: string;
  /** Whether `text` differs from the input. */
  changed: boolean;
  /** Number of fixes applied over all passes. */
  fixed: number;
  /** Set when fixes were made but thrown away because the result did not parse. */
  rejected?: string;
  /** The findings that remain in `text`. */
  diagnostics: Diagnostic[];
}

/**
 * Lints and fixes `text` with the rules' `safe` fixes (and `unsafe` ones too when `unsafe` is
 * set) until nothing more applies.
 */
export function fixText(text: string, options: LintOptions = {}, unsafe = false): FixResult {
  const rules = options.ruleSet ?? allRules;
  const kinds = new Map(rules.map((r) => [r.id, r.meta.fixable]));
  const fixable = (d: Diagnostic): boolean => {
    const kind = kinds.get(d.ruleId);
    return kind === 'safe' || (unsafe && kind === 'unsafe');
  };
  let current = text;
  let fixed = 0;
  let result = lint(current, options);
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const { text: next, applied } = applyFixes(current, result.diagnostics.filter(fixable));
    if (applied === 0 || next === current) break;
    current = next;
    fixed += applied;
    result = lint(current, options);
  }
  if (current === text) return { text, changed: false, fixed: 0, diagnostics: result.diagnostics };
  if (parseErrors(current, options) > parseErrors(text, options)) {
    const original = lint(text, options).diagnostics;
    return { text, changed: false, fixed: 0, rejected: 'the fixed text would not parse', diagnostics: original };
  }
  return { text: current, changed: true, fixed, diagnostics: result.diagnostics };
}

/** Error-severity syntax problems in a text. */
function parseErrors(text: string, options: LintOptions): number {
  return parse(text, { dialect: options.dialect ?? 'irule' }).diagnostics.filter((d) => d.severity === 'error').length;
}

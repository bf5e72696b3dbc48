/**
 * Code actions: a quick fix for every finding that carries a fix, "Disable <rule> for this line"
 * for every finding a comment directive can silence, and `source.fixAll.irule-lint`, which applies
 * every safe fix as `irule-lint --fix` does (the core `fixText`).
 */
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Range as LspRange,
  type TextEdit as LspTextEdit,
} from 'vscode-languageserver';
import type { Diagnostic, Range, TextEdit } from '../../diagnostics.js';
import { checkDirectiveEdit, disableLineEdit } from '../../lint/disable-edit.js';
import { fixText } from '../../lint/fix.js';
import { DIRECTIVE_PROBLEM_RULES } from '../../lint/suppress.js';
import { rulesById } from '../../lint/rules/index.js';
import { toCoreRange, toLspDiagnostic, toLspEdit } from '../convert.js';
import type { Feature, ServerContext } from '../context.js';
import { lintOptions, type AnalyzedDocument } from '../document.js';

/** The kind of the fix-all action. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.irule-lint`;

/**
 * Findings not offered "disable for this line": directive problems (no directive silences them),
 * and syntax errors, which a directive could hide but which mean BIG-IP will not load the rule.
 */
const NOT_SUPPRESSIBLE: ReadonlySet<string> = new Set(['syntax-error', ...DIRECTIVE_PROBLEM_RULES]);

/** Whether an action of `kind` was asked for (`only` absent: everything but source actions). */
function wanted(kind: string, only: readonly string[] | undefined): boolean {
  if (!only) return !kind.startsWith(CodeActionKind.Source);
  return only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/** A short quoted excerpt for a title. */
function quote(s: string): string | undefined {
  return s.length <= 40 && !/[\r\n]/.test(s) ? `"${s}"` : undefined;
}

/** The title of a finding's fix. */
function fixTitle(text: string, d: Diagnostic, fix: readonly TextEdit[]): string {
  if (fix.length === 1) {
    const before = quote(text.slice(fix[0].range.start, fix[0].range.end));
    const after = quote(fix[0].text);
    if (before && after && fix[0].text !== '') return `Replace ${before} with ${after} (${d.ruleId})`;
    if (before && fix[0].text === '') return `Remove ${before} (${d.ruleId})`;
  }
  return `Fix: ${d.message}`;
}

/** A workspace edit action. */
function action(a: AnalyzedDocument, title: string, kind: string, edits: LspTextEdit[], d?: Diagnostic): CodeAction {
  const out: CodeAction = { title, kind, edit: { changes: { [a.doc.uri]: edits } } };
  if (d) out.diagnostics = [toLspDiagnostic(a.doc, d)];
  return out;
}

/** Whether a finding touches a range (a cursor at either end counts). */
function touches(d: Diagnostic, r: Range): boolean {
  return d.range.start <= r.end && d.range.end >= r.start;
}

/** The quick fixes and "disable for this line" actions for the findings in `range` (offsets). */
export function quickFixes(a: AnalyzedDocument, range: Range): CodeAction[] {
  if (a.settings.ignored) return [];
  const text = a.doc.getText();
  const fixes: CodeAction[] = [];
  const disables: CodeAction[] = [];
  const disabled = new Set<string>();
  // With syntax errors the tree is a recovery guess: check each directive edit by parsing.
  const verify = a.diagnostics.some((d) => d.ruleId === 'syntax-error');
  for (const d of a.diagnostics) {
    if (!touches(d, range)) continue;
    if (d.fix && d.fix.length > 0) {
      const fix = action(a, fixTitle(text, d, d.fix), CodeActionKind.QuickFix, d.fix.map((e) => toLspEdit(a.doc, e)), d);
      if (rulesById.get(d.ruleId)?.meta.fixable === 'safe') fix.isPreferred = true;
      fixes.push(fix);
    }
    if (NOT_SUPPRESSIBLE.has(d.ruleId) || !rulesById.has(d.ruleId)) continue;
    const line = a.doc.positionAt(d.range.start).line;
    const key = `${d.ruleId}@${line}`;
    if (disabled.has(key)) continue;
    disabled.add(key);
    const edit = disableLineEdit(text, a.ast, d.ruleId, d.range.start);
    if (edit && (!verify || checkDirectiveEdit(text, edit, a.settings.dialect))) disables.push(action(a, `Disable ${d.ruleId} for this line`, CodeActionKind.QuickFix, [toLspEdit(a.doc, edit)], d));
  }
  return [...fixes, ...disables];
}

/**
 * The fix-all action: the text after every safe fix, as one edit of the part that changed (so
 * the cursor outside it stays put). Undefined when nothing can be fixed.
 */
export function fixAll(a: AnalyzedDocument): CodeAction | undefined {
  if (a.settings.ignored) return undefined;
  const text = a.doc.getText();
  const fixed = fixText(text, lintOptions(a.settings));
  if (!fixed.changed) return undefined;
  const edit = minimalEdit(text, fixed.text);
  return action(a, 'Fix all auto-fixable irule-lint problems', FIX_ALL_KIND, [toLspEdit(a.doc, edit)]);
}

/** One edit turning `before` into `after`: the span between their common prefix and suffix. */
export function minimalEdit(before: string, after: string): TextEdit {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  // Do not split a surrogate pair or a CRLF.
  if (start > 0 && start < max && /[\uDC00-\uDFFF\n]/.test(before[start])) start--;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  if (end > 0 && /[\uD800-\uDBFF\r]/.test(before[before.length - end - 1] ?? '')) end--;
  return { range: { start, end: before.length - end }, text: after.slice(start, after.length - end) };
}

/** The actions for a request. */
export function codeActionsFor(a: AnalyzedDocument, range: LspRange, only?: readonly string[]): CodeAction[] {
  const out: CodeAction[] = [];
  if (wanted(CodeActionKind.QuickFix, only)) out.push(...quickFixes(a, toCoreRange(a.doc, range)));
  if (wanted(FIX_ALL_KIND, only)) {
    const all = fixAll(a);
    if (all) out.push(all);
  }
  return out;
}

/** Wires the request. */
function register(ctx: ServerContext): void {
  ctx.connection.onCodeAction(async (params: CodeActionParams) => {
    const a = await ctx.analysis(params.textDocument.uri);
    if (!a) return [];
    return codeActionsFor(a, params.range, params.context?.only);
  });
}

/** The code actions feature. */
export const codeActionsFeature: Feature = {
  capabilities: { codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] } },
  register,
};

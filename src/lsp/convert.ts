/**
 * The one place that turns core data (0-based, end-exclusive UTF-16 offsets; core severities)
 * into LSP data (line/character positions; LSP severities), and LSP positions back into offsets.
 * Every feature goes through these functions; none computes a line or column itself.
 */
import {
  DiagnosticSeverity,
  type Diagnostic as LspDiagnostic,
  type DiagnosticRelatedInformation,
  type Position,
  type Range as LspRange,
  type TextEdit as LspTextEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Range, Severity, TextEdit } from '../diagnostics.js';
import { rulesById } from '../lint/rules/index.js';

/** The LSP range of a core range in `doc`. */
export function toLspRange(doc: TextDocument, range: Range): LspRange {
  return { start: doc.positionAt(range.start), end: doc.positionAt(range.end) };
}

/** The offset of an LSP position in `doc` (clamped to the text, as the LSP asks). */
export function toOffset(doc: TextDocument, position: Position): number {
  return doc.offsetAt(position);
}

/** The core range of an LSP range in `doc`. */
export function toCoreRange(doc: TextDocument, range: LspRange): Range {
  return { start: doc.offsetAt(range.start), end: doc.offsetAt(range.end) };
}

/** The LSP severity of a core severity. */
export function toLspSeverity(severity: Severity): DiagnosticSeverity {
  switch (severity) {
    case 'error':
      return DiagnosticSeverity.Error;
    case 'warning':
      return DiagnosticSeverity.Warning;
    default:
      return DiagnosticSeverity.Information;
  }
}

/** An LSP text edit for a core edit. */
export function toLspEdit(doc: TextDocument, edit: TextEdit): LspTextEdit {
  return { range: toLspRange(doc, edit.range), newText: edit.text };
}

/** The source shown with every diagnostic. */
export const DIAGNOSTIC_SOURCE = 'irule-lint';

/**
 * An LSP diagnostic for a core diagnostic: the rule id as `code`, its documentation page as
 * `codeDescription`, related places as related information in the same document.
 */
export function toLspDiagnostic(doc: TextDocument, d: Diagnostic): LspDiagnostic {
  const out: LspDiagnostic = {
    range: toLspRange(doc, d.range),
    severity: toLspSeverity(d.severity),
    source: DIAGNOSTIC_SOURCE,
    code: d.ruleId,
    message: d.message,
  };
  const rule = rulesById.get(d.ruleId);
  if (rule) out.codeDescription = { href: rule.docsUrl };
  if (d.related && d.related.length > 0) {
    out.relatedInformation = d.related.map(
      (r): DiagnosticRelatedInformation => ({ location: { uri: doc.uri, range: toLspRange(doc, r.range) }, message: r.message }),
    );
  }
  return out;
}

/** The LSP position of an offset in `doc`. */
export function toLspPosition(doc: TextDocument, offset: number): Position {
  return doc.positionAt(offset);
}

/** The 0-based LSP line of an offset in `doc` (for line-based results: folding ranges, token rows). */
export function toLspLine(doc: TextDocument, offset: number): number {
  return doc.positionAt(offset).line;
}

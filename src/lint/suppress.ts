/**
 * Comment directives that silence findings, applied after every rule has run, as a filter:
 *
 *     # irule-lint-disable-next-line id[, id] -- reason
 *     log local0. $x ;# irule-lint-disable-line id -- reason
 *     # irule-lint-disable id[, id] -- reason
 *     # irule-lint-enable id[, id]
 *
 * A same-line directive needs `;#`: in Tcl a `#` after a command on the same line is not a
 * comment. Directives naming unknown rules, naming none, or never silencing anything are
 * reported themselves (`invalid-suppression`, `unused-suppression`).
 */
import type { Diagnostic, Range } from '../diagnostics.js';
import type { Comment } from '../syntax/ast.js';
import type { LineIndex } from '../syntax/line-index.js';
import { closest } from './config.js';

/** Directive kinds. */
export type DirectiveKind = 'disable-next-line' | 'disable-line' | 'disable' | 'enable';

/** One parsed directive. */
export interface Directive {
  /** Kind. */
  kind: DirectiveKind;
  /** Rule ids named, in order. */
  ids: string[];
  /** The text after `--`, if any. */
  reason?: string;
  /** The comment it is in. */
  range: Range;
}

const DIRECTIVE = /^#\s*irule-lint-(disable-next-line|disable-line|disable|enable)(?=\s|$)(.*)$/;

/** Parses a comment as a directive; undefined when it is an ordinary comment. */
export function parseDirective(comment: Comment): Directive | undefined {
  const m = DIRECTIVE.exec(comment.text);
  if (!m) return undefined;
  let rest = m[2];
  let reason: string | undefined;
  const dashes = rest.search(/(^|\s)--(\s|$)/);
  if (dashes >= 0) {
    reason = rest.slice(dashes).replace(/^\s*--/, '').trim();
    rest = rest.slice(0, dashes);
  }
  const ids = rest
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const d: Directive = { kind: m[1] as DirectiveKind, ids, range: comment.range };
  if (reason !== undefined && reason !== '') d.reason = reason;
  return d;
}

/** What the filter needs to know. */
export interface SuppressionInput {
  /** All comments of the file. */
  comments: readonly Comment[];
  /** The line index of the file, asked for only when some comment is a directive. */
  lineIndex: () => LineIndex;
  /** Every rule id that exists. */
  knownRules: ReadonlySet<string>;
  /** Rules that ran on this file (a directive for a rule that is off is not "unused"). */
  enabledRules: ReadonlySet<string>;
}

/** The rules that report problems with directives: found after the filter, so no directive silences them. */
export const DIRECTIVE_PROBLEM_RULES = ['unused-suppression', 'invalid-suppression', 'suppression-reason'] as const;

/** Problems with directives, for the suppression rules to report. */
export interface DirectiveProblem {
  /** `unused-suppression`, `invalid-suppression` or `suppression-reason`. */
  ruleId: (typeof DIRECTIVE_PROBLEM_RULES)[number];
  /** Message id of that rule. */
  messageId: 'unused' | 'unknownRule' | 'missingRule' | 'enableWithoutDisable' | 'missingReason';
  /** Placeholder values. */
  data: Record<string, string>;
  /** Where. */
  range: Range;
}

/** One id of one directive, with the span of text it covers and whether it silenced something. */
interface Scope {
  id: string;
  directive: Directive;
  /** Covered offsets of diagnostic starts, `[from, to)`. */
  from: number;
  to: number;
  used: boolean;
}

/** Scopes indexed for lookup by diagnostic: line scopes by rule id and line, regions by rule id. */
class ScopeIndex {
  /** `disable-line` / `disable-next-line` scopes by `id` + line (each covers exactly one line). */
  private readonly byLine = new Map<string, Scope[]>();
  /** `disable` regions by rule id, in order: disjoint, since a rule's region must end before the next opens. */
  private readonly regions = new Map<string, Scope[]>();

  addLine(s: Scope, line: number): void {
    const key = `${s.id}\n${line}`;
    const list = this.byLine.get(key);
    if (list) list.push(s);
    else this.byLine.set(key, [s]);
  }

  addRegion(s: Scope): void {
    const list = this.regions.get(s.id);
    if (list) list.push(s);
    else this.regions.set(s.id, [s]);
  }

  /** Marks every scope that covers a diagnostic of `id` at `offset` (on `line`) as used; true if any does. */
  silence(id: string, offset: number, line: number): boolean {
    let silenced = false;
    const onLine = this.byLine.get(`${id}\n${line}`);
    if (onLine) {
      for (const s of onLine) s.used = true;
      silenced = true;
    }
    const regions = this.regions.get(id);
    if (regions) {
      // The last region starting at or before the offset is the only one that can cover it.
      let lo = 0;
      let hi = regions.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (regions[mid].from <= offset) lo = mid;
        else hi = mid - 1;
      }
      const r = regions[lo];
      if (r.from <= offset && offset < r.to) {
        r.used = true;
        silenced = true;
      }
    }
    return silenced;
  }
}

/**
 * Drops the diagnostics that directives silence and returns the rest, plus the problems found in
 * the directives themselves.
 */
export function applySuppressions(
  diagnostics: readonly Diagnostic[],
  input: SuppressionInput,
): { kept: Diagnostic[]; problems: DirectiveProblem[] } {
  const { knownRules } = input;
  // The line index is asked for at the first directive: most files have none.
  let lines: LineIndex | undefined;
  const problems: DirectiveProblem[] = [];
  const scopes: Scope[] = [];
  const open = new Map<string, Scope>();
  const index = new ScopeIndex();
  const textEnd = Number.MAX_SAFE_INTEGER;
  for (const comment of input.comments) {
    const d = parseDirective(comment);
    if (!d) continue;
    if (d.ids.length === 0) {
      problems.push({ ruleId: 'invalid-suppression', messageId: 'missingRule', data: { kind: d.kind }, range: d.range });
      continue;
    }
    // `enable` closes a region; only the directives that silence something need a reason.
    if (d.kind !== 'enable' && d.reason === undefined) {
      problems.push({ ruleId: 'suppression-reason', messageId: 'missingReason', data: { kind: d.kind }, range: d.range });
    }
    lines ??= input.lineIndex();
    const line = lines.position(d.range.start).line;
    for (const id of d.ids) {
      if (!knownRules.has(id)) {
        const hint = closest(id, knownRules);
        problems.push({
          ruleId: 'invalid-suppression',
          messageId: 'unknownRule',
          data: { id, hint: hint ? ` (did you mean "${hint}"?)` : '' },
          range: d.range,
        });
        continue;
      }
      const lineEnd = (l: number): number => (l + 1 < lines!.lineCount ? lines!.lineStart(l + 1) : textEnd);
      if (d.kind === 'disable-line') {
        const s: Scope = { id, directive: d, from: lines.lineStart(line), to: lineEnd(line), used: false };
        scopes.push(s);
        index.addLine(s, line);
      } else if (d.kind === 'disable-next-line') {
        const from = lineEnd(line);
        const s: Scope = { id, directive: d, from, to: from === textEnd ? textEnd : lineEnd(line + 1), used: false };
        scopes.push(s);
        if (from !== textEnd) index.addLine(s, line + 1);
      } else if (d.kind === 'disable') {
        if (open.has(id)) continue; // already disabled: the first region stays open
        const s: Scope = { id, directive: d, from: d.range.end, to: textEnd, used: false };
        open.set(id, s);
        scopes.push(s);
        index.addRegion(s);
      } else {
        const s = open.get(id);
        if (!s) {
          problems.push({ ruleId: 'invalid-suppression', messageId: 'enableWithoutDisable', data: { id }, range: d.range });
          continue;
        }
        s.to = d.range.start;
        open.delete(id);
      }
    }
  }
  // Without a scope nothing is silenced: a copy (not push(...), which overflows the stack for
  // hundreds of thousands of findings).
  const kept: Diagnostic[] =
    scopes.length === 0 ? diagnostics.slice() : diagnostics.filter((diag) => !index.silence(diag.ruleId, diag.range.start, lines!.position(diag.range.start).line));
  for (const s of scopes) {
    if (!s.used && input.enabledRules.has(s.id)) {
      problems.push({ ruleId: 'unused-suppression', messageId: 'unused', data: { id: s.id, kind: s.directive.kind }, range: s.directive.range });
    }
  }
  return { kept, problems };
}

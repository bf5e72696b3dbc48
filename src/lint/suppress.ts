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
  /** Line index of the file. */
  lines: LineIndex;
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

/**
 * Drops the diagnostics that directives silence and returns the rest, plus the problems found in
 * the directives themselves.
 */
export function applySuppressions(
  diagnostics: readonly Diagnostic[],
  input: SuppressionInput,
): { kept: Diagnostic[]; problems: DirectiveProblem[] } {
  const { lines, knownRules } = input;
  const problems: DirectiveProblem[] = [];
  const scopes: Scope[] = [];
  const open = new Map<string, Scope>();
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
      const lineEnd = (l: number): number => (l + 1 < lines.lineCount ? lines.lineStart(l + 1) : textEnd);
      if (d.kind === 'disable-line') {
        scopes.push({ id, directive: d, from: lines.lineStart(line), to: lineEnd(line), used: false });
      } else if (d.kind === 'disable-next-line') {
        const from = lineEnd(line);
        scopes.push({ id, directive: d, from, to: from === textEnd ? textEnd : lineEnd(line + 1), used: false });
      } else if (d.kind === 'disable') {
        if (open.has(id)) continue; // already disabled: the first region stays open
        const s: Scope = { id, directive: d, from: d.range.end, to: textEnd, used: false };
        open.set(id, s);
        scopes.push(s);
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
  const kept: Diagnostic[] = [];
  const find = scopeFinder(scopes);
  for (const diag of diagnostics) {
    let silenced = false;
    for (const s of find(diag.ruleId, diag.range.start)) {
      s.used = true;
      silenced = true;
    }
    if (!silenced) kept.push(diag);
  }
  for (const s of scopes) {
    if (!s.used && input.enabledRules.has(s.id)) {
      problems.push({ ruleId: 'unused-suppression', messageId: 'unused', data: { id: s.id, kind: s.directive.kind }, range: s.directive.range });
    }
  }
  return { kept, problems };
}

/**
 * Finds the scopes of a rule id that cover an offset, in time logarithmic in the number of scopes
 * (a file can hold tens of thousands of directives). Scopes are grouped by id and by family: line
 * scopes (one line each) are either the same line or disjoint, and the regions of one id never
 * overlap (a second `disable` of an open id is ignored). So in each group the covering scopes all
 * start where the last scope starting at or before the offset starts.
 */
function scopeFinder(scopes: readonly Scope[]): (id: string, offset: number) => Scope[] {
  const groups = new Map<string, Scope[]>();
  for (const s of scopes) {
    const key = `${s.directive.kind === 'disable' ? 'region' : 'line'}\n${s.id}`;
    const list = groups.get(key);
    if (list) list.push(s);
    else groups.set(key, [s]);
  }
  for (const list of groups.values()) list.sort((a, b) => a.from - b.from);
  const covering = (list: Scope[] | undefined, offset: number, found: Scope[]): void => {
    if (!list) return;
    let lo = 0;
    let hi = list.length - 1;
    let last = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].from <= offset) {
        last = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    for (let i = last; i >= 0 && list[i].from === list[last].from; i--) if (offset < list[i].to) found.push(list[i]);
  };
  return (id, offset) => {
    const found: Scope[] = [];
    covering(groups.get(`line\n${id}`), offset, found);
    covering(groups.get(`region\n${id}`), offset, found);
    return found;
  };
}

/** Diagnostics produced while reading BIG-IP configuration text. */
import type { Diagnostic, Range, Severity } from '../diagnostics.js';
import { LineIndex } from '../syntax/line-index.js';

/** Rule ids of config diagnostics: syntax (tmsh text), invalid (object content), reference (dangling name). */
export type ConfigRuleId = 'config-syntax' | 'config-invalid' | 'config-reference';

/** A problem found in a config text, with 1-based line and column of `range.start` for display. */
export interface ConfigDiagnostic extends Diagnostic {
  /** Which kind of problem (see `ConfigRuleId`). */
  ruleId: ConfigRuleId;
  /** 1-based line of `range.start`. */
  line: number;
  /** 1-based column (UTF-16 units) of `range.start`. */
  column: number;
  /** Name of the text the range points into (a config source or an external data-group file), if named. */
  source?: string;
  /** For a dangling reference: the kind and full path of the object that is not defined. */
  target?: { kind: string; name: string };
}

/** Collects diagnostics for one text, turning offsets into 1-based lines and columns. */
export class DiagnosticSink {
  /** Line index of the text (built lazily: most texts have no problem at all). */
  private index: LineIndex | undefined;

  /** Creates a sink for `text`; diagnostics go to `out`, tagged with `source` when given. */
  constructor(
    private readonly text: string,
    readonly out: ConfigDiagnostic[],
    private readonly source?: string,
  ) {}

  /** Records a diagnostic at `range`. */
  report(ruleId: ConfigRuleId, severity: Severity, message: string, range: Range): ConfigDiagnostic {
    this.index ??= new LineIndex(this.text);
    const pos = this.index.position(range.start);
    const d: ConfigDiagnostic = { ruleId, severity, message, range, line: pos.line + 1, column: pos.column + 1 };
    if (this.source !== undefined) d.source = this.source;
    this.out.push(d);
    return d;
  }

  /** Records an error. */
  error(ruleId: ConfigRuleId, message: string, range: Range): ConfigDiagnostic {
    return this.report(ruleId, 'error', message, range);
  }

  /** Records a warning. */
  warning(ruleId: ConfigRuleId, message: string, range: Range): ConfigDiagnostic {
    return this.report(ruleId, 'warning', message, range);
  }

  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; column: number } {
    this.index ??= new LineIndex(this.text);
    const pos = this.index.position(offset);
    return { line: pos.line + 1, column: pos.column + 1 };
  }
}

/** At most this many problems of one bigip.conf are listed; the rest are counted (150,000 must not flood the output). */
export const MAX_CONFIG_PROBLEMS = 100;

/** The problems of a usable bigip.conf that the CLIs report, and how many more were left out. */
export interface ConfigProblems {
  /** The first `MAX_CONFIG_PROBLEMS` problems in source order, each at warning level. */
  listed: ConfigDiagnostic[];
  /** How many more there are. */
  omitted: number;
}

/**
 * Everything `bigipConfProblem` lets through (an object the model cannot use, a dangling name, a
 * duplicate ...) is reported, never dropped: at warning level, since the rest of the file is still
 * read and used, and capped at `max` with a count. `givenRules` are the short names of the iRules
 * given as files.
 */
export function configProblems(
  diagnostics: readonly ConfigDiagnostic[],
  givenRules: ReadonlySet<string> = new Set(),
  max = MAX_CONFIG_PROBLEMS,
): ConfigProblems {
  const listed: ConfigDiagnostic[] = [];
  let omitted = 0;
  for (const d of diagnostics) {
    if (d.severity === 'error' && d.ruleId === 'config-syntax') continue;
    // An iRule a virtual server names is no problem when a file of that (short) name gives it.
    if (d.target?.kind === 'rule' && givenRules.has(d.target.name.slice(d.target.name.lastIndexOf('/') + 1))) continue;
    if (listed.length < max) listed.push(d.severity === 'warning' ? d : { ...d, severity: 'warning' });
    else omitted++;
  }
  return { listed, omitted };
}

/**
 * The problems as diagnostics of the bigip.conf text, as the linter and the editor show them: the
 * listed ones (see `configProblems`), then, when some were left out, one more warning at the last
 * one's place that counts them.
 */
export function configProblemDiagnostics(diagnostics: readonly ConfigDiagnostic[], givenRules: ReadonlySet<string> = new Set()): Diagnostic[] {
  const { listed, omitted } = configProblems(diagnostics, givenRules);
  const out: Diagnostic[] = listed.slice();
  if (omitted > 0) {
    const last = listed[listed.length - 1];
    out.push({ ruleId: last.ruleId, severity: 'warning', message: omittedProblems(omitted), range: last.range });
  }
  return out;
}

/** The line that stands for the problems left out, e.g. `149,900 more bigip.conf problems are not listed (only the first 100 are)`. */
export function omittedProblems(omitted: number, max = MAX_CONFIG_PROBLEMS): string {
  return `${omitted.toLocaleString('en-US')} more bigip.conf problem${omitted === 1 ? ' is' : 's are'} not listed (only the first ${max} are)`;
}

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
  report(ruleId: ConfigRuleId, severity: Severity, message: string, range: Range): void {
    this.index ??= new LineIndex(this.text);
    const pos = this.index.position(range.start);
    const d: ConfigDiagnostic = { ruleId, severity, message, range, line: pos.line + 1, column: pos.column + 1 };
    if (this.source !== undefined) d.source = this.source;
    this.out.push(d);
  }

  /** Records an error. */
  error(ruleId: ConfigRuleId, message: string, range: Range): void {
    this.report(ruleId, 'error', message, range);
  }

  /** Records a warning. */
  warning(ruleId: ConfigRuleId, message: string, range: Range): void {
    this.report(ruleId, 'warning', message, range);
  }

  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; column: number } {
    this.index ??= new LineIndex(this.text);
    const pos = this.index.position(offset);
    return { line: pos.line + 1, column: pos.column + 1 };
  }
}

/**
 * GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` line per finding, which
 * the runner turns into annotations on the pull request's changed lines. Values are escaped as
 * the workflow-command syntax requires (`%`, CR and LF everywhere; also `:` and `,` in
 * properties). Pure: no I/O.
 */
import type { Severity } from '../diagnostics.js';
import type { FileReport } from './messages.js';

/** The workflow command for a severity. */
const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** Escapes a message. */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value. */
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Render reports as workflow commands, one line per finding. */
export function formatGithub(reports: readonly FileReport[]): string {
  let out = '';
  for (const r of reports) {
    const file = escapeProperty(r.displayPath.split('\\').join('/'));
    for (const m of r.messages) {
      const props = `file=${file},line=${m.line},endLine=${m.endLine},col=${m.column},endColumn=${m.endColumn},title=${escapeProperty(`irule-lint ${m.ruleId}`)}`;
      out += `::${COMMAND[m.severity]} ${props}::${escapeData(`${m.message} (${m.ruleId})`)}\n`;
    }
  }
  return out;
}

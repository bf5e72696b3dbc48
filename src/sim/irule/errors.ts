/**
 * Uncaught iRule errors as BIG-IP reports them. TMM writes one line to /var/log/ltm:
 *
 *   TCL error: /Common/<rule> <EVENT> - <message> while executing "<command>"
 *   TCL error: /Common/<rule> <EVENT> - <message> (line N) invoked from within "<command>"
 *
 * (from 11.0; before it rules had no folder and the line names `<rule>` alone.)
 * Every logged example of the second shape is an error raised by an iRule command's own
 * operation (`snat` with a bad address, `HTTP::payload` out of bounds, `HTTP::method` in the
 * wrong state); errors from Tcl itself (variables, arguments, `expr`) use the first. N is the
 * line within the event's script. BIG-IP does not document how it counts; the one real log we
 * have with its rule text (the seed story's `o365-smtp-relay_irule`, whose `snat` is on line 8 of
 * the rule and which BIG-IP 11.1 logged as `(line 7)`) fits a script that starts on the line
 * after `when EVENT {` when nothing follows the brace on that line; code on the `when` line itself
 * makes that line line 1, as in Tcl's own count.
 */
import type { Script } from '../../syntax/ast.js';
import type { RunResult } from '../interp.js';
import type { Handler } from './load.js';
import { positionOf } from './load.js';
import type { ErrorResult } from './types.js';

/** Builds the error record of a handler run that ended in an uncaught error. */
export function errorResult(
  handler: { rule: Handler['rule']; line: number; body?: Script },
  event: string,
  r: RunResult,
  raisedByCommand: boolean,
  withFolder = true,
): ErrorResult {
  const rule = handler.rule;
  const site = r.errorSite;
  const command = site?.command ?? r.errorCommand ?? '';
  const handlerLine = r.errorLine ?? 1;
  // Tcl counts the `when` line as line 1; BIG-IP's script starts after it when only a newline follows the brace.
  const blankFirst = handler.body !== undefined && /^[ \t]*\r?\n/.test(rule.text.slice(handler.body.range.start, handler.body.range.start + 256));
  const loggedLine = blankFirst ? Math.max(1, handlerLine - 1) : handlerLine;
  const line = site && site.src === rule.text ? positionOf(rule.text, site.offset).line : handler.line + handlerLine - 1;
  const out: ErrorResult = {
    message: r.value,
    event,
    rule: rule.name,
    line,
    command,
    at: `${rule.origin}:${line + rule.firstLine - 1}`,
    tmmLog: null,
  };
  if (r.limit) {
    out.limit = r.limit;
    return out;
  }
  const where = raisedByCommand ? `(line ${loggedLine}) invoked from within` : 'while executing';
  // Folders (`/Common/...`) came with 11.0; before it the log names the rule alone, as `log` lines do.
  out.tmmLog = `TCL error: ${withFolder ? rule.name : rule.shortName} <${event}> - ${r.value} ${where} "${command}"`;
  return out;
}

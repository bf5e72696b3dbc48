/**
 * Uncaught iRule errors as BIG-IP reports them. TMM writes one line to /var/log/ltm:
 *
 *   TCL error: /Common/<rule> <EVENT> - <message> while executing "<command>"
 *   TCL error: /Common/<rule> <EVENT> - <message> (line N) invoked from within "<command>"
 *
 * Every logged example of the second shape is an error raised by an iRule command's own
 * operation (`snat` with a bad address, `HTTP::payload` out of bounds, `HTTP::method` in the
 * wrong state); errors from Tcl itself (variables, arguments, `expr`) use the first. N is Tcl's
 * errorLine: the line within the event's script, counting the `when` line as line 1.
 */
import type { RunResult } from '../interp.js';
import type { Handler } from './load.js';
import { positionOf } from './load.js';
import type { ErrorResult } from './types.js';

/** Builds the error record of a handler run that ended in an uncaught error. */
export function errorResult(handler: { rule: Handler['rule']; line: number }, event: string, r: RunResult, raisedByCommand: boolean): ErrorResult {
  const rule = handler.rule;
  const site = r.errorSite;
  const command = site?.command ?? r.errorCommand ?? '';
  const handlerLine = r.errorLine ?? 1;
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
  const where = raisedByCommand ? `(line ${handlerLine}) invoked from within` : 'while executing';
  out.tmmLog = `TCL error: ${rule.name} <${event}> - ${r.value} ${where} "${command}"`;
  return out;
}

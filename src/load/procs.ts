/**
 * Which events reach each proc of a rule through `call` (directly or through other procs): the
 * call-graph half of the load check (a command in a proc is judged in every event that calls
 * it), shared with the linter's proc analysis.
 */
import type { Command, Proc, When } from '../syntax/ast.js';
import { literalValue } from '../syntax/words.js';

/** A call of a proc of this rule. */
export interface CallSite {
  /** The calling event handler, when the call is in one. */
  when?: When;
  /** The calling proc, when the call is in one. */
  proc?: Proc;
  /** The proc name called. */
  target: string;
}

/** The proc a `call` target names: `p`, `rule::p` or `/Common/rule::p` all name `p` of this rule. */
export function callTargetName(text: string): string {
  const i = text.lastIndexOf('::');
  return i >= 0 ? text.slice(i + 2) : text;
}

/**
 * The call site of a `call <proc>` command (whose name the caller has checked), with the handler or
 * proc it is in; undefined when the target is computed.
 */
export function callSiteOf(cmd: Command, where: { enclosingWhen(): When | undefined; enclosingProc(): Proc | undefined }): CallSite | undefined {
  const t = cmd.words.length > 1 ? literalValue(cmd.words[1]) : undefined;
  if (t === undefined) return undefined;
  const site: CallSite = { target: callTargetName(t) };
  const proc = where.enclosingProc();
  const when = where.enclosingWhen();
  if (proc) site.proc = proc;
  else if (when) site.when = when;
  return site;
}

/** Propagates events along calls until nothing changes (call graphs are small). */
export function eventsReachingProcs(byName: ReadonlyMap<string, Proc>, calls: readonly CallSite[]): Map<Proc, Map<string, When>> {
  const events = new Map<Proc, Map<string, When>>();
  for (const p of byName.values()) events.set(p, new Map());
  let changed = true;
  while (changed) {
    changed = false;
    for (const { when, proc, target } of calls) {
      const callee = byName.get(target);
      if (!callee) continue;
      const into = events.get(callee)!;
      const sources: [string, When][] = when ? [[when.event, when]] : proc ? [...(events.get(proc) ?? [])] : [];
      for (const [ev, w] of sources) {
        if (ev !== '' && !into.has(ev)) {
          into.set(ev, w);
          changed = true;
        }
      }
    }
  }
  return events;
}

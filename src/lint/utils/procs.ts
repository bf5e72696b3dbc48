/**
 * The procs a file defines and who calls them: for each proc, the events whose handlers reach it
 * through `call` (directly or through other procs). Lets rules judge a command inside a proc by
 * the events it can run in. Gathered during the rules' walk, as an analysis; complete after it.
 */
import type { Proc, When } from '../../syntax/ast.js';
import { literalValue } from '../../syntax/words.js';
import type { Analysis } from '../rule.js';
import { commandName } from './args.js';

/** A call of a proc of this file. */
interface CallSite {
  /** The calling event handler, when the call is in one. */
  when?: When;
  /** The calling proc, when the call is in one. */
  proc?: Proc;
  /** The proc name called. */
  target: string;
}

/** The procs of a file and the events that reach each one. */
export interface ProcIndex {
  /** Procs by name (the first definition wins). */
  byName: Map<string, Proc>;
  /** The events whose handlers reach a proc, with the first `when` of each (read after the walk). */
  eventsOf(proc: Proc): ReadonlyMap<string, When>;
}

/** The proc a `call` target names: `p`, `rule::p` or `/Common/rule::p` all name `p` of this file. */
function targetName(text: string): string {
  const i = text.lastIndexOf('::');
  return i >= 0 ? text.slice(i + 2) : text;
}

/** Propagates events along calls until nothing changes (call graphs are small). */
function propagate(byName: Map<string, Proc>, calls: CallSite[]): Map<Proc, Map<string, When>> {
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

/** The proc index, as an analysis of the rules' walk. */
export const procsAnalysis: Analysis<ProcIndex> = {
  key: 'procs',
  create(ctx) {
    const byName = new Map<string, Proc>();
    const calls: CallSite[] = [];
    let events: Map<Proc, Map<string, When>> | undefined;
    const none: ReadonlyMap<string, When> = new Map();
    return {
      result: {
        byName,
        eventsOf: (proc) => (events ??= propagate(byName, calls)).get(proc) ?? none,
      },
      visitors: {
        Proc(node) {
          if (node.name !== '' && !byName.has(node.name)) byName.set(node.name, node);
        },
        commands: {
          call(node) {
            const t = node.words.length > 1 ? literalValue(node.words[1]) : undefined;
            if (t === undefined || commandName(node) !== 'call') return;
            const site: CallSite = { target: targetName(t) };
            const proc = ctx.enclosingProc();
            const when = ctx.enclosingWhen();
            if (proc) site.proc = proc;
            else if (when) site.when = when;
            calls.push(site);
          },
        },
      },
    };
  },
};

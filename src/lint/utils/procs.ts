/**
 * The procs a file defines and who calls them: for each proc, the events whose handlers reach it
 * through `call` (directly or through other procs). Lets rules judge a command inside a proc by
 * the events it can run in. Computed once per file with one walk.
 */
import type { Node, Proc, Script, When } from '../../syntax/ast.js';
import { literalValue } from '../../syntax/words.js';
import { walk } from '../walk.js';
import { commandName } from './args.js';

/** A call of a proc of this file. */
export interface CallSite {
  /** The calling event handler, when the call is in one. */
  when?: When;
  /** The calling proc, when the call is in one. */
  proc?: Proc;
}

/** The procs of a file and the events that reach each one. */
export interface ProcIndex {
  /** Procs by name (also by `name` for `call rule::name`, the last segment). */
  byName: Map<string, Proc>;
  /** For each proc, the events whose handlers reach it, with the first `when` of each. */
  events: Map<Proc, Map<string, When>>;
}

/** The proc a `call` target names: `p`, `rule::p` or `/Common/rule::p` all name `p` of this file. */
function targetName(text: string): string {
  const i = text.lastIndexOf('::');
  return i >= 0 ? text.slice(i + 2) : text;
}

/** Builds the proc index of a script. */
export function indexProcs(ast: Script): ProcIndex {
  const byName = new Map<string, Proc>();
  const calls: { from: CallSite; target: string }[] = [];
  const whens: When[] = [];
  const procs: Proc[] = [];
  walk(ast, {
    enter(node: Node) {
      if (node.type === 'When') whens.push(node);
      else if (node.type === 'Proc') {
        procs.push(node);
        if (node.name !== '' && !byName.has(node.name)) byName.set(node.name, node);
      } else if (node.type === 'Command' && commandName(node) === 'call' && node.words.length > 1) {
        const t = literalValue(node.words[1]);
        const from: CallSite = {};
        if (procs.length > 0) from.proc = procs[procs.length - 1];
        else if (whens.length > 0) from.when = whens[whens.length - 1];
        if (t !== undefined) calls.push({ from, target: targetName(t) });
      }
    },
    leave(node: Node) {
      if (node.type === 'When') whens.pop();
      else if (node.type === 'Proc') procs.pop();
    },
  });
  const events = new Map<Proc, Map<string, When>>();
  for (const p of byName.values()) events.set(p, new Map());
  // Propagate events along calls until nothing changes (call graphs are small).
  let changed = true;
  while (changed) {
    changed = false;
    for (const { from, target } of calls) {
      const callee = byName.get(target);
      if (!callee) continue;
      const into = events.get(callee)!;
      const sources: [string, When][] = from.when ? [[from.when.event, from.when]] : from.proc ? [...(events.get(from.proc) ?? new Map<string, When>())] : [];
      for (const [ev, w] of sources) {
        if (ev !== '' && !into.has(ev)) {
          into.set(ev, w);
          changed = true;
        }
      }
    }
  }
  return { byName, events };
}

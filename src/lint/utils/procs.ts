/**
 * The procs a file defines and who calls them: for each proc, the events whose handlers reach it
 * through `call` (directly or through other procs). Lets rules judge a command inside a proc by
 * the events it can run in. Gathered during the rules' walk, as an analysis; complete after it.
 */
import type { Proc, When } from '../../syntax/ast.js';
import type { Analysis } from '../rule.js';
import { callSiteOf, eventsReachingProcs, type CallSite } from '../../load/procs.js';
import { commandName } from './args.js';

/** The procs of a file and the events that reach each one. */
export interface ProcIndex {
  /** Procs by name (the first definition wins). */
  byName: Map<string, Proc>;
  /** The events whose handlers reach a proc, with the first `when` of each (read after the walk). */
  eventsOf(proc: Proc): ReadonlyMap<string, When>;
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
        eventsOf: (proc) => (events ??= eventsReachingProcs(byName, calls)).get(proc) ?? none,
      },
      visitors: {
        Proc(node) {
          if (node.name !== '' && !byName.has(node.name)) byName.set(node.name, node);
        },
        commands: {
          call(node) {
            if (commandName(node) !== 'call') return;
            const site = callSiteOf(node, ctx);
            if (site) calls.push(site);
          },
        },
      },
    };
  },
};

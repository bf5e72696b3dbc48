/**
 * A small path analysis over an event handler: walks its statements in order, entering the bodies
 * of control commands (the arguments the catalog types `body` or `script`, and switch bodies) as
 * branches that may or may not run, and stopping a path at `return` or `error` (and at `break` or
 * `continue` inside a loop body). A rule supplies a state and a step function; states of
 * alternative paths are joined. Commands inside `[...]` are values, not steps, and are not visited.
 */
import type { Command, Script, Statement, When } from '../../syntax/ast.js';
import type { RuleCatalog, RuleContext, RuleVisitors } from '../rule.js';
import { commandName } from './args.js';

/** What a rule plugs into the analysis. */
export interface FlowSpec<S> {
  /** The state after `cmd` when `state` holds before it (called for every statement-level command). */
  step(cmd: Command, state: S): S;
  /** The state of "either path": used after branches. */
  join(a: S, b: S): S;
  /**
   * The state a branch of `cmd` starts with, or {@link NO_PATH} when it cannot run from `state` (a
   * rule that knows the branch's condition is false there). Without it, every branch may run.
   */
  branch?(cmd: Command, body: Script, state: S): S | typeof NO_PATH;
}

/** Returned by `FlowSpec.branch` for a branch that cannot run (any state value, undefined too, is a state). */
export const NO_PATH: unique symbol = Symbol('no path');

/** Commands that end the current script (the event handler or proc): Tcl's own control flow. */
const endsScript = (name: string): boolean => name === 'return' || name === 'error';
/** Commands that end the current loop iteration. */
const endsIteration = (name: string): boolean => name === 'break' || name === 'continue';
/** Commands whose script argument runs later, not now. */
const deferred = (name: string): boolean => name === 'after';

/** The scripts a command runs as part of its own execution (its branches). */
function branchesOf(cmd: Command): Script[] {
  // The parser parses exactly the arguments the catalog types as code, so parsed braces are the branches.
  let out: Script[] | undefined;
  for (let i = 1; i < cmd.words.length; i++) {
    const w = cmd.words[i];
    if (w.type !== 'BracedWord' || !w.parsed) continue;
    if (w.parsed.type === 'Script') (out ??= []).push(w.parsed);
    else if (w.parsed.type === 'List') {
      const items = w.parsed.items;
      for (let k = 0; k < items.length; k++) if (items[k].parsed?.type === 'Script') (out ??= []).push(items[k].parsed as Script);
    }
  }
  if (!out) return NONE;
  const name = commandName(cmd);
  return name !== undefined && deferred(name) ? NONE : out;
}

const NONE: Script[] = [];

/** Runs the analysis over a script; returns the state at its end, or undefined when every path left it early. */
export function runFlow<S>(script: Script, state: S, spec: FlowSpec<S>, catalog: RuleCatalog, inLoop = false): S | undefined {
  return runStatements(script.body, state, spec, catalog, inLoop);
}

function runStatements<S>(body: Statement[], state: S, spec: FlowSpec<S>, catalog: RuleCatalog, inLoop: boolean): S | undefined {
  let current = state;
  for (let i = 0; i < body.length; i++) {
    const st = body[i];
    if (st.type !== 'Command') continue;
    const name = commandName(st);
    current = spec.step(st, current);
    if (name !== undefined && endsScript(name)) return undefined;
    if (inLoop && name !== undefined && endsIteration(name)) return undefined;
    const branches = branchesOf(st);
    if (branches.length === 0) continue;
    // A loop body may end its iteration with break/continue; other bodies pass those on.
    const loop = inLoop || name === 'foreach' || name === 'while' || name === 'for';
    let joined = current;
    for (let k = 0; k < branches.length; k++) {
      const b = branches[k];
      const entry = spec.branch ? spec.branch(st, b, current) : current;
      if (entry === NO_PATH) continue;
      const out = runStatements(b.body, entry, spec, catalog, loop);
      if (out !== undefined) joined = spec.join(joined, out);
    }
    current = joined;
  }
  return current;
}

/**
 * Visitors that run the analysis over each `when` body, when the handler ends, but only over the
 * bodies that contain a command the rule's `commandFilter` lets through (the rule's `Command`
 * visitor sees only those): elsewhere the analysis could find nothing.
 */
export function flowInHandlersWith<S>(ctx: RuleContext<string>, state: S, spec: FlowSpec<S>): RuleVisitors {
  const candidates = new Set<When>();
  return {
    Command() {
      const when = ctx.enclosingWhen();
      if (when) candidates.add(when);
    },
    'When:exit'(node) {
      if (node.body && candidates.has(node)) runFlow(node.body, state, spec, ctx.catalog);
    },
  };
}

/**
 * Registering iRule commands on the interpreter with the catalog's checks in front of them
 * (STYLE §1.2: the catalog is the only place that knows a command's arguments and events):
 * - a command the simulated version does not have yet (or any more) is Tcl's `invalid command name`;
 * - a command BIG-IP refuses in the running event fails with `command is not valid in current event context (EVENT)`;
 * - a call whose argument count fits none of the catalog's forms fails with `wrong # args: should be "<synopsis>"`.
 * Commands the catalog knows but the simulator does not implement return "" and are reported in
 * the result (`notModelled`), never silently ignored.
 */
import { commandInEvent, getCommand } from '../../catalog/load.js';
import { matchCall } from '../../catalog/match.js';
import type { CommandSpec } from '../../catalog/types.js';
import { unavailableAt } from '../../catalog/version.js';
import type { Word } from '../../syntax/ast.js';
import type { Interp } from '../interp.js';
import { err, OK_EMPTY, type TclResult } from '../result.js';
import type { SimContext } from './context.js';

/** An iRule command implementation. */
export type IruleHandler = (ctx: SimContext, argv: string[], words: readonly Word[] | undefined) => TclResult;

/** The usage line for `wrong # args`: the synopsis line of the called subcommand, else the first. */
function usageOf(spec: CommandSpec, path: string[]): string {
  const lines = spec.synopsis ?? [spec.name];
  const prefix = [spec.name, ...path].join(' ');
  return lines.find((l) => path.length > 0 && (l === prefix || l.startsWith(`${prefix} `))) ?? lines[0];
}

/**
 * What the catalog's arity verdict depends on: the argument count, the subcommand words, and
 * the words that look like options. Undefined when the form needs a special handler.
 */
function arityKey(spec: CommandSpec, argv: string[]): string | undefined {
  let form = spec.args;
  if (!form || form.handler) return undefined;
  let key = String(argv.length);
  let i = 1;
  while (form.subcommands && i < argv.length && Object.prototype.hasOwnProperty.call(form.subcommands, argv[i])) {
    key += `\u0000${argv[i]}`;
    form = form.subcommands[argv[i]];
    i++;
    if (form.handler) return undefined;
  }
  for (; i < argv.length; i++) if (argv[i].charCodeAt(0) === 45) key += `\u0001${i}${argv[i]}`;
  return key;
}

/**
 * What the checks in front of a command learnt, kept per catalog entry and shared by every
 * simulation (scenario tests build thousands): whether it is valid in an event, the arity verdict
 * per argument shape, and its availability per version. None of it depends on a simulation.
 */
interface SpecMemo {
  validIn: Map<string, boolean>;
  arity: Map<string, string | null>;
  availability: Map<string, ReturnType<typeof unavailableAt>>;
}
const memos = new WeakMap<CommandSpec, SpecMemo>();

/** The memo of a catalog entry. */
function memoOf(spec: CommandSpec): SpecMemo {
  let m = memos.get(spec);
  if (!m) memos.set(spec, (m = { validIn: new Map(), arity: new Map(), availability: new Map() }));
  return m;
}

/** Registers an iRule command with the catalog's version, event and arity checks. */
export function defineCommand(interp: Interp, ctx: SimContext, name: string, handler: IruleHandler): void {
  ctx.implemented.add(name);
  const spec = getCommand(name);
  if (!spec) {
    interp.register(name, (_it, argv, words) => {
      ctx.words = words;
      return handler(ctx, argv, words);
    });
    return;
  }
  const memo = memoOf(spec);
  let why = memo.availability.get(ctx.version);
  if (why === undefined && !memo.availability.has(ctx.version)) memo.availability.set(ctx.version, (why = unavailableAt(spec, ctx.version)));
  if (why === 'notYet' || why === 'removed') {
    // Not in this version: as if it did not exist (BIG-IP refuses it at load: undefined procedure).
    interp.register(name, (_it, argv) => err(`invalid command name "${argv[0]}"`));
    return;
  }
  const { validIn, arity } = memo;
  interp.register(name, (_it, argv, words) => {
    const ev = ctx.event;
    let ok = validIn.get(ev);
    if (ok === undefined) validIn.set(ev, (ok = commandInEvent(spec, ev).verdict !== 'invalid'));
    if (!ok) return err(`command is not valid in current event context (${ev})`);
    if (spec.args) {
      const key = arityKey(spec, argv);
      let problem = key !== undefined ? arity.get(key) : undefined;
      if (problem === undefined) {
        const m = matchCall(spec, argv.slice(1));
        problem = m.arity && !m.uncertain ? `wrong # args: should be "${usageOf(spec, m.path)}"` : null;
        if (key !== undefined && arity.size < 256) arity.set(key, problem);
      }
      if (problem !== null) return err(problem);
    }
    ctx.words = words;
    return handler(ctx, argv, words);
  });
}

/**
 * The interpreter's hook for commands nobody registered: a catalog command (not disabled, not
 * absent from iRules, available at the version) is reported as not modelled and returns "";
 * anything else is Tcl's `invalid command name`.
 */
export function unknownCommandHook(ctx: SimContext): (interp: Interp, argv: string[]) => TclResult | undefined {
  return (_interp, argv) => {
    const spec = getCommand(argv[0]);
    if (!spec || spec.disabled || spec.absent || spec.kind === 'namespace') return undefined;
    if (unavailableAt(spec, ctx.version)) return undefined;
    if (commandInEvent(spec, ctx.event).verdict === 'invalid') return err(`command is not valid in current event context (${ctx.event})`);
    ctx.notModelled(spec.name);
    return OK_EMPTY;
  };
}

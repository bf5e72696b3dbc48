/**
 * What the catalog says about a command's argument words: the spec, the subcommand (when the
 * spec has subcommands and the first argument names one), and the type of each word. Cached per
 * command node, so every rule asking about the same command shares one match.
 */
import { matchArgs, matchForm, type ArgMatch } from '../../catalog/args.js';
import type { ArgForm, ArgType, CommandSpec, Positional } from '../../catalog/types.js';
import type { Command } from '../../syntax/ast.js';
import { literalValue } from '../../syntax/words.js';
import type { RuleCatalog } from '../rule.js';

/** A command matched against its catalog form. */
export interface TypedCommand {
  /** Name as written, without a leading `::`. */
  name: string;
  /** The catalog spec. */
  spec: CommandSpec;
  /** The subcommand word's value, when the spec has subcommands and it names one. */
  subcommand?: string;
  /** The form the arguments were matched against. */
  form: ArgForm;
  /** Type of each word of the command (index 0, the name, and the subcommand word are undefined). */
  types: (ArgType | undefined)[];
  /** The arity verdict of the match. */
  arity: ArgMatch['arity'];
  /** The catalog positional each word was matched to (undefined for the name, options and their values). */
  positionals: (Positional | undefined)[];
}

const cache = new WeakMap<Command, TypedCommand | null>();

/** The literal name of a command without a leading `::`, or undefined. */
export function commandName(cmd: Command): string | undefined {
  const w = cmd.words[0];
  const name = w ? literalValue(w) : undefined;
  return name !== undefined && name.startsWith('::') ? name.slice(2) : name;
}

/** Matches a command against the catalog; undefined when the name is not literal or not in the catalog. */
export function typedCommand(cmd: Command, catalog: RuleCatalog): TypedCommand | undefined {
  const hit = cache.get(cmd);
  if (hit !== undefined) return hit ?? undefined;
  const result = compute(cmd, catalog);
  cache.set(cmd, result ?? null);
  return result;
}

/** Positionals of a form, each replaced by a marker type naming its index (cached per form). */
const markerForms = new WeakMap<ArgForm, ArgForm>();

/** Which positional of `form` each argument matched, by matching a copy whose types are index markers. */
function positionalsOf(form: ArgForm, args: (string | undefined)[]): (Positional | undefined)[] {
  const pos = form.positionals;
  if (!pos || pos.length === 0) return args.map(() => undefined);
  let marked = markerForms.get(form);
  if (!marked) {
    marked = { ...form, positionals: pos.map((p, i) => ({ ...p, type: `#${i}` as ArgType })) };
    markerForms.set(form, marked);
  }
  return matchForm(marked, args).types.map((t) => (t === undefined ? undefined : pos[Number(String(t).slice(1))]));
}

function compute(cmd: Command, catalog: RuleCatalog): TypedCommand | undefined {
  const name = commandName(cmd);
  if (name === undefined) return undefined;
  const spec = catalog.command(name);
  if (!spec) return undefined;
  const args = cmd.words.slice(1).map((w) => literalValue(w));
  const form = spec.args ?? {};
  const subs = form.subcommands;
  if (subs && !form.handler) {
    const sub = args[0];
    if (sub !== undefined && Object.prototype.hasOwnProperty.call(subs, sub)) {
      const subForm = subs[sub];
      const m = matchForm(subForm, args.slice(1));
      return { name, spec, subcommand: sub, form: subForm, types: [undefined, undefined, ...m.types], arity: m.arity, positionals: [undefined, undefined, ...positionalsOf(subForm, args.slice(1))] };
    }
    // Any other first argument uses the form's own positionals, when it has them.
    if (!form.positionals && !form.switches) {
      const none = new Array<undefined>(cmd.words.length).fill(undefined);
      return { name, spec, form, types: none, arity: undefined, positionals: [...none] };
    }
  }
  const m = matchArgs(spec, args);
  const positionals = form.handler ? args.map(() => undefined) : positionalsOf(form, args);
  return { name, spec, form, types: [undefined, ...m.types], arity: m.arity, positionals: [undefined, ...positionals] };
}

/**
 * Indexes of the words that name a data group: typed `dataGroup` in the catalog, or matched to a
 * positional whose name says it may be one (`matchclass <data-group or value> ...`, where either
 * end may be the data group).
 */
export function dataGroupSlots(typed: TypedCommand): number[] {
  const out: number[] = [];
  for (let i = 1; i < typed.types.length; i++) {
    if (typed.types[i] === 'dataGroup' || /data-?group/i.test(typed.positionals[i]?.name ?? '')) out.push(i);
  }
  return out;
}

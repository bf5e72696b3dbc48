/**
 * What the catalog says about a command's argument words: the spec, the subcommand (when the
 * spec has subcommands and the first argument names one), and the type of each word. Cached per
 * command node, so every rule asking about the same command shares one match.
 */
import { matchForm, type ArgMatch } from '../../catalog/args.js';
import { matchCall } from '../../catalog/match.js';
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
  /** The subcommand words that selected the form (`['match']` for `class match`). */
  path: string[];
  /** The last of `path`, when there is one. */
  subcommand?: string;
  /** A word in subcommand position that names no subcommand. */
  unknownSubcommand?: string;
  /** Set when the match rests on a guess (a computed word where a subcommand may be, a loose form). */
  uncertain?: boolean;
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
  if (!spec || spec.kind === 'namespace') return undefined;
  const args = cmd.words.slice(1).map((w) => (w.type === 'ExpandWord' ? undefined : literalValue(w)));
  const m = matchCall(spec, args);
  const form = m.form ?? {};
  const depth = m.path.length;
  const positionals: (Positional | undefined)[] = new Array(cmd.words.length).fill(undefined);
  if (!form.handler && m.form) {
    const own = positionalsOf(form, args.slice(depth));
    for (let i = 0; i < own.length; i++) positionals[1 + depth + i] = own[i];
  }
  const typed: TypedCommand = { name, spec, form, path: m.path, types: [undefined, ...m.types], arity: m.arity, positionals };
  if (m.path.length > 0) typed.subcommand = m.path[m.path.length - 1];
  if (m.unknownSubcommand !== undefined) typed.unknownSubcommand = m.unknownSubcommand;
  if (m.uncertain) typed.uncertain = true;
  return typed;
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

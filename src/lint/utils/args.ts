/**
 * What the catalog says about a command's argument words: the spec, the subcommand (when the
 * spec has subcommands and the first argument names one), and the type of each word. Cached per
 * command node, so every rule asking about the same command shares one match.
 */
import { matchArgs, matchForm, type ArgMatch } from '../../catalog/args.js';
import type { ArgForm, ArgType, CommandSpec } from '../../catalog/types.js';
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
      const m = matchForm(subs[sub], args.slice(1));
      return { name, spec, subcommand: sub, form: subs[sub], types: [undefined, undefined, ...m.types], arity: m.arity };
    }
    return { name, spec, form, types: new Array(cmd.words.length).fill(undefined), arity: undefined };
  }
  const m = matchArgs(spec, args);
  return { name, spec, form, types: [undefined, ...m.types], arity: m.arity };
}

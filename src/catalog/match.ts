/**
 * Matches a command's argument words against its catalog form, following subcommands (nested
 * ones too: `string is integer`, `persist cookie insert`) and the form's own positionals when the
 * first word names no subcommand (`snat 10.0.0.1` beside `snat automap`). Leaf forms are matched by
 * `matchForm` of `args.ts`, and forms with a `handler` by `matchArgs`, so there is one matcher.
 */
import { matchArgs, matchForm, type ArgMatch, type ArgText } from './args.js';
import type { ArgForm, CommandSpec } from './types.js';

/** The outcome of matching a whole command call. */
export interface CallMatch extends ArgMatch {
  /** The subcommand words that selected the form, in order (empty for the top-level form). */
  path: string[];
  /** The form the remaining arguments were matched against; undefined when the command has no known form. */
  form?: ArgForm;
  /** The word in subcommand position when it names no subcommand and the form has no positionals of its own. */
  unknownSubcommand?: string;
  /** The subcommands an ambiguous prefix could name (with `unknownSubcommand` set to the prefix). */
  ambiguousWith?: string[];
  /**
   * Set when the verdict rests on a guess: a non-literal word stands where a subcommand may be, or
   * the form is loose (`argsLoose`). Rules should not report arity errors then.
   */
  uncertain?: boolean;
}

function emptyMatch(n: number): ArgMatch {
  return { types: new Array(n).fill(undefined), alone: new Array(n).fill(false), firstPositional: 0 };
}

/** Shifts a match of `args.slice(offset)` back onto the full argument list. */
function shifted(m: ArgMatch, n: number, offset: number): ArgMatch {
  const out = emptyMatch(n);
  for (let i = 0; i < m.types.length; i++) {
    out.types[offset + i] = m.types[i];
    out.alone[offset + i] = m.alone[i];
  }
  out.firstPositional = offset + m.firstPositional;
  if (m.arity) out.arity = m.arity;
  return out;
}

/** What a word in subcommand position names: one subcommand (its catalog key), several (an ambiguous prefix), or none. */
export type SubcommandLookup = { name: string } | { ambiguous: string[] } | undefined;

/**
 * The subcommand `word` names in `form`: the exact name, else, when the form allows it
 * (`subcommandPrefixes`), the only name it is a prefix of. Mirrors Tcl_GetIndexFromObj: an empty
 * word names nothing, and a prefix of several names is ambiguous.
 */
export function lookupSubcommand(form: ArgForm, word: string): SubcommandLookup {
  const subs = form.subcommands;
  if (!subs) return undefined;
  if (Object.prototype.hasOwnProperty.call(subs, word)) return { name: word };
  if (!form.subcommandPrefixes || word === '') return undefined;
  const hits = Object.keys(subs).filter((k) => k.startsWith(word));
  if (hits.length === 0) return undefined;
  return hits.length === 1 ? { name: hits[0] } : { ambiguous: hits };
}

function matchIn(form: ArgForm, args: ArgText[], offset: number, path: string[]): CallMatch {
  const n = args.length;
  const subs = form.subcommands;
  const hasOwn = form.positionals !== undefined || form.switches !== undefined;
  if (subs) {
    const word = args[offset];
    const found = word === undefined ? undefined : lookupSubcommand(form, word);
    if (found && 'name' in found) return matchIn(subs[found.name], args, offset + 1, [...path, found.name]);
    if (!hasOwn) {
      const m = emptyMatch(n);
      m.firstPositional = offset;
      if (offset >= n) return { ...m, arity: 'tooFew', path, form };
      if (word === undefined) return { ...m, path, form, uncertain: true };
      if (found) return { ...m, path, form, unknownSubcommand: word, ambiguousWith: found.ambiguous };
      return { ...m, path, form, unknownSubcommand: word };
    }
    const m = shifted(matchForm(form, args.slice(offset)), n, offset);
    // A substituted word may still name a subcommand at run time.
    if (word === undefined && offset < n) return { ...m, arity: undefined, path, form, uncertain: true };
    return { ...m, path, form };
  }
  return { ...shifted(matchForm(form, args.slice(offset)), n, offset), path, form };
}

/** Matches the argument words of a call to `spec` (command name excluded; `undefined` for non-literal words). */
export function matchCall(spec: CommandSpec, args: ArgText[]): CallMatch {
  const form = spec.args;
  if (!form) return { ...emptyMatch(args.length), path: [], uncertain: true };
  let m: CallMatch;
  if (form.handler) m = { ...matchArgs(spec, args), path: [], form };
  else m = matchIn(form, args, 0, []);
  // A loose form may accept more than documented, but no documented form takes no argument at all.
  if (spec.argsLoose && !(args.length === 0 && m.arity === 'tooFew')) m.uncertain = true;
  return m;
}

/** The form a subcommand path leads to (`['match']` of `class`), or undefined. */
export function formAt(spec: CommandSpec, path: string[]): ArgForm | undefined {
  let form = spec.args;
  for (const word of path) {
    const found = form && lookupSubcommand(form, word);
    if (!found || !('name' in found)) return undefined;
    form = form!.subcommands![found.name];
  }
  return form;
}

/**
 * Matches a command's argument words against its catalog form: which argument is a script, a
 * body, an expression, a variable name ... Used by the parser (to parse nested code) and by rules.
 */
import type { ArgForm, ArgType, CommandSpec, Positional } from './types.js';
import { specialHandlers } from './special/index.js';

/** What the matcher knows of each argument word: its literal text when it has one. */
export type ArgText = string | undefined;

/** The type of each argument word, and whether the count fits the form. */
export interface ArgMatch {
  /** One entry per argument (command name excluded); `undefined` for options and their values. */
  types: (ArgType | undefined)[];
  /** Set when an argument of a repeated positional is the only one of its kind (safe to parse). */
  alone: boolean[];
  /** `tooFew` / `tooMany` when the count does not fit; undefined when it does. */
  arity?: 'tooFew' | 'tooMany';
  /** Index of the first positional argument (after options). */
  firstPositional: number;
}

/**
 * The keyword of a keyword positional that `word` means: itself when it is one of `literal`, the
 * keyword it stands for when it is one of `aliases`, else undefined (not a valid keyword here).
 */
export function keywordOf(pos: Positional, word: string): string | undefined {
  if (pos.literal?.includes(word)) return word;
  return pos.aliases && Object.prototype.hasOwnProperty.call(pos.aliases, word) ? pos.aliases[word] : undefined;
}

/** Matches option words at the front, then positionals, for a data-described form. */
export function matchForm(form: ArgForm, args: ArgText[]): ArgMatch {
  const n = args.length;
  const types: (ArgType | undefined)[] = new Array(n).fill(undefined);
  const alone: boolean[] = new Array(n).fill(false);
  let i = 0;
  if (form.switches || form.endOfOptions) {
    while (i < n) {
      const a = args[i];
      if (a === undefined || !a.startsWith('-')) break;
      if (a === '--' && form.endOfOptions) {
        i++;
        break;
      }
      const sw = form.switches?.find((s) => s.name === a);
      if (!sw) break;
      i += sw.value ? 2 : 1;
    }
  }
  const firstPositional = Math.min(i, n);
  const pos = form.positionals ?? [];
  const mandatory = pos.filter((p) => !p.optional).length;
  let extra = n - firstPositional - mandatory;
  let arity: ArgMatch['arity'] = extra < 0 ? 'tooFew' : undefined;
  for (const p of pos) {
    let take = p.optional ? 0 : 1;
    if (p.repeat) {
      take += Math.max(extra, 0);
      extra = Math.min(extra, 0);
    } else if (p.optional && extra > 0) {
      take = 1;
      extra--;
    }
    const start = i;
    for (let k = 0; k < take && i < n; k++, i++) types[i] = p.type;
    if (p.repeat && i - start === 1) alone[start] = true;
    if (!p.repeat && i - start === 1) alone[start] = true;
  }
  if (extra > 0) arity = 'tooMany';
  return { types, alone, arity, firstPositional };
}

/** Matches a command's arguments, using its special handler when the data names one. */
export function matchArgs(spec: CommandSpec, args: ArgText[]): ArgMatch {
  const form = spec.args ?? {};
  if (form.handler) {
    const handler = specialHandlers[form.handler];
    if (handler) return handler(args);
  }
  return matchForm(form, args);
}

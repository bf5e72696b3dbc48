// Reports a substitution glued to the text before it where Tcl's word rules then make the command
// fail every time: `[string tolower[HTTP::host]]`, `foreach c$list {...}`, `switch -glob --[...]`.
// Doc: docs/rules/glued-substitution.md
import { matchCall, type CallMatch } from '../../catalog/match.js';
import type { ArgText } from '../../catalog/args.js';
import type { CommandSpec } from '../../catalog/types.js';
import type { BareWord, Command, Dialect, Word } from '../../syntax/ast.js';
import { literalValue } from '../../syntax/words.js';
import { defineRule } from '../rule.js';
import { commandName, repeatedGroup, specOf } from '../utils/args.js';

/** A bare word made of literal text directly followed by a `$` or `[...]` substitution. */
interface Glued {
  /** Index of the word among the command's arguments (command name excluded). */
  arg: number;
  word: BareWord;
  /** The literal text before the substitution. */
  prefix: string;
  /** Where the substitution starts (the fix puts a space there). */
  at: number;
}

function gluedAt(words: readonly Word[], i: number): Glued | undefined {
  const w = words[i];
  if (w.type !== 'BareWord' || w.parts.length < 2) return undefined;
  const [first, second] = w.parts;
  if (first.type !== 'Text' || first.value === '' || (second.type !== 'VarRef' && second.type !== 'CmdSubst')) return undefined;
  return { arg: i - 1, word: w, prefix: first.value, at: second.range.start };
}

/** The argument texts with the glued word split in two: its prefix, then a computed word. */
function split(args: ArgText[], g: Glued): ArgText[] {
  return [...args.slice(0, g.arg), g.prefix, undefined, ...args.slice(g.arg + 1)];
}

/** How splitting the glued word changes the match: the verdict the rule reports, if any. */
function verdict(spec: CommandSpec, args: ArgText[], g: Glued, dialect: Dialect): 'subcommand' | 'option' | 'groups' | undefined {
  const before: CallMatch = matchCall(spec, args);
  const after: CallMatch = matchCall(spec, split(args, g));
  if (after.path.length > before.path.length && g.arg === before.path.length) return 'subcommand';
  // Tcl 8.5+ leaves the last words of some commands (switch) to positionals even when they start
  // with "-"; Tcl 8.4, BIG-IP's, reads every leading "-" word as an option.
  if (dialect === 'irule' && g.prefix.startsWith('-') && g.arg >= after.path.length && g.arg < after.firstPositional) return 'option';
  const group = repeatedGroup(after.form);
  if (group && !before.arity && !after.uncertain && g.arg >= after.firstPositional) {
    const k = group.members.length;
    const words = args.length - after.firstPositional - group.after;
    if (words > 0 && words % k !== 0 && (words + 1) % k === 0 && g.arg < after.firstPositional + words) return 'groups';
  }
  return undefined;
}

export default defineRule({
  id: 'glued-substitution',
  meta: {
    description: 'A substitution glued to the word before it, so the command fails every time',
    category: 'correctness',
    defaultSeverity: 'error',
    recommended: true,
    dialects: ['irule', 'tcl'],
    fixable: 'safe',
    messages: {
      subcommand: '"{{word}}" is one word: the subcommand of {{command}} becomes "{{prefix}}" followed by the value of {{subst}}, which is no subcommand, so the command fails every time; put a space before {{subst}}',
      option: '"{{word}}" is one word: the option becomes "{{prefix}}" followed by the value of {{subst}}, a bad option of {{command}} (Tcl 8.4 reads every leading word that starts with "-" as an option), so the command fails whenever the value is not empty; put a space before {{subst}}',
      groups: '"{{word}}" is one word, so {{command}} gets {{count}} arguments and fails with "wrong # args" every time; put a space before {{subst}}',
    },
  },
  commandFilter: (spec) => spec !== undefined,
  create(ctx) {
    const source = ctx.source;
    return {
      Command(cmd: Command) {
        const words = cmd.words;
        let args: ArgText[] | undefined;
        for (let i = 1; i < words.length; i++) {
          const g = gluedAt(words, i);
          if (!g) continue;
          const spec = specOf(cmd, ctx.catalog);
          if (!spec) return;
          args ??= words.slice(1).map((w) => (w.type === 'ExpandWord' ? undefined : literalValue(w)));
          const messageId = verdict(spec, args, g, ctx.dialect);
          if (!messageId) continue;
          const subst = source.slice(g.at, g.word.range.end);
          ctx.report({
            node: g.word,
            messageId,
            data: { word: source.slice(g.word.range.start, g.word.range.end), prefix: g.prefix, subst, command: commandName(cmd) ?? spec.name, count: args.length },
            fix: [{ range: { start: g.at, end: g.at }, text: ' ' }],
          });
        }
      },
    };
  },
});

// Reports calls whose arguments do not fit the command's forms in the catalog: too few or too
// many, an unknown subcommand, a keyword not among the allowed ones, an option newer than the
// BIG-IP version checked. Doc: docs/rules/wrong-arguments.md
import { keywordOf } from '../../catalog/args.js';
import { formAvailableAt } from '../../catalog/version.js';
import type { ArgForm } from '../../catalog/types.js';
import type { Severity } from '../../diagnostics.js';
import { literalValue } from '../../syntax/words.js';
import { defineRule } from '../rule.js';
import { typedCommand, type TypedCommand } from '../utils/args.js';

const keywordForms = new Map<ArgForm, boolean>();

/** Whether the matched form has required keyword positionals (only then are positionals matched again). */
function hasKeywords(t: TypedCommand): boolean {
  let v = keywordForms.get(t.form);
  if (v === undefined) keywordForms.set(t.form, (v = (t.form.positionals ?? []).some((p) => p.literal !== undefined && !p.optional)));
  return v;
}

/** The command with its subcommand path, as messages name it. */
function commandLabel(t: TypedCommand): string {
  return t.path.length === 0 ? t.name : `${t.name} ${t.path.join(' ')}`;
}

/**
 * The usage line for the matched form: the synopsis line naming the subcommand path (a word may
 * list alternatives, as in `persist uie|hash|carp <key>`), else the first.
 */
function usage(t: TypedCommand): string {
  const lines = t.spec.synopsis ?? [];
  const head = [t.name, ...t.path];
  const names = (line: string): boolean => {
    const words = line.split(' ');
    return head.every((h, i) => words[i] === h || (i > 0 && words[i] !== undefined && words[i].split('|').includes(h)));
  };
  return lines.find(names) ?? lines[0] ?? t.name;
}

export default defineRule({
  id: 'wrong-arguments',
  meta: {
    description: 'Command called with arguments that do not fit its forms',
    category: 'correctness',
    defaultSeverity: 'error',
    recommended: true,
    dialects: ['irule'],
    fixable: 'none',
    messages: {
      tooFew: 'too few arguments for {{command}}; usage: {{usage}}',
      tooMany: 'too many arguments for {{command}}; usage: {{usage}}',
      unknownSubcommand: 'unknown subcommand "{{word}}" of {{command}}; expected one of: {{expected}}',
      ambiguousSubcommand: 'ambiguous subcommand "{{word}}" of {{command}}: it abbreviates {{candidates}}; Tcl fails with "ambiguous option"',
      badKeyword: '"{{word}}" is not valid here: {{command}} expects {{expected}}',
      tooNew: '{{what}} of {{command}} needs BIG-IP {{since}}; it does not exist on {{version}}',
    },
  },
  commandFilter: (spec) => spec !== undefined,
  create(ctx) {
    return {
      Command(cmd) {
        const t = typedCommand(cmd, ctx.catalog);
        if (!t || t.uncertain) return;
        for (let i = 1; i < cmd.words.length; i++) if (cmd.words[i].type === 'ExpandWord') return;
        // Forms read off usage lines are less sure than hand-written ones; but a call with no
        // argument at all where every usage line has one is as sure (the simulator fails it too).
        const bare = cmd.words.length === 1 && t.arity === 'tooFew' && !(t.spec.synopsis ?? []).some((s) => s.trim() === t.spec.name);
        const severity: Severity = t.spec.argsSource === 'curated' || bare ? 'error' : 'warning';
        const version = ctx.version.text;
        if (t.unknownSubcommandAt !== undefined) {
          const word = cmd.words[t.unknownSubcommandAt];
          if (t.ambiguousWith) {
            const candidates = t.ambiguousWith.join(', ');
            ctx.report({ node: word, messageId: 'ambiguousSubcommand', data: { word: literalValue(word) ?? '', command: commandLabel(t), candidates }, severity });
            return;
          }
          const expected = Object.keys(t.form.subcommands ?? {}).join(', ');
          ctx.report({ node: word, messageId: 'unknownSubcommand', data: { word: literalValue(word) ?? '', command: commandLabel(t), expected }, severity });
          return;
        }
        if (t.path.length > 0 && !formAvailableAt(t.form, version)) {
          ctx.report({ node: cmd.words[t.path.length], messageId: 'tooNew', data: { what: `subcommand ${t.subcommand}`, command: t.name, since: t.form.since ?? '?', version }, severity });
        }
        if (t.arity) {
          ctx.report({ node: cmd, messageId: t.arity, data: { command: commandLabel(t), usage: usage(t) }, severity });
          return;
        }
        const switches = t.form.switches;
        const keywords = hasKeywords(t);
        if (!keywords && !switches?.some((s) => s.since !== undefined)) return;
        for (let i = 1 + t.path.length; i < cmd.words.length; i++) {
          const word = literalValue(cmd.words[i]);
          if (word === undefined) continue;
          const pos = keywords ? t.positionals[i] : undefined;
          // An optional keyword slot may have been skipped (the matcher fills optionals by count), so only required keywords are judged.
          if (pos?.literal && !pos.optional && keywordOf(pos, word) === undefined) {
            ctx.report({ node: cmd.words[i], messageId: 'badKeyword', data: { word, command: commandLabel(t), expected: pos.literal.join(', ') }, severity });
          }
          if (t.types[i] === undefined && word.startsWith('-')) {
            const sw = t.form.switches?.find((s) => s.name === word);
            if (sw && !formAvailableAt(sw, version)) {
              ctx.report({ node: cmd.words[i], messageId: 'tooNew', data: { what: `option ${word}`, command: commandLabel(t), since: sw.since ?? '?', version }, severity });
            }
          }
        }
      },
    };
  },
});

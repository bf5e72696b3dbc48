// Reports commands that take options followed by data (switch, regexp, regsub, unset, class
// match/search, table ...) when the first data word is computed and no `--` ends the options: a
// value starting with "-" is then read as an option. A `$var` is followed to the `set`s that give
// it its value, as snat-argument does. Doc: docs/rules/missing-option-terminator.md
import type { Proc, Word } from '../../syntax/ast.js';
import { literalValue } from '../../syntax/words.js';
import { defineRule } from '../rule.js';
import type { CommandSpec } from '../../catalog/types.js';
import { commandName, formsOf, specOf, typedCommand } from '../utils/args.js';
import { scopeOf, variablesOf } from '../utils/scope.js';
import { onlyAssignments, type VariableIndex } from '../utils/variables.js';

const optionCache = new WeakMap<CommandSpec, boolean>();

/** Whether any form of a command ends its options with `--` (or is `switch`, whose handler reads options). */
function takesOptionsAnywhere(spec: CommandSpec): boolean {
  let v = optionCache.get(spec);
  if (v === undefined) optionCache.set(spec, (v = formsOf(spec).some((f) => f.handler === 'switch' || f.endOfOptions === true)));
  return v;
}

/**
 * Commands whose result never starts with "-": client and server addresses and ports. The catalog
 * has no result types yet; when it gets them, this list belongs there.
 */
const NEVER_DASH = /^(IP::(client|server|remote|local)_addr|(TCP|UDP)::(client|server|remote|local)_port)$/;

/** How many `set`s deep a `$var` is followed (`set a $b; set b "k:..."`); also stops cycles. */
const MAX_DEPTH = 4;

/**
 * Whether a word's value could start with "-": a literal or braced word by its text, a computed one
 * by what comes first (text, an address command, or a `$var` whose every `set` in `scope` gives a
 * value that cannot start with "-").
 */
function mayStartWithDash(word: Word, variables: VariableIndex, proc: Proc | undefined, depth = 0): boolean {
  if (word.type === 'BracedWord') return false;
  if (word.type === 'ExpandWord') return true;
  const literal = literalValue(word);
  if (literal !== undefined) return literal.startsWith('-');
  const first = word.parts[0];
  if (first.type === 'Text' || first.type === 'Escape') return first.value.startsWith('-');
  if (first.type === 'CmdSubst') {
    const cmd = first.script.body.find((s) => s.type === 'Command');
    const name = cmd && cmd.type === 'Command' ? commandName(cmd) : undefined;
    return name === undefined || !NEVER_DASH.test(name);
  }
  if (first.type === 'VarRef' && !first.index && depth < MAX_DEPTH) {
    const sets = onlyAssignments(scopeOf(variables, proc), first.name);
    return sets === undefined || sets.some((s) => mayStartWithDash(s.word, variables, proc, depth + 1));
  }
  return true;
}

export default defineRule({
  id: 'missing-option-terminator',
  meta: {
    description: 'Computed data after options without -- to end them',
    category: 'security',
    defaultSeverity: 'warning',
    recommended: true,
    dialects: ['irule', 'tcl'],
    fixable: 'safe',
    messages: {
      missing: 'a value starting with "-" here would be read as an option of {{command}} (a run-time error or another meaning); put -- before it',
    },
  },
  // Only commands that end options with `--` somewhere.
  commandFilter: (spec) => spec !== undefined && takesOptionsAnywhere(spec),
  create(ctx) {
    const variables = variablesOf(ctx);
    /** Data words with their command label and proc; judged after the walk, when every `set` is known. */
    const pending: { data: Word; command: string; proc: Proc | undefined }[] = [];
    return {
      end() {
        for (const { data, command, proc } of pending) {
          if (!mayStartWithDash(data, variables, proc)) continue;
          // A word that starts with a literal "-" glued to a substitution (`--[HTTP::path]`) was most
          // likely meant as an option and a value: no `--` in front of it (glued-substitution adds the space).
          const dashGlued = data.type === 'BareWord' && data.parts[0].type === 'Text';
          ctx.report({
            node: data,
            messageId: 'missing',
            data: { command },
            ...(dashGlued ? {} : { fix: [{ range: { start: data.range.start, end: data.range.start }, text: '-- ' }] }),
          });
        }
      },
      Command(cmd) {
        const spec = specOf(cmd, ctx.catalog);
        if (!spec || !takesOptionsAnywhere(spec)) return;
        const t = typedCommand(cmd, ctx.catalog);
        if (!t) return;
        // `switch` reads options through its special handler; the others declare them in the catalog.
        const takesOptions = t.form.handler === 'switch' || (t.form.endOfOptions === true && (t.form.switches?.length ?? 0) > 0);
        if (!takesOptions) return;
        let i = 1 + t.path.length;
        while (i < cmd.words.length) {
          const v = literalValue(cmd.words[i]);
          if (v === undefined || !v.startsWith('-')) break;
          if (v === '--') return;
          const sw = t.form.switches?.find((s) => s.name === v);
          i += sw?.value ? 2 : 1;
        }
        const data = cmd.words[i];
        // Literal data is what the author wrote; only computed values can surprise.
        if (!data || literalValue(data) !== undefined) return;
        pending.push({ data, command: [t.name, ...t.path].join(' '), proc: ctx.enclosingProc() });
      },
    };
  },
});

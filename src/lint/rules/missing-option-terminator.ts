// Reports commands that take options followed by data (switch, regexp, regsub, unset, class
// match/search, table ...) when the first data word is computed and no `--` ends the options: a
// value starting with "-" is then read as an option. Doc: docs/rules/missing-option-terminator.md
import type { Word } from '../../syntax/ast.js';
import { literalValue } from '../../syntax/words.js';
import { defineRule } from '../rule.js';
import type { CommandSpec } from '../../catalog/types.js';
import { commandName, formsOf, specOf, typedCommand } from '../utils/args.js';

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

/** Whether a word's value is computed and could start with "-". */
function mayStartWithDash(word: Word): boolean {
  if (word.type === 'BracedWord') return false;
  if (word.type === 'ExpandWord') return true;
  if (literalValue(word) !== undefined) return false;
  const first = word.parts[0];
  if (first.type === 'Text' || first.type === 'Escape') return first.value.startsWith('-');
  if (first.type === 'CmdSubst') {
    const cmd = first.script.body.find((s) => s.type === 'Command');
    const name = cmd && cmd.type === 'Command' ? commandName(cmd) : undefined;
    if (name !== undefined && NEVER_DASH.test(name)) return false;
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
    return {
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
        if (!data || !mayStartWithDash(data)) return;
        ctx.report({
          node: data,
          messageId: 'missing',
          data: { command: [t.name, ...t.path].join(' ') },
          fix: [{ range: { start: data.range.start, end: data.range.start }, text: '-- ' }],
        });
      },
    };
  },
});

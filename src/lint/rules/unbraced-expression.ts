// Reports expressions (of expr, if, while, for ... as the catalog types them) that are not in
// braces: they are substituted twice, so data containing [ ] or $ runs as code, and they cannot
// be byte-compiled. Doc: docs/rules/unbraced-expression.md
import type { Word } from '../../syntax/ast.js';
import { defineRule } from '../rule.js';
import { formsOf, specOf, typedCommand } from '../utils/args.js';
import type { CommandSpec } from '../../catalog/types.js';

const exprCache = new WeakMap<CommandSpec, boolean>();

/** Whether any form of a command takes an expression (or is matched by a special handler, such as `if`). */
function hasExpressions(spec: CommandSpec): boolean {
  let v = exprCache.get(spec);
  if (v === undefined) exprCache.set(spec, (v = formsOf(spec).some((f) => f.handler !== undefined || (f.positionals ?? []).some((p) => p.type === 'expr'))));
  return v;
}

/** Whether a word has substitutions (a plain literal such as `1` is harmless unbraced). */
function substitutes(word: Word): boolean {
  if (word.type === 'BracedWord') return false;
  if (word.type === 'ExpandWord') return true;
  return word.parts.some((p) => p.type === 'VarRef' || p.type === 'CmdSubst');
}

export default defineRule({
  id: 'unbraced-expression',
  meta: {
    description: 'Expression with substitutions not enclosed in braces',
    category: 'security',
    defaultSeverity: 'warning',
    recommended: true,
    dialects: ['irule', 'tcl'],
    fixable: 'none',
    messages: {
      unbraced: 'the expression of "{{command}}" is not in braces: it is substituted twice (a value holding [ ] or $ runs as code) and cannot be byte-compiled; write {{command}} {...}',
    },
  },
  // Only commands that take an expression (or have a special handler, such as `if`).
  commandFilter: (spec) => spec !== undefined && hasExpressions(spec),
  create(ctx) {
    return {
      Command(cmd) {
        const spec = specOf(cmd, ctx.catalog);
        if (!spec || !hasExpressions(spec)) return;
        const typed = typedCommand(cmd, ctx.catalog);
        if (!typed) return;
        let first: Word | undefined;
        let last: Word | undefined;
        for (let i = 1; i < cmd.words.length; i++) {
          if (typed.types[i] !== 'expr') continue;
          const w = cmd.words[i];
          if (!substitutes(w)) continue;
          // `expr $a + $b` is one expression spread over words: report it once.
          if (typed.name === 'expr') {
            first ??= w;
            last = w;
            continue;
          }
          ctx.report({ node: w, messageId: 'unbraced', data: { command: typed.name } });
        }
        if (first && last) ctx.report({ range: { start: cmd.words[1].range.start, end: cmd.words[cmd.words.length - 1].range.end }, messageId: 'unbraced', data: { command: 'expr' } });
      },
    };
  },
});

// Reports commands F5 has deprecated at the version checked (matchclass, findclass, the 4.x-era
// http_uri style names ...), with the replacement. `matchclass <item> <op> <data group>` used as a
// condition is rewritten to `class match` by --fix. Doc: docs/rules/deprecated-command.md
import { isDeprecatedAt } from '../../catalog/version.js';
import type { Command, Node } from '../../syntax/ast.js';
import { literalValue } from '../../syntax/words.js';
import { defineRule } from '../rule.js';
import { commandName, specOf } from '../utils/args.js';
import { soleVarRef } from '../utils/scope.js';

/** Whether the command is the whole of a `[...]` used directly as an expression operand (a truth value). */
function usedAsCondition(cmd: Command, ancestors: readonly Node[]): boolean {
  const script = ancestors[ancestors.length - 1];
  const subst = ancestors[ancestors.length - 2];
  const parent = ancestors[ancestors.length - 3];
  if (script?.type !== 'Script' || script.body.length !== 1 || subst?.type !== 'CmdSubst') return false;
  return parent !== undefined && (parent.type === 'Expr' || parent.type === 'ExprUnary' || (parent.type === 'ExprBinary' && /^(&&|\|\||and|or)$/.test(parent.op)));
}

/** `matchclass <computed item> <operator> <data group>`: the order `class match` takes. */
function itemFirst(cmd: Command): boolean {
  if (cmd.words.length !== 4 || literalValue(cmd.words[1]) !== undefined || literalValue(cmd.words[2]) === undefined) return false;
  const dg = cmd.words[3];
  return literalValue(dg) !== undefined || soleVarRef(dg)?.name.startsWith('::') === true;
}

export default defineRule({
  id: 'deprecated-command',
  meta: {
    description: 'Command that F5 has deprecated',
    category: 'correctness',
    defaultSeverity: 'warning',
    recommended: true,
    dialects: ['irule'],
    fixable: 'safe',
    messages: {
      deprecated: '"{{name}}" is deprecated{{since}}{{instead}}',
    },
  },
  commandFilter: (spec) => spec?.deprecated !== undefined,
  create(ctx) {
    return {
      Command(cmd) {
        const name = commandName(cmd);
        if (name === undefined) return;
        const spec = specOf(cmd, ctx.catalog);
        if (!spec?.deprecated || !isDeprecatedAt(spec, ctx.version.text)) return;
        const dep = spec.deprecated;
        const data = {
          name,
          since: dep.since ? ` since BIG-IP ${dep.since}` : '',
          instead: dep.replacement ? `; use ${dep.replacement}` : dep.note ? ` (${dep.note})` : '',
        };
        // matchclass returns an index, class match 1 or 0: the same truth value, so only a condition is rewritten.
        const fix =
          name === 'matchclass' && dep.replacement === 'class match' && itemFirst(cmd) && usedAsCondition(cmd, ctx.ancestors())
            ? [{ range: cmd.words[0].range, text: 'class match' }]
            : undefined;
        ctx.report({ node: cmd.words[0], messageId: 'deprecated', data, ...(fix ? { fix } : {}) });
      },
    };
  },
});

// With --bigip-conf: reports a literal data group name that the configuration does not define,
// and a data group matched against the wrong kind of value (an address against a string group,
// text against an ip group). Doc: docs/rules/undefined-datagroup.md
import { parseAddress } from '../../bigip/address.js';
import type { Word } from '../../syntax/ast.js';
import { literalValue } from '../../syntax/words.js';
import { defineRule } from '../rule.js';
import { commandName } from '../utils/args.js';
import { hintFor, literalRefs, lookup } from '../utils/config-refs.js';

/** Commands whose result is an IP address. */
const ADDRESS_COMMANDS = /^IP::(client|server|remote|local)_addr$/;

/** `ip` when a word is surely an address, `string` when surely not, undefined when unknown. */
function valueKind(word: Word): 'ip' | 'string' | undefined {
  const v = literalValue(word);
  if (v !== undefined) return parseAddress(v) ? 'ip' : 'string';
  if (word.type === 'BareWord' && word.parts.length === 1 && word.parts[0].type === 'CmdSubst') {
    const first = word.parts[0].script.body[0];
    const name = first?.type === 'Command' ? commandName(first) : undefined;
    if (name !== undefined && ADDRESS_COMMANDS.test(name)) return 'ip';
    if (name !== undefined && name.startsWith('HTTP::')) return 'string';
  }
  return undefined;
}

export default defineRule({
  id: 'undefined-datagroup',
  meta: {
    description: 'Data group that the BIG-IP configuration does not define, or of the wrong type',
    category: 'correctness',
    defaultSeverity: 'error',
    recommended: true,
    dialects: ['irule'],
    fixable: 'none',
    messages: {
      missing: 'data group "{{name}}" is not in the BIG-IP configuration{{hint}}: class commands fail at run time',
      wrongType: 'data group "{{name}}" is of type {{type}} but is matched against {{value}}: it never matches',
    },
  },
  create(ctx) {
    const config = ctx.bigip;
    if (!config) return {};
    return {
      Command(cmd) {
        for (const { word, name, typed } of literalRefs(cmd, ctx.catalog, 'dataGroup')) {
          // `class exists` is how a rule checks for a data group that may be missing.
          if (typed.subcommand === 'exists') continue;
          const dg = lookup(config, 'dataGroup', name);
          if (!dg) {
            ctx.report({ node: word, messageId: 'missing', data: { name, hint: hintFor(config, 'dataGroup', name) } });
            continue;
          }
          // class match <item> <op> <group> / class search <group> <op> <item>: compare the item's kind.
          if (typed.name !== 'class' || (typed.subcommand !== 'match' && typed.subcommand !== 'search')) continue;
          const item = typed.positionals.findIndex((p) => p?.name === 'item');
          const kind = item > 0 ? valueKind(cmd.words[item]) : undefined;
          if (!kind || dg.type === 'integer') continue;
          if ((kind === 'ip') !== (dg.type === 'ip')) {
            ctx.report({ node: cmd.words[item], messageId: 'wrongType', data: { name, type: dg.type, value: kind === 'ip' ? 'an IP address' : 'text that is not an address' } });
          }
        }
      },
    };
  },
});

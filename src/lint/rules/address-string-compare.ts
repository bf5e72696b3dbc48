// Reports an IP address from IP::client_addr (and the other address commands) compared as text
// with a literal: route-domain suffixes (%2) and IPv6 spellings make text comparison miss; use
// IP::addr. Doc: docs/rules/address-string-compare.md
import type { ExprNode } from '../../syntax/ast.js';
import { defineRule } from '../rule.js';
import { commandName } from '../utils/args.js';

/** Commands whose result is an IP address (the catalog has no result types yet). */
const ADDRESS_COMMANDS = /^IP::(client|server|remote|local)_addr$/;

/** Text comparisons that an address should not go through. */
const TEXT_OPERATORS = new Set(['eq', 'ne', '==', '!=', 'equals', 'starts_with', 'ends_with', 'contains']);

/** The address command of a `[IP::client_addr]` operand, if it is one. */
function addressCommand(node: ExprNode): string | undefined {
  if (node.type !== 'CmdSubst') return undefined;
  const first = node.script.body.find((s) => s.type === 'Command');
  const name = first?.type === 'Command' && first.words.length === 1 ? commandName(first) : undefined;
  return name !== undefined && ADDRESS_COMMANDS.test(name) ? name : undefined;
}

/** Whether an operand is literal text (a quoted or braced string, or a bare number-like word). */
function literal(node: ExprNode): boolean {
  if (node.type === 'ExprLiteral') return true;
  return node.type === 'ExprQuoted' && node.parts.every((p) => p.type === 'Text' || p.type === 'Escape');
}

export default defineRule({
  id: 'address-string-compare',
  meta: {
    description: 'IP address compared as text instead of with IP::addr',
    category: 'correctness',
    defaultSeverity: 'warning',
    recommended: true,
    dialects: ['irule'],
    fixable: 'none',
    messages: {
      textCompare: '[{{command}}] compared with "{{op}}" as text: in a route domain it reads "a.b.c.d%N", and IPv6 has many spellings, so this can miss; use [IP::addr [{{command}}] equals <address or network>] or class match with an ip data group',
    },
  },
  create(ctx) {
    return {
      ExprBinary(node) {
        if (!TEXT_OPERATORS.has(node.op)) return;
        const left = addressCommand(node.left);
        const right = addressCommand(node.right);
        const command = left ?? right;
        if (command === undefined || !literal(left ? node.right : node.left)) return;
        ctx.report({ range: node.range, messageId: 'textCompare', data: { command, op: node.op } });
      },
    };
  },
});

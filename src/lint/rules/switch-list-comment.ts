// Reports a `#` line inside a switch pattern list: Tcl has no comments there, so its words become
// patterns and bodies, and an odd number of them breaks every run. Doc: docs/rules/switch-list-comment.md
import type { ListItem, ListNode } from '../../syntax/ast.js';
import { defineRule } from '../rule.js';

/** How many pattern/body pairs a message shows. */
const SHOWN_PAIRS = 3;

/** An element as a message shows it: its value, shortened. */
function shown(item: ListItem): string {
  const v = item.value.replace(/\s+/g, ' ').trim();
  return `"${v.length > 24 ? `${v.slice(0, 21)}...` : v}"`;
}

/** The pattern/body pairs as Tcl makes them that involve the comment words `from..to` (indices). */
function pairs(items: readonly ListItem[], from: number, to: number): string {
  const out: string[] = [];
  for (let k = from - (from % 2); k < to; k += 2) {
    const body = items[k + 1];
    out.push(body ? `${shown(items[k])} runs ${shown(body)}` : `${shown(items[k])} has no body`);
  }
  return out.length > SHOWN_PAIRS ? `${out.slice(0, SHOWN_PAIRS).join(', ')}, ...` : out.join(', ');
}

export default defineRule({
  id: 'switch-list-comment',
  meta: {
    description: 'A # line inside a switch pattern list, which Tcl reads as patterns and bodies',
    category: 'correctness',
    defaultSeverity: 'error',
    recommended: true,
    dialects: ['irule', 'tcl'],
    fixable: 'none',
    messages: {
      oddList:
        'a "#" line in a switch list is not a comment: Tcl reads its {{count}} words as patterns and bodies ({{pairs}}) and the list now has an odd number of elements, so the switch fails with "extra switch pattern with no body" every time it runs; move the comment into a body or above the switch',
      shifted:
        'a "#" line in a switch list is not a comment: Tcl reads its {{count}} words as patterns and bodies ({{pairs}}), and the odd count shifts the pairs after it until the next such line: bodies are read as patterns and patterns run as code; move the comment into a body or above the switch',
      pairs:
        'a "#" line in a switch list is not a comment: Tcl reads its {{count}} words as patterns and bodies ({{pairs}}): a value matching one of them runs a body that is not code; move the comment into a body or above the switch',
    },
  },
  create(ctx) {
    return {
      List(list: ListNode) {
        const items = list.items;
        for (let i = 0; i < items.length; i++) {
          if (!items[i].inComment) continue;
          let j = i;
          while (j < items.length && items[j].inComment) j++;
          const count = j - i;
          const odd = count % 2 === 1;
          const data = { count, pairs: pairs(items, i, j) };
          const range = { start: items[i].range.start, end: items[j - 1].range.end };
          if (odd && items.length % 2 === 1) ctx.report({ range, messageId: 'oddList', data });
          else if (odd) ctx.report({ range, messageId: 'shifted', data });
          else ctx.report({ range, messageId: 'pairs', data, severity: 'warning' });
          i = j - 1;
        }
      },
    };
  },
});

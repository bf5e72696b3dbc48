// Reports `regexp` with a literal pattern that is plain text (optionally anchored): the string
// operators do the same far faster at wire speed. Doc: docs/rules/regexp-simple-pattern.md
import { literalValue } from '../../syntax/words.js';
import { defineRule } from '../rule.js';
import { typedCommand } from '../utils/args.js';

/** Regular-expression syntax beyond plain text and the two anchors. */
const META = /[.[\]()*+?{}|\\^$]/;

/** The string operator that does what an anchored plain-text pattern does. */
function operatorFor(pattern: string): { op: string; text: string } | undefined {
  const start = pattern.startsWith('^');
  const end = pattern.endsWith('$') && pattern.length > (start ? 1 : 0);
  const raw = pattern.slice(start ? 1 : 0, end ? -1 : undefined);
  // An escaped punctuation character (`\.`) stands for itself; `\d` and friends are classes.
  if (raw === '' || META.test(raw.replace(/\\[^A-Za-z0-9]/g, '')) || raw.endsWith('\\')) return undefined;
  const text = raw.replace(/\\([^A-Za-z0-9])/g, '$1');
  return { op: start && end ? 'eq' : start ? 'starts_with' : end ? 'ends_with' : 'contains', text };
}

export default defineRule({
  id: 'regexp-simple-pattern',
  meta: {
    description: 'regexp used where a string comparison does the same',
    category: 'performance',
    defaultSeverity: 'warning',
    recommended: true,
    dialects: ['irule'],
    fixable: 'none',
    messages: {
      simpler: 'this pattern is plain text: use the {{op}} operator ({{example}}), which is much cheaper than a regular expression',
    },
  },
  create(ctx) {
    return {
      commands: {
        regexp(cmd) {
          const t = typedCommand(cmd, ctx.catalog);
          if (!t || t.arity) return;
          // Only the plain form: options other than -nocase change the meaning, match variables need regexp.
          const first = cmd.words.findIndex((_, i) => i > 0 && t.types[i] === 'pattern');
          if (first < 0 || cmd.words.length !== first + 2) return;
          for (let i = 1; i < first; i++) if (literalValue(cmd.words[i]) !== '--') return;
          const pattern = literalValue(cmd.words[first]);
          const found = pattern === undefined ? undefined : operatorFor(pattern);
          if (!found) return;
          const subject = ctx.source.slice(cmd.words[first + 1].range.start, cmd.words[first + 1].range.end);
          ctx.report({ node: cmd.words[first], messageId: 'simpler', data: { op: found.op, example: `${subject} ${found.op} "${found.text}"` } });
        },
      },
    };
  },
});

// Reports what BIG-IP refuses in the shape of an iRule: commands outside `when`/`proc`, a `when`
// or `proc` inside an event or proc, a priority outside 0-1000, and a same-line `#` comment
// without `;` (its words become arguments). Doc: docs/rules/rule-structure.md
import type { Command, Node, Word } from '../../syntax/ast.js';
import { literalValue } from '../../syntax/words.js';
import { defineRule } from '../rule.js';
import { commandName, specOf } from '../utils/args.js';


/** Whether a priority value is an integer in BIG-IP's range. */
function validPriority(word: Word | undefined): boolean {
  const v = word ? literalValue(word) : undefined;
  if (v === undefined) return true; // computed: cannot tell
  return /^\d+$/.test(v) && Number(v) <= 1000;
}

export default defineRule({
  id: 'rule-structure',
  meta: {
    description: 'iRule structure that BIG-IP refuses to load',
    category: 'correctness',
    defaultSeverity: 'error',
    recommended: true,
    dialects: ['irule'],
    fixable: 'safe',
    messages: {
      topLevel: '"{{name}}" outside a when or proc: BIG-IP refuses the rule ("{{name}}" unknown property); move it into an event',
      nested: '"{{name}}" inside {{where}}: BIG-IP refuses it ("command is not valid in the current scope"); define it at the top level of the rule',
      priority: 'priority must be an integer from 0 to 1000, not "{{value}}"',
      sameLineComment: 'a "#" after a command on the same line is not a comment in Tcl: these words become arguments; write ";#"',
    },
  },
  create(ctx) {
    /** The nearest enclosing when or proc among the ancestors. */
    const container = (): string | undefined => {
      const anc = ctx.ancestors();
      for (let i = anc.length - 1; i >= 0; i--) {
        const a: Node = anc[i];
        if (a.type === 'When') return `when ${a.event}`;
        if (a.type === 'Proc') return `proc ${a.name}`;
      }
      return undefined;
    };
    const checkNested = (node: { range: { start: number; end: number } }, name: string): void => {
      const where = container();
      if (where) ctx.report({ node, messageId: 'nested', data: { name, where } });
    };
    const checkPriority = (words: readonly Word[], from: number): void => {
      for (let i = from; i < words.length - 1; i++) {
        if (literalValue(words[i]) === 'priority' && !validPriority(words[i + 1])) {
          ctx.report({ node: words[i + 1], messageId: 'priority', data: { value: literalValue(words[i + 1]) ?? '' } });
        }
      }
    };
    const checkComment = (cmd: Command): void => {
      for (let i = 1; i < cmd.words.length; i++) {
        const w = cmd.words[i];
        if (w.type !== 'BareWord') continue;
        const v = literalValue(w);
        if (v === undefined || !v.startsWith('#')) continue;
        if (v !== '#' && i === cmd.words.length - 1) continue; // `set color #fff` is a value
        ctx.report({
          range: { start: w.range.start, end: cmd.range.end },
          messageId: 'sameLineComment',
          fix: [{ range: { start: w.range.start, end: w.range.start }, text: ';' }],
        });
        return;
      }
    };
    return {
      When(node) {
        checkNested(node, 'when');
        checkPriority(node.words, 2);
      },
      Proc(node) {
        checkNested(node, 'proc');
      },
      Command(cmd) {
        const name = commandName(cmd);
        checkComment(cmd);
        const anc = ctx.ancestors();
        const topLevel = anc.length === 1 && anc[0] === ctx.ast;
        // The catalog says which commands may stand at the top level (`when`, `proc`, `priority` ...).
        const placement = specOf(cmd, ctx.catalog)?.topLevel;
        if (topLevel) {
          if (name === '}') return; // a stray brace is syntax-error's
          if (placement === undefined) ctx.report({ node: cmd.words[0] ?? cmd, messageId: 'topLevel', data: { name: name ?? literalValue(cmd.words[0]) ?? '...' } });
          else if (name === 'priority' && !validPriority(cmd.words[1])) {
            ctx.report({ node: cmd.words[1] ?? cmd, messageId: 'priority', data: { value: cmd.words[1] ? (literalValue(cmd.words[1]) ?? '') : '' } });
          }
        } else if (placement === 'only' && name !== undefined) {
          checkNested(cmd, name);
        }
      },
    };
  },
});

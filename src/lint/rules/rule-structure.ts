// Reports what BIG-IP refuses in the shape of an iRule: commands outside `when`/`proc`, a `when`
// or `proc` inside an event or proc, a priority outside 0-1000, a `when` or `proc` of the wrong
// shape (the load check's verdicts, src/load/check.ts, shared with the simulator), and a same-line
// `#` comment without `;` (its words become arguments). Doc: docs/rules/rule-structure.md
import type { Command } from '../../syntax/ast.js';
import { literalValue } from '../../syntax/words.js';
import { defineRule } from '../rule.js';
import { typedCommand } from '../utils/args.js';
import { reportLoadIssues } from '../utils/load.js';

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
      whenShape: '"when" needs an event name and a body ("when EVENT ?priority N? ?timing on|off? { ... }"): BIG-IP refuses the rule',
      whenExtra: '"{{word}}" after the body of when {{event}}: BIG-IP refuses the rule (unexpected extra argument "{{word}}")',
      procShape: 'proc {{name}} needs a literal name, a parameter list and a braced body ("proc name args body"): BIG-IP refuses the rule',
      sameLineComment: 'a "#" after a command on the same line is not a comment in Tcl: these words become arguments; write ";#"',
    },
  },
  create(ctx) {
    const checkComment = (cmd: Command): void => {
      for (let i = 1; i < cmd.words.length; i++) {
        const w = cmd.words[i];
        if (w.type !== 'BareWord') continue;
        const v = literalValue(w);
        if (v === undefined || !v.startsWith('#')) continue;
        if (v !== '#' && i === cmd.words.length - 1) continue; // `set color #fff` is a value
        if (typedCommand(cmd, ctx.catalog)?.types[i] === 'level') continue; // `upvar #0 name v`, `uplevel #1 ...`
        ctx.report({
          range: { start: w.range.start, end: cmd.range.end },
          messageId: 'sameLineComment',
          fix: [{ range: { start: w.range.start, end: w.range.start }, text: ';' }],
        });
        return;
      }
    };
    const load = reportLoadIssues(ctx, 'rule-structure');
    return {
      Command: checkComment,
      end: load.end,
    };
  },
});

// Reports a second HTTP::respond/HTTP::redirect reachable on one path of an event, and HTTP
// commands run after a response was sent: BIG-IP allows one response per request and fails the
// rest at run time. Doc: docs/rules/multiple-response.md
import { namespaceOf } from '../../catalog/load.js';
import type { Command } from '../../syntax/ast.js';
import { defineRule } from '../rule.js';
import { commandName, specOf } from '../utils/args.js';
import { flowInHandlersWith } from '../utils/flow.js';

export default defineRule({
  id: 'multiple-response',
  meta: {
    description: 'Second HTTP response, or HTTP commands after one, on the same path',
    category: 'correctness',
    defaultSeverity: 'warning',
    recommended: true,
    dialects: ['irule'],
    fixable: 'none',
    messages: {
      second: '{{name}} can run after {{first}} on line {{line}} on the same path: only one response per request is allowed (add return after the first)',
      after: '{{name}} can run after {{first}} on line {{line}} sent the response: the request is finished (add return after the response)',
    },
  },
  // The handlers worth a path analysis are those that send a response somewhere.
  commandFilter: (spec) => spec?.sendsResponse === true,
  create(ctx) {
    const reported = new Set<Command>();
    const lineOf = (c: Command): number => ctx.lines.position(c.range.start).line + 1;
    return flowInHandlersWith<Command | undefined>(ctx, undefined, {
      join: (a, b) => a ?? b,
      step: (cmd, responded) => {
        const name = commandName(cmd);
        if (name === undefined) return responded;
        const spec = specOf(cmd, ctx.catalog);
        const sends = spec?.sendsResponse === true;
        if (responded && responded !== cmd && !reported.has(cmd)) {
          const data = { name, first: commandName(responded) ?? '', line: lineOf(responded) };
          if (sends) {
            reported.add(cmd);
            ctx.report({ node: cmd.words[0], messageId: 'second', data });
          } else if (namespaceOf(name) === 'HTTP') {
            reported.add(cmd);
            ctx.report({ node: cmd.words[0], messageId: 'after', data });
          }
        }
        return sends ? (responded ?? cmd) : responded;
      },
    });
  },
});

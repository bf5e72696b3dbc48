// Reports TCP::collect, HTTP::collect (and the other X::collect commands that have an X::release)
// in a rule that never releases: the data is held, later events do not fire and the connection
// stalls until it times out. Doc: docs/rules/collect-without-release.md
import { namespaceOf } from '../../catalog/load.js';
import type { Command } from '../../syntax/ast.js';
import { defineRule } from '../rule.js';
import { commandName } from '../utils/args.js';

export default defineRule({
  id: 'collect-without-release',
  meta: {
    description: 'Data collected but never released',
    category: 'correctness',
    defaultSeverity: 'warning',
    recommended: true,
    dialects: ['irule'],
    fixable: 'none',
    messages: {
      noRelease: '{{name}} holds the data, but this rule never calls {{release}}: the connection stalls until it times out (release it in the matching _DATA event)',
    },
  },
  // Only NS::collect and NS::release calls (of namespaces the catalog knows).
  commandFilter: (spec) => spec !== undefined && /::(collect|release)$/.test(spec.name),
  create(ctx) {
    const collects = new Map<string, Command[]>();
    const released = new Set<string>();
    return {
      Command(cmd) {
        const name = commandName(cmd);
        if (name === undefined) return;
        const ns = namespaceOf(name);
        if (ns === undefined) return;
        const op = name.slice(ns.length + 2);
        if (op === 'release') released.add(ns);
        else if (op === 'collect') {
          const list = collects.get(ns) ?? [];
          list.push(cmd);
          collects.set(ns, list);
        }
      },
      end() {
        for (const [ns, cmds] of collects) {
          const release = `${ns}::release`;
          // Only namespaces that have a release command at all (TCP, HTTP, UDP, SSL ...).
          if (released.has(ns) || !ctx.catalog.command(release)) continue;
          for (const cmd of cmds) ctx.report({ node: cmd.words[0], messageId: 'noRelease', data: { name: `${ns}::collect`, release } });
        }
      },
    };
  },
});

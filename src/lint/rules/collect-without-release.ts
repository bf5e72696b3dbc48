// Reports TCP::collect, HTTP::collect (and the other X::collect commands that have an X::release)
// in a rule that never releases: the data is held, later events do not fire and the connection
// stalls until it times out. Collects the catalog says BIG-IP releases by itself (implicitRelease:
// HTTP::collect <length>, released at the end of HTTP_REQUEST_DATA / HTTP_RESPONSE_DATA) are
// reported only when the release event collects again every time. Doc: docs/rules/collect-without-release.md
import { namespaceOf } from '../../catalog/load.js';
import type { CommandSpec } from '../../catalog/types.js';
import type { Command } from '../../syntax/ast.js';
import { defineRule } from '../rule.js';
import { commandName } from '../utils/args.js';

/** A collect call and what decides whether it needs an explicit release. */
interface Collect {
  cmd: Command;
  /** Set when BIG-IP releases this call's data by itself (the catalog's implicitRelease). */
  implicit: boolean;
  /** Set when the call is a statement of the body of an implicit-release event itself (runs every time). */
  alwaysAgain: boolean;
  /** The event it is in ('' outside any). */
  event: string;
}

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
      collectsAgain: '{{name}} here runs every time {{event}} fires, so BIG-IP never releases the data at its end and this rule never calls {{release}}: the connection stalls',
    },
  },
  // Only NS::collect and NS::release calls (of namespaces the catalog knows).
  commandFilter: (spec) => spec !== undefined && /::(collect|release)$/.test(spec.name),
  create(ctx) {
    const collects = new Map<string, Collect[]>();
    const released = new Set<string>();
    /** Whether BIG-IP releases the data of this call by itself (see CommandSpec.implicitRelease). */
    const implicitFor = (spec: CommandSpec | undefined, cmd: Command): boolean => {
      const rel = spec?.implicitRelease;
      return rel !== undefined && (!rel.withArguments || cmd.words.length > 1);
    };
    return {
      Command(cmd) {
        const name = commandName(cmd);
        if (name === undefined) return;
        const ns = namespaceOf(name);
        if (ns === undefined) return;
        const op = name.slice(ns.length + 2);
        if (op === 'release') released.add(ns);
        else if (op === 'collect') {
          const spec = ctx.catalog.command(name);
          const when = ctx.enclosingWhen();
          const implicit = implicitFor(spec, cmd);
          // A collect straight in the body of a release event (not under if/switch ...) collects
          // again each time that event fires, so its end never releases.
          const alwaysAgain =
            implicit && when !== undefined && spec!.implicitRelease!.events.includes(when.event) && when.body?.body.includes(cmd) === true;
          const list = collects.get(ns) ?? [];
          list.push({ cmd, implicit, alwaysAgain, event: when?.event ?? '' });
          collects.set(ns, list);
        }
      },
      end() {
        for (const [ns, list] of collects) {
          const release = `${ns}::release`;
          // Only namespaces that have a release command at all (TCP, HTTP, UDP, SSL ...).
          if (released.has(ns) || !ctx.catalog.command(release)) continue;
          const name = `${ns}::collect`;
          for (const c of list) {
            if (c.alwaysAgain) {
              ctx.report({ node: c.cmd.words[0], messageId: 'collectsAgain', data: { name, event: c.event, release } });
            } else if (!c.implicit) {
              ctx.report({ node: c.cmd.words[0], messageId: 'noRelease', data: { name, release } });
            }
          }
        }
      },
    };
  },
});

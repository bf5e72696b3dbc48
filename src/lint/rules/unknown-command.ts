// Reports commands BIG-IP does not know (at the version checked): a literal unknown command is a
// load-time error ("undefined procedure"), even inside catch. Doc: docs/rules/unknown-command.md
import { allCommands } from '../../catalog/load.js';
import type { CommandSpec } from '../../catalog/types.js';
import { unavailableAt, type Unavailability } from '../../catalog/version.js';
import { closest } from '../config.js';
import { defineRule } from '../rule.js';
import { commandName, specOf } from '../utils/args.js';
import { procsAnalysis } from '../utils/procs.js';
import type { Word } from '../../syntax/ast.js';

let names: string[] | undefined;

/** `unavailableAt` answers by spec, for the version asked last (runs check one version). */
const verdicts = new Map<CommandSpec, Unavailability | null>();
let verdictsVersion = '';

function unavailable(spec: CommandSpec, version: string): Unavailability | undefined {
  if (version !== verdictsVersion) {
    verdicts.clear();
    verdictsVersion = version;
  }
  let why = verdicts.get(spec);
  if (why === undefined) verdicts.set(spec, (why = unavailableAt(spec, version) ?? null));
  return why ?? undefined;
}

export default defineRule({
  id: 'unknown-command',
  meta: {
    description: 'Command that BIG-IP does not know',
    category: 'correctness',
    defaultSeverity: 'error',
    recommended: true,
    dialects: ['irule'],
    fixable: 'none',
    messages: {
      unknown: 'unknown command "{{name}}"{{hint}}: BIG-IP refuses the rule at load ("undefined procedure: {{name}}")',
      procWithoutCall: '"{{name}}" is a proc of this rule: in iRules a proc is invoked with "call {{name}}" (a direct call is "undefined procedure: {{name}}")',
      newerTcl: '"{{name}}" is a Tcl {{tcl}} command; iRules run Tcl 8.4, where it does not exist',
      absent: '"{{name}}" does not exist in iRules',
      notYet: '"{{name}}" arrived in BIG-IP {{since}}; it does not exist on {{version}}',
      removed: '"{{name}}" was removed in BIG-IP {{since}}',
    },
  },
  // Commands the catalog does not know, and those some version lacks.
  commandFilter: (spec) => spec === undefined || spec.absent === true || spec.since !== undefined || spec.removed !== undefined,
  create(ctx) {
    const procs = ctx.analysis(procsAnalysis);
    // Unknown names are judged after the walk: a proc may be defined below its (wrong) use.
    const unknown: { node: Word; name: string }[] = [];
    return {
      Command(cmd) {
        const name = commandName(cmd);
        if (name === undefined || name === '' || name === '}' || name.startsWith('#')) return;
        const node = cmd.words[0];
        // specOf: the lookup is cached on the node (namespace entries count as unknown).
        const spec = specOf(cmd, ctx.catalog);
        if (!spec) {
          unknown.push({ node, name });
          return;
        }
        const why = unavailable(spec, ctx.version.text);
        if (why === 'absent') {
          if (spec.tclVersion) ctx.report({ node, messageId: 'newerTcl', data: { name, tcl: spec.tclVersion } });
          else ctx.report({ node, messageId: 'absent', data: { name } });
        } else if (why === 'notYet') {
          ctx.report({ node, messageId: 'notYet', data: { name, since: spec.since ?? '?', version: ctx.version.text } });
        } else if (why === 'removed') {
          ctx.report({ node, messageId: 'removed', data: { name, since: spec.removed?.since ?? '?' } });
        }
      },
      end() {
        for (const { node, name } of unknown) {
          if (procs.byName.has(name)) {
            ctx.report({ node, messageId: 'procWithoutCall', data: { name } });
            continue;
          }
          names ??= allCommands().filter((c) => c.kind !== 'namespace' && !c.absent && !c.disabled).map((c) => c.name);
          const hint = closest(name, names);
          ctx.report({ node, messageId: 'unknown', data: { name, hint: hint ? ` (did you mean "${hint}"?)` : '' } });
        }
      },
    };
  },
});

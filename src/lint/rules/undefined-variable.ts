// Reports `$name` reads of variables that nothing in the rule ever sets: at run time that is
// "can't read "name": no such variable", which aborts the event and resets the connection.
// Doc: docs/rules/undefined-variable.md
import { defineRule } from '../rule.js';
import { variablesOf } from '../utils/scope.js';
import { mentionedAnywhere, type VariableScope } from '../utils/variables.js';

/** Variables Tcl itself provides. */
const BUILTIN = new Set(['errorInfo', 'errorCode', 'tcl_platform', 'tcl_version', 'tcl_patchLevel', 'tcl_precision', 'env']);

export default defineRule({
  id: 'undefined-variable',
  meta: {
    description: 'Variable read that no path of the rule sets',
    category: 'correctness',
    defaultSeverity: 'warning',
    recommended: true,
    dialects: ['irule'],
    fixable: 'none',
    messages: {
      connection: '"${{name}}" is read but never set in this rule: at run time "can\'t read \\"{{name}}\\": no such variable" aborts the event',
      proc: '"${{name}}" is read in proc {{proc}} but is neither a parameter nor set there (procs do not see the caller\'s variables; pass it or use upvar)',
      static: '"${{name}}" is never set in this rule: static variables must be set in RULE_INIT before events read them',
    },
  },
  create(ctx) {
    const index = variablesOf(ctx);
    return {
      end() {
        const check = (scope: VariableScope): void => {
          if (scope.dynamic) return;
          const reported = new Set<string>();
          for (const ref of scope.reads) {
            const name = ref.name;
            if (name === '' || BUILTIN.has(name) || reported.has(name)) continue;
            if (name.startsWith('::')) continue; // globals are cmp-global-variable's
            if (name.startsWith('static::')) {
              if (mentionedAnywhere(index, name)) continue;
              reported.add(name);
              ctx.report({ node: ref, messageId: 'static', data: { name } });
              continue;
            }
            if (name.includes('::')) continue; // namespaced names are not tracked
            const known = scope.proc ? scope.mentioned.has(name) : mentionedAnywhere(index, name);
            if (known) continue;
            reported.add(name);
            if (scope.proc) ctx.report({ node: ref, messageId: 'proc', data: { name, proc: scope.proc.name } });
            else ctx.report({ node: ref, messageId: 'connection', data: { name } });
          }
        };
        check(index.connection);
        for (const scope of index.procs.values()) check(scope);
      },
    };
  },
});

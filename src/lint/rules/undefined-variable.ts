// Reports `$name` reads of variables that nothing in the rule ever sets: at run time that is
// "can't read "name": no such variable", which aborts the event and resets the connection. Also
// `incr name` where nothing else ever writes the variable: Tcl 8.4 (the Tcl of iRules) does not
// create a missing variable in incr (8.5 does), so the first incr fails the same way.
// Doc: docs/rules/undefined-variable.md
import type { Command } from '../../syntax/ast.js';
import { literalValue } from '../../syntax/words.js';
import { defineRule } from '../rule.js';
import { variablesOf } from '../utils/scope.js';
import { mentionedAnywhere, variableNameOf, type VariableIndex, type VariableScope } from '../utils/variables.js';

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
      incr: 'incr {{name}}, but nothing in this rule sets "{{name}}": iRules run Tcl 8.4, where incr does not create a missing variable ("can\'t read \\"{{name}}\\": no such variable"); set it to 0 first',
    },
  },
  create(ctx) {
    const index = variablesOf(ctx);
    /** `incr name` commands with a plain literal name. */
    const incrs: { cmd: Command; name: string }[] = [];
    return {
      Command(cmd) {
        if (cmd.words.length < 2 || cmd.words.length > 3 || literalValue(cmd.words[0]) !== 'incr') return;
        const word = cmd.words[1];
        const name = word.type === 'BracedWord' ? undefined : literalValue(word);
        if (name === undefined || name.includes('::')) return;
        incrs.push({ cmd, name: variableNameOf(name) });
      },
      end() {
        reportIncrs(index);
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
    /**
     * Reports a name whose every mention in the file is the name word of an incr (no set, info
     * exists, foreach, a proc parameter ...) in any scope: nothing creates the variable before
     * incr reads it. All scopes count together (an upvar in a proc may write the caller's).
     */
    function reportIncrs(idx: VariableIndex): void {
      const byName = new Map<string, { cmd: Command; name: string }[]>();
      for (const i of incrs) {
        const list = byName.get(i.name);
        if (list) list.push(i);
        else byName.set(i.name, [i]);
      }
      const scopes = [idx.connection, ...idx.procs.values()];
      if (scopes.some((s) => s.dynamic)) return;
      for (const [name, list] of byName) {
        let mentions = 0;
        for (const s of scopes) mentions += s.mentioned.get(name) ?? 0;
        if (mentions !== list.length) continue;
        ctx.report({ node: list[0].cmd.words[1], messageId: 'incr', data: { name } });
      }
    }
  },
});

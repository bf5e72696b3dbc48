// Reports a data group named as `$::name` or `::name` in class/matchclass/findclass: a run-time
// TCL error and a connection reset from BIG-IP 11.0, CMP demotion on 9.4.4-10.x.
// Doc: docs/rules/datagroup-global-reference.md
import type { Word } from '../../syntax/ast.js';
import { literalValue } from '../../syntax/words.js';
import { defineRule } from '../rule.js';
import { dataGroupSlots, typedCommand } from '../utils/args.js';
import { isPlainWord } from '../utils/replacement.js';
import { soleVarRef } from '../utils/scope.js';
import { atLeast } from '../version.js';

/** The data group name a `$::name` or `::name` word stands for, or undefined for other words. */
function globalDataGroup(word: Word): string | undefined {
  const ref = soleVarRef(word);
  if (ref && word.type === 'BareWord') return ref.name.startsWith('::') ? ref.name.slice(2) : undefined;
  const v = word.type === 'BareWord' ? literalValue(word) : undefined;
  return v !== undefined && v.charCodeAt(0) === 58 && /^::[^:]/.test(v) ? v.slice(2) : undefined;
}

export default defineRule({
  id: 'datagroup-global-reference',
  meta: {
    description: 'Data group referenced as a global variable ($::name or ::name)',
    category: 'correctness',
    defaultSeverity: 'error',
    recommended: true,
    fixable: 'safe',
    messages: {
      runtimeError: 'data group written as "{{written}}": from BIG-IP 11.0 this is a run-time TCL error that resets the connection; write {{name}}',
      cmpDemotion: 'data group written as "{{written}}": on BIG-IP 9.4.4-10.x this demotes the virtual server from CMP, and from 11.0 it fails at run time; write {{name}}',
    },
  },
  create(ctx) {
    const v11 = atLeast(ctx.version, '11.0');
    return {
      Command(cmd) {
        // Most commands have no `$::x` or `::x` word at all: look at the catalog only when one does.
        let candidate = false;
        for (let i = 1; i < cmd.words.length && !candidate; i++) candidate = globalDataGroup(cmd.words[i]) !== undefined;
        if (!candidate) return;
        const typed = typedCommand(cmd, ctx.catalog);
        if (!typed) return;
        for (const i of dataGroupSlots(typed)) {
          const word = cmd.words[i];
          const name = globalDataGroup(word);
          if (name === undefined || name === '' || name.startsWith('static::')) continue;
          ctx.report({
            node: word,
            messageId: v11 ? 'runtimeError' : 'cmpDemotion',
            data: { written: ctx.source.slice(word.range.start, word.range.end), name },
            severity: v11 ? 'error' : 'warning',
            // Only a plain name is written back bare: `${::a;reject}` must never become `a;reject`.
            ...(isPlainWord(name) ? { fix: [{ range: word.range, text: name }] } : {}),
          });
        }
      },
    };
  },
});

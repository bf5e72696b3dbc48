// Reports a data group named as `$::name` or `::name` in class/matchclass/findclass, read as a
// list (`lsearch $::name`, `foreach x $::name`) or named in bigip.conf: a run-time TCL error and a
// connection reset from BIG-IP 11.0, CMP demotion on 9.4.4-10.x.
// Doc: docs/rules/datagroup-global-reference.md
import type { VarRef, Word } from '../../syntax/ast.js';
import { literalValue } from '../../syntax/words.js';
import { defineRule } from '../rule.js';
import { dataGroupSlots, typedCommand } from '../utils/args.js';
import { configDataGroup, globalDataGroupUse, globalWrites } from '../utils/global-datagroups.js';
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
    dialects: ['irule'],
    fixable: 'safe',
    messages: {
      runtimeError: 'data group written as "{{written}}": from BIG-IP 11.0 this is a run-time TCL error that resets the connection; write {{name}}',
      cmpDemotion: 'data group written as "{{written}}": on BIG-IP 9.4.4-10.x this demotes the virtual server from CMP, and from 11.0 it fails at run time; write {{name}}',
      listRuntimeError:
        'data group {{name}} read as the list "{{written}}" (BIG-IP 9 style; the rule never sets it): from BIG-IP 11.0 the variable does not exist, a run-time TCL error that resets the connection; use class match, class search or class names on {{name}}',
      listCmpDemotion:
        'data group {{name}} read as the list "{{written}}" (BIG-IP 9 style; the rule never sets it): on BIG-IP 9.4.4-10.x this demotes the virtual server from CMP, and from 11.0 it fails at run time; use class match, class search or class names on {{name}}',
      confRuntimeError:
        '"{{written}}" reads the data group {{name}} of the BIG-IP configuration as a global variable: from BIG-IP 11.0 this is a run-time TCL error that resets the connection; use the class command on {{name}}',
      confCmpDemotion:
        '"{{written}}" reads the data group {{name}} of the BIG-IP configuration as a global variable: on BIG-IP 9.4.4-10.x this demotes the virtual server from CMP, and from 11.0 it fails at run time; use the class command on {{name}}',
    },
  },
  create(ctx) {
    const v11 = atLeast(ctx.version, '11.0');
    const severity = v11 ? 'error' : 'warning';
    /** `$::name` read as a list or named in the configuration: reported at the end, unless the rule writes the global itself. */
    const pending: { word: Word | VarRef; name: string; use: 'list' | 'conf' }[] = [];
    /** References already judged as words of their command. */
    const judged = new Set<VarRef>();
    return {
      VarRef(ref) {
        if (judged.has(ref)) return;
        const name = configDataGroup(ctx, ref);
        if (name !== undefined) pending.push({ word: ref, name, use: 'conf' });
      },
      Command(cmd) {
        // Most commands have no `$::x` or `::x` word at all: look at the catalog only when one does.
        let candidate = false;
        for (let i = 1; i < cmd.words.length && !candidate; i++) candidate = globalDataGroup(cmd.words[i]) !== undefined;
        if (!candidate) return;
        const typed = typedCommand(cmd, ctx.catalog);
        for (let i = 1; i < cmd.words.length; i++) {
          const found = globalDataGroupUse(ctx, cmd, i);
          if (!found) continue;
          judged.add(soleVarRef(cmd.words[i])!);
          if (found.use !== 'dataGroup') pending.push({ word: cmd.words[i], name: found.name, use: found.use });
        }
        if (!typed) return;
        for (const i of dataGroupSlots(typed)) {
          const word = cmd.words[i];
          const name = globalDataGroup(word);
          if (name === undefined || name === '' || name.startsWith('static::')) continue;
          ctx.report({
            node: word,
            messageId: v11 ? 'runtimeError' : 'cmpDemotion',
            data: { written: ctx.source.slice(word.range.start, word.range.end), name },
            severity,
            // Only a plain name is written back bare: `${::a;reject}` must never become `a;reject`.
            ...(isPlainWord(name) ? { fix: [{ range: word.range, text: name }] } : {}),
          });
        }
      },
      end() {
        if (pending.length === 0) return;
        const written = globalWrites(ctx.ast);
        for (const { word, name, use } of pending) {
          if (written.has(name)) continue;
          const messageId = use === 'list' ? (v11 ? 'listRuntimeError' : 'listCmpDemotion') : v11 ? 'confRuntimeError' : 'confCmpDemotion';
          ctx.report({ node: word, messageId, data: { written: ctx.source.slice(word.range.start, word.range.end), name }, severity });
        }
      },
    };
  },
});

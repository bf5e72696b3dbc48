// Reports `snat` given something other than automap, none or an IP address (e.g. a SNAT pool
// name): BIG-IP raises "bad IP address format" at run time and resets the connection.
// Doc: docs/rules/snat-argument.md
import { parseAddress } from '../../bigip/address.js';
import { resolveName } from '../../bigip/resolve.js';
import type { Proc, Word } from '../../syntax/ast.js';
import { literalValue } from '../../syntax/words.js';
import { defineRule } from '../rule.js';
import { constantValues } from '../utils/variables.js';
import { scopeOf, soleVarRef, variablesOf } from '../utils/scope.js';

/** Keywords `snat` accepts instead of an address. */
const KEYWORDS = new Set(['automap', 'none']);

/** Verdicts by value: rules repeat the same few addresses (bounded, as values come from user files). */
const verdicts = new Map<string, boolean>();

/** Whether `value` is something `snat` accepts as its first argument (an address may carry its port). */
function acceptable(value: string): boolean {
  let v = verdicts.get(value);
  if (v === undefined) {
    v = judge(value);
    // Longer strings may be slices that keep a whole file in memory: judged, not kept.
    if (value.length < 13) {
      if (verdicts.size >= 4096) verdicts.clear();
      verdicts.set(value, v);
    }
  }
  return v;
}

function judge(value: string): boolean {
  const [addr, port, ...rest] = value.trim().split(/\s+/);
  if (rest.length > 0 || addr === undefined) return false;
  if (KEYWORDS.has(addr)) return port === undefined;
  if (!parseAddress(addr)) return false;
  return port === undefined || /^\d{1,5}$/.test(port);
}

export default defineRule({
  id: 'snat-argument',
  meta: {
    description: 'snat given something other than automap, none or an IP address',
    category: 'correctness',
    defaultSeverity: 'error',
    recommended: true,
    dialects: ['irule'],
    fixable: 'none',
    messages: {
      notAddress: 'snat takes automap, none or an IP address, not "{{value}}"{{via}}: BIG-IP fails at run time with "bad IP address format"',
      snatpoolName: '"{{value}}"{{via}} is a SNAT pool, not an address: snat fails at run time with "bad IP address format"; use snatpool {{value}}',
    },
  },
  create(ctx) {
    const variables = variablesOf(ctx);
    /** `snat` arguments with the proc they are in; judged after the walk, when every `set` is known. */
    const pending: { arg: Word; proc: Proc | undefined }[] = [];
    /** Possible values of the argument: its literal text, or the constants a `$var` was set to (`via` says which, when reported). */
    const valuesOf = (word: Word, proc: Proc | undefined): { value: string; via: () => string }[] => {
      const literal = literalValue(word);
      if (literal !== undefined) return [{ value: literal, via: () => '' }];
      const ref = soleVarRef(word);
      if (!ref) return [];
      const consts = constantValues(scopeOf(variables, proc), ref.name) ?? [];
      return consts.map((c) => ({
        value: c.value,
        via: () => ` (from $${ref.name}, line ${ctx.lines.position(c.command.range.start).line + 1})`,
      }));
    };
    return {
      commands: {
        snat(cmd) {
          const arg = cmd.words[1];
          if (arg) pending.push({ arg, proc: ctx.enclosingProc() }); // no argument: wrong-arguments' business
        },
      },
      end() {
        for (const { arg, proc } of pending) {
          const seen = new Set<string>();
          for (const { value, via } of valuesOf(arg, proc)) {
            if (seen.has(value) || acceptable(value)) continue;
            seen.add(value);
            const pool = ctx.bigip ? resolveName(ctx.bigip, 'snatpool', value.trim()) : undefined;
            if (pool) ctx.report({ node: arg, messageId: 'snatpoolName', data: { value, via: via() } });
            else ctx.report({ node: arg, messageId: 'notAddress', data: { value, via: via() } });
          }
        }
      },
    };
  },
});

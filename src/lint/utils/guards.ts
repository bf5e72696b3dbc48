/**
 * Flag guards: the truth of an `if`/`elseif` condition when some variables hold known constants
 * (`set responded 1` ... `if { !$responded }`), so a path analysis can drop branches that cannot
 * run on a path. Three-valued: true, false, or undefined (unknown). Follows Tcl's expr rules for
 * the few forms flags are tested with: `$v`, `!$v`, `not $v`, `$v == 0`, `$v eq "1"`, `&&`, `||`.
 */
import type { Command, ExprNode, Script } from '../../syntax/ast.js';
import { literalValue } from '../../syntax/words.js';

/** Known constant values of variables on one path. */
export type Constants = ReadonlyMap<string, string>;

/** Tcl's boolean value of a string, or undefined when it is none. */
function truthOf(value: string): boolean | undefined {
  const v = value.trim().toLowerCase();
  if (/^[-+]?\d+(\.\d*)?$/.test(v)) return Number(v) !== 0;
  if (['true', 'yes', 'on'].includes(v)) return true;
  if (['false', 'no', 'off'].includes(v)) return false;
  return undefined;
}

/** The constant value of an operand (a literal, or a variable with a known value). */
function valueOf(node: ExprNode, consts: Constants): string | undefined {
  if (node.type === 'ExprLiteral') return node.value;
  if (node.type === 'VarRef' && !node.index) return consts.get(node.name);
  if (node.type === 'ExprQuoted' && node.parts.every((p) => p.type === 'Text')) return node.parts.map((p) => (p.type === 'Text' ? p.value : '')).join('');
  return undefined;
}

/** The truth of an expression given the constants, or undefined when it depends on anything else. */
export function truthUnder(node: ExprNode, consts: Constants): boolean | undefined {
  switch (node.type) {
    case 'ExprUnary':
      if (node.op === '!' || node.op === 'not') {
        const t = truthUnder(node.operand, consts);
        return t === undefined ? undefined : !t;
      }
      return undefined;
    case 'ExprBinary': {
      const op = node.op;
      if (op === '&&' || op === 'and' || op === '||' || op === 'or') {
        const a = truthUnder(node.left, consts);
        const b = truthUnder(node.right, consts);
        const and = op === '&&' || op === 'and';
        if (and) return a === false || b === false ? false : a === true && b === true ? true : undefined;
        return a === true || b === true ? true : a === false && b === false ? false : undefined;
      }
      if (op === '==' || op === '!=' || op === 'eq' || op === 'ne' || op === 'equals') {
        const l = valueOf(node.left, consts);
        const r = valueOf(node.right, consts);
        if (l === undefined || r === undefined) return undefined;
        const numeric = /^[-+]?\d+$/.test(l.trim()) && /^[-+]?\d+$/.test(r.trim());
        const same = (op === '==' || op === '!=') && numeric ? Number(l) === Number(r) : l === r;
        return op === '!=' || op === 'ne' ? !same : same;
      }
      return undefined;
    }
    default: {
      const v = valueOf(node, consts);
      return v === undefined ? undefined : truthOf(v);
    }
  }
}

/**
 * Whether the branch `body` of an `if` command can run given the constants: false when its own
 * condition is false, or when an earlier condition is true. Undefined (may run) for other commands.
 */
export function ifBranchPossible(cmd: Command, body: Script, consts: Constants): boolean {
  if (literalValue(cmd.words[0]) !== 'if') return true;
  let cond: ExprNode | undefined;
  let isElse = false;
  for (let i = 1; i < cmd.words.length; i++) {
    const w = cmd.words[i];
    const kw = literalValue(w);
    if (kw === 'else') {
      isElse = true;
      continue;
    }
    if (w.type !== 'BracedWord' || !w.parsed) {
      // An unbraced condition (or body): nothing known about it.
      if (kw !== 'then' && kw !== 'elseif') cond = undefined;
      continue;
    }
    if (w.parsed.type === 'Expr') {
      cond = w.parsed.root;
      isElse = false;
      continue;
    }
    if (w.parsed.type !== 'Script') continue;
    const truth = isElse || !cond ? undefined : truthUnder(cond, consts);
    if (w.parsed === body) return truth !== false;
    // An earlier condition that holds takes the if: no later branch runs.
    if (truth === true) return false;
  }
  return true;
}

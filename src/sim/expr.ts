/**
 * `expr` as Tcl 8.4 evaluates it, compiled once per expression node into closures (cached by the
 * interpreter per AST node or per text). Values inside an expression are strings (not yet
 * classified), integers (JS numbers while safe, 64-bit bigints beyond, wrapping like C `long` on
 * BIG-IP's 64-bit TMM) or boxed doubles. Operators follow Tcl 8.4: `==` compares numerically when
 * both sides look numeric and as strings otherwise, integer division and modulo round toward
 * negative infinity, double overflow and division by zero are errors (8.4 had no Inf), math
 * functions are 8.4's set, and the iRule operators `contains`, `starts_with`, `ends_with`,
 * `equals`, `matches_glob`, `matches_regex` (`matches`), `and`, `or`, `not` are supported.
 */
import type { Dialect, ExprNode } from '../syntax/ast.js';
import { Code, err, ok, type TclResult } from './result.js';
import type { Interp } from './interp.js';
import { globMatch } from './tcl/glob.js';
import { compileRegex } from './tcl/regexp.js';
import {
  formatDouble,
  formatInt,
  getBoolean,
  isSpaceCode,
  scanDouble,
  scanInt,
  TclDouble,
  wrap64,
  type Int,
  type Num,
} from './values.js';

/** A value inside an expression. */
export type Value = string | number | bigint | TclDouble;

/** Sentinel returned by closures when an error is pending in `pending`. */
const ERR: unique symbol = Symbol('expr error');
type Ev = (it: Interp) => Value | typeof ERR;

let pending: TclResult = err('');

function fail(message: string, errorCode?: string, it?: Interp): typeof ERR {
  pending = err(message);
  if (errorCode && it) it.errorCode = errorCode;
  return ERR;
}

/** A compiled expression. */
export class CompiledExpr {
  constructor(
    private readonly ev: Ev,
    /** Text the expression's nested commands index into. */
    private readonly src: string,
  ) {}

  /** The expression's value as `expr` returns it. */
  run(it: Interp): TclResult {
    const save = it.src;
    it.src = this.src;
    const v = this.ev(it);
    it.src = save;
    if (v === ERR) return pending;
    return ok(resultString(v));
  }

  /** The expression's value as a condition (`if`, `while`, `for`). */
  truth(it: Interp): boolean | TclResult {
    const save = it.src;
    it.src = this.src;
    const v = this.ev(it);
    it.src = save;
    if (v === ERR) return pending;
    if (typeof v === 'number') return v !== 0;
    if (typeof v === 'string') {
      const b = getBoolean(v);
      if (b === undefined) return err(`expected boolean value but got "${v}"`);
      return b;
    }
    if (typeof v === 'bigint') return v !== 0n;
    return v.v !== 0;
  }
}

// ---- Conversions -------------------------------------------------------------------------------

/** TclLooksLikeInt: white space, sign, then a decimal or hex integer not followed by `.`/`e`. */
function looksLikeInt(s: string): boolean {
  let i = 0;
  const n = s.length;
  while (i < n && isSpaceCode(s.charCodeAt(i))) i++;
  if (i < n && (s[i] === '+' || s[i] === '-')) i++;
  if (i >= n) return false;
  if (s[i] === '0' && (s[i + 1] === 'x' || s[i + 1] === 'X')) return true;
  const start = i;
  while (i < n && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
  if (i === start) return false;
  if (i === n) return true;
  const c = s[i];
  return c !== '.' && c !== 'e' && c !== 'E';
}

function badOctal(s: string): boolean {
  return /^[ \t\n\v\f\r]*[+-]?0[0-9]*[89][0-9]*[ \t\n\v\f\r]*$/.test(s);
}

/** Converts a string operand to a number, or undefined when it is not numeric. */
function strToNum(s: string): Num | undefined {
  const i = scanInt(s);
  if (i !== undefined) return i;
  if (looksLikeInt(s)) return undefined;
  const d = scanDouble(s);
  if (d === undefined || isNaN(d)) return undefined;
  return new TclDouble(d);
}

function illegal(s: string, op: string): typeof ERR {
  let what: string;
  if (s === '') what = 'empty string';
  else if (looksLikeInt(s) && badOctal(s)) what = 'invalid octal number';
  else what = 'non-numeric string';
  return fail(`can't use ${what} as operand of "${op}"`);
}

function toNum(v: Value, op: string): Num | typeof ERR {
  if (typeof v !== 'string') return v;
  const n = strToNum(v);
  return n === undefined ? illegal(v, op) : n;
}

/** The string form of a value. */
export function valueString(v: Value): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'bigint') return v.toString();
  return formatDouble(v.v);
}

/** What `expr` returns: numeric-looking strings are canonicalised (8.4: `expr {" 0x10 "}` is 16). */
function resultString(v: Value): string {
  if (typeof v === 'string') {
    if (v === '') return v;
    const n = strToNum(v);
    if (n === undefined) return v;
    return n instanceof TclDouble ? formatDouble(n.v) : formatInt(n);
  }
  return valueString(v);
}

function truth(v: Value, op: string): boolean | typeof ERR {
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'bigint') return v !== 0n;
  if (v instanceof TclDouble) return v.v !== 0;
  const b = getBoolean(v);
  if (b === undefined) return op === '!' ? illegal(v, op) : fail(`expected boolean value but got "${v}"`);
  return b;
}

function checkDouble(d: number, it: Interp): Value | typeof ERR {
  if (isNaN(d)) return fail('domain error: argument not in valid range', 'ARITH DOMAIN {domain error: argument not in valid range}', it);
  if (!isFinite(d)) return fail('floating-point value too large to represent', 'ARITH OVERFLOW {floating-point value too large to represent}', it);
  return new TclDouble(d);
}

// ---- Integer arithmetic (64-bit wrap-around) ---------------------------------------------------

function big(v: Int): bigint {
  return typeof v === 'bigint' ? v : BigInt(v);
}

function iadd(a: Int, b: Int): Int {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b;
    if (Number.isSafeInteger(r)) return r;
  }
  return wrap64(big(a) + big(b));
}

function isub(a: Int, b: Int): Int {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a - b;
    if (Number.isSafeInteger(r)) return r;
  }
  return wrap64(big(a) - big(b));
}

function imul(a: Int, b: Int): Int {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a * b;
    if (Number.isSafeInteger(r)) return r;
  }
  return wrap64(big(a) * big(b));
}

function isZero(v: Int): boolean {
  return typeof v === 'number' ? v === 0 : v === 0n;
}

function idiv(a: Int, b: Int): Int {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a % b;
    let q = (a - r) / b;
    if (r !== 0 && r < 0 !== b < 0) q -= 1;
    return q === 0 ? 0 : q;
  }
  const x = big(a);
  const y = big(b);
  let q = x / y;
  const r = x % y;
  if (r !== 0n && r < 0n !== y < 0n) q -= 1n;
  return wrap64(q);
}

function imod(a: Int, b: Int): Int {
  if (typeof a === 'number' && typeof b === 'number') {
    let r = a % b;
    if (r !== 0 && r < 0 !== b < 0) r += b;
    return r === 0 ? 0 : r;
  }
  const y = big(b);
  let r = big(a) % y;
  if (r !== 0n && r < 0n !== y < 0n) r += y;
  return wrap64(r);
}

function isInt32(v: Int): v is number {
  return typeof v === 'number' && (v | 0) === v;
}

function ibit(op: string, a: Int, b: Int): Int {
  if (isInt32(a) && isInt32(b)) return op === '&' ? a & b : op === '|' ? a | b : a ^ b;
  const x = big(a);
  const y = big(b);
  return wrap64(op === '&' ? x & y : op === '|' ? x | y : x ^ y);
}

function ishift(op: string, a: Int, b: Int): Int | typeof ERR {
  const n = typeof b === 'bigint' ? (b < 0n ? -1 : 1000) : b;
  if (n < 0) return fail('negative shift argument');
  if (op === '<<') {
    if (n >= 64) return 0;
    return wrap64(big(a) << BigInt(n));
  }
  if (n >= 64) return (typeof a === 'number' ? a < 0 : a < 0n) ? -1 : 0;
  if (typeof a === 'number') return Math.floor(a / 2 ** n);
  return wrap64(a >> BigInt(n));
}

// ---- Operators -----------------------------------------------------------------------------------

const INT_ONLY = new Set(['%', '<<', '>>', '&', '|', '^']);

function arith(op: string, l: Value, r: Value, it: Interp): Value | typeof ERR {
  const intOnly = INT_ONLY.has(op);
  const a = toNum(l, op);
  if (a === ERR) return a;
  if (intOnly && a instanceof TclDouble) return fail(`can't use floating-point value as operand of "${op}"`);
  const b = toNum(r, op);
  if (b === ERR) return b;
  if (a instanceof TclDouble || b instanceof TclDouble) {
    if (intOnly) return fail(`can't use floating-point value as operand of "${op}"`);
    const x = a instanceof TclDouble ? a.v : Number(a);
    const y = b instanceof TclDouble ? b.v : Number(b);
    switch (op) {
      case '+':
        return checkDouble(x + y, it);
      case '-':
        return checkDouble(x - y, it);
      case '*':
        return checkDouble(x * y, it);
      case '/':
        if (y === 0) return fail('divide by zero', 'ARITH DIVZERO {divide by zero}', it);
        return checkDouble(x / y, it);
    }
    return fail(`unknown operator "${op}"`);
  }
  switch (op) {
    case '+':
      return iadd(a, b);
    case '-':
      return isub(a, b);
    case '*':
      return imul(a, b);
    case '/':
      if (isZero(b)) return fail('divide by zero', 'ARITH DIVZERO {divide by zero}', it);
      return idiv(a, b);
    case '%':
      if (isZero(b)) return fail('divide by zero', 'ARITH DIVZERO {divide by zero}', it);
      return imod(a, b);
    case '&':
    case '|':
    case '^':
      return ibit(op, a, b);
    case '<<':
    case '>>':
      return ishift(op, a, b);
  }
  return fail(`unknown operator "${op}"`);
}

/** Numeric comparison result (-1, 0, 1) when both are numeric, else undefined. */
function numCompare(l: Value, r: Value): number | undefined {
  const a = typeof l === 'string' ? strToNum(l) : l;
  if (a === undefined) return undefined;
  const b = typeof r === 'string' ? strToNum(r) : r;
  if (b === undefined) return undefined;
  if (a instanceof TclDouble || b instanceof TclDouble) {
    const x = a instanceof TclDouble ? a.v : Number(a);
    const y = b instanceof TclDouble ? b.v : Number(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

function strCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compare(op: string, l: Value, r: Value, ls: () => string, rs: () => string): number {
  const c = numCompare(l, r) ?? strCompare(ls(), rs());
  switch (op) {
    case '<':
      return c < 0 ? 1 : 0;
    case '>':
      return c > 0 ? 1 : 0;
    case '<=':
      return c <= 0 ? 1 : 0;
    case '>=':
      return c >= 0 ? 1 : 0;
    case '==':
      return c === 0 ? 1 : 0;
    default:
      return c !== 0 ? 1 : 0;
  }
}

// ---- Math functions (Tcl 8.4's set) --------------------------------------------------------------

type MathFn = (args: Num[], it: Interp) => Value | typeof ERR;

function dbl(v: Num): number {
  return v instanceof TclDouble ? v.v : Number(v);
}

function unary(f: (x: number) => number): MathFn {
  return (args, it) => checkDouble(f(dbl(args[0])), it);
}

const INT64_MAX_D = 9223372036854775807;

function toInt64(d: number): Int | typeof ERR {
  if (d < -INT64_MAX_D - 1 || d >= INT64_MAX_D + 1 || isNaN(d)) return fail('integer value too large to represent');
  const t = Math.trunc(d);
  return Number.isSafeInteger(t) ? t : wrap64(BigInt(t));
}

const RAND_IM = 2147483647;

function nextRand(it: Interp): number {
  let seed = it.data.get('randSeed') as number | undefined;
  if (seed === undefined) {
    seed = (it.now() * 1000) & 0x7fffffff;
    if (seed === 0 || seed === 0x7fffffff) seed ^= 123459876;
  }
  const tmp = Math.floor(seed / 127773);
  seed = 16807 * (seed - tmp * 127773) - 2836 * tmp;
  if (seed < 0) seed += RAND_IM;
  it.data.set('randSeed', seed);
  return seed * (1.0 / RAND_IM);
}

/** 8.4 math functions: name → [arity, implementation]. */
const MATH: Record<string, [number, MathFn]> = {
  acos: [1, unary(Math.acos)],
  asin: [1, unary(Math.asin)],
  atan: [1, unary(Math.atan)],
  atan2: [2, (a, it) => checkDouble(Math.atan2(dbl(a[0]), dbl(a[1])), it)],
  ceil: [1, unary(Math.ceil)],
  cos: [1, unary(Math.cos)],
  cosh: [1, unary(Math.cosh)],
  exp: [1, unary(Math.exp)],
  floor: [1, unary(Math.floor)],
  fmod: [
    2,
    (a, it) => {
      const y = dbl(a[1]);
      if (y === 0) return fail('domain error: argument not in valid range', 'ARITH DOMAIN {domain error: argument not in valid range}', it);
      return checkDouble(dbl(a[0]) % y, it);
    },
  ],
  hypot: [2, (a, it) => checkDouble(Math.hypot(dbl(a[0]), dbl(a[1])), it)],
  log: [1, unary(Math.log)],
  log10: [1, unary(Math.log10)],
  pow: [2, (a, it) => checkDouble(Math.pow(dbl(a[0]), dbl(a[1])), it)],
  sin: [1, unary(Math.sin)],
  sinh: [1, unary(Math.sinh)],
  sqrt: [1, unary(Math.sqrt)],
  tan: [1, unary(Math.tan)],
  tanh: [1, unary(Math.tanh)],
  abs: [
    1,
    ([x]) => {
      if (x instanceof TclDouble) return new TclDouble(Math.abs(x.v));
      if (typeof x === 'number') return Math.abs(x);
      return x < 0n ? wrap64(-x) : x;
    },
  ],
  double: [1, ([x]) => new TclDouble(dbl(x))],
  int: [1, ([x]) => (x instanceof TclDouble ? toInt64(x.v) : x)],
  wide: [1, ([x]) => (x instanceof TclDouble ? toInt64(x.v) : x)],
  round: [
    1,
    ([x]) => {
      if (!(x instanceof TclDouble)) return x;
      const d = x.v;
      return toInt64(d < 0 ? d - 0.5 : d + 0.5);
    },
  ],
  rand: [0, (_a, it) => new TclDouble(nextRand(it))],
  srand: [
    1,
    ([x], it) => {
      if (x instanceof TclDouble) return fail("can't use floating-point value as argument to srand");
      let seed = Number(BigInt.asUintN(64, big(x)) & 0x7fffffffn);
      if (seed === 0 || seed === 0x7fffffff) seed ^= 123459876;
      it.data.set('randSeed', seed);
      return new TclDouble(nextRand(it));
    },
  ],
};

// ---- Compilation ---------------------------------------------------------------------------------

const IRULE_STRING_OPS = new Set(['contains', 'starts_with', 'ends_with', 'equals', 'matches_glob', 'matches_regex', 'matches']);

/** Compiles an expression tree. `src` is the text the nodes' ranges index into; `text` the expression's own text. */
export function compileExpr(root: ExprNode, src: string, text: string, dialect: Dialect): CompiledExpr | TclResult {
  const c = new Compiler(src, text, dialect);
  const ev = c.node(root);
  if (c.error) return c.error;
  return new CompiledExpr(ev, src);
}

class Compiler {
  error: TclResult | undefined;
  constructor(
    readonly src: string,
    readonly text: string,
    readonly dialect: Dialect,
  ) {}

  syntax(detail: string): Ev {
    this.error ??= err(`syntax error in expression "${this.text}": ${detail}`);
    return () => ERR;
  }

  /** Compiles an operand whose string form matters (string operators): number literals keep their text. */
  str(n: ExprNode): (it: Interp) => string | typeof ERR {
    if (n.type === 'ExprLiteral') {
      // Validate the literal (barewords, bad octal) even though only its text is used.
      this.literal(n.kind, n.value);
      const v = n.value;
      return () => v;
    }
    const ev = this.node(n);
    return (it) => {
      const v = ev(it);
      return v === ERR ? ERR : valueString(v);
    };
  }

  node(n: ExprNode): Ev {
    switch (n.type) {
      case 'ExprLiteral':
        return this.literal(n.kind, n.value);
      case 'ExprQuoted': {
        const parts = n.parts;
        if (parts.length === 0) return () => '';
        if (parts.length === 1 && (parts[0].type === 'Text' || parts[0].type === 'Escape')) {
          const v = parts[0].value;
          return () => v;
        }
        return (it) => {
          const v = it.evalParts(parts);
          if (typeof v === 'string') return v;
          pending = v;
          return ERR;
        };
      }
      case 'VarRef':
        return (it) => {
          const v = it.readVarRef(n);
          if (typeof v === 'string') return v;
          pending = v;
          return ERR;
        };
      case 'CmdSubst': {
        const script = n.script;
        const src = this.src;
        return (it) => {
          const r = it.evalInline(script, src);
          if (r.code === Code.OK) return r.value;
          pending = r;
          return ERR;
        };
      }
      case 'ExprUnary':
        return this.unary(n.op, this.node(n.operand));
      case 'ExprBinary':
        return this.binary(n);
      case 'ExprTernary': {
        const c = this.node(n.cond);
        const a = this.node(n.then);
        const b = this.node(n.else);
        return (it) => {
          const v = c(it);
          if (v === ERR) return v;
          const t = truth(v, '?');
          if (t === ERR) return t;
          return t ? a(it) : b(it);
        };
      }
      case 'ExprCall':
        return this.call(n.name, n.args);
    }
  }

  literal(kind: 'number' | 'boolean' | 'string', value: string): Ev {
    if (kind === 'string') return () => value;
    if (kind === 'boolean') {
      if (!/^(?:true|false|yes|no|on|off)$/i.test(value)) return this.syntax(`invalid bareword "${value}"`);
      return () => value;
    }
    const i = scanInt(value);
    if (i !== undefined) return () => i;
    if (looksLikeInt(value)) {
      if (badOctal(value)) return this.syntax(`"${value}" looks like an invalid octal number`);
      return this.syntax(`invalid number "${value}"`);
    }
    const d = scanDouble(value);
    if (d === undefined) return this.syntax(`invalid number "${value}"`);
    if (!isFinite(d)) {
      this.error ??= err('floating-point value too large to represent');
      return () => ERR;
    }
    const boxed = new TclDouble(d);
    return () => boxed;
  }

  unary(op: string, operand: Ev): Ev {
    switch (op) {
      case '-':
        return (it) => {
          const v = operand(it);
          if (v === ERR) return v;
          const x = toNum(v, '-');
          if (x === ERR) return x;
          if (x instanceof TclDouble) return new TclDouble(-x.v);
          if (typeof x === 'number') return x === 0 ? 0 : -x;
          return wrap64(-x);
        };
      case '+':
        return (it) => {
          const v = operand(it);
          if (v === ERR) return v;
          return toNum(v, '+');
        };
      case '~':
        return (it) => {
          const v = operand(it);
          if (v === ERR) return v;
          const x = toNum(v, '~');
          if (x === ERR) return x;
          if (x instanceof TclDouble) return fail('can\'t use floating-point value as operand of "~"');
          return typeof x === 'number' && (x | 0) === x ? ~x : wrap64(~big(x));
        };
      case '!':
      case 'not':
        return (it) => {
          const v = operand(it);
          if (v === ERR) return v;
          const t = truth(v, '!');
          if (t === ERR) return t;
          return t ? 0 : 1;
        };
      default:
        return this.syntax(`unknown operator "${op}"`);
    }
  }

  binary(n: Extract<ExprNode, { type: 'ExprBinary' }>): Ev {
    const op = n.op;
    switch (op) {
      case '&&':
      case 'and':
      case '||':
      case 'or': {
        const l = this.node(n.left);
        const r = this.node(n.right);
        const isAnd = op === '&&' || op === 'and';
        return (it) => {
          const a = l(it);
          if (a === ERR) return a;
          const ta = truth(a, op);
          if (ta === ERR) return ta;
          if (isAnd ? !ta : ta) return isAnd ? 0 : 1;
          const b = r(it);
          if (b === ERR) return b;
          const tb = truth(b, op);
          if (tb === ERR) return tb;
          return tb ? 1 : 0;
        };
      }
      case 'eq':
      case 'ne': {
        const l = this.str(n.left);
        const r = this.str(n.right);
        const want = op === 'eq';
        return (it) => {
          const a = l(it);
          if (a === ERR) return a;
          const b = r(it);
          if (b === ERR) return b;
          if (it.probe !== undefined) it.probe.exprOp(op, a, b);
          return (a === b) === want ? 1 : 0;
        };
      }
      case '<':
      case '>':
      case '<=':
      case '>=':
      case '==':
      case '!=': {
        const l = this.node(n.left);
        const r = this.node(n.right);
        const lt = n.left.type === 'ExprLiteral' ? n.left.value : undefined;
        const rt = n.right.type === 'ExprLiteral' ? n.right.value : undefined;
        return (it) => {
          const a = l(it);
          if (a === ERR) return a;
          const b = r(it);
          if (b === ERR) return b;
          if (it.probe !== undefined) it.probe.exprOp(op, a, b);
          return compare(
            op,
            a,
            b,
            () => lt ?? valueString(a),
            () => rt ?? valueString(b),
          );
        };
      }
      case '+':
      case '-':
      case '*':
      case '/':
      case '%':
      case '&':
      case '|':
      case '^':
      case '<<':
      case '>>': {
        const l = this.node(n.left);
        const r = this.node(n.right);
        return (it) => {
          const a = l(it);
          if (a === ERR) return a;
          const b = r(it);
          if (b === ERR) return b;
          if (it.probe !== undefined) it.probe.exprOp(op, a, b);
          return arith(op, a, b, it);
        };
      }
      case '**':
      case 'in':
      case 'ni':
        return this.syntax(`the "${op}" operator is Tcl 8.5+; BIG-IP runs Tcl 8.4`);
      case 'lt':
      case 'gt':
      case 'le':
      case 'ge':
        return this.syntax(`the "${op}" operator is Tcl 8.6+; BIG-IP runs Tcl 8.4`);
      default:
        if (IRULE_STRING_OPS.has(op)) return this.stringOp(op, this.str(n.left), this.str(n.right));
        return this.syntax(`unknown operator "${op}"`);
    }
  }

  stringOp(op: string, l: (it: Interp) => string | typeof ERR, r: (it: Interp) => string | typeof ERR): Ev {
    let test: (a: string, b: string, it: Interp) => boolean | typeof ERR;
    switch (op) {
      case 'contains':
        test = (a, b) => a.includes(b);
        break;
      case 'starts_with':
        test = (a, b) => a.startsWith(b);
        break;
      case 'ends_with':
        test = (a, b) => a.endsWith(b);
        break;
      case 'equals':
        test = (a, b) => a === b;
        break;
      case 'matches_glob':
        test = (a, b) => globMatch(b, a);
        break;
      default:
        test = (a, b, it) => {
          const re = compileRegex(b);
          if ('error' in re) return fail(re.error);
          const hit = it.regexTest(re, a);
          if (typeof hit === 'boolean') return hit;
          pending = hit;
          return ERR;
        };
    }
    return (it) => {
      const a = l(it);
      if (a === ERR) return a;
      const b = r(it);
      if (b === ERR) return b;
      if (it.probe !== undefined) it.probe.exprOp(op, a, b);
      const t = test(a, b, it);
      if (t === ERR) return t;
      return t ? 1 : 0;
    };
  }

  call(name: string, argNodes: ExprNode[]): Ev {
    const fn = MATH[name];
    if (!fn) {
      this.error ??= err(`unknown math function "${name}"`);
      return () => ERR;
    }
    const [arity, impl] = fn;
    if (argNodes.length < arity) {
      this.error ??= err('too few arguments for math function');
      return () => ERR;
    }
    if (argNodes.length > arity) {
      this.error ??= err('too many arguments for math function');
      return () => ERR;
    }
    const args = argNodes.map((a) => this.node(a));
    return (it) => {
      const vals: Num[] = new Array(args.length);
      for (let i = 0; i < args.length; i++) {
        const v = args[i](it);
        if (v === ERR) return v;
        const x = typeof v === 'string' ? strToNum(v) : v;
        if (x === undefined) return fail('argument to math function didn\'t have numeric value');
        vals[i] = x;
      }
      return impl(vals, it);
    };
  }
}

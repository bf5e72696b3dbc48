/**
 * Chevrotain lexer and parser for `expr` expressions: Tcl 8.4 operators and math functions, the
 * Tcl 8.5+ `in`/`ni`/`**` (so rules can flag them), and the iRule operators `contains`,
 * `starts_with`, `ends_with`, `equals`, `matches_glob`, `matches_regex`, `matches`, `and`, `or`,
 * `not`. Variables, `[commands]` and `"strings"` are recorded as pending pieces and parsed by
 * the script parser afterwards, so the two parsers never run inside each other.
 */
import { createToken, EmbeddedActionsParser, Lexer, type IToken, type TokenType } from 'chevrotain';
import type { ExprNode, Range } from './ast.js';
import { scanBraced, scanBracket, scanQuoted, scanVarName } from './scan.js';

/** A piece of an expression to be filled in by the script parser. */
export interface PendingPiece {
  /** The placeholder node (its fields are overwritten). */
  node: ExprNode;
  /** What the text is. */
  kind: 'var' | 'cmd' | 'quoted';
  /** Absolute range of the piece. */
  range: Range;
}

/** A problem in an expression (absolute offsets). */
export interface ExprProblem {
  /** Message. */
  message: string;
  /** Where. */
  range: Range;
}

type Matched = [string];
const m = (text: string, start: number, end: number): Matched => [text.slice(start, end)];

const EWs = createToken({ name: 'EWs', pattern: /(?:[ \t\n\r\v\f]|\\\r?\n)+/, group: Lexer.SKIPPED, line_breaks: true });
const ENumber = createToken({
  name: 'ENumber',
  pattern: /0[xX][0-9a-fA-F]+|(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/,
});
const EVar = createToken({
  name: 'EVar',
  start_chars_hint: ['$'],
  line_breaks: true,
  pattern: {
    exec: (text: string, offset: number) => {
      if (text.charCodeAt(offset) !== 36) return null;
      if (text.charCodeAt(offset + 1) === 123) {
        const close = text.indexOf('}', offset + 2);
        return close === -1 ? null : m(text, offset, close + 1);
      }
      const end = scanVarName(text, offset + 1);
      if (text.charCodeAt(end) !== 40) return end > offset + 1 ? m(text, offset, end) : null;
      // Index: up to the first `)` outside brackets.
      let i = end + 1;
      while (i < text.length) {
        const c = text.charCodeAt(i);
        if (c === 92) i += 2;
        else if (c === 91) {
          const r = scanBracket(text, i);
          if (!r.closed) return null;
          i = r.end;
        } else if (c === 41) return m(text, offset, i + 1);
        else i++;
      }
      return null;
    },
  },
});
const ECmd = createToken({
  name: 'ECmd',
  start_chars_hint: ['['],
  line_breaks: true,
  pattern: {
    exec: (text: string, offset: number) => {
      if (text.charCodeAt(offset) !== 91) return null;
      const r = scanBracket(text, offset);
      return r.closed ? m(text, offset, r.end) : null;
    },
  },
});
const EQuoted = createToken({
  name: 'EQuoted',
  start_chars_hint: ['"'],
  line_breaks: true,
  pattern: {
    exec: (text: string, offset: number) => {
      if (text.charCodeAt(offset) !== 34) return null;
      const r = scanQuoted(text, offset);
      return r.closed ? m(text, offset, r.end) : null;
    },
  },
});
const EBraced = createToken({
  name: 'EBraced',
  start_chars_hint: ['{'],
  line_breaks: true,
  pattern: {
    exec: (text: string, offset: number) => {
      if (text.charCodeAt(offset) !== 123) return null;
      const r = scanBraced(text, offset);
      return r.closed ? m(text, offset, r.end) : null;
    },
  },
});

// Operator categories (one per precedence level).
const OrOp = createToken({ name: 'OrOp', pattern: Lexer.NA });
const AndOp = createToken({ name: 'AndOp', pattern: Lexer.NA });
const BitOrOp = createToken({ name: 'BitOrOp', pattern: Lexer.NA });
const BitXorOp = createToken({ name: 'BitXorOp', pattern: Lexer.NA });
const BitAndOp = createToken({ name: 'BitAndOp', pattern: Lexer.NA });
const EqOp = createToken({ name: 'EqOp', pattern: Lexer.NA });
const RelOp = createToken({ name: 'RelOp', pattern: Lexer.NA });
const ShiftOp = createToken({ name: 'ShiftOp', pattern: Lexer.NA });
const AddOp = createToken({ name: 'AddOp', pattern: Lexer.NA });
const MulOp = createToken({ name: 'MulOp', pattern: Lexer.NA });
const PowOp = createToken({ name: 'PowOp', pattern: Lexer.NA });
const UnaryOp = createToken({ name: 'UnaryOp', pattern: Lexer.NA });

const EIdent = createToken({ name: 'EIdent', pattern: /[A-Za-z_][A-Za-z0-9_]*/ });

const op = (name: string, pattern: RegExp, ...categories: TokenType[]) => createToken({ name, pattern, categories });
const kw = (word: string, ...categories: TokenType[]) =>
  createToken({ name: `Kw_${word}`, pattern: new RegExp(word), categories, longer_alt: EIdent });

const operators: TokenType[] = [
  op('Pow', /\*\*/, PowOp),
  op('Shl', /<</, ShiftOp),
  op('Shr', />>/, ShiftOp),
  op('Le', /<=/, RelOp),
  op('Ge', />=/, RelOp),
  op('EqEq', /==/, EqOp),
  op('NotEq', /!=/, EqOp),
  op('LAnd', /&&/, AndOp),
  op('LOr', /\|\|/, OrOp),
  op('Lt', /</, RelOp),
  op('Gt', />/, RelOp),
  op('Plus', /\+/, AddOp, UnaryOp),
  op('Minus', /-/, AddOp, UnaryOp),
  op('Star', /\*/, MulOp),
  op('Slash', /\//, MulOp),
  op('Percent', /%/, MulOp),
  op('Tilde', /~/, UnaryOp),
  op('Bang', /!/, UnaryOp),
  op('BitAnd', /&/, BitAndOp),
  op('BitXor', /\^/, BitXorOp),
  op('BitOr', /\|/, BitOrOp),
];
const Question = createToken({ name: 'Question', pattern: /\?/ });
const Colon = createToken({ name: 'Colon', pattern: /:/ });
const LParen = createToken({ name: 'LParen', pattern: /\(/ });
const RParen = createToken({ name: 'RParen', pattern: /\)/ });
const Comma = createToken({ name: 'Comma', pattern: /,/ });

const keywords: TokenType[] = [
  kw('matches_regex', EqOp),
  kw('matches_glob', EqOp),
  kw('starts_with', EqOp),
  kw('ends_with', EqOp),
  kw('contains', EqOp),
  kw('matches', EqOp),
  kw('equals', EqOp),
  kw('and', AndOp),
  kw('not', UnaryOp),
  kw('eq', EqOp),
  kw('ne', EqOp),
  kw('in', EqOp),
  kw('ni', EqOp),
  kw('lt', RelOp),
  kw('gt', RelOp),
  kw('le', RelOp),
  kw('ge', RelOp),
  kw('or', OrOp),
];
// A keyword that is a prefix of another must come after it (`eq` after `equals`).
keywords.sort((a, b) => (b.PATTERN as RegExp).source.length - (a.PATTERN as RegExp).source.length);

const exprTokens: TokenType[] = [
  EWs,
  ENumber,
  EVar,
  ECmd,
  EQuoted,
  EBraced,
  ...operators,
  Question,
  Colon,
  LParen,
  RParen,
  Comma,
  ...keywords,
  EIdent,
  OrOp,
  AndOp,
  BitOrOp,
  BitXorOp,
  BitAndOp,
  EqOp,
  RelOp,
  ShiftOp,
  AddOp,
  MulOp,
  PowOp,
  UnaryOp,
];

const exprLexer = new Lexer(exprTokens, { positionTracking: 'onlyOffset', ensureOptimizations: false, skipValidations: true });

const BOOLEANS = new Set(['true', 'false', 'yes', 'no', 'on', 'off']);

class ExprParser extends EmbeddedActionsParser {
  base = 0;
  pending: PendingPiece[] = [];
  problems: ExprProblem[] = [];

  constructor() {
    super(exprTokens, { recoveryEnabled: false, maxLookahead: 2, skipValidations: true });
    this.performSelfAnalysis();
  }

  private range(t: IToken): Range {
    return { start: this.base + t.startOffset, end: this.base + t.startOffset + t.image.length };
  }

  private bin(left: ExprNode, t: IToken, right: ExprNode): ExprNode {
    return {
      type: 'ExprBinary',
      range: { start: left.range.start, end: right.range.end },
      op: t.image,
      opRange: this.range(t),
      left,
      right,
    };
  }

  /** `cond ? a : b` (right-associative, lowest precedence). */
  public expression = this.RULE('expression', (): ExprNode => {
    const cond = this.SUBRULE(this.orExpr);
    const rest = this.OPTION(() => {
      this.CONSUME(Question);
      const a = this.SUBRULE(this.expression);
      this.CONSUME(Colon);
      const b = this.SUBRULE2(this.expression);
      return { a, b };
    });
    return this.ACTION((): ExprNode =>
      rest ? { type: 'ExprTernary', range: { start: cond.range.start, end: rest.b.range.end }, cond, then: rest.a, else: rest.b } : cond,
    );
  });

  private level(name: string, opTok: TokenType, next: () => ExprNode) {
    return this.RULE(name, (): ExprNode => {
      let left = this.SUBRULE(next as never) as unknown as ExprNode;
      this.MANY(() => {
        const t = this.CONSUME(opTok);
        const right = this.SUBRULE2(next as never) as unknown as ExprNode;
        this.ACTION(() => {
          left = this.bin(left, t, right);
        });
      });
      return left;
    });
  }

  /** `**` (Tcl 8.5+, right-associative, below unary operators). */
  public powExpr = this.RULE('powExpr', (): ExprNode => {
    const base = this.SUBRULE(this.unary);
    const rest = this.OPTION(() => {
      const t = this.CONSUME(PowOp);
      const right = this.SUBRULE(this.powExpr);
      return { t, right };
    });
    return this.ACTION(() => (rest ? this.bin(base, rest.t, rest.right) : base));
  });

  public mulExpr = this.level('mulExpr', MulOp, this.powExpr);
  public addExpr = this.level('addExpr', AddOp, this.mulExpr);
  public shiftExpr = this.level('shiftExpr', ShiftOp, this.addExpr);
  public relExpr = this.level('relExpr', RelOp, this.shiftExpr);
  public eqExpr = this.level('eqExpr', EqOp, this.relExpr);
  public bitAndExpr = this.level('bitAndExpr', BitAndOp, this.eqExpr);
  public bitXorExpr = this.level('bitXorExpr', BitXorOp, this.bitAndExpr);
  public bitOrExpr = this.level('bitOrExpr', BitOrOp, this.bitXorExpr);
  public andExpr = this.level('andExpr', AndOp, this.bitOrExpr);
  public orExpr = this.level('orExpr', OrOp, this.andExpr);

  /** `- + ~ ! not` */
  public unary = this.RULE('unary', (): ExprNode => {
    return this.OR([
      {
        ALT: () => {
          const t = this.CONSUME(UnaryOp);
          const operand = this.SUBRULE(this.unary);
          return this.ACTION(
            (): ExprNode => ({ type: 'ExprUnary', range: { start: this.range(t).start, end: operand.range.end }, op: t.image, operand }),
          );
        },
      },
      { ALT: () => this.SUBRULE(this.primary) },
    ]);
  });

  /** Operands: numbers, variables, commands, strings, parentheses, function calls, booleans. */
  public primary = this.RULE('primary', (): ExprNode => {
    return this.OR([
      { ALT: () => this.literal(this.CONSUME(ENumber), 'number') },
      { ALT: () => this.piece(this.CONSUME(EVar), 'var') },
      { ALT: () => this.piece(this.CONSUME(ECmd), 'cmd') },
      { ALT: () => this.piece(this.CONSUME(EQuoted), 'quoted') },
      {
        ALT: () => {
          const t = this.CONSUME(EBraced);
          return this.ACTION((): ExprNode => ({ type: 'ExprLiteral', range: this.range(t), kind: 'string', value: t.image.slice(1, -1) }));
        },
      },
      {
        ALT: () => {
          const open = this.CONSUME(LParen);
          const inner = this.SUBRULE(this.expression);
          const close = this.CONSUME(RParen);
          return this.ACTION((): ExprNode => {
            // Widen the inner node to cover the parentheses, so ranges stay contiguous.
            const widened = { ...inner, range: { start: this.range(open).start, end: this.range(close).end } };
            return widened as ExprNode;
          });
        },
      },
      {
        ALT: () => {
          const name = this.CONSUME(EIdent);
          const call = this.OPTION(() => {
            this.CONSUME2(LParen);
            const args: ExprNode[] = [];
            this.MANY_SEP({
              SEP: Comma,
              DEF: () => {
                const a = this.SUBRULE2(this.expression);
                this.ACTION(() => args.push(a));
              },
            });
            const close = this.CONSUME2(RParen);
            return { args, close };
          });
          return this.ACTION((): ExprNode => {
            const r = this.range(name);
            if (call) return { type: 'ExprCall', range: { start: r.start, end: this.range(call.close).end }, name: name.image, args: call.args };
            if (!BOOLEANS.has(name.image.toLowerCase())) {
              this.problems.push({
                message: `invalid bareword "${name.image}" in expression (a variable needs "$", a function needs "(...)")`,
                range: r,
              });
            }
            return { type: 'ExprLiteral', range: r, kind: 'boolean', value: name.image };
          });
        },
      },
    ]);
  });

  private literal(t: IToken, kind: 'number'): ExprNode {
    return this.ACTION((): ExprNode => ({ type: 'ExprLiteral', range: this.range(t), kind, value: t.image }));
  }

  private piece(t: IToken, kind: PendingPiece['kind']): ExprNode {
    return this.ACTION((): ExprNode => {
      const range = this.range(t);
      const node = { type: 'ExprLiteral', range, kind: 'string', value: t.image } as ExprNode;
      this.pending.push({ node, kind, range });
      return node;
    });
  }
}

const exprParser = new ExprParser();

/** Deepest parenthesis nesting we parse; deeper expressions get a diagnostic instead. */
export const MAX_EXPR_DEPTH = 200;

/** Result of parsing an expression text. */
export interface ExprParse {
  /** The tree, when the text parsed. */
  root?: ExprNode;
  /** Pieces for the script parser to fill in. */
  pending: PendingPiece[];
  /** Problems found. */
  problems: ExprProblem[];
}

function parenDepth(text: string): number {
  let d = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40) max = Math.max(max, ++d);
    else if (c === 41) d--;
  }
  return max;
}

/** Parses an expression text located at `base` in the source. Never throws. */
export function parseExpr(text: string, base: number): ExprParse {
  const problems: ExprProblem[] = [];
  if (/^[ \t\n\r\v\f]*$/.test(text)) {
    return { pending: [], problems: [{ message: 'empty expression', range: { start: base, end: base + text.length } }] };
  }
  if (parenDepth(text) > MAX_EXPR_DEPTH) {
    return {
      pending: [],
      problems: [{ message: `expression nested deeper than ${MAX_EXPR_DEPTH} levels; not analysed`, range: { start: base, end: base + text.length } }],
    };
  }
  const lex = exprLexer.tokenize(text);
  for (const e of lex.errors) {
    problems.push({
      message: `unexpected character "${text.substr(e.offset, 1)}" in expression`,
      range: { start: base + e.offset, end: base + e.offset + Math.max(1, e.length) },
    });
  }
  exprParser.base = base;
  exprParser.pending = [];
  exprParser.problems = problems;
  exprParser.input = lex.tokens;
  const root = exprParser.expression();
  const pending = exprParser.pending;
  if (exprParser.errors.length > 0 || (lex.errors.length === 0 && root === undefined)) {
    const e = exprParser.errors[0];
    const t = e?.token;
    const at = t && !isNaN(t.startOffset) ? base + t.startOffset : base + text.length;
    const what = t && t.image ? `"${t.image}"` : 'the end of the expression';
    problems.push({ message: `syntax error in expression: unexpected ${what}`, range: { start: at, end: at + (t?.image.length || 0) } });
    return { pending: [], problems };
  }
  return { root, pending, problems };
}

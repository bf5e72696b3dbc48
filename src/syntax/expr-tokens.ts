/**
 * Tokens of the `expr` lexer mode: Tcl 8.4 operators and math functions, the Tcl 8.5+
 * `in`/`ni`/`**` (so rules can flag them), and the iRule operators `contains`, `starts_with`,
 * `ends_with`, `equals`, `matches_glob`, `matches_regex`, `matches`, `and`, `or`, `not`.
 * Variables, `[commands]` and `"strings"` inside expressions use the script tokens and modes.
 */
import { createToken, Lexer, type TokenType } from 'chevrotain';
import { scanBraced } from './scan.js';

/** Blanks (and backslash-newlines) between expression tokens. */
export const EWs = createToken({ name: 'EWs', pattern: /(?:[ \t\n\r\v\f]|\\\r?\n)+/, group: Lexer.SKIPPED, line_breaks: true });
/** Integer, hex or floating-point number. */
export const ENumber = createToken({ name: 'ENumber', pattern: /0[xX][0-9a-fA-F]+|(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/ });
/** `{...}`: a literal string operand. */
export const EBraced = createToken({
  name: 'EBraced',
  start_chars_hint: ['{'],
  line_breaks: true,
  pattern: {
    exec: (text: string, offset: number) => {
      if (text.charCodeAt(offset) !== 123) return null;
      const r = scanBraced(text, offset);
      return r.closed ? ([text.slice(offset, r.end)] as [string]) : null;
    },
  },
});
/** A whole `"..."` operand with nothing to substitute inside: one token instead of three. */
export const ESimpleQuoted = createToken({
  name: 'ESimpleQuoted',
  start_chars_hint: ['"'],
  line_breaks: true,
  pattern: {
    exec: (text: string, offset: number) => {
      if (text.charCodeAt(offset) !== 34) return null;
      const close = text.indexOf('"', offset + 1);
      if (close === -1) return null;
      for (let i = offset + 1; i < close; i++) {
        const c = text.charCodeAt(i);
        if (c === 92 || c === 36 || c === 91) return null;
      }
      return [text.slice(offset, close + 1)] as [string];
    },
  },
});
/** `"` opening a string operand (its content uses the quoted mode). */
export const EQuoteOpen = createToken({ name: 'EQuoteOpen', pattern: /"/, push_mode: 'quoted' });

// Operator categories, one per precedence level.
export const OrOp = createToken({ name: 'OrOp', pattern: Lexer.NA });
export const AndOp = createToken({ name: 'AndOp', pattern: Lexer.NA });
export const BitOrOp = createToken({ name: 'BitOrOp', pattern: Lexer.NA });
export const BitXorOp = createToken({ name: 'BitXorOp', pattern: Lexer.NA });
export const BitAndOp = createToken({ name: 'BitAndOp', pattern: Lexer.NA });
export const EqOp = createToken({ name: 'EqOp', pattern: Lexer.NA });
export const RelOp = createToken({ name: 'RelOp', pattern: Lexer.NA });
export const ShiftOp = createToken({ name: 'ShiftOp', pattern: Lexer.NA });
export const AddOp = createToken({ name: 'AddOp', pattern: Lexer.NA });
export const MulOp = createToken({ name: 'MulOp', pattern: Lexer.NA });
export const PowOp = createToken({ name: 'PowOp', pattern: Lexer.NA });
export const UnaryOp = createToken({ name: 'UnaryOp', pattern: Lexer.NA });
/** Every binary operator (the grammar reads a flat operand/operator list and applies precedence). */
export const BinaryOp = createToken({ name: 'BinaryOp', pattern: Lexer.NA });

/** Binding strength of each operator level (higher binds tighter); `**` is right-associative. */
const LEVELS: [TokenType, number][] = [
  [OrOp, 1],
  [AndOp, 2],
  [BitOrOp, 3],
  [BitXorOp, 4],
  [BitAndOp, 5],
  [EqOp, 6],
  [RelOp, 7],
  [ShiftOp, 8],
  [AddOp, 9],
  [MulOp, 10],
  [PowOp, 11],
];
/** The `**` level, the only right-associative one. */
export const POW_LEVEL = 11;

/** A function name or a boolean word. */
export const EIdent = createToken({ name: 'EIdent', pattern: /[A-Za-z_][A-Za-z0-9_]*/ });

/** Adds the BinaryOp category to operators that have a binary level. */
function withBinary(categories: TokenType[]): TokenType[] {
  return categories.some((c) => LEVELS.some(([l]) => l === c)) ? [...categories, BinaryOp] : categories;
}
const op = (name: string, pattern: RegExp, ...categories: TokenType[]) => createToken({ name, pattern, categories: withBinary(categories) });
const kw = (word: string, ...categories: TokenType[]) =>
  createToken({ name: `Kw_${word}`, pattern: new RegExp(word), categories: withBinary(categories), longer_alt: EIdent });

/** Operator tokens, longest first where one is a prefix of another. */
export const operators: TokenType[] = [
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
/** `?` of the conditional operator. */
export const Question = createToken({ name: 'Question', pattern: /\?/ });
/** `:` of the conditional operator. */
export const Colon = createToken({ name: 'Colon', pattern: /:/ });
/** `(` */
export const LParen = createToken({ name: 'LParen', pattern: /\(/ });
/** `)` */
export const RParen = createToken({ name: 'RParen', pattern: /\)/ });
/** `,` between function arguments. */
export const Comma = createToken({ name: 'Comma', pattern: /,/ });

/** Word operators (`Kw_<word>`); an identifier that merely starts with one is an `EIdent` (`longer_alt`). */
export const keywords: TokenType[] = [
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

/** Expression-only tokens in lexer order (the mode adds variable and bracket tokens). */
export const exprOnlyTokens: TokenType[] = [EWs, ENumber, EBraced, ESimpleQuoted, EQuoteOpen, ...operators, Question, Colon, LParen, RParen, Comma, ...keywords, EIdent];

/** Category tokens (no pattern) used by the expression grammar. */
export const exprCategories: TokenType[] = [OrOp, AndOp, BitOrOp, BitXorOp, BitAndOp, EqOp, RelOp, ShiftOp, AddOp, MulOp, PowOp, UnaryOp, BinaryOp];

/** Binding strength of a binary operator token. */
export const binaryLevel = new Map<TokenType, number>();
for (const t of [...operators, ...keywords]) {
  const level = LEVELS.find(([cat]) => t.CATEGORIES?.includes(cat));
  if (level) binaryLevel.set(t, level[1]);
}

/** Words allowed as bare operands. */
export const BOOLEANS = new Set(['true', 'false', 'yes', 'no', 'on', 'off']);

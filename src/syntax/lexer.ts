/**
 * The lexer the parser uses: a hand-written loop over the token language that `tokens.ts` defines
 * for Chevrotain, producing the very same tokens (type, image, offset, payload) and problems.
 *
 * Why: a file is lexed in some 30 separate calls per 1,000 lines (one per body or expression that
 * `expand.ts` re-parses), and Chevrotain's generic loop pays per call for its setup and per token
 * for trying each candidate pattern of the first character through a shared call site. Here one
 * `switch` on the character picks the token, calling the same scan functions as the Chevrotain
 * matchers (so each token's extent is defined once, in `tokens.ts`), in the same order of
 * preference as the lexer modes list them.
 *
 * Text this loop does not handle — characters no token matches, which only happen in expressions,
 * where Chevrotain's error recovery decides what is skipped — goes to Chevrotain's lexer instead,
 * from the start. A test lexes the fixtures and generated text both ways and compares.
 */
import type { IToken, TokenType } from 'chevrotain';
import type { Dialect } from './ast.js';
import {
  EBraced,
  EIdent,
  ENumber,
  EQuoteOpen,
  ESimpleQuoted,
  keywords,
  operators,
  Colon,
  Comma,
  LParen,
  Question,
  RParen,
} from './expr-tokens.js';
import { escapeLength, isTclSpace, isVarNameChar, scanBraced, scanVarName } from './scan.js';
import {
  atCommandStart,
  atWordStart,
  bracedEnd,
  BracedWord,
  Comment,
  commentEnd,
  DeepLBracket,
  DeepRBracket,
  Dollar,
  Escape,
  ExpandPrefix,
  INDEX_STOP,
  IndexClose,
  isExpandPrefix,
  isWordEnd,
  IText,
  LBracket,
  LiteralRBracket,
  MAX_SUBST_DEPTH,
  Newline,
  newlineEnd,
  NONE,
  OPEN,
  QText,
  QUOTED_STOP,
  QuoteClose,
  QuoteOpen,
  RBracket,
  resetLexState,
  runEnd,
  Semicolon,
  SimpleQuoted,
  simpleQuotedEnd,
  simpleWordEnd,
  SimpleWordInScript,
  SimpleWordInSubst,
  state,
  Text,
  tokenizeWithChevrotain,
  VarArray,
  VarBraced,
  varBracedEnd,
  VarSimple,
  VarWordInScript,
  VarWordInSubst,
  WORD_STOP,
  wsEnd,
  type LexResult,
} from './tokens.js';

export type { LexProblem, LexResult } from './tokens.js';

// Lexer modes (the names `tokens.ts` gives Chevrotain).
const SCRIPT = 0;
const SUBST = 1;
const QUOTED = 2;
const INDEX = 3;
const EXPR = 4;

/** The characters a fixed-text token's pattern matches (a regex such as `\*\*` for `**`). */
function fixedText(t: TokenType): string {
  return (t.PATTERN as RegExp).source.replace(/\\/g, '');
}

/** One- and two-character tokens of the `expr` mode (operators and punctuation), by character codes. */
const SINGLE = new Map<number, TokenType>();
const PAIRS = new Map<number, TokenType>();
for (const t of [...operators, Question, Colon, LParen, RParen, Comma]) {
  const s = fixedText(t);
  if (s.length === 1) SINGLE.set(s.charCodeAt(0), t);
  else if (s.length === 2) PAIRS.set((s.charCodeAt(0) << 8) | s.charCodeAt(1), t);
  else throw new Error(`unexpected expression token ${t.name}`);
}

/** Word operators by their word: an identifier that is exactly one of these is that operator. */
const KEYWORDS = new Map<string, TokenType>(keywords.map((k) => [k.name.replace(/^Kw_/, ''), k]));

/** `ENumber`'s pattern, sticky (as Chevrotain runs it). */
const NUMBER = new RegExp((ENumber.PATTERN as RegExp).source, 'y');

/** The lexer mode stack below the current mode. */
const modeStack: number[] = [];

function emit(tokens: IToken[], text: string, type: TokenType, start: number, end: number): void {
  tokens.push({ image: text.slice(start, end), startOffset: start, tokenTypeIdx: type.tokenTypeIdx!, tokenType: type } as IToken);
}

/** End of `EWs` at `offset` (blanks, newlines and backslash-newlines); `offset` when there are none. */
function exprWsEnd(text: string, offset: number): number {
  let i = offset;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13)) i++;
    else if (c === 92 && text.charCodeAt(i + 1) === 10) i += 2;
    else if (c === 92 && text.charCodeAt(i + 1) === 13 && text.charCodeAt(i + 2) === 10) i += 3;
    else return i;
  }
}

/**
 * Lexes `text` from the given mode (state already reset) into `tokens`. Returns false when a
 * character matches no token.
 */
function lexDirect(text: string, initialMode: number, tokens: IToken[]): boolean {
  const n = text.length;
  let mode = initialMode;
  let offset = 0;
  while (offset < n) {
    const c = text.charCodeAt(offset);
    let type: TokenType;
    let end: number;
    if (mode <= SUBST) {
      // script and subst: Newline, Semicolon, Ws, Comment, ExpandPrefix, BracedWord,
      // SimpleQuoted, QuoteOpen, [ and ] tokens, variables, Escape, SimpleWord, Text.
      const subst = mode === SUBST;
      if (c === 10) {
        type = Newline;
        end = newlineEnd(text, offset);
      } else if (c === 59) {
        type = Semicolon;
        end = offset + 1;
      } else if (c === 36) {
        // $: VarBraced, VarArray, VarWord, VarSimple, Dollar.
        if (text.charCodeAt(offset + 1) === 123) {
          type = VarBraced;
          end = varBracedEnd(text, offset);
        } else {
          const nameEnd = scanVarName(text, offset + 1);
          if (text.charCodeAt(nameEnd) === 40 && state.depth < MAX_SUBST_DEPTH) {
            state.depth++;
            type = VarArray;
            end = nameEnd + 1;
            modeStack.push(mode);
            mode = INDEX;
          } else if (nameEnd > offset + 1) {
            type = isWordEnd(text, nameEnd, subst) ? (subst ? VarWordInSubst : VarWordInScript) : VarSimple;
            end = nameEnd;
          } else {
            type = Dollar;
            end = offset + 1;
          }
        }
      } else if (isTclSpace(c) || c === 92) {
        // Ws (skipped), or for a backslash not before a newline, Escape.
        end = wsEnd(text, offset);
        if (end > offset) {
          offset = end;
          continue;
        }
        type = Escape;
        end = offset + escapeLength(text, offset, state.dialect);
      } else if (c === 91) {
        if (state.depth < MAX_SUBST_DEPTH) {
          state.depth++;
          type = LBracket;
          modeStack.push(mode);
          mode = SUBST;
        } else {
          if (state.literalDepth === 0) state.problems.push({ kind: 'tooDeep', at: offset, ranOut: offset + 1 });
          state.literalDepth++;
          type = DeepLBracket;
        }
        end = offset + 1;
      } else if (c === 93) {
        end = offset + 1;
        if (state.literalDepth > 0) {
          state.literalDepth--;
          type = DeepRBracket;
        } else if (subst) {
          state.depth--;
          type = RBracket;
          mode = modeStack.pop()!;
        } else type = LiteralRBracket;
      } else if (c === 35 && atCommandStart(tokens)) {
        type = Comment;
        end = commentEnd(text, offset);
      } else if (c === 123 && isExpandPrefix(text, offset, tokens)) {
        type = ExpandPrefix;
        end = offset + 3;
      } else if (c === 123 && atWordStart(tokens, offset)) {
        end = bracedEnd(text, offset);
        emit(tokens, text, BracedWord, offset, end);
        // Without a closing brace the token runs to the end: tell the parser so.
        if (state.open) tokens[tokens.length - 1].payload = OPEN;
        offset = end;
        continue;
      } else if (c === 34 && atWordStart(tokens, offset)) {
        end = simpleQuotedEnd(text, offset);
        if (end >= 0) type = SimpleQuoted;
        else {
          type = QuoteOpen;
          end = offset + 1;
          modeStack.push(mode);
          mode = QUOTED;
        }
      } else {
        end = simpleWordEnd(text, offset, subst);
        if (end >= 0) type = subst ? SimpleWordInSubst : SimpleWordInScript;
        else {
          type = Text;
          end = runEnd(text, offset, WORD_STOP);
        }
      }
    } else if (mode !== EXPR) {
      // quoted: QuoteClose, [ and ] tokens, variables, Escape, QText, LiteralRBracket;
      // index: the same with IndexClose and IText. The `$`, `[` and `]` cases repeat those of
      // script mode on purpose: the mode lives in a local of this loop, and a shared helper would
      // have to move it (and the token type and end) into an object on the hottest path.
      const quoted = mode === QUOTED;
      if (quoted ? c === 34 : c === 41) {
        if (quoted) type = QuoteClose;
        else {
          state.depth--;
          type = IndexClose;
        }
        end = offset + 1;
        mode = modeStack.pop()!;
      } else if (c === 36) {
        if (text.charCodeAt(offset + 1) === 123) {
          type = VarBraced;
          end = varBracedEnd(text, offset);
        } else {
          const nameEnd = scanVarName(text, offset + 1);
          if (text.charCodeAt(nameEnd) === 40 && state.depth < MAX_SUBST_DEPTH) {
            state.depth++;
            type = VarArray;
            end = nameEnd + 1;
            modeStack.push(mode);
            mode = INDEX;
          } else if (nameEnd > offset + 1) {
            type = VarSimple;
            end = nameEnd;
          } else {
            type = Dollar;
            end = offset + 1;
          }
        }
      } else if (c === 91) {
        if (state.depth < MAX_SUBST_DEPTH) {
          state.depth++;
          type = LBracket;
          modeStack.push(mode);
          mode = SUBST;
        } else {
          if (state.literalDepth === 0) state.problems.push({ kind: 'tooDeep', at: offset, ranOut: offset + 1 });
          state.literalDepth++;
          type = DeepLBracket;
        }
        end = offset + 1;
      } else if (c === 93) {
        end = offset + 1;
        if (state.literalDepth > 0) {
          state.literalDepth--;
          type = DeepRBracket;
        } else type = LiteralRBracket;
      } else if (c === 92) {
        type = Escape;
        end = offset + escapeLength(text, offset, state.dialect);
      } else {
        type = quoted ? QText : IText;
        end = runEnd(text, offset, quoted ? QUOTED_STOP : INDEX_STOP);
      }
    } else {
      // expr: [ tokens, variables, EWs, ENumber, EBraced, ESimpleQuoted, EQuoteOpen,
      // operators, ? : ( ) , and word operators or identifiers.
      end = offset + 1;
      if (c === 32 || (c >= 9 && c <= 13) || c === 92) {
        end = exprWsEnd(text, offset);
        if (end === offset) return false;
        offset = end;
        continue;
      } else if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95) {
        while (end < n && isVarNameChar(text.charCodeAt(end))) end++;
        const image = text.slice(offset, end);
        type = KEYWORDS.get(image) ?? EIdent;
        tokens.push({ image, startOffset: offset, tokenTypeIdx: type.tokenTypeIdx!, tokenType: type } as IToken);
        offset = end;
        continue;
      } else if ((c >= 48 && c <= 57) || c === 46) {
        NUMBER.lastIndex = offset;
        if (!NUMBER.test(text)) return false;
        type = ENumber;
        end = NUMBER.lastIndex;
      } else if (c === 36) {
        if (text.charCodeAt(offset + 1) === 123) {
          type = VarBraced;
          end = varBracedEnd(text, offset);
        } else {
          const nameEnd = scanVarName(text, offset + 1);
          if (text.charCodeAt(nameEnd) === 40 && state.depth < MAX_SUBST_DEPTH) {
            state.depth++;
            type = VarArray;
            end = nameEnd + 1;
            modeStack.push(mode);
            mode = INDEX;
          } else if (nameEnd > offset + 1) {
            type = VarSimple;
            end = nameEnd;
          } else return false;
        }
      } else if (c === 91) {
        if (state.depth < MAX_SUBST_DEPTH) {
          state.depth++;
          type = LBracket;
          modeStack.push(mode);
          mode = SUBST;
        } else {
          if (state.literalDepth === 0) state.problems.push({ kind: 'tooDeep', at: offset, ranOut: offset + 1 });
          state.literalDepth++;
          type = DeepLBracket;
        }
      } else if (c === 34) {
        end = simpleQuotedEnd(text, offset);
        if (end >= 0) type = ESimpleQuoted;
        else {
          type = EQuoteOpen;
          end = offset + 1;
          modeStack.push(mode);
          mode = QUOTED;
        }
      } else if (c === 123) {
        const r = scanBraced(text, offset);
        if (!r.closed) return false;
        type = EBraced;
        end = r.end;
      } else {
        // Operators: a two-character one wins over its first character (`**` over `*`).
        const pair = PAIRS.get((c << 8) | text.charCodeAt(offset + 1));
        if (pair) {
          type = pair;
          end = offset + 2;
        } else {
          const single = SINGLE.get(c);
          if (!single) return false;
          type = single;
        }
      }
    }
    emit(tokens, text, type, offset, end);
    offset = end;
  }
  return true;
}

/**
 * Tokenizes a script (or, with mode `expr`, an expression) in the given dialect. `base` is the
 * text's offset in the whole source and `braceEnds` a cache (one slot per source offset) shared by
 * all calls for one source. Never throws.
 */
export function tokenize(
  text: string,
  dialect: Dialect,
  mode: 'script' | 'expr' = 'script',
  base = 0,
  braceEnds: Int32Array = new Int32Array(text.length + 1),
): LexResult {
  resetLexState(dialect, base, braceEnds);
  if (modeStack.length > 0) modeStack.length = 0;
  const tokens: IToken[] = [];
  // Unmatched characters: Chevrotain's recovery decides what they are (it resets the state).
  return lexDirect(text, mode === 'script' ? SCRIPT : EXPR, tokens)
    ? { tokens, problems: state.problems, unmatched: NONE }
    : tokenizeWithChevrotain(text, dialect, mode, base, braceEnds);
}

/**
 * Chevrotain tokens and lexer modes for Tcl scripts (Tcl man page rules [1]-[12]).
 *
 * Tcl is context-sensitive: `{`, `"` and `#` mean something only where a word (or command)
 * starts. Custom matchers decide that from the previous token. A braced word is one token (its
 * balanced content arrives whole and is re-parsed later when the catalog says it is code).
 * Modes: `script` (top level), `subst` (inside `[...]`, where `]` ends), `quoted` (inside
 * `"..."`), `index` (inside `$name(...)`).
 *
 * This file is the definition of the token language. The parser lexes with `lexer.ts`, which
 * follows it by hand (calling the scan functions below, in the order the modes list the tokens);
 * a change here needs the same change there, and `test/syntax/lexer.test.ts` compares the two.
 */
import { createToken, Lexer, type ILexingResult, type IToken, type TokenType } from 'chevrotain';
import type { Dialect } from './ast.js';
import { exprCategories, exprOnlyTokens } from './expr-tokens.js';
import { escapeLength, isTclSpace, recoverBraced, scanBracedCached, scanVarName } from './scan.js';

/** Nesting of `[...]` and `$a(...)` beyond which brackets are read as plain text. */
export const MAX_SUBST_DEPTH = 100;

/** A problem found while lexing, in offsets of the lexed text. */
export interface LexProblem {
  /** Which problem. */
  kind: 'unclosedBrace' | 'unclosedVarBrace' | 'tooDeep';
  /** Where the opener is. */
  at: number;
  /** Where lexing of the construct stopped. */
  ranOut: number;
  /** For recovered braces: where the `}` taken as the closer is. */
  closedAt?: number;
}

/** Mutable state of the current tokenize call (the lexer is not re-entrant; `lexer.ts` drives it too). */
export const state = {
  dialect: 'irule' as Dialect,
  /** Offset of the lexed text in the source, and the source-wide cache of braced-word ends. */
  base: 0,
  braceEnds: new Int32Array(0) as Int32Array,
  depth: 0,
  literalDepth: 0,
  problems: [] as LexProblem[],
  /** Set by `bracedEnd`: the braced word just scanned has no closing brace. */
  open: false,
};

type Matched = [string] & { payload?: unknown };

/** One result array reused by every custom matcher (Chevrotain reads it at once and keeps nothing). */
const RESULT = [''] as Matched;

/** Payload of a braced-word token that has no closing brace. */
export const OPEN = 'open';

function match(text: string, start: number, end: number): Matched {
  RESULT[0] = text.slice(start, end);
  RESULT.payload = undefined;
  return RESULT;
}

/** Strings of n spaces, by n. */
const BLANKS: string[] = [];

/**
 * A match of `n` skipped characters: only the length of a skipped token's image is read, so a
 * cached string of that length stands in for a slice of the text.
 */
function blanks(n: number): Matched {
  RESULT[0] = BLANKS[n] ??= ' '.repeat(n);
  RESULT.payload = undefined;
  return RESULT;
}

/** A custom pattern for one fixed character (no regex, no allocation). */
function charPattern(code: number) {
  return { exec: (text: string, offset: number) => (text.charCodeAt(offset) === code ? match(text, offset, offset + 1) : null) };
}

/** Token types after which a new word may start. */
let wordStartAfter: Set<TokenType>;
/** Token types after which a new command may start. */
let commandStartAfter: Set<TokenType>;

/** A word starts after skipped white space (a gap before `offset`) or after certain tokens. */
export function atWordStart(tokens: IToken[], offset: number): boolean {
  const n = tokens.length;
  if (n === 0) return true;
  const last = tokens[n - 1];
  return last.startOffset + last.image.length < offset || wordStartAfter.has(last.tokenType);
}

/** A command starts at the beginning or after a newline, `;` or `[`. */
export function atCommandStart(tokens: IToken[]): boolean {
  const n = tokens.length;
  return n === 0 || commandStartAfter.has(tokens[n - 1].tokenType);
}

/** Line feed: ends a command. */
export const Newline = createToken({
  name: 'Newline',
  start_chars_hint: ['\n'],
  line_breaks: true,
  pattern: {
    exec: (text: string, offset: number) => (text.charCodeAt(offset) === 10 ? match(text, offset, newlineEnd(text, offset)) : null),
  },
});

/** End of a `Newline` token at `offset` (a line feed): one token for a line end with the blank lines and indentation after it. */
export function newlineEnd(text: string, offset: number): number {
  let i = offset + 1;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10 || isTclSpace(c)) i++;
    else break;
  }
  return i;
}
/** `;`: ends a command. */
export const Semicolon = createToken({ name: 'Semicolon', pattern: charPattern(59), start_chars_hint: [';'] });

/** Blanks between words, including backslash-newline continuations (Tcl rule [9]). Skipped: the parser sees word boundaries as gaps between tokens. */
export const Ws = createToken({
  name: 'Ws',
  group: Lexer.SKIPPED,
  line_breaks: true,
  start_chars_hint: [' ', '\t', '\v', '\f', '\r', '\\'],
  pattern: {
    exec: (text: string, offset: number) => {
      const end = wsEnd(text, offset);
      return end > offset ? blanks(end - offset) : null;
    },
  },
});

/** End of the blanks (and backslash-newlines) at `offset`; `offset` itself when there are none. */
export function wsEnd(text: string, offset: number): number {
  let i = offset;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isTclSpace(c)) {
      i++;
    } else if (c === 92) {
      const next = text.charCodeAt(i + 1);
      if (next === 10 || (next === 13 && state.dialect === 'irule' && text.charCodeAt(i + 2) === 10)) {
        i += escapeLength(text, i, state.dialect);
      } else break;
    } else break;
  }
  return i;
}

/** `# ...` where a command may start, to the end of the line (backslash-newline continues it). */
export const Comment = createToken({
  name: 'Comment',
  line_breaks: true,
  start_chars_hint: ['#'],
  pattern: {
    exec: (text: string, offset: number, tokens: IToken[]) =>
      text.charCodeAt(offset) === 35 && atCommandStart(tokens) ? match(text, offset, commentEnd(text, offset)) : null,
  },
});

/** End of a comment starting at `offset` (a `#`): the end of the line, backslash-newline continuing it. */
export function commentEnd(text: string, offset: number): number {
  const n = text.length;
  // From backslash to backslash with indexOf, up to the first line feed no backslash hides.
  let i = offset;
  let eol = text.indexOf('\n', i);
  if (eol < 0) eol = n;
  for (;;) {
    const bs = text.indexOf('\\', i);
    if (bs < 0 || bs >= eol) {
      i = eol;
      break;
    }
    i = bs + (text.charCodeAt(bs + 1) === 13 && state.dialect === 'irule' && text.charCodeAt(bs + 2) === 10 ? 3 : 2);
    if (i > eol) {
      eol = text.indexOf('\n', i);
      if (eol < 0) eol = n;
    }
  }
  if (i > n) i = n;
  // Leave a CR before the newline out of the comment.
  let end = i;
  if (end > offset && text.charCodeAt(end - 1) === 13 && end === i && text.charCodeAt(i) === 10) end--;
  return end;
}

/** `{*}` argument expansion (Tcl 8.5+; only in the tcl dialect, BIG-IP reads it as a braced `*`). */
export const ExpandPrefix = createToken({
  name: 'ExpandPrefix',
  start_chars_hint: ['{'],
  pattern: {
    exec: (text: string, offset: number, tokens: IToken[]) => (isExpandPrefix(text, offset, tokens) ? match(text, offset, offset + 3) : null),
  },
});

/** Whether a `{*}` expansion prefix starts at `offset` (tcl dialect, at a word start, something after it). */
export function isExpandPrefix(text: string, offset: number, tokens: IToken[]): boolean {
  if (state.dialect !== 'tcl' || !text.startsWith('{*}', offset) || !atWordStart(tokens, offset)) return false;
  // A second {*} right after one is an ordinary braced word (Tcl: then extra characters).
  const prev = tokens.length > 0 ? tokens[tokens.length - 1] : undefined;
  if (prev && prev.tokenType === ExpandPrefix && prev.startOffset + 3 === offset) return false;
  const c = text.charCodeAt(offset + 3);
  if (offset + 3 >= text.length || isTclSpace(c) || c === 10 || c === 59) return false;
  if (c === 92 && text.charCodeAt(offset + 4) === 10) return false;
  return true;
}

/** `{...}` at the start of a word: one token holding the balanced text (Tcl rule [6]). */
export const BracedWord = createToken({
  name: 'BracedWord',
  line_breaks: true,
  start_chars_hint: ['{'],
  pattern: {
    exec: (text: string, offset: number, tokens: IToken[]) => {
      if (text.charCodeAt(offset) !== 123 || !atWordStart(tokens, offset)) return null;
      const m = match(text, offset, bracedEnd(text, offset));
      // Without a closing brace the token runs to the end: tell the parser so.
      if (state.open) m.payload = OPEN;
      return m;
    },
  },
});

/**
 * End of the braced word starting at `offset` (a `{`); when it is unclosed, reports the problem,
 * ends where recovery says and sets `state.open` if that is the end of the text.
 */
export function bracedEnd(text: string, offset: number): number {
  state.open = false;
  const r = scanBracedCached(text, offset, state.base, state.braceEnds);
  if (r.closed) return r.end;
  const rec = recoverBraced(text, offset);
  const closedAt = rec.end < text.length ? rec.end - 1 : undefined;
  for (const at of rec.unclosed) state.problems.push({ kind: 'unclosedBrace', at, ranOut: rec.end, closedAt });
  state.open = closedAt === undefined;
  return rec.end;
}

/** Opening `"` at the start of a word (Tcl rule [4]). */
export const QuoteOpen = createToken({
  name: 'QuoteOpen',
  start_chars_hint: ['"'],
  push_mode: 'quoted',
  pattern: {
    exec: (text: string, offset: number, tokens: IToken[]) =>
      text.charCodeAt(offset) === 34 && atWordStart(tokens, offset) ? match(text, offset, offset + 1) : null,
  },
});

/** A whole `"..."` word with nothing to substitute inside: one token instead of three. */
export const SimpleQuoted = createToken({
  name: 'SimpleQuoted',
  start_chars_hint: ['"'],
  line_breaks: true,
  pattern: {
    exec: (text: string, offset: number, tokens: IToken[]) => {
      if (text.charCodeAt(offset) !== 34 || !atWordStart(tokens, offset)) return null;
      const end = simpleQuotedEnd(text, offset);
      return end < 0 ? null : match(text, offset, end);
    },
  },
});

/** End of a `"..."` at `offset` with no backslash, `$` or `[` inside; -1 if it has one or is unclosed. */
export function simpleQuotedEnd(text: string, offset: number): number {
  const close = text.indexOf('"', offset + 1);
  if (close === -1) return -1;
  for (let i = offset + 1; i < close; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 || c === 36 || c === 91) return -1;
  }
  return close + 1;
}

/** Closing `"`. */
export const QuoteClose = createToken({ name: 'QuoteClose', pattern: charPattern(34), start_chars_hint: ['"'], pop_mode: true });

/** `[` starting a command substitution (Tcl rule [7]). */
export const LBracket = createToken({
  name: 'LBracket',
  start_chars_hint: ['['],
  push_mode: 'subst',
  pattern: {
    exec: (text: string, offset: number) => {
      if (text.charCodeAt(offset) !== 91 || state.depth >= MAX_SUBST_DEPTH) return null;
      state.depth++;
      return match(text, offset, offset + 1);
    },
  },
});

/** `]` ending a command substitution. */
export const RBracket = createToken({
  name: 'RBracket',
  start_chars_hint: [']'],
  pop_mode: true,
  pattern: {
    exec: (text: string, offset: number) => {
      if (text.charCodeAt(offset) !== 93 || state.literalDepth > 0) return null;
      state.depth--;
      return match(text, offset, offset + 1);
    },
  },
});

/**
 * Start characters for a "run of anything but these" token: every ASCII/Latin-1 character not
 * excluded, plus one character of each bucket Chevrotain uses above 255 (keeps the lexer's
 * first-character optimization on, which complement regexes would turn off).
 */
function allCharsExcept(excluded: string): string[] {
  const out: string[] = [];
  for (let c = 0; c < 256; c++) if (!excluded.includes(String.fromCharCode(c))) out.push(String.fromCharCode(c));
  for (let c = 256; c < 65536; c += 255) out.push(String.fromCharCode(c));
  out.push(String.fromCharCode(65535));
  return out;
}

/** A table of the characters in `chars` (all ASCII), by code. */
function stopTable(chars: string): Uint8Array {
  const stop = new Uint8Array(128);
  for (const ch of chars) stop[ch.charCodeAt(0)] = 1;
  return stop;
}

/** End of the run of characters at `offset` that are not in `stop` (a char-code loop: runs are short). */
export function runEnd(text: string, offset: number, stop: Uint8Array): number {
  const n = text.length;
  let i = offset;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 128 && stop[c] === 1) break;
    i++;
  }
  return i;
}

/** A token for a run of characters outside `stop` (whose characters are `excluded`): a char-code loop behind a custom matcher. */
function runToken(name: string, excluded: string, stop: Uint8Array, extra: { categories?: TokenType[]; line_breaks?: boolean } = {}): TokenType {
  return createToken({
    name,
    ...extra,
    start_chars_hint: allCharsExcept(excluded),
    pattern: {
      exec: (text: string, offset: number) => {
        const end = runEnd(text, offset, stop);
        return end > offset ? match(text, offset, end) : null;
      },
    },
  });
}

/** Characters that end a run of word text (`Text`'s exclusions), by code below 128. */
export const WORD_STOP = stopTable(' \t\n\v\f\r;[]$\\');
/** Characters that end a run of text inside `"..."`. */
export const QUOTED_STOP = stopTable('"\\$[]');
/** Characters that end a run of text inside `$name(...)`. */
export const INDEX_STOP = stopTable(')\\$[]');

/** Literal characters of a word. Other literal-text tokens are in this category. */
export const Text = runToken('Text', ' \t\n\v\f\r;[]$\\', WORD_STOP);

/** A token for a run of plain text that makes a whole word (followed by a word end). */
function simpleWordToken(name: string, endsAtBracket: boolean): TokenType {
  return createToken({
    name,
    categories: [Text, SimpleWord],
    start_chars_hint: Text.START_CHARS_HINT,
    pattern: {
      exec: (text: string, offset: number) => {
        const end = simpleWordEnd(text, offset, endsAtBracket);
        return end < 0 ? null : match(text, offset, end);
      },
    },
  });
}

/**
 * End of a whole word of plain text at `offset` (a run followed by white space, `;`, the end or,
 * with `endsAtBracket`, `]`); -1 if the run is empty or something else follows it.
 */
export function simpleWordEnd(text: string, offset: number, endsAtBracket: boolean): number {
  // A loop over char codes: words are short, and a sticky regex costs more per call.
  const n = text.length;
  let next = offset;
  let c = 0;
  while (next < n) {
    c = text.charCodeAt(next);
    if (c < 128 && WORD_STOP[c] === 1) break;
    next++;
  }
  if (next === offset) return -1;
  return next === n || isTclSpace(c) || c === 10 || c === 59 || (endsAtBracket && c === 93) ? next : -1;
}

/** Category of the two whole-word tokens below. */
export const SimpleWord = createToken({ name: 'SimpleWord', pattern: Lexer.NA });
/** A whole word of plain text: a run followed by white space, `;` or the end (the commonest word). */
export const SimpleWordInScript = simpleWordToken('SimpleWordInScript', false);
/** The same inside `[...]`, where `]` also ends a word. */
export const SimpleWordInSubst = simpleWordToken('SimpleWordInSubst', true);

/** `[` beyond the nesting limit, read as text. */
export const DeepLBracket = createToken({
  name: 'DeepLBracket',
  categories: [Text],
  start_chars_hint: ['['],
  pattern: {
    exec: (text: string, offset: number) => {
      if (text.charCodeAt(offset) !== 91) return null;
      if (state.literalDepth === 0) state.problems.push({ kind: 'tooDeep', at: offset, ranOut: offset + 1 });
      state.literalDepth++;
      return match(text, offset, offset + 1);
    },
  },
});

/** `]` closing a `[` read as text. */
export const DeepRBracket = createToken({
  name: 'DeepRBracket',
  categories: [Text],
  start_chars_hint: [']'],
  pattern: {
    exec: (text: string, offset: number) => {
      if (text.charCodeAt(offset) !== 93 || state.literalDepth === 0) return null;
      state.literalDepth--;
      return match(text, offset, offset + 1);
    },
  },
});

/** `]` outside a command substitution: an ordinary character. */
export const LiteralRBracket = createToken({ name: 'LiteralRBracket', pattern: charPattern(93), start_chars_hint: [']'], categories: [Text] });

/** Text inside `"..."`. */
export const QText = runToken('QText', '"\\$[]', QUOTED_STOP, { line_breaks: true, categories: [Text] });

/** Text inside `$name(...)`. */
export const IText = runToken('IText', ')\\$[]', INDEX_STOP, { line_breaks: true, categories: [Text] });

/** `)` ending an array index. */
export const IndexClose = createToken({
  name: 'IndexClose',
  start_chars_hint: [')'],
  pop_mode: true,
  pattern: {
    exec: (text: string, offset: number) => {
      if (text.charCodeAt(offset) !== 41) return null;
      state.depth--;
      return match(text, offset, offset + 1);
    },
  },
});

/** A backslash sequence (Tcl rule [9]). */
export const Escape = createToken({
  name: 'Escape',
  line_breaks: true,
  start_chars_hint: ['\\'],
  pattern: {
    exec: (text: string, offset: number) =>
      text.charCodeAt(offset) === 92 ? match(text, offset, offset + escapeLength(text, offset, state.dialect)) : null,
  },
});

/** `${name}`. */
export const VarBraced = createToken({
  name: 'VarBraced',
  start_chars_hint: ['$'],
  pattern: {
    exec: (text: string, offset: number) =>
      text.charCodeAt(offset) === 36 && text.charCodeAt(offset + 1) === 123 ? match(text, offset, varBracedEnd(text, offset)) : null,
  },
});

/** End of `${name}` at `offset`; unclosed, it is reported and ends at the line end. */
export function varBracedEnd(text: string, offset: number): number {
  const close = text.indexOf('}', offset + 2);
  if (close !== -1) return close + 1;
  let eol = text.indexOf('\n', offset);
  if (eol === -1) eol = text.length;
  state.problems.push({ kind: 'unclosedVarBrace', at: offset, ranOut: text.length });
  return eol;
}

/** `$name(` opening an array element reference; the index follows in `index` mode. */
export const VarArray = createToken({
  name: 'VarArray',
  start_chars_hint: ['$'],
  push_mode: 'index',
  pattern: {
    exec: (text: string, offset: number) => {
      if (text.charCodeAt(offset) !== 36) return null;
      const end = varArrayEnd(text, offset);
      return end < 0 ? null : match(text, offset, end);
    },
  },
});

/** End of `$name(` at `offset` (a `$`), counting one more nesting level; -1 if there is none or nesting is at its limit. */
export function varArrayEnd(text: string, offset: number): number {
  const end = scanVarName(text, offset + 1);
  if (text.charCodeAt(end) !== 40 || state.depth >= MAX_SUBST_DEPTH) return -1;
  state.depth++;
  return end + 1;
}

/** `$name`. */
export const VarSimple = createToken({
  name: 'VarSimple',
  start_chars_hint: ['$'],
  pattern: {
    exec: (text: string, offset: number) => {
      if (text.charCodeAt(offset) !== 36) return null;
      const end = scanVarName(text, offset + 1);
      return end > offset + 1 ? match(text, offset, end) : null;
    },
  },
});

/** Category of the two whole-word variable tokens below (they are also `VarSimple`). */
export const VarWord = createToken({ name: 'VarWord', pattern: Lexer.NA });

/** A token for a `$name` that makes a whole word (followed by a word end). */
function varWordToken(name: string, endsAtBracket: boolean): TokenType {
  return createToken({
    name,
    categories: [VarSimple, VarWord],
    start_chars_hint: ['$'],
    pattern: {
      exec: (text: string, offset: number) => {
        if (text.charCodeAt(offset) !== 36) return null;
        const end = scanVarName(text, offset + 1);
        return end > offset + 1 && isWordEnd(text, end, endsAtBracket) ? match(text, offset, end) : null;
      },
    },
  });
}

/** Whether a word ends at `offset`: the end, white space, `;` or (with `endsAtBracket`) `]`. */
export function isWordEnd(text: string, offset: number, endsAtBracket: boolean): boolean {
  const c = text.charCodeAt(offset);
  return offset === text.length || isTclSpace(c) || c === 10 || c === 59 || (endsAtBracket && c === 93);
}

/** A whole word that is one `$name` (the commonest word after plain text). */
export const VarWordInScript = varWordToken('VarWordInScript', false);
/** The same inside `[...]`, where `]` also ends a word. */
export const VarWordInSubst = varWordToken('VarWordInSubst', true);

/** A `$` that starts no variable reference: an ordinary character. */
export const Dollar = createToken({ name: 'Dollar', pattern: charPattern(36), start_chars_hint: ['$'], categories: [Text] });

wordStartAfter = new Set<TokenType>([Newline, Semicolon, LBracket, BracedWord, QuoteClose, SimpleQuoted, ExpandPrefix]);
commandStartAfter = new Set<TokenType>([Newline, Semicolon, LBracket]);

const vars = [VarBraced, VarArray, VarSimple, Dollar];
const scriptVars = [VarBraced, VarArray, VarWordInScript, VarSimple, Dollar];
const substVars = [VarBraced, VarArray, VarWordInSubst, VarSimple, Dollar];

/** Every token type, for the parser's vocabulary. */
export const allTokens: TokenType[] = [
  Newline,
  Semicolon,
  Ws,
  Comment,
  ExpandPrefix,
  BracedWord,
  QuoteOpen,
  SimpleQuoted,
  QuoteClose,
  LBracket,
  RBracket,
  DeepLBracket,
  DeepRBracket,
  LiteralRBracket,
  VarBraced,
  VarArray,
  VarSimple,
  VarWord,
  VarWordInScript,
  VarWordInSubst,
  Dollar,
  Escape,
  IndexClose,
  QText,
  IText,
  SimpleWord,
  SimpleWordInScript,
  SimpleWordInSubst,
  Text,
  ...exprOnlyTokens,
  ...exprCategories,
];

/** The `unmatched` list of a lexing with none. */
export const NONE: LexResult['unmatched'] = Object.freeze([]) as unknown as LexResult['unmatched'];

/**
 * Chevrotain's `tokenize` re-checks the lexer definition on every call before running
 * `tokenizeInternal`; the definition is fixed and checked once, so call the inner method when
 * this Chevrotain version has it.
 */
function tokenizeFast(text: string, mode: string): ILexingResult {
  const lexer = chevrotainLexer();
  const inner = (lexer as unknown as { tokenizeInternal?: (t: string, m: string) => ILexingResult }).tokenizeInternal;
  return inner ? inner.call(lexer, text, mode) : lexer.tokenize(text, mode);
}

let lexer: Lexer | undefined;

/**
 * The Chevrotain lexer, built on first use: building it analyses every token pattern (about a
 * fifth of a small file's start-up), and `lexer.ts` handles most text without it.
 */
function chevrotainLexer(): Lexer {
  lexer ??= new Lexer(
    {
      modes: {
        script: [Newline, Semicolon, Ws, Comment, ExpandPrefix, BracedWord, SimpleQuoted, QuoteOpen, LBracket, DeepLBracket, DeepRBracket, LiteralRBracket, ...scriptVars, Escape, SimpleWordInScript, Text],
        subst: [Newline, Semicolon, Ws, Comment, ExpandPrefix, BracedWord, SimpleQuoted, QuoteOpen, LBracket, DeepLBracket, DeepRBracket, RBracket, ...substVars, Escape, SimpleWordInSubst, Text],
        quoted: [QuoteClose, LBracket, DeepLBracket, DeepRBracket, ...vars, Escape, QText, LiteralRBracket],
        index: [IndexClose, LBracket, DeepLBracket, DeepRBracket, ...vars, Escape, IText, LiteralRBracket],
        expr: [LBracket, DeepLBracket, VarBraced, VarArray, VarSimple, ...exprOnlyTokens],
      },
      defaultMode: 'script',
    },
    { positionTracking: 'onlyOffset', ensureOptimizations: false, skipValidations: true },
  );
  return lexer;
}

/** Result of lexing, with characters no token matched. */
export interface LexResult {
  /** The tokens. */
  tokens: IToken[];
  /** Problems found (offsets relative to the lexed text). */
  problems: LexProblem[];
  /** Offsets (relative) of characters that start no token (only possible in expressions). */
  unmatched: { offset: number; length: number }[];
}

/** Starts a tokenize call: resets `state` (see `tokenize` in `lexer.ts` for the arguments). */
export function resetLexState(dialect: Dialect, base: number, braceEnds: Int32Array): void {
  state.base = base;
  state.braceEnds = braceEnds;
  state.dialect = dialect;
  state.depth = 0;
  state.literalDepth = 0;
  state.problems = [];
}

/**
 * Tokenizes with Chevrotain's lexer, the reference definition of the token language (the
 * arguments are `tokenize`'s in `lexer.ts`, which runs a hand-written equivalent first and comes
 * here only for text it does not handle). Never throws.
 */
export function tokenizeWithChevrotain(
  text: string,
  dialect: Dialect,
  mode: 'script' | 'expr' = 'script',
  base = 0,
  braceEnds: Int32Array = new Int32Array(text.length + 1),
): LexResult {
  resetLexState(dialect, base, braceEnds);
  const r = tokenizeFast(text, mode);
  return { tokens: r.tokens, problems: state.problems, unmatched: r.errors.length ? r.errors.map((e) => ({ offset: e.offset, length: e.length })) : NONE };
}

/**
 * Chevrotain parser for Tcl scripts and `expr` expressions (one grammar, so `[commands]` and
 * `"strings"` inside expressions are parsed in the same pass). It builds AST nodes directly (embedded actions) instead of a
 * CST plus a visitor: one pass and no intermediate tree, which keeps parsing linear and fast.
 * The grammar accepts every token sequence; missing closers and glued words are recorded as
 * problems for the facade to report.
 */
import {
  EmbeddedActionsParser,
  LLkLookaheadStrategy,
  tokenMatcher,
  type ILookaheadStrategy,
  type IProduction,
  type IRecognitionException,
  type Rule,
  type IToken,
  type TokenType,
} from 'chevrotain';
import type {
  BareWord,
  BracedWord,
  CmdSubst,
  Command,
  Dialect,
  Escape,
  ExpandWord,
  ExprNode,
  Part,
  QuotedWord,
  Statement,
  Text,
  VarRef,
  Word,
} from './ast.js';
import {
  BinaryOp,
  binaryLevel,
  BOOLEANS,
  Colon,
  Comma,
  EBraced,
  EIdent,
  ENumber,
  EQuoteOpen,
  ESimpleQuoted,
  LParen,
  POW_LEVEL,
  Question,
  RParen,
  UnaryOp,
} from './expr-tokens.js';
import { excerpt } from '../diagnostics.js';
import { rulesFromSnapshot, type SnapshotNode } from './grammar-snapshot.js';
import { escapeValue, foldBackslashNewlines } from './scan.js';
import { literalValue } from './words.js';
import {
  allTokens,
  BracedWord as BracedTok,
  Comment,
  Escape as EscapeTok,
  ExpandPrefix,
  IndexClose,
  LBracket,
  Newline,
  OPEN,
  QuoteClose,
  QuoteOpen,
  RBracket,
  Semicolon,
  SimpleQuoted,
  SimpleWord,
  Text as TextTok,
  VarArray,
  VarBraced,
  VarSimple,
  VarWord,
} from './tokens.js';

/** A problem found while parsing (absolute offsets). */
export interface ParseProblem {
  /** Which problem. */
  kind: 'unclosedQuote' | 'unclosedBracket' | 'unclosedIndex' | 'extraAfterBrace' | 'extraAfterQuote' | 'noExpansion' | 'gluedWord';
  /** Where the opener (or the extra character) is. */
  at: number;
  /** Where input ran out (for unclosed constructs). */
  ranOut: number;
}


/** A command the parser created: `body[index]`, inside `depth` command substitutions. */
export interface CreatedCommand {
  /** The statement list holding it. */
  body: Statement[];
  /** Its position there. */
  index: number;
  /** How many `[...]` levels it is nested in within the parsed text. */
  depth: number;
}

/** Quoted words whose closing quote is missing. */
const openQuotes = new WeakSet<QuotedWord>();

/** Whether a word ends with its own closing brace or quote (so a glued next word is an error in Tcl). */
function closedDelimited(w: Word): 'brace' | 'quote' | undefined {
  if (w.type === 'ExpandWord') return closedDelimited(w.word);
  if (w.type === 'BracedWord') return w.range.end === w.contentRange.end + 1 ? 'brace' : undefined;
  if (w.type === 'QuotedWord') return openQuotes.has(w) ? undefined : 'quote';
  return undefined;
}

/**
 * Whether a bare word is plain text without braces or quotes (`else`, `elseif`, `then`): glued to a
 * closing brace, BIG-IP reads it as the next word, just as the author meant (facts P15: `}else {`).
 * A glued word holding a brace or quote (`}else{` makes the word `else{`) or a substitution
 * changes meaning, and so may text glued to a close-quote (`"a"b` is two words, not `ab`).
 */
function plainGlued(w: Word): boolean {
  if (w.type !== 'BareWord') return false;
  return w.parts.every((p) => p.type === 'Text' && !/[{}"]/.test(p.value));
}

/**
 * Whether a token of type `type` matches `category` (the type itself or a category it belongs to):
 * Chevrotain's `tokenMatcher` on a token of that type, read from the tables Chevrotain fills in
 * each token type (no token object, no call per pair: the tables below are built at start-up).
 */
function inCategory(type: TokenType, category: TokenType): boolean {
  return type.tokenTypeIdx === category.tokenTypeIdx || (category.isParent === true && category.categoryMatchesMap?.[type.tokenTypeIdx!] === true);
}

/** The token type indexes of the lexers' tokens. */
const LEXED = new Set(allTokens.map((type) => type.tokenTypeIdx!));

/**
 * A table by token type index of the first kind whose category a token type matches (the kinds
 * in the order of the alternatives they shortcut, since an OR takes the first that matches).
 * Built from each category's own list of member types, last kind first so that the first one
 * wins: a loop over every token type and kind made V8 compile it with TurboFan at start-up.
 */
export function kindTable<K extends string>(kinds: [TokenType, K][]): (K | undefined)[] {
  const table: (K | undefined)[] = [];
  for (let k = kinds.length - 1; k >= 0; k--) {
    const [category, kind] = kinds[k];
    if (LEXED.has(category.tokenTypeIdx!)) table[category.tokenTypeIdx!] = kind;
    for (const idx of category.categoryMatches ?? []) if (LEXED.has(idx)) table[idx] = kind;
  }
  return table;
}

let shortcuts = true;

/**
 * Turns the run-time shortcuts (the table-driven loops and one-token words below) on or off. Off,
 * the parser runs its Chevrotain DSL alone; a test parses the same texts both ways and expects
 * the same trees and problems, so the shortcuts cannot drift from the grammar.
 */
export function setParserShortcuts(on: boolean): void {
  shortcuts = on;
}

/**
 * The token types that start a word, with the word they start (as `wordAlts`): one-token words
 * (plain text, `$name`, braces, plain quotes: a token that is the whole word), a quoted word, an
 * expansion, or a bare word of parts.
 */
const WORD_STARTS = kindTable([
  [SimpleWord, 'simple'],
  [VarWord, 'var'],
  [BracedTok, 'braced'],
  [SimpleQuoted, 'quoted'],
  [QuoteOpen, 'quoteOpen'],
  [ExpandPrefix, 'expand'],
  [TextTok, 'bare'],
  [EscapeTok, 'bare'],
  [VarSimple, 'bare'],
  [VarBraced, 'bare'],
  [VarArray, 'bare'],
  [LBracket, 'bare'],
]);

/** The token types that start a word part, with the part (as `partAlts`). */
const PART_STARTS = kindTable([
  [TextTok, 'text'],
  [EscapeTok, 'escape'],
  [VarSimple, 'var'],
  [VarBraced, 'varBraced'],
  [VarArray, 'varArray'],
  [LBracket, 'cmdSubst'],
]);

/** The token types that start an expression operand, with the operand when one token is all of it (as `unaryAlts`). */
const OPERAND_STARTS = kindTable([
  [UnaryOp, 'other'],
  [ENumber, 'number'],
  [VarSimple, 'var'],
  [VarBraced, 'varBraced'],
  [VarArray, 'other'],
  [LBracket, 'other'],
  [ESimpleQuoted, 'quoted'],
  [EQuoteOpen, 'other'],
  [EBraced, 'braced'],
  [LParen, 'other'],
  [EIdent, 'other'],
]);

/** The binary operator token types. */
const BINARY_OPS = kindTable([[BinaryOp, 'op']]);

/**
 * A lookahead function that builds the real one on its first call, then puts the real one in the
 * parser's table of lookahead functions (Chevrotain's `lookAheadFuncsCache`, read at each call)
 * in its own place, so later calls skip this step.
 */
function lazily<F extends (...args: never[]) => unknown>(build: () => F): F {
  let built: F | undefined;
  const lazy = function (this: { lookAheadFuncsCache?: Map<unknown, unknown> }, ...args: Parameters<F>): ReturnType<F> {
    if (!built) {
      built = build();
      const table = this.lookAheadFuncsCache;
      if (table) for (const [key, fn] of table) if (fn === lazy) table.set(key, built);
    }
    return built.apply(this, args) as ReturnType<F>;
  };
  return lazy as unknown as F;
}

/**
 * Chevrotain's LL(1) lookahead, with each lookahead function built on its first call rather than
 * all of them in `performSelfAnalysis` (about 45 million instructions, a tenth of a small file's
 * start-up): the run-time shortcuts below leave most DSL alternatives unused in a typical file.
 * The functions are the ones Chevrotain builds, so parsing is unchanged.
 */
class LazyLookahead implements ILookaheadStrategy {
  private readonly llk = new LLkLookaheadStrategy({ maxLookahead: 1 });

  validate(options: Parameters<ILookaheadStrategy['validate']>[0]): ReturnType<ILookaheadStrategy['validate']> {
    return this.llk.validate(options);
  }

  buildLookaheadForAlternation(options: Parameters<ILookaheadStrategy['buildLookaheadForAlternation']>[0]): ReturnType<ILookaheadStrategy['buildLookaheadForAlternation']> {
    return lazily(() => this.llk.buildLookaheadForAlternation(options));
  }

  buildLookaheadForOptional(options: Parameters<ILookaheadStrategy['buildLookaheadForOptional']>[0]): ReturnType<ILookaheadStrategy['buildLookaheadForOptional']> {
    return lazily(() => this.llk.buildLookaheadForOptional(options));
  }
}

/** Chevrotain's recording methods (on its parser prototype; not in its typings). */
interface Recorder {
  RECORDING_PHASE: boolean;
  topLevelRuleRecord(name: string, def: unknown): IProduction;
  ACTION_RECORD: unknown;
  BACKTRACK_RECORD: unknown;
  LA_RECORD: unknown;
  consumeInternalRecord(tok: unknown, idx: number, options: unknown): unknown;
  subruleInternalRecord(rule: unknown, idx: number, options: unknown): unknown;
  optionInternalRecord(action: unknown, idx: number): unknown;
  orInternalRecord(alts: unknown, idx: number): unknown;
  manyInternalRecord(idx: number, action: unknown): void;
  manySepFirstInternalRecord(idx: number, options: unknown): void;
  atLeastOneInternalRecord(idx: number, action: unknown): void;
  atLeastOneSepFirstInternalRecord(idx: number, options: unknown): void;
}

/**
 * The layer of recording DSL methods {@link TclParser.enableRecording} puts under the parser:
 * what Chevrotain 11's own `enableRecording` assigns to the instance, method for method.
 */
function recordingLayer(proto: Recorder): object {
  type R = Recorder;
  const layer: Record<string, unknown> = Object.create(proto) as Record<string, unknown>;
  for (let i = 0; i < 10; i++) {
    const idx = i > 0 ? i : '';
    layer[`CONSUME${idx}`] = function (this: R, tok: unknown, options: unknown) {
      return this.consumeInternalRecord(tok, i, options);
    };
    layer[`SUBRULE${idx}`] = function (this: R, rule: unknown, options: unknown) {
      return this.subruleInternalRecord(rule, i, options);
    };
    layer[`OPTION${idx}`] = function (this: R, action: unknown) {
      return this.optionInternalRecord(action, i);
    };
    layer[`OR${idx}`] = function (this: R, alts: unknown) {
      return this.orInternalRecord(alts, i);
    };
    layer[`MANY${idx}`] = function (this: R, action: unknown) {
      this.manyInternalRecord(i, action);
    };
    layer[`MANY_SEP${idx}`] = function (this: R, options: unknown) {
      this.manySepFirstInternalRecord(i, options);
    };
    layer[`AT_LEAST_ONE${idx}`] = function (this: R, action: unknown) {
      this.atLeastOneInternalRecord(i, action);
    };
    layer[`AT_LEAST_ONE_SEP${idx}`] = function (this: R, options: unknown) {
      this.atLeastOneSepFirstInternalRecord(i, options);
    };
  }
  layer.consume = function (this: R, idx: number, tok: unknown, options: unknown) {
    return this.consumeInternalRecord(tok, idx, options);
  };
  layer.subrule = function (this: R, idx: number, rule: unknown, options: unknown) {
    return this.subruleInternalRecord(rule, idx, options);
  };
  layer.option = function (this: R, idx: number, action: unknown) {
    return this.optionInternalRecord(action, idx);
  };
  layer.or = function (this: R, idx: number, alts: unknown) {
    return this.orInternalRecord(alts, idx);
  };
  layer.many = function (this: R, idx: number, action: unknown) {
    this.manyInternalRecord(idx, action);
  };
  layer.atLeastOne = function (this: R, idx: number, action: unknown) {
    this.atLeastOneInternalRecord(idx, action);
  };
  layer.ACTION = proto.ACTION_RECORD;
  layer.BACKTRACK = proto.BACKTRACK_RECORD;
  layer.LA = proto.LA_RECORD;
  return layer;
}

/**
 * The grammar recorded at build time (scripts/build.mjs, see grammar-snapshot.ts): the bundles'
 * parser rebuilds it instead of recording it again at every start. Undefined unbundled.
 */
declare const __IRULE_GRAMMAR__: readonly SnapshotNode[] | undefined;
const builtGrammar = typeof __IRULE_GRAMMAR__ === 'object' ? __IRULE_GRAMMAR__ : undefined;

/** Every token type the grammar can name: the lexed ones and, transitively, their categories. */
function tokenTypesByName(): Map<string, TokenType> {
  const byName = new Map<string, TokenType>();
  const add = (t: TokenType): void => {
    const known = byName.get(t.name);
    if (known === t) return;
    if (known) throw new Error(`two token types are named ${t.name}`);
    byName.set(t.name, t);
    for (const c of t.CATEGORIES ?? []) add(c);
  };
  for (const t of allTokens) add(t);
  return byName;
}

export class TclParser extends EmbeddedActionsParser {
  /** Offset of the lexed text within the whole source. */
  base = 0;
  /** The lexed text (for braced word contents). */
  text = '';
  /** Current dialect. */
  dialect: Dialect = 'irule';
  /** Problems found so far. */
  problems: ParseProblem[] = [];
  /** Problems found in expressions (message and range). */
  exprProblems: { message: string; range: { start: number; end: number } }[] = [];

  /** The rules rebuilt from a snapshot, by name, while the parser is built from one. */
  private snapshotRules: Map<string, IProduction> | undefined;

  /**
   * `grammar`: a snapshot of this grammar (see grammar-snapshot.ts) to build from instead of
   * recording it; the bundles pass the one their build recorded.
   */
  constructor(grammar: readonly SnapshotNode[] | undefined = builtGrammar) {
    super(allTokens, { recoveryEnabled: false, maxLookahead: 1, skipValidations: true, lookaheadStrategy: new LazyLookahead() });
    if (grammar) {
      const rules = rulesFromSnapshot(grammar, tokenTypesByName()) as Rule[];
      this.snapshotRules = new Map(rules.map((r) => [r.name, r]));
    }
    this.performSelfAnalysis();
    this.snapshotRules = undefined;
    this.fillStatementStarts();
  }

  /**
   * Chevrotain's recording of one rule (called by `performSelfAnalysis` for each): the rule from
   * the snapshot when the parser is built from one.
   */
  topLevelRuleRecord(name: string, def: unknown): IProduction {
    const ready = this.snapshotRules;
    if (!ready) return (EmbeddedActionsParser.prototype as unknown as Recorder).topLevelRuleRecord.call(this, name, def);
    const rule = ready.get(name);
    if (!rule) throw new Error(`the grammar snapshot has no rule ${name}: rebuild`);
    return rule;
  }

  /** The prototype the parser had before {@link enableRecording} put the recording layer under it. */
  private ownPrototype: object | undefined;

  /**
   * Chevrotain records the grammar with its DSL methods replaced on the parser instance (about 90
   * of them) and deletes them afterwards; changing the shape of the instance while code specialised
   * to it runs cost 15 million instructions (2% of linting one small file). Here the recording
   * methods sit in a layer between the instance and its prototype, which {@link disableRecording}
   * takes away again: the same recording (a test compares the recorded grammar with Chevrotain's
   * own), the instance untouched. Chevrotain calls both from `performSelfAnalysis`.
   */
  enableRecording(): void {
    (this as unknown as Recorder).RECORDING_PHASE = true;
    // From a snapshot, no rule runs: nothing to record with.
    if (this.snapshotRules) return;
    const proto = Object.getPrototypeOf(this) as Recorder;
    this.ownPrototype = proto;
    Object.setPrototypeOf(this, recordingLayer(proto));
  }

  /** Ends the recording {@link enableRecording} began. */
  disableRecording(): void {
    (this as unknown as Recorder).RECORDING_PHASE = false;
    if (this.ownPrototype) Object.setPrototypeOf(this, this.ownPrototype);
    this.ownPrototype = undefined;
  }

  /** Recognition errors of the last parse, without the copy Chevrotain's `errors` getter makes each time. */
  get lastErrors(): readonly IRecognitionException[] {
    const own = (this as unknown as { _errors?: IRecognitionException[] })._errors;
    return own ?? this.errors;
  }

  /** True while Chevrotain records the grammar (actions must not run then). */
  private get recording(): boolean {
    return (this as unknown as { RECORDING_PHASE: boolean }).RECORDING_PHASE;
  }

  /** Whether to run the DSL alone: while recording the grammar, or with the shortcuts off. */
  private get dslOnly(): boolean {
    return !shortcuts || this.recording;
  }

  private start(t: IToken): number {
    return this.base + t.startOffset;
  }

  private end(t: IToken): number {
    return this.base + t.startOffset + t.image.length;
  }

  /** Per-script state (a stack, since command substitutions nest). */
  private frames: { body: Statement[]; newlines: number; blocked: boolean; last?: Command }[] = [];
  /** Every command created by the current parse, with where it sits (for expansion without a tree walk). */
  created: CreatedCommand[] = [];
  /**
   * Whether a command whose first word is this needs expansion (set by the expansion step, so the
   * parser knows no command names); only those are listed in `created`, while their words are
   * still in cache.
   */
  wanted: (first: Word) => boolean = () => true;
  /** End (relative) of the last consumed part, for the adjacency gate of bare words. */
  private lastEnd = 0;

  private readonly scriptAlts = [
    { ALT: () => this.separator(this.CONSUME(Newline), 1) },
    { ALT: () => this.separator(this.CONSUME(Semicolon), 0) },
    {
      ALT: () => {
        const t = this.CONSUME(Comment);
        if (!this.recording) this.comment(t);
      },
    },
    {
      ALT: () => {
        const words = this.command();
        if (!this.recording) this.addCommand(words);
      },
    },
  ];

  private comment(t: IToken): void {
    const f = this.frames[this.frames.length - 1];
    f.body.push({ type: 'Comment', range: { start: this.start(t), end: this.end(t) }, text: t.image });
    f.blocked = true;
  }

  private separator(t: IToken, newline: number): void {
    if (this.recording) return;
    const f = this.frames[this.frames.length - 1];
    if (newline) {
      // A Newline token (starting with its line feed) also holds the blank lines and indentation after it.
      const img = t.image;
      for (let i = 0; i !== -1; i = img.indexOf('\n', i + 1)) f.newlines++;
    } else f.blocked = true;
  }

  private addCommand(words: Word[]): void {
    const f = this.frames[this.frames.length - 1];
    const endAt = words[words.length - 1].range.end;
    if (f.last && f.newlines === 1 && !f.blocked && this.continues(f.last, words)) {
      // BIG-IP quirk (P15): the command goes on over the newline.
      f.last.words.push(...words);
      f.last.range.end = endAt;
    } else {
      f.last = { type: 'Command', range: { start: words[0].range.start, end: endAt }, words };
      if (this.wanted(words[0])) this.created.push({ body: f.body, index: f.body.length, depth: this.frames.length - 1 });
      f.body.push(f.last);
    }
    f.newlines = 0;
    f.blocked = false;
  }

  /** Tcl rules [1]-[2]: commands separated by newlines and semicolons; comments at command start. */
  public script = this.RULE('script', (): Statement[] => {
    this.ACTION(() => this.frames.push({ body: [], newlines: 0, blocked: false }));
    if (this.dslOnly) this.MANY(() => this.OR(this.scriptAlts));
    else this.statements();
    return this.ACTION(() => this.frames.pop()!.body);
  });

  /**
   * The run-time body of `script`: what `MANY(OR(scriptAlts))` does, choosing each alternative by
   * a table read on the next token instead of Chevrotain's lookahead functions (two per command).
   */
  private statements(): void {
    const starts = this.statementStarts;
    for (;;) {
      const t = this.LA(1);
      switch (starts[t.tokenTypeIdx]) {
        case 'newline':
          this.SKIP_TOKEN();
          this.separator(t, 1);
          break;
        case 'semicolon':
          this.SKIP_TOKEN();
          this.separator(t, 0);
          break;
        case 'comment':
          this.SKIP_TOKEN();
          this.comment(t);
          break;
        case 'word':
          this.addCommand(this.command());
          break;
        default:
          return;
      }
    }
  }

  /**
   * How each token type can start a statement, by token type index: a separator, a comment, or
   * a word (the first tokens of the `word` rule, from Chevrotain's own grammar analysis).
   */
  private readonly statementStarts: ('newline' | 'semicolon' | 'comment' | 'word' | undefined)[] = [];

  private fillStatementStarts(): void {
    const wordFirst = this.computeContentAssist('word', []).map((path) => path.nextTokenType);
    for (const type of allTokens) {
      const idx = type.tokenTypeIdx!;
      if (inCategory(type, Newline)) this.statementStarts[idx] = 'newline';
      else if (inCategory(type, Semicolon)) this.statementStarts[idx] = 'semicolon';
      else if (inCategory(type, Comment)) this.statementStarts[idx] = 'comment';
      else if (wordFirst.some((category) => inCategory(type, category))) this.statementStarts[idx] = 'word';
    }
  }

  /** irule dialect: a line starting with `{`, or `else`/`elseif` after an `if`, continues the command above. */
  private continues(last: Command, words: Word[]): boolean {
    if (this.dialect !== 'irule') return false;
    const first = words[0];
    if (first.type === 'BracedWord') return true;
    const v = literalValue(first);
    return (v === 'else' || v === 'elseif') && literalValue(last.words[0]) === 'if';
  }

  /**
   * Tcl rule [3]: words separated by white space (the skipped gaps between tokens). Part of the
   * `script` rule rather than a rule of its own (a rule invocation per command costs more than
   * the rest of a short command), so its DSL calls are numbered apart from script's own.
   */
  private command(): Word[] {
    const words: Word[] = [];
    if (this.dslOnly) {
      const first = this.OR1(this.wordAlts);
      if (!this.recording) words.push(first);
      this.MANY1(() => {
        const w = this.OR2(this.wordAlts);
        if (!this.recording) this.addWord(words, w);
      });
      return words;
    }
    // Words other than expansions skip the OR's lookahead, and the MANY's unless a word that
    // `fastWord` leaves alone follows (by the grammar's own first tokens of a word).
    words.push(this.fastWord() ?? this.OR1(this.wordAlts));
    this.fastWords(words);
    if (this.statementStarts[this.LA(1).tokenTypeIdx] === 'word') {
      this.MANY1(() => {
        this.addWord(words, this.OR2(this.wordAlts));
        this.fastWords(words);
      });
    }
    return words;
  }

  /** Appends a word to a command's words, after checking that it is not glued to the one before. */
  private addWord(words: Word[], w: Word): void {
    const prev = words[words.length - 1];
    // Tcl rejects any word glued to a closing brace or quote; BIG-IP splits the word there,
    // which is fine for `{a}{b}` but turns `}else{` or `"a"b` into a stray bare word.
    if (prev.range.end === w.range.start && (this.dialect === 'tcl' || w.type === 'BareWord')) {
      const glued = closedDelimited(prev);
      const expansion = this.dialect === 'irule' && prev.type === 'BracedWord' && prev.text === '*';
      if (glued) {
        const kind = expansion
          ? 'noExpansion'
          : this.dialect === 'irule' && glued === 'brace' && plainGlued(w)
            ? 'gluedWord'
            : glued === 'brace'
              ? 'extraAfterBrace'
              : 'extraAfterQuote';
        this.problems.push({ kind, at: w.range.start, ranOut: w.range.start });
      }
    }
    words.push(w);
  }

  /** Appends the words that follow, while {@link fastWord} builds them. */
  private fastWords(words: Word[]): void {
    for (let w = this.fastWord(); w !== undefined; w = this.fastWord()) this.addWord(words, w);
  }

  /**
   * The next word, built at run time without an OR's lookahead or a rule invocation: the same
   * word `wordAlts` builds. Undefined (nothing consumed) when no word starts here, and for an
   * expansion `{*}`, which goes through the DSL.
   */
  private fastWord(): Word | undefined {
    const t = this.LA(1);
    switch (WORD_STARTS[t.tokenTypeIdx]) {
      case 'simple':
        this.SKIP_TOKEN();
        return this.simpleWord(t);
      case 'var':
        this.SKIP_TOKEN();
        return this.varWord(t);
      case 'braced':
        this.SKIP_TOKEN();
        return this.braced(t);
      case 'quoted':
        this.SKIP_TOKEN();
        return this.simpleQuoted(t);
      case 'quoteOpen': {
        this.SKIP_TOKEN();
        const parts: Part[] = [];
        this.partsInto(parts, false);
        return this.quotedWord(t, parts, this.closer(QuoteClose));
      }
      case 'bare': {
        const parts: Part[] = [];
        this.partsInto(parts, true);
        return this.bareWord(parts);
      }
      default:
        return undefined;
    }
  }

  /** The next token when it is a `type` (consumed), else undefined: an OPTION(CONSUME) at run time. */
  private closer(type: TokenType): IToken | undefined {
    const t = this.LA(1);
    if (!tokenMatcher(t, type)) return undefined;
    this.SKIP_TOKEN();
    return t;
  }

  private simpleWord(t: IToken): BareWord {
    const start = this.start(t);
    const end = start + t.image.length;
    return { type: 'BareWord', range: { start, end }, parts: [{ type: 'Text', range: { start, end }, value: t.image }] };
  }

  private varWord(t: IToken): BareWord {
    const v = this.varPart(t, 1, 0, false);
    return { type: 'BareWord', range: { start: v.range.start, end: v.range.end }, parts: [v] };
  }

  private simpleQuoted(t: IToken): QuotedWord {
    const start = this.start(t);
    const end = this.end(t);
    const parts: Part[] = end - start > 2 ? [{ type: 'Text', range: { start: start + 1, end: end - 1 }, value: t.image.slice(1, -1) }] : [];
    return { type: 'QuotedWord', range: { start, end }, parts };
  }

  /** The alternatives in the order {@link WORD_STARTS} lists them (the shortcuts test checks the two agree). */
  private readonly wordAlts = [
    {
      // A word that is one run of plain text (the commonest word).
      ALT: () => {
        const t = this.CONSUME(SimpleWord);
        return this.recording ? (undefined as unknown as BareWord) : this.simpleWord(t);
      },
    },
    {
      // A word that is one `$name`.
      ALT: () => {
        const t = this.CONSUME(VarWord);
        return this.recording ? (undefined as unknown as BareWord) : this.varWord(t);
      },
    },
    { ALT: () => this.braced(this.CONSUME(BracedTok)) },
    {
      ALT: () => {
        const t = this.CONSUME(SimpleQuoted);
        return this.recording ? (undefined as unknown as QuotedWord) : this.simpleQuoted(t);
      },
    },
    { ALT: () => this.SUBRULE(this.quoted) },
    {
      ALT: () => {
        const t = this.CONSUME(ExpandPrefix);
        const inner = this.OPTION(() => this.SUBRULE1(this.word));
        return this.ACTION((): Word => {
          if (!inner || inner.type === 'ExpandWord') return this.braced(t);
          const e: ExpandWord = { type: 'ExpandWord', range: { start: this.start(t), end: inner.range.end }, word: inner };
          return e;
        });
      },
    },
    { ALT: () => this.SUBRULE(this.bare) },
  ];

  /** Tcl rules [4]-[6], [5]: a quoted, braced, expanded or bare word. */
  public word = this.RULE('word', (): Word => this.OR(this.wordAlts));

  private braced(t: IToken): BracedWord {
    return this.ACTION((): BracedWord => {
      const start = this.start(t);
      const end = this.end(t);
      const closed = t.payload !== OPEN;
      const contentEnd = closed ? end - 1 : end;
      return {
        type: 'BracedWord',
        range: { start, end },
        text: foldBackslashNewlines(t.image.slice(1, closed ? -1 : undefined), this.dialect),
        contentRange: { start: start + 1, end: contentEnd },
      };
    });
  }

  /** A run of text and substitutions up to white space (Tcl rules [7]-[9]). */
  public bare = this.RULE('bare', (): BareWord => {
    const parts: Part[] = [];
    if (this.dslOnly) {
      this.AT_LEAST_ONE({
        GATE: () => parts.length === 0 || this.LA(1).startOffset === this.lastEnd,
        DEF: () => {
          const p = this.OR1(this.partAlts);
          this.ACTION(() => {
            pushPart(parts, p);
            this.lastEnd = p.range.end - this.base;
          });
        },
      });
    } else {
      // The parts of a bare word are adjacent: the word ends at the first gap.
      this.partsInto(parts, true);
    }
    return this.ACTION(() => this.bareWord(parts));
  });

  private bareWord(parts: Part[]): BareWord {
    return { type: 'BareWord', range: { start: parts[0].range.start, end: parts[parts.length - 1].range.end }, parts };
  }

  /**
   * The run-time body of `bare` and `parts`: parts while the next token starts one (and, for a
   * bare word, follows the last part without a gap), each chosen by a table read rather than an
   * OR's lookahead function.
   */
  private partsInto(parts: Part[], adjacent: boolean): void {
    for (;;) {
      const t = this.LA(1);
      const kind = PART_STARTS[t.tokenTypeIdx];
      if (kind === undefined || (adjacent && parts.length > 0 && t.startOffset !== this.lastEnd)) return;
      let p: Part;
      switch (kind) {
        case 'text':
          this.SKIP_TOKEN();
          p = this.textPart(t);
          break;
        case 'escape':
          this.SKIP_TOKEN();
          p = this.escapePart(t);
          break;
        case 'var':
          this.SKIP_TOKEN();
          p = this.varPart(t, 1, 0, false);
          break;
        case 'varBraced':
          this.SKIP_TOKEN();
          p = this.varPart(t, 2, 1, true);
          break;
        case 'varArray': {
          this.SKIP_TOKEN();
          const index: Part[] = [];
          this.partsInto(index, false);
          p = this.arrayRef(t, index, this.closer(IndexClose));
          break;
        }
        case 'cmdSubst': {
          this.SKIP_TOKEN();
          // The body goes through the `script` rule: Chevrotain finds the lookahead of the DSL
          // calls in `command` by the rule they run in.
          const body = this.SUBRULE(this.script);
          p = this.substitution(t, body, this.closer(RBracket));
          break;
        }
      }
      pushPart(parts, p);
      this.lastEnd = p.range.end - this.base;
    }
  }

  /** End of a delimited construct: its closer, or (when unclosed) its last part or its opener. */
  private endOf(open: IToken, parts: Part[], close: IToken | undefined): number {
    if (close) return this.end(close);
    return parts.length ? parts[parts.length - 1].range.end : this.end(open);
  }

  /** `"..."`: substitutions happen, white space does not split (Tcl rule [4]). */
  public quoted = this.RULE('quoted', (): QuotedWord => {
    const open = this.CONSUME(QuoteOpen);
    const parts = this.SUBRULE(this.parts);
    const close = this.OPTION(() => this.CONSUME(QuoteClose));
    return this.ACTION(() => this.quotedWord(open, parts, close));
  });

  private quotedWord(open: IToken, parts: Part[], close: IToken | undefined): QuotedWord {
    const start = this.start(open);
    const end = this.endOf(open, parts, close);
    const w: QuotedWord = { type: 'QuotedWord', range: { start, end }, parts };
    if (!close) {
      this.problems.push({ kind: 'unclosedQuote', at: start, ranOut: end });
      openQuotes.add(w);
    }
    return w;
  }

  /** One piece of a word: text, a backslash sequence, a variable or a command substitution. */
  private readonly partAlts = [
    { ALT: () => this.textPart(this.CONSUME(TextTok)) },
    { ALT: () => this.escapePart(this.CONSUME(EscapeTok)) },
    { ALT: () => this.varPart(this.CONSUME(VarSimple), 1, 0, false) },
    { ALT: () => this.varPart(this.CONSUME(VarBraced), 2, 1, true) },
    { ALT: () => this.SUBRULE(this.varArray) },
    { ALT: () => this.SUBRULE(this.cmdSubst) },
  ];

  /** Parts of a quoted word or an index (no white space gaps occur there). */
  public parts = this.RULE('parts', (): Part[] => {
    const parts: Part[] = [];
    if (this.dslOnly) {
      this.MANY(() => {
        const p = this.OR(this.partAlts);
        this.ACTION(() => pushPart(parts, p));
      });
    } else this.partsInto(parts, false);
    return parts;
  });

  private textPart(t: IToken): Text {
    return this.ACTION((): Text => ({ type: 'Text', range: { start: this.start(t), end: this.end(t) }, value: t.image }));
  }

  private escapePart(t: IToken): Escape {
    return this.ACTION(
      (): Escape => ({ type: 'Escape', range: { start: this.start(t), end: this.end(t) }, raw: t.image, value: escapeValue(t.image) }),
    );
  }

  private varPart(t: IToken, skip: number, trim: number, braced: boolean): VarRef {
    return this.ACTION((): VarRef => {
      const start = this.start(t);
      const end = this.end(t);
      const closed = !braced || t.image.endsWith('}');
      const nameEnd = closed ? end - trim : end;
      return {
        type: 'VarRef',
        range: { start, end },
        name: t.image.slice(skip, closed ? t.image.length - trim : undefined),
        nameRange: { start: start + skip, end: nameEnd },
        braced,
      };
    });
  }

  /** `$name(index)`: the index undergoes substitution (Tcl rule [8]). */
  public varArray = this.RULE('varArray', (): VarRef => {
    const open = this.CONSUME(VarArray);
    const parts = this.SUBRULE(this.parts);
    const close = this.OPTION(() => this.CONSUME(IndexClose));
    return this.ACTION(() => this.arrayRef(open, parts, close));
  });

  private arrayRef(open: IToken, parts: Part[], close: IToken | undefined): VarRef {
    const start = this.start(open);
    const end = this.endOf(open, parts, close);
    if (!close) this.problems.push({ kind: 'unclosedIndex', at: start, ranOut: end });
    return {
      type: 'VarRef',
      range: { start, end },
      name: open.image.slice(1, -1),
      nameRange: { start: start + 1, end: this.end(open) - 1 },
      braced: false,
      index: parts,
    };
  }

  /** `[script]` (Tcl rule [7]). */
  public cmdSubst = this.RULE('cmdSubst', (): CmdSubst => {
    const open = this.CONSUME(LBracket);
    const body = this.SUBRULE(this.script);
    const close = this.OPTION(() => this.CONSUME(RBracket));
    return this.ACTION(() => this.substitution(open, body, close));
  });

  private substitution(open: IToken, body: Statement[], close: IToken | undefined): CmdSubst {
    const start = this.start(open);
    const last = body.length ? body[body.length - 1].range.end : this.end(open);
    const end = close ? this.end(close) : Math.max(last, this.base + this.text.length);
    if (!close) this.problems.push({ kind: 'unclosedBracket', at: start, ranOut: end });
    return {
      type: 'CmdSubst',
      range: { start, end },
      script: { type: 'Script', range: { start: start + 1, end: close ? end - 1 : end }, body },
    };
  }

  // ---- Expressions (the `expr` mode): Tcl 8.4 precedence, lowest first. ----

  private bin(left: ExprNode, t: IToken, right: ExprNode): ExprNode {
    return {
      type: 'ExprBinary',
      range: { start: left.range.start, end: right.range.end },
      op: t.image,
      opRange: { start: this.start(t), end: this.end(t) },
      left,
      right,
    };
  }

  /**
   * `cond ? a : b` (right-associative, lowest precedence) over operands joined by binary
   * operators. These are read as a flat list; precedence (Tcl's eleven levels) is applied in the
   * action, which is much cheaper than one grammar rule per level.
   */
  public expression = this.RULE('expression', (): ExprNode => {
    const operands: ExprNode[] = [];
    const ops: IToken[] = [];
    if (this.dslOnly) {
      operands.push(this.SUBRULE(this.unary));
      this.MANY(() => {
        ops.push(this.CONSUME(BinaryOp));
        operands.push(this.SUBRULE2(this.unary));
      });
    } else {
      // At run time the loop and the one-token operands go by table reads (see `statements`).
      operands.push(this.operand());
      for (let t = this.LA(1); BINARY_OPS[t.tokenTypeIdx] !== undefined; t = this.LA(1)) {
        this.SKIP_TOKEN();
        ops.push(t);
        operands.push(this.operand());
      }
    }
    const cond = this.ACTION(() => (ops.length === 0 ? operands[0] : this.climb(operands, ops)));
    const rest = this.OPTION(() => {
      this.CONSUME(Question);
      const a = this.SUBRULE3(this.expression);
      this.CONSUME(Colon);
      const b = this.SUBRULE4(this.expression);
      return { a, b };
    });
    return this.ACTION((): ExprNode =>
      rest ? { type: 'ExprTernary', range: { start: cond.range.start, end: rest.b.range.end }, cond, then: rest.a, else: rest.b } : cond,
    );
  });

  /** An operand at run time: a one-token operand directly, any other through `unary`. */
  private operand(): ExprNode {
    const t = this.LA(1);
    switch (OPERAND_STARTS[t.tokenTypeIdx]) {
      case 'number':
        this.SKIP_TOKEN();
        return this.numberLiteral(t);
      case 'var':
        this.SKIP_TOKEN();
        return this.varPart(t, 1, 0, false);
      case 'varBraced':
        this.SKIP_TOKEN();
        return this.varPart(t, 2, 1, true);
      case 'quoted':
        this.SKIP_TOKEN();
        return this.quotedLiteral(t);
      case 'braced':
        this.SKIP_TOKEN();
        return this.bracedLiteral(t);
      default:
        return this.SUBRULE(this.unary);
    }
  }

  private numberLiteral(t: IToken): ExprNode {
    return { type: 'ExprLiteral', range: { start: this.start(t), end: this.end(t) }, kind: 'number', value: t.image };
  }

  private quotedLiteral(t: IToken): ExprNode {
    const start = this.start(t);
    const end = this.end(t);
    const parts: Part[] = end - start > 2 ? [{ type: 'Text', range: { start: start + 1, end: end - 1 }, value: t.image.slice(1, -1) }] : [];
    return { type: 'ExprQuoted', range: { start, end }, parts };
  }

  private bracedLiteral(t: IToken): ExprNode {
    return { type: 'ExprLiteral', range: { start: this.start(t), end: this.end(t) }, kind: 'string', value: t.image.slice(1, -1) };
  }

  /** Builds the tree of a flat operand/operator list by precedence climbing (iterative). */
  private climb(operands: ExprNode[], ops: IToken[]): ExprNode {
    const out: ExprNode[] = [operands[0]];
    const pending: IToken[] = [];
    const reduce = (): void => {
      const right = out.pop()!;
      const left = out.pop()!;
      out.push(this.bin(left, pending.pop()!, right));
    };
    for (let i = 0; i < ops.length; i++) {
      const level = binaryLevel.get(ops[i].tokenType) ?? 0;
      while (pending.length) {
        const top = binaryLevel.get(pending[pending.length - 1].tokenType) ?? 0;
        if (top > level || (top === level && level !== POW_LEVEL)) reduce();
        else break;
      }
      pending.push(ops[i]);
      out.push(operands[i + 1]);
    }
    while (pending.length) reduce();
    return out[0];
  }

  /**
   * An operand, or a unary operator (`- + ~ ! not`) and its operand: numbers, variables,
   * commands, strings, parentheses, function calls, booleans (one rule for both, as a rule
   * invocation per operand is a good share of a short expression's cost).
   */
  private readonly unaryAlts = [
    {
      ALT: () => {
        const t = this.CONSUME(UnaryOp);
        const operand = this.SUBRULE(this.unary);
        return this.ACTION((): ExprNode => ({ type: 'ExprUnary', range: { start: this.start(t), end: operand.range.end }, op: t.image, operand }));
      },
    },
    {
      ALT: () => {
        const t = this.CONSUME(ENumber);
        return this.ACTION(() => this.numberLiteral(t));
      },
    },
    { ALT: () => this.varPart(this.CONSUME(VarSimple), 1, 0, false) },
    { ALT: () => this.varPart(this.CONSUME(VarBraced), 2, 1, true) },
    { ALT: () => this.SUBRULE(this.varArray) },
    { ALT: () => this.SUBRULE(this.cmdSubst) },
    {
      ALT: () => {
        const t = this.CONSUME(ESimpleQuoted);
        return this.ACTION(() => this.quotedLiteral(t));
      },
    },
    {
      ALT: () => {
        const open = this.CONSUME(EQuoteOpen);
        const parts = this.SUBRULE(this.parts);
        const close = this.CONSUME(QuoteClose);
        return this.ACTION((): ExprNode => ({ type: 'ExprQuoted', range: { start: this.start(open), end: this.end(close) }, parts }));
      },
    },
    {
      ALT: () => {
        const t = this.CONSUME(EBraced);
        return this.ACTION(() => this.bracedLiteral(t));
      },
    },
    {
      ALT: () => {
        const open = this.CONSUME(LParen);
        const inner = this.SUBRULE(this.expression);
        const close = this.CONSUME(RParen);
        // Widen the inner node over the parentheses, so ranges stay contiguous.
        return this.ACTION((): ExprNode => ({ ...inner, range: { start: this.start(open), end: this.end(close) } }) as ExprNode);
      },
    },
    {
      ALT: () => {
        const name = this.CONSUME(EIdent);
        const call = this.OPTION2(() => {
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
          const range = { start: this.start(name), end: this.end(name) };
          if (call) return { type: 'ExprCall', range: { start: range.start, end: this.end(call.close) }, name: name.image, args: call.args };
          if (!BOOLEANS.has(name.image.toLowerCase())) {
            this.exprProblems.push({
              message: `invalid bareword "${excerpt(name.image)}" in expression (a variable needs "$", a function needs "(...)")`,
              range,
            });
          }
          return { type: 'ExprLiteral', range, kind: 'boolean', value: name.image };
        });
      },
    },
  ];

  /** Operands and unary operators. */
  public unary = this.RULE('unary', (): ExprNode => this.OR(this.unaryAlts));
}

/** Appends a part, merging adjacent literal text. */
function pushPart(parts: Part[], p: Part): void {
  // Test the length first: reading index -1 of an empty array is a slow named-property lookup.
  const n = parts.length;
  if (n === 0) {
    parts.push(p);
    return;
  }
  const prev = parts[n - 1];
  if (p.type === 'Text' && prev.type === 'Text' && prev.range.end === p.range.start) {
    prev.value += p.value;
    prev.range.end = p.range.end;
    return;
  }
  parts.push(p);
}

/** The single parser instance (Chevrotain parsers are built once and reused). */
export const tclParser = new TclParser();

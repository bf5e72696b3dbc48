/**
 * AST node types for iRules / Tcl. Nodes are plain, serializable objects: a `type`
 * discriminant and a `range` of 0-based, end-exclusive UTF-16 offsets into the source text.
 * Nodes hold no parent links; `walk.ts` passes the ancestor chain instead.
 */
import type { Range } from '../diagnostics.js';

export type { Range };

/** Which parser behaviour to follow. */
export type Dialect = 'irule' | 'tcl';

/** A sequence of commands: a whole file, a braced body or a command substitution. */
export interface Script {
  type: 'Script';
  /** The text the script covers (for a body: the brace content). */
  range: Range;
  /** Commands and comments in source order. */
  body: Statement[];
  /**
   * Only on a whole file held in a `rule NAME { ... }` or `ltm rule NAME { ... }` wrapper (a
   * bigip.conf export): the rule's name and where the wrapper's words are. `body` then holds the
   * statements inside the wrapper, as if the file were the bare rule.
   */
  wrapper?: { name: string; range: Range };
}

/** Anything that may stand where a command may start. */
export type Statement = Command | When | Proc | Comment;

/** A `#` comment at a position where a command may start. */
export interface Comment {
  type: 'Comment';
  /** From `#` to the end of the line (not including the newline). */
  range: Range;
  /** The comment text including the leading `#`. */
  text: string;
}

/** One Tcl command: a list of words. */
export interface Command {
  type: 'Command';
  /** From the first character of the first word to the end of the last word. */
  range: Range;
  /** The words; the first one names the command. */
  words: Word[];
}

/** `when EVENT [priority N] [timing on|off] { body }`, lifted from a command. */
export interface When {
  type: 'When';
  /** The whole command. */
  range: Range;
  /** The command's words, as for a Command. */
  words: Word[];
  /** Event name as written (empty when missing). */
  event: string;
  /** Where the event name is. */
  eventRange: Range;
  /** `priority N` value when given and numeric. */
  priority?: number;
  /** Where the priority value is. */
  priorityRange?: Range;
  /** `timing on|off` value when given. */
  timing?: string;
  /** The parsed handler body, when the last word is a body. */
  body?: Script;
}

/** `proc name args body`, lifted from a command. */
export interface Proc {
  type: 'Proc';
  /** The whole command. */
  range: Range;
  /** The command's words, as for a Command. */
  words: Word[];
  /** Procedure name as written (empty when not literal). */
  name: string;
  /** Where the name is. */
  nameRange: Range;
  /** Parameter names (first element of each parameter spec). */
  params: string[];
  /** The parsed body. */
  body?: Script;
}

/** A word of a command. */
export type Word = BareWord | QuotedWord | BracedWord | ExpandWord;

/** An unquoted word: text, escapes and substitutions run together. */
export interface BareWord {
  type: 'BareWord';
  /** The word's extent. */
  range: Range;
  /** Its pieces in order. */
  parts: Part[];
}

/** A `"..."` word. */
export interface QuotedWord {
  type: 'QuotedWord';
  /** The word's extent, including both quotes. */
  range: Range;
  /** The pieces between the quotes. */
  parts: Part[];
}

/** A `{...}` word: literal text, possibly parsed further as a script, expression or list. */
export interface BracedWord {
  type: 'BracedWord';
  /** The word's extent, including both braces. */
  range: Range;
  /** The literal content between the braces (backslash-newline already folded as Tcl does). */
  text: string;
  /** Where the content is. */
  contentRange: Range;
  /** The content parsed as code, when the command catalog says this argument is code. */
  parsed?: Script | Expr | ListNode;
}

/** `{*}word` argument expansion (Tcl 8.5+; the tcl dialect only). */
export interface ExpandWord {
  type: 'ExpandWord';
  /** From `{*}` to the end of the expanded word. */
  range: Range;
  /** The word being expanded. */
  word: BareWord | QuotedWord | BracedWord;
}

/** A piece of a bare or quoted word. */
export type Part = Text | Escape | VarRef | CmdSubst;

/** Literal characters. */
export interface Text {
  type: 'Text';
  /** Where. */
  range: Range;
  /** The characters. */
  value: string;
}

/** A backslash sequence. */
export interface Escape {
  type: 'Escape';
  /** Where (from the backslash). */
  range: Range;
  /** The sequence as written. */
  raw: string;
  /** What it stands for. */
  value: string;
}

/** `$name`, `${name}` or `$name(index)`. */
export interface VarRef {
  type: 'VarRef';
  /** From `$` to the end of the reference. */
  range: Range;
  /** Variable name as written, e.g. `::x` or `static::y` (without the index). */
  name: string;
  /** Where the name is. */
  nameRange: Range;
  /** Whether written as `${name}`. */
  braced: boolean;
  /** The array index pieces, when the reference has `(index)`. */
  index?: Part[];
}

/** `[script]`. */
export interface CmdSubst {
  type: 'CmdSubst';
  /** From `[` to `]` inclusive. */
  range: Range;
  /** The nested script. */
  script: Script;
}

/** A parsed expression (the argument of `expr`, an `if`/`while`/`for` condition). */
export interface Expr {
  type: 'Expr';
  /** The expression text. */
  range: Range;
  /** The expression tree; absent when the text is empty or could not be parsed at all. */
  root?: ExprNode;
}

/** A node of an expression tree. */
export type ExprNode =
  | ExprLiteral
  | ExprQuoted
  | VarRef
  | CmdSubst
  | ExprUnary
  | ExprBinary
  | ExprTernary
  | ExprCall;

/** A number, a boolean word or a braced string inside an expression. */
export interface ExprLiteral {
  type: 'ExprLiteral';
  /** Where. */
  range: Range;
  /** What kind of literal. */
  kind: 'number' | 'boolean' | 'string';
  /** Its text (braced strings without the braces). */
  value: string;
}

/** A `"..."` string inside an expression, with substitutions. */
export interface ExprQuoted {
  type: 'ExprQuoted';
  /** Where, including quotes. */
  range: Range;
  /** Its pieces. */
  parts: Part[];
}

/** A unary operator application: `-`, `+`, `~`, `!`, `not`. */
export interface ExprUnary {
  type: 'ExprUnary';
  /** Whole application. */
  range: Range;
  /** The operator as written. */
  op: string;
  /** The operand. */
  operand: ExprNode;
}

/** A binary operator application (arithmetic, comparison, logic, or an iRule string operator). */
export interface ExprBinary {
  type: 'ExprBinary';
  /** Whole application. */
  range: Range;
  /** The operator as written (`==`, `eq`, `contains`, `and` ...). */
  op: string;
  /** Where the operator is. */
  opRange: Range;
  /** Left operand. */
  left: ExprNode;
  /** Right operand. */
  right: ExprNode;
}

/** `cond ? a : b`. */
export interface ExprTernary {
  type: 'ExprTernary';
  /** Whole expression. */
  range: Range;
  /** Condition. */
  cond: ExprNode;
  /** Value when true. */
  then: ExprNode;
  /** Value when false. */
  else: ExprNode;
}

/** A math function call such as `abs($x)`. */
export interface ExprCall {
  type: 'ExprCall';
  /** Whole call. */
  range: Range;
  /** Function name. */
  name: string;
  /** Arguments. */
  args: ExprNode[];
}

/** A braced argument parsed as a Tcl list (e.g. a `switch` pattern/body list). */
export interface ListNode {
  type: 'List';
  /** The list text. */
  range: Range;
  /** Its elements. */
  items: ListItem[];
}

/** One element of a list. */
export interface ListItem {
  type: 'ListItem';
  /** The element's extent including its braces or quotes. */
  range: Range;
  /** The extent of its content. */
  contentRange: Range;
  /** How the element was delimited. */
  delim: 'brace' | 'quote' | 'none';
  /** The element's value after list unquoting. */
  value: string;
  /** The element parsed as code, when it is a body. */
  parsed?: Script | Expr;
  /**
   * In a `switch` list: the element is a word of a line that starts with `#` and looks like a
   * comment. Tcl has no comments there and reads its words as patterns and bodies; the parser
   * pairs the other elements as the author meant (and parses those bodies), not these words.
   */
  inComment?: boolean;
}

/** Any node. */
export type Node =
  | Script
  | Statement
  | Word
  | Part
  | Expr
  | ExprNode
  | ListNode
  | ListItem;

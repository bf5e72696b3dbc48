/**
 * Where a cursor is in a syntax tree: the nodes around it, the command and word it is in (or the
 * new word it starts), and the `when` / `proc` it belongs to. Pure; every language feature starts
 * from here. Offsets are 0-based UTF-16; a cursor at a node's end still counts as inside it, so
 * `HTTP::he<|>` is in the word `HTTP::he`.
 */
import type { Command, Node, Proc, Script, VarRef, When, Word } from '../syntax/ast.js';
import { literalValue } from '../syntax/words.js';
import { walk } from '../lint/walk.js';

/** A node that has words: a command, or a lifted `when` / `proc`. */
export type CommandLike = Command | When | Proc;

/** What surrounds a cursor. */
export interface Cursor {
  /** The offset. */
  offset: number;
  /** The nodes containing the offset, outermost first (the file's script first). */
  chain: Node[];
  /** The innermost script around the cursor (a body, a `[...]`, or the file). */
  script: Script;
  /** The innermost `when` the cursor is in. */
  when?: When;
  /** The innermost `proc` the cursor is in. */
  proc?: Proc;
  /**
   * The command whose words the cursor is in, or which it continues on the same line (after the
   * last word and blanks: a new word); undefined at the start of a command.
   */
  command?: CommandLike;
  /** Index of the cursor's word in `command.words` (`words.length` for a new word); 0 at a command start. */
  wordIndex: number;
  /** The word the cursor is in, when it is in one. */
  word?: Word;
  /** The innermost `$name` the cursor is in. */
  varRef?: VarRef;
}

function isCommandLike(n: Node): n is CommandLike {
  return n.type === 'Command' || n.type === 'When' || n.type === 'Proc';
}

function isWord(n: Node): n is Word {
  return n.type === 'BareWord' || n.type === 'QuotedWord' || n.type === 'BracedWord' || n.type === 'ExpandWord';
}

/** The deepest chain of nodes containing `offset` (the first one found at the greatest depth). */
function chainAt(ast: Script, offset: number): Node[] {
  let best: Node[] = [ast];
  walk(ast, {
    enter(node, ancestors) {
      if (offset < node.range.start || offset > node.range.end) return false;
      if (ancestors.length + 1 > best.length) best = [...ancestors, node];
      return undefined;
    },
  });
  return best;
}

/** Whether the text between `from` and `to` is only blanks (spaces, tabs, backslash-newlines). */
function onlyBlanks(text: string, from: number, to: number): boolean {
  return /^(?:[ \t]|\\\r?\n)*$/.test(text.slice(from, to));
}

/** Locates `offset` in `ast` (whose text is `text`). */
export function locate(ast: Script, text: string, offset: number): Cursor {
  const chain = chainAt(ast, offset);
  const cursor: Cursor = { offset, chain, script: ast, wordIndex: 0 };
  let commandDepth = -1;
  chain.forEach((n, i) => {
    if (n.type === 'Script') cursor.script = n;
    if (n.type === 'When') cursor.when = n;
    if (n.type === 'Proc') cursor.proc = n;
    if (n.type === 'VarRef') cursor.varRef = n;
    if (isCommandLike(n)) commandDepth = i;
  });
  const scriptDepth = chain.lastIndexOf(cursor.script);
  if (commandDepth > scriptDepth) {
    const command = chain[commandDepth] as CommandLike;
    cursor.command = command;
    const word = chain[commandDepth + 1];
    if (word && isWord(word)) {
      cursor.word = word;
      cursor.wordIndex = command.words.indexOf(word);
    } else {
      // Between two words of the command: a new word there.
      const i = command.words.findIndex((w) => w.range.start > offset);
      cursor.wordIndex = i < 0 ? command.words.length : i;
    }
    return cursor;
  }
  // In a script but in no command: continuing the last command of the line, or starting one.
  const before = cursor.script.body.filter((s) => s.range.end <= offset && s.type !== 'Comment');
  const last = before[before.length - 1];
  if (last && isCommandLike(last) && onlyBlanks(text, last.range.end, offset) && last.range.end < offset) {
    cursor.command = last;
    cursor.wordIndex = last.words.length;
  }
  return cursor;
}

/** The literal name of a command (without a leading `::`), or undefined. */
export function nameOf(command: CommandLike): string | undefined {
  const w = command.words[0];
  const name = w ? literalValue(w) : undefined;
  return name !== undefined && name.startsWith('::') ? name.slice(2) : name;
}

/** The text of a word as far as the cursor, for completion prefixes ('' for a new word). */
export function prefixOf(cursor: Cursor, text: string): string {
  const w = cursor.word;
  if (!w) return '';
  const start = w.type === 'BracedWord' ? w.contentRange.start : w.type === 'QuotedWord' ? w.range.start + 1 : w.range.start;
  return text.slice(start, Math.max(start, cursor.offset));
}

/** A word's literal text with where it starts in the source, when the text is the source (no escapes or substitutions). */
export interface Span {
  /** The literal text. */
  text: string;
  /** Offset of its first character. */
  start: number;
}

/** The span of a word whose literal value is written as-is in the source; undefined otherwise. */
export function spanOf(word: Word, source: string): Span | undefined {
  const text = literalValue(word);
  if (text === undefined) return undefined;
  let start: number;
  if (word.type === 'BracedWord') start = word.contentRange.start;
  else if (word.type === 'QuotedWord') start = word.range.start + 1;
  else start = word.range.start;
  return source.slice(start, start + text.length) === text ? { text, start } : undefined;
}

/**
 * Generic tokenizer and parser for tmsh configuration text (`bigip.conf`, `bigip_base.conf`,
 * `tmsh list` output) and for the older bigpipe (v10) `bigip.conf` syntax, which has the same
 * lexical shape. It knows nothing about object types except which bodies are raw Tcl (iRules);
 * `parse-config.ts` gives the tree its meaning.
 *
 * Shape: a document is a list of entries. An entry is the words of one line, optionally ended by a
 * `{ … }` block, which is again a list of entries (`ltm pool /Common/p { members { … } }`). A line
 * break ends an entry, and so does a block: `records { a { } b { } }` holds two entries. Words are
 * bare or `"quoted"` (backslash escapes). `#` starts a comment when it is the first thing on a
 * line. Raw bodies (`ltm rule NAME { … }`) are kept verbatim, balanced by braces as Tcl does.
 *
 * Hand-written rather than Chevrotain: the grammar is three token kinds and one nesting rule, and
 * error recovery here is line-oriented (an object header at column 0 closes anything left open),
 * which a scanner expresses more directly than a grammar.
 */
import { type Range, excerpt } from '../diagnostics.js';
import { type ConfigDiagnostic, DiagnosticSink } from './diagnostic.js';

/** A bare or quoted word. */
export interface TmshWord {
  /** Discriminant. */
  type: 'Word';
  /** The value: for a quoted word the content with `\"` and `\\` unescaped (other escapes kept as written). */
  text: string;
  /** True when written in double quotes. */
  quoted: boolean;
  /** Where the word is, quotes included. */
  range: Range;
}

/** A `{ … }` block of entries. */
export interface TmshBlock {
  /** Discriminant. */
  type: 'Block';
  /** The entries, in order. */
  entries: TmshEntry[];
  /** From `{` to just past `}` (to the end of the recovered text when unclosed). */
  range: Range;
  /** False when the closing brace was missing (a diagnostic was reported). */
  closed: boolean;
}

/** A `{ … }` block kept as raw text (an iRule body), balanced by braces. */
export interface TmshRawBlock {
  /** Discriminant. */
  type: 'RawBlock';
  /** The text between the braces, verbatim. */
  text: string;
  /** From `{` to just past `}`. */
  range: Range;
  /** The range of `text` (just after `{` to the closing `}`). */
  contentRange: Range;
  /** False when the closing brace was missing (a diagnostic was reported). */
  closed: boolean;
}

/** One entry: the words of a line, optionally followed by a block that ends the entry. */
export interface TmshEntry {
  /** Discriminant. */
  type: 'Entry';
  /** The words before the block (may be empty for a bare `{ … }`). */
  words: TmshWord[];
  /** The block, if the entry has one. */
  body?: TmshBlock | TmshRawBlock;
  /** From the first word (or the block) to the end of the last word or block. */
  range: Range;
}

/** A `#` comment line. */
export interface TmshComment {
  /** Discriminant. */
  type: 'Comment';
  /** The comment text including `#`, without the line break. */
  text: string;
  /** Where the comment is. */
  range: Range;
}

/** A parsed tmsh text. */
export interface TmshDocument {
  /** Discriminant. */
  type: 'Document';
  /** Top-level entries (objects). */
  entries: TmshEntry[];
  /** All comments, anywhere in the text, in order. */
  comments: TmshComment[];
  /** The whole text. */
  range: Range;
}

/** Where a block opens, for deciding whether it is raw text. */
export interface BlockContext {
  /** Words of the top-level entry (the object header, e.g. `ltm rule /Common/r`). */
  top: readonly string[];
  /** Words of the entry the block belongs to (equal to `top` at depth 0). */
  own: readonly string[];
  /** Number of enclosing blocks (0 for an object body). */
  depth: number;
}

/** Decides whether the block ending an entry is raw text. */
export type RawBodyPredicate = (context: BlockContext) => boolean;

/** Options for `parseTmsh`. */
export interface TmshParseOptions {
  /** Which blocks are raw Tcl; defaults to `isRawBodyPath`. */
  rawBody?: RawBodyPredicate;
  /** Name of the text, copied into diagnostics. */
  source?: string;
  /** Called with each top-level entry as soon as it is complete (lets a caller build objects while the tree is young). */
  onEntry?: (entry: TmshEntry) => void;
  /** Keep top-level entries in `document.entries` (default true; false saves memory when `onEntry` consumes them). */
  keepEntries?: boolean;
  /**
   * Called as each block opens: a function returned here takes the block's entries one by one as
   * they end, and the block keeps none (a million-record data group then never stands as a tree).
   */
  streamBlock?: (context: BlockContext) => ((entry: TmshEntry) => void) | undefined;
}

/** Result of `parseTmsh`. */
export interface TmshParseResult {
  /** The tree (always present, even for broken input). */
  document: TmshDocument;
  /** Syntax problems. */
  diagnostics: ConfigDiagnostic[];
}

/** Module keywords that start a tmsh object at column 0; used to recover from missing braces. */
const MODULE_KEYWORDS = new Set([
  'ltm', 'net', 'sys', 'gtm', 'auth', 'cm', 'security', 'apm', 'asm', 'pem', 'wom', 'cli',
  'analytics', 'ilx', 'vcmp', 'avr', 'lsn', 'fpga', 'wam', 'util', 'api-protection',
]);

/**
 * The default raw-body rule: `ltm rule N`, `gtm rule N`, v10 `rule N`, `cli script N` bodies, and
 * the Tcl parts of `sys icall script` (`definition`) and `sys application template`
 * (`implementation`, `presentation`, `html-help`).
 */
export function isRawBodyPath({ top, own, depth }: BlockContext): boolean {
  if (depth === 0) {
    if ((top[0] === 'ltm' || top[0] === 'gtm') && top[1] === 'rule' && top.length === 3) return true;
    if (top[0] === 'rule' && top.length === 2) return true;
    return top[0] === 'cli' && top[1] === 'script' && top.length === 3;
  }
  const key = own[own.length - 1];
  if (top[0] === 'sys' && top[1] === 'icall' && top[2] === 'script') return key === 'definition';
  if (top[0] === 'sys' && top[1] === 'application' && top[2] === 'template') {
    return key === 'implementation' || key === 'presentation' || key === 'html-help';
  }
  return false;
}

/** True when the line starting at `lineStart` looks like a top-level tmsh object header (`ltm pool /Common/p {`). */
export function isObjectHeaderLine(text: string, lineStart: number): boolean {
  // Cheap test first: this runs at every line start inside rule bodies and strings.
  let w = lineStart;
  while (w < text.length && ((text[w] >= 'a' && text[w] <= 'z') || text[w] === '-')) w++;
  if (w === lineStart || !MODULE_KEYWORDS.has(text.slice(lineStart, w))) return false;
  let end = text.indexOf('\n', w);
  if (end === -1) end = text.length;
  return /^[ \t]+[^\s{}"]+(?:[ \t]+[^\s{}"]+)*[ \t]*\{[ \t\r]*$/.test(text.slice(w, end));
}

/** The word list of an entry without words. */
const NO_WORDS: string[] = [];

/** An open block while parsing. */
interface Frame {
  /** Entries collected so far. */
  entries: TmshEntry[];
  /** Words of the entry being read. */
  pending: TmshWord[];
  /** Offset of the `{` that opened this block (-1 for the document). */
  open: number;
  /** Words of the entry that owns this block. */
  ownerWords: TmshWord[];
  /** Word texts of the top-level entry that owns this block (or its ancestor). */
  top: string[];
  /** Number of blocks enclosing this one (-1 for the document, 0 for an object body). */
  depth: number;
  /** Takes the entries instead of `entries` (see `TmshParseOptions.streamBlock`). */
  stream?: (entry: TmshEntry) => void;
}

/** True for the blanks that separate words on a line (not the line break). */
function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 13 || code === 12 || code === 11;
}

/** A bare word: up to a blank, a line break or a brace. */
const BARE_WORD_RE = /[^ \t\r\f\v\n{}]+/y;

/** Parses tmsh text into a tree. Never throws; problems come back as diagnostics and the rest is still read. */
export function parseTmsh(text: string, options: TmshParseOptions = {}): TmshParseResult {
  const diagnostics: ConfigDiagnostic[] = [];
  const sink = new DiagnosticSink(text, diagnostics, options.source);
  const rawBody = options.rawBody ?? isRawBodyPath;
  const comments: TmshComment[] = [];
  const root: Frame = { entries: [], pending: [], open: -1, ownerWords: [], top: [], depth: -1 };
  const stack: Frame[] = [root];
  const n = text.length;
  let i = 0;
  /** Whether a token has been seen on the current line (a `#` after one is not a comment). */
  let tokenOnLine = false;
  let lineStart = 0;

  const top = (): Frame => stack[stack.length - 1];
  const keep = options.keepEntries !== false;
  const onEntry = options.onEntry;

  /** Adds a finished entry to a frame (a top-level one goes to `onEntry` too). */
  const add = (f: Frame, entry: TmshEntry): void => {
    if (f.stream) f.stream(entry);
    else if (f !== root) f.entries.push(entry);
    else {
      if (keep) f.entries.push(entry);
      onEntry?.(entry);
    }
  };

  /** Ends the pending entry of a frame (one without a block). */
  const flush = (f: Frame): void => {
    if (f.pending.length === 0) return;
    const words = f.pending;
    add(f, { type: 'Entry', words, range: { start: words[0].range.start, end: words[words.length - 1].range.end } });
    f.pending = [];
  };

  /** Closes the innermost frame with a block ending at `end`. */
  const closeFrame = (end: number, closed: boolean): void => {
    const f = stack.pop() as Frame;
    flush(f);
    const block: TmshBlock = { type: 'Block', entries: f.entries, range: { start: f.open, end }, closed };
    const parent = top();
    const start = f.ownerWords.length > 0 ? f.ownerWords[0].range.start : f.open;
    add(parent, { type: 'Entry', words: f.ownerWords, body: block, range: { start, end } });
  };

  /** Reports the innermost unclosed block and closes every open block at `end`. */
  const closeAll = (end: number, why: string): void => {
    if (stack.length <= 1) return;
    const inner = top();
    sink.error('config-syntax', `missing '}': the '{'${describeOwner(stack)} is not closed ${why}`, { start: inner.open, end: inner.open + 1 });
    while (stack.length > 1) closeFrame(end, false);
  };

  while (i < n) {
    const code = text.charCodeAt(i);
    if (code === 10) {
      flush(top());
      i++;
      lineStart = i;
      tokenOnLine = false;
      continue;
    }
    if (isBlank(code)) {
      i++;
      continue;
    }
    if (!tokenOnLine && i === lineStart && stack.length > 1 && isObjectHeaderLine(text, i)) {
      const { line } = sink.position(i);
      closeAll(trimBackToLineBreak(text, i), `before the next object on line ${line}`);
    }
    if (code === 35 /* # */ && !tokenOnLine) {
      let end = text.indexOf('\n', i);
      if (end === -1) end = n;
      const textEnd = end > i && text[end - 1] === '\r' ? end - 1 : end;
      comments.push({ type: 'Comment', text: text.slice(i, textEnd), range: { start: i, end: textEnd } });
      i = end;
      continue;
    }
    tokenOnLine = true;
    if (code === 123 /* { */) {
      const f = top();
      const own = f.pending.length > 0 ? f.pending.map((w) => w.text) : NO_WORDS;
      const context: BlockContext = { top: f.depth === -1 ? own : f.top, own, depth: f.depth + 1 };
      if (own.length > 0 && rawBody(context)) {
        const raw = scanRaw(text, i, sink, context.top);
        const words = f.pending;
        add(f, { type: 'Entry', words, body: raw.block, range: { start: words[0].range.start, end: raw.block.range.end } });
        f.pending = [];
        i = raw.next;
        if (raw.next > 0 && text[raw.next - 1] === '\n') {
          lineStart = raw.next;
          tokenOnLine = false;
        }
        continue;
      }
      const frame: Frame = { entries: [], pending: [], open: i, ownerWords: f.pending, top: context.top as string[], depth: context.depth };
      const stream = options.streamBlock?.(context);
      if (stream) frame.stream = stream;
      stack.push(frame);
      f.pending = [];
      i++;
      continue;
    }
    if (code === 125 /* } */) {
      if (stack.length > 1) closeFrame(i + 1, true);
      else sink.error('config-syntax', "unexpected '}' with no open '{'", { start: i, end: i + 1 });
      i++;
      continue;
    }
    if (code === 34 /* " */) {
      const q = scanQuoted(text, i, sink);
      top().pending.push(q.word);
      i = q.next;
      continue;
    }
    BARE_WORD_RE.lastIndex = i;
    BARE_WORD_RE.test(text);
    const j = BARE_WORD_RE.lastIndex;
    top().pending.push({ type: 'Word', text: text.slice(i, j), quoted: false, range: { start: i, end: j } });
    i = j;
  }
  closeAll(n, 'at the end of the text');
  flush(root);
  return { document: { type: 'Document', entries: root.entries, comments, range: { start: 0, end: n } }, diagnostics };
}

/** Names the innermost open block: ` of 'members' in 'ltm pool /Common/p'`, or ` of 'ltm pool /Common/p'`. */
function describeOwner(stack: Frame[]): string {
  const words = (f: Frame | undefined): string => (f ? excerpt(f.ownerWords.map((w) => w.text).join(' ')) : '');
  const inner = words(stack[stack.length - 1]);
  const outer = words(stack[1]);
  if (stack.length <= 2) return outer ? ` of '${outer}'` : '';
  const innerPart = inner ? ` of '${inner}'` : '';
  return outer ? `${innerPart} in '${outer}'` : innerPart;
}

/** The offset just before the line break(s) preceding `lineStart` (so a recovered block does not own the blank lines). */
function trimBackToLineBreak(text: string, lineStart: number): number {
  let e = lineStart;
  while (e > 0 && (text[e - 1] === '\n' || text[e - 1] === '\r')) e--;
  return e;
}

/** Scans a quoted word starting at the `"` at `start`. An unterminated string ends at its first line break. */
function scanQuoted(text: string, start: number, sink: DiagnosticSink): { word: TmshWord; next: number } {
  const n = text.length;
  let out = '';
  let j = start + 1;
  while (j < n) {
    const ch = text[j];
    if (ch === '\\' && j + 1 < n) {
      const nx = text[j + 1];
      out += nx === '"' || nx === '\\' ? nx : ch + nx;
      j += 2;
      continue;
    }
    if (ch === '"') {
      return { word: { type: 'Word', text: out, quoted: true, range: { start, end: j + 1 } }, next: j + 1 };
    }
    if (ch === '\n' && isObjectHeaderLine(text, j + 1)) break;
    out += ch;
    j++;
  }
  sink.error('config-syntax', 'unterminated string: missing closing \'"\'', { start, end: start + 1 });
  let end = text.indexOf('\n', start);
  if (end === -1) end = n;
  const content = text.slice(start + 1, end).replace(/\r$/, '');
  return { word: { type: 'Word', text: content, quoted: true, range: { start, end } }, next: end };
}

/**
 * Scans a raw block at the `{` at `start`, counting braces as Tcl does for a braced word
 * (a backslash escapes the next character; quotes and comments do not matter). If the braces do
 * not balance before an object header at column 0 or the end of the text, the body ends there.
 */
function scanRaw(
  text: string,
  start: number,
  sink: DiagnosticSink,
  top: readonly string[],
): { block: TmshRawBlock; next: number } {
  const n = text.length;
  let depth = 1;
  let j = start + 1;
  while (j < n) {
    const ch = text[j];
    if (ch === '\\') {
      j += 2;
      continue;
    }
    if (ch === '{') depth++;
    else if (ch === '}') {
      depth--;
      if (depth === 0) {
        const contentRange = { start: start + 1, end: j };
        return {
          block: { type: 'RawBlock', text: text.slice(start + 1, j), range: { start, end: j + 1 }, contentRange, closed: true },
          next: j + 1,
        };
      }
    } else if (ch === '\n' && isObjectHeaderLine(text, j + 1)) {
      return unclosedRaw(text, start, j + 1, sink, top, `before the next object on line ${sink.position(j + 1).line}`);
    }
    j++;
  }
  return unclosedRaw(text, start, n, sink, top, 'at the end of the text');
}

/** Builds the result for a raw block whose closing brace is missing; the body ends at `stop`. */
function unclosedRaw(
  text: string,
  start: number,
  stop: number,
  sink: DiagnosticSink,
  top: readonly string[],
  why: string,
): { block: TmshRawBlock; next: number } {
  const owner = top.length ? ` of '${excerpt(top.join(' '))}'` : '';
  sink.error('config-syntax', `missing '}': the body${owner} is not closed ${why} (its braces do not balance)`, {
    start,
    end: start + 1,
  });
  const end = Math.min(stop, text.length);
  const contentRange = { start: start + 1, end };
  return {
    block: { type: 'RawBlock', text: text.slice(start + 1, end), range: { start, end }, contentRange, closed: false },
    next: end,
  };
}

/** Prints a tree compactly, one line per entry, for tests and debugging. */
export function printTmsh(doc: TmshDocument | TmshBlock, indent = ''): string {
  const lines: string[] = [];
  for (const e of doc.entries) {
    const words = e.words.map((w) => (w.quoted ? JSON.stringify(w.text) : w.text)).join(' ');
    if (!e.body) lines.push(`${indent}${words}`);
    else if (e.body.type === 'RawBlock') lines.push(`${indent}${words} {raw ${JSON.stringify(e.body.text)}}`);
    else if (e.body.entries.length === 0) lines.push(`${indent}${words} { }`);
    else if (indent.length > 80) lines.push(`${indent}${words} { … }`);
    else {
      lines.push(`${indent}${words} {`);
      lines.push(printTmsh(e.body, `${indent}  `));
      lines.push(`${indent}}`);
    }
  }
  return lines.join('\n');
}

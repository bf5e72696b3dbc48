/**
 * Which dialect a text is analysed in when the user did not say: one function shared by the CLI
 * and the language server, so both always agree. It looks at the content first (a cheap scan of
 * the top-level commands, no parse) and at the name only when the content does not tell.
 */
import { getCommand } from '../catalog/load.js';
import type { Dialect } from './ast.js';

/** A dialect and, in a few words, why it was chosen (shown by `--debug-ast` and the JSON output). */
export interface DialectChoice {
  /** The dialect. */
  dialect: Dialect;
  /** Why, e.g. "top-level when blocks" or ".tcl file without when blocks". */
  reason: string;
}

/**
 * The dialect for a text named `name` (a path or file name; empty for unnamed input):
 * - top-level `when` blocks, or a `rule NAME { ... }` / `ltm rule NAME { ... }` wrapper: `irule`,
 *   whatever the extension (most public iRules are kept as `.tcl` files);
 * - otherwise a `#!` line naming a Tcl shell (tclsh, wish, expect, jimsh): `tcl`;
 * - otherwise a `.tcl` file: `tcl`, unless it calls an iRule command (`HTTP::uri`, `class` is not
 *   enough: a namespaced command of the catalog), which makes it an iRule library of procs;
 * - otherwise (`.irule`, `.irul`, any other name, standard input): `irule`.
 */
export function explainDialect(name: string, text: string): DialectChoice {
  const top = scanTopLevel(text);
  if (top === 'when') return { dialect: 'irule', reason: 'top-level when blocks' };
  if (top === 'wrapper') return { dialect: 'irule', reason: 'a rule NAME { ... } wrapper' };
  if (/^#![^\n]*\b(?:tclsh|wish|expect|jimsh)/.test(text)) return { dialect: 'tcl', reason: 'a Tcl shell script (#! line) without when blocks' };
  if (!name.toLowerCase().endsWith('.tcl')) return { dialect: 'irule', reason: name === '' ? 'no when blocks; unnamed input is an iRule' : 'no when blocks; not a .tcl file' };
  const call = iruleCommandIn(text);
  if (call !== undefined) return { dialect: 'irule', reason: `.tcl file of procs calling iRule commands (${call})` };
  return { dialect: 'tcl', reason: '.tcl file without when blocks or iRule commands' };
}

/** The dialect for a text named `name` (see {@link explainDialect}). */
export function chooseDialect(name: string, text: string): Dialect {
  return explainDialect(name, text).dialect;
}

const SPACE = 32;
const TAB = 9;
const NL = 10;
const CR = 13;
const BACKSLASH = 92;

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB || c === CR || c === 11 || c === 12;
}

/**
 * What the top-level commands show: `when` (a `when EVENT ...` command), `wrapper` (`rule NAME {`
 * or `ltm rule NAME {`), or undefined. Follows Tcl's command boundaries (newline or `;` outside
 * braces, brackets and quotes; `#` comments at a command start) without building anything, so a
 * `when` inside a braced string or a comment does not count.
 */
function scanTopLevel(text: string): 'when' | 'wrapper' | undefined {
  const n = text.length;
  let i = 0;
  while (i < n) {
    // The start of a command: skip separators.
    let c = text.charCodeAt(i);
    if (isBlank(c) || c === NL || c === 59) {
      i++;
      continue;
    }
    if (c === BACKSLASH && text.charCodeAt(i + 1) === NL) {
      i += 2;
      continue;
    }
    if (c === 35) {
      // A comment runs to the end of the line; backslash-newline continues it.
      while (i < n && text.charCodeAt(i) !== NL) i += text.charCodeAt(i) === BACKSLASH ? 2 : 1;
      continue;
    }
    const words = leadingWords(text, i, 4);
    if (words[0] === 'when' && words.length >= 2) return 'when';
    if (words[0] === 'rule' && words.length >= 3 && words[2].startsWith('{')) return 'wrapper';
    if (words[0] === 'ltm' && words[1] === 'rule' && words.length >= 4 && words[3].startsWith('{')) return 'wrapper';
    // Skip the rest of the command.
    let braces = 0;
    let brackets = 0;
    let quoted = false;
    for (; i < n; i++) {
      c = text.charCodeAt(i);
      if (c === BACKSLASH) i++;
      else if (c === 123 && !quoted) braces++;
      else if (c === 125 && !quoted && braces > 0) braces--;
      else if (braces === 0) {
        if (c === 91) brackets++;
        else if (c === 93 && brackets > 0) brackets--;
        else if (c === 34 && brackets === 0) quoted = !quoted;
        else if ((c === NL || c === 59) && brackets === 0 && !quoted) break;
      }
    }
  }
  return undefined;
}

/** Up to `max` words of the command at `i`, split at blanks (a word starting with `{` is cut to `{`). */
function leadingWords(text: string, i: number, max: number): string[] {
  const words: string[] = [];
  const n = text.length;
  while (i < n && words.length < max) {
    const c = text.charCodeAt(i);
    if (c === NL || c === 59) break;
    if (isBlank(c)) {
      i++;
      continue;
    }
    if (c === 123) {
      words.push('{');
      break;
    }
    let j = i;
    while (j < n && !isBlank(text.charCodeAt(j)) && text.charCodeAt(j) !== NL && text.charCodeAt(j) !== 59) j++;
    words.push(text.slice(i, j));
    i = j;
  }
  return words;
}

/** The first namespaced iRule command (`HTTP::uri`, in the catalog) the text calls, if any. */
function iruleCommandIn(text: string): string | undefined {
  const re = /(?:^|[\s[;{"])((?:[A-Z][A-Za-z0-9_]*)::[a-z_][a-z0-9_]*)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (getCommand(m[1]) !== undefined) return m[1];
  }
  return undefined;
}

/**
 * Checks on the text a fix puts in place of a word: the parser must read it back as exactly one
 * plain word with the intended value, so a fix never changes more than the word it means to.
 */
import { parse } from '../../syntax/index.js';
import { literalValue } from '../../syntax/words.js';

/**
 * Whether `text`, written in place of a word, is read by Tcl as one bare word whose value is
 * `text` itself: no spaces, `;`, brackets, `$`, braces, quotes or backslashes to give it another
 * meaning (`a;reject` would be two commands).
 */
export function isPlainWord(text: string): boolean {
  if (text === '' || !/^[^\s;[\]${}"\\#]+$/.test(text)) return false;
  const { ast, diagnostics } = parse(text);
  if (diagnostics.length > 0 || ast.body.length !== 1) return false;
  const cmd = ast.body[0];
  return cmd.type === 'Command' && cmd.words.length === 1 && cmd.words[0].type === 'BareWord' && literalValue(cmd.words[0]) === text;
}

/** Helpers on words that need no parser (cheap to import). */
import type { Word } from './ast.js';

/** The literal value of a word when it has no substitutions, else undefined. */
export function literalValue(word: Word): string | undefined {
  if (word.type === 'BracedWord') return word.text;
  if (word.type === 'ExpandWord') return undefined;
  const parts = word.parts;
  if (parts.length === 1 && parts[0].type === 'Text') return parts[0].value;
  let s = '';
  for (const p of parts) {
    if (p.type === 'Text') s += p.value;
    else if (p.type === 'Escape') s += p.value;
    else return undefined;
  }
  return s;
}

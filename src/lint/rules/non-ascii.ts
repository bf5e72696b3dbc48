// Reports non-ASCII characters in code outside strings and comments, such as smart quotes or
// dashes pasted from a word processor: BIG-IP does not read them as Tcl syntax.
// Doc: docs/rules/non-ascii.md
import { defineRule } from '../rule.js';

/** What a lookalike character was probably meant to be. */
const LOOKALIKES: Record<string, string> = {
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u2018': "'",
  '\u2019': "'",
  '\u2013': '-',
  '\u2014': '-',
  '\u2212': '-',
  '\u00a0': 'a space',
  '\u200b': 'nothing',
  '\ufeff': 'nothing',
};

/** Any character outside ASCII (a quick test before the character-by-character scan). */
const NON_ASCII = /[^\u0000-\u007f]/;

export default defineRule({
  id: 'non-ascii',
  meta: {
    description: 'Non-ASCII characters in code outside strings and comments',
    category: 'correctness',
    defaultSeverity: 'warning',
    recommended: true,
    dialects: ['irule', 'tcl'],
    fixable: 'none',
    messages: {
      lookalike: '"{{char}}" (U+{{code}}) in code looks like {{meant}} but is not: BIG-IP does not read it as Tcl syntax; type {{meant}}',
      other: 'non-ASCII character "{{char}}" (U+{{code}}) in code outside a string: BIG-IP rejects or misreads it; put text in quotes or use an escape',
    },
  },
  create(ctx) {
    // Most files are plain ASCII: one scan of the text spares a visit of every bare word.
    if (!NON_ASCII.test(ctx.source)) return {};
    return {
      // Text directly in bare words (command names, options, unquoted values); quoted and braced
      // words are strings, and comments are free text.
      BareWord(word) {
        for (const part of word.parts) {
          if (part.type !== 'Text' || !NON_ASCII.test(part.value)) continue;
          const v = part.value;
          for (let i = 0; i < v.length; i++) {
            const c = v.charCodeAt(i);
            if (c < 0x80) continue;
            const char = String.fromCodePoint(v.codePointAt(i)!);
            const at = part.range.start + i;
            const code = v.codePointAt(i)!.toString(16).toUpperCase().padStart(4, '0');
            const meant = LOOKALIKES[char];
            if (meant) ctx.report({ range: { start: at, end: at + char.length }, messageId: 'lookalike', data: { char, code, meant } });
            else ctx.report({ range: { start: at, end: at + char.length }, messageId: 'other', data: { char, code } });
            if (char.length === 2) i++;
          }
        }
      },
    };
  },
});

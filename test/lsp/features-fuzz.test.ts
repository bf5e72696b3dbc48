/**
 * Robustness of the language features: on random iRule-like texts, at every kind of offset
 * (inside words, between them, past the end), no feature throws, and every range it returns lies
 * inside the document.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Range as LspRange } from 'vscode-languageserver';
import { completionsAt } from '../../src/lsp/features/completion.js';
import { definitionAt } from '../../src/lsp/features/definition.js';
import { documentSymbols } from '../../src/lsp/features/document-symbols.js';
import { hoverAt } from '../../src/lsp/features/hover.js';
import { referencesAt } from '../../src/lsp/features/references.js';
import { prepareRenameAt, renameAt } from '../../src/lsp/features/rename.js';
import { signatureHelpAt } from '../../src/lsp/features/signature-help.js';
import { workspaceSymbols } from '../../src/lsp/features/workspace-symbols.js';
import { analyzed, sourceFile } from './helpers.js';

const PIECES = [
  'when ', 'HTTP_REQUEST ', 'RULE_INIT ', 'priority 10 ', '{', '}', '[', ']', '"', '\\', '\n', ' ', '$', '$x', '${y', '$a(1)', '::', 'static::s ',
  'proc p {a {b 1}} ', 'call ', 'lib::p ', 'p ', 'set x 1', 'foreach {k v} $l ', 'class match ', '-name ', 'equals ', 'pool ', 'web ', 'HTTP::header ',
  'info exists x', 'event ', '#', ';', '😀',
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((a) => a.join(''));
const CONF = 'ltm pool /Common/web { }\nltm data-group internal /Common/x { type string }\n';

describe('feature robustness', () => {
  it('never throws and returns ranges inside the document', () => {
    const lib = sourceFile('file:///w/lib.irule', 'proc p {a} {}\n');
    fc.assert(
      fc.property(text, fc.integer({ min: -3, max: 400 }), (t, at) => {
        const a = analyzed(t, { bigip: CONF });
        const offset = Math.max(0, Math.min(at, t.length));
        const inside = (r: LspRange): void => {
          expect(a.doc.offsetAt(r.start)).toBeLessThanOrEqual(a.doc.offsetAt(r.end));
          expect(r.end.line).toBeLessThanOrEqual(a.doc.lineCount);
        };
        const nav = { a, files: [lib] };
        const h = hoverAt(a, offset);
        if (h?.range) inside(h.range);
        for (const c of completionsAt(a, offset, [lib])) if (c.textEdit && 'range' in c.textEdit) inside(c.textEdit.range);
        signatureHelpAt(a, offset);
        documentSymbols(a).forEach((s) => inside(s.selectionRange));
        for (const l of [...definitionAt(nav, offset), ...referencesAt(nav, offset, true)]) if (l.uri === a.doc.uri) inside(l.range);
        const prep = prepareRenameAt(a, offset);
        if ('range' in prep) inside(prep.range);
        renameAt(nav, offset, 'renamed');
        workspaceSymbols([lib, { uri: a.doc.uri, doc: a.doc, ast: a.ast }], t.slice(0, 3));
      }),
      { numRuns: 150, interruptAfterTimeLimit: 5000, seed: 9 },
    );
  });
});

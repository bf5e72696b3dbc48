/** Folding ranges: bodies, switch lists, data, strings and comment runs, with the lines an editor folds. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldingRanges } from '../../src/lsp/features/folding.js';
import { analyzed } from './harness.js';
import { anyText, parsedDoc } from './layout-inputs.js';

/** Folds as `[startLine, endLine, kind?]`. */
function folds(text: string): (number | string)[][] {
  return foldingRanges(analyzed(text)).map((f) => (f.kind ? [f.startLine, f.endLine, f.kind] : [f.startLine, f.endLine]));
}

describe('folding ranges', () => {
  it('folds event handlers, procs, if/else arms and switch lists up to the line before their closing brace', () => {
    const text = [
      /* 0 */ '# Route requests.',
      /* 1 */ '# Second comment line.',
      /* 2 */ '# Third.',
      /* 3 */ 'when HTTP_REQUEST priority 100 {',
      /* 4 */ '    if { [HTTP::uri] starts_with "/api" } {',
      /* 5 */ '        pool api',
      /* 6 */ '    } else {',
      /* 7 */ '        switch -glob -- [HTTP::host] {',
      /* 8 */ '            "a*" {',
      /* 9 */ '                pool a',
      /* 10 */ '            }',
      /* 11 */ '            default { pool web }',
      /* 12 */ '        }',
      /* 13 */ '    }',
      /* 14 */ '}',
      /* 15 */ 'proc tidy {s} {',
      /* 16 */ '    return [string trim $s]',
      /* 17 */ '}',
      '',
    ].join('\n');
    expect(folds(text)).toEqual([
      [0, 2, 'comment'],
      [3, 13],
      [4, 5],
      [6, 12],
      [7, 11],
      [8, 9],
      [15, 16],
    ]);
  });

  it('folds multi-line data, strings and command substitutions, hiding a closing line that holds more than the delimiter', () => {
    const text = [
      /* 0 */ 'when HTTP_REQUEST {',
      /* 1 */ '    set map {',
      /* 2 */ '        /a /b',
      /* 3 */ '        /c /d }',
      /* 4 */ '    HTTP::respond 200 content "<html>',
      /* 5 */ '<p>down</p>',
      /* 6 */ '</html>"',
      /* 7 */ '    set n [string length',
      /* 8 */ '        $map]',
      /* 9 */ '    set one {x}',
      /* 10 */ '}',
    ].join('\n');
    expect(folds(text)).toEqual([
      [0, 9],
      [1, 3],
      [4, 6],
      [7, 8],
    ]);
  });

  it('folds comment runs only when the comments stand alone on consecutive lines', () => {
    const text = [
      /* 0 */ 'when HTTP_REQUEST {',
      /* 1 */ '    # one',
      /* 2 */ '    # two',
      /* 3 */ '',
      /* 4 */ '    # alone',
      /* 5 */ '    pool a ;# trailing',
      /* 6 */ '    # three',
      /* 7 */ '    # four',
      /* 8 */ '}',
    ].join('\n');
    expect(folds(text)).toEqual([
      [0, 7],
      [1, 2, 'comment'],
      [6, 7, 'comment'],
    ]);
  });

  it('gives nothing for one-line constructs, and survives broken text', () => {
    expect(folds('when HTTP_REQUEST { pool a }\n')).toEqual([]);
    expect(folds('when HTTP_REQUEST {\n  if {1} {\n    pool a\n')).toEqual([[0, 2], [1, 2]]);
  });

  it('gives ranges of two lines or more inside the text, one per first line, for random and broken texts', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const doc = parsedDoc(text);
        const ranges = foldingRanges(doc);
        const starts = ranges.map((r) => r.startLine);
        expect(new Set(starts).size).toBe(starts.length);
        for (const r of ranges) {
          expect(r.endLine).toBeGreaterThan(r.startLine);
          expect(r.endLine).toBeLessThan(doc.doc.lineCount);
        }
      }),
      { numRuns: 300, seed: 12 },
    );
  });
});

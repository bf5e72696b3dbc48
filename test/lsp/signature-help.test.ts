import { describe, expect, it } from 'vitest';
import { signatureHelpAt, usageParameters } from '../../src/lsp/features/signature-help.js';
import { withCursor } from './helpers.js';

/** The active signature's label and active parameter text at the marker, or null. */
function active(marked: string): { label: string; param: string } | null {
  const { a, offset } = withCursor(marked);
  const help = signatureHelpAt(a, offset);
  if (!help) return null;
  const sig = help.signatures[help.activeSignature!];
  const range = sig.parameters![help.activeParameter!].label as [number, number];
  return { label: sig.label, param: sig.label.slice(...range) };
}

describe('signature help', () => {
  it('splits a usage line into parameters, bracketed groups whole', () => {
    const line = 'class match [<options>] [--] <item> <operator> <class>';
    expect(usageParameters(line, 'class'.length).map(([s, e]) => line.slice(s, e))).toEqual([
      'match',
      '[<options>]',
      '[--]',
      '<item>',
      '<operator>',
      '<class>',
    ]);
  });

  it('picks the usage line of the subcommand and the parameter of the positional under the cursor', () => {
    expect(active('when HTTP_REQUEST {\n  class match [IP::client_addr] equals <|>\n}')).toEqual({
      label: 'class match [<options>] [--] <item> <operator> <class>',
      param: '<class>',
    });
    expect(active('when HTTP_REQUEST {\n  class lookup <|>\n}')).toEqual({ label: 'class lookup <item> <class>', param: '<item>' });
  });

  it('follows the word index for a command without subcommands', () => {
    expect(active('when HTTP_REQUEST {\n  pool <|>\n}')).toEqual({ label: 'pool <pool_name>', param: '<pool_name>' });
  });

  it('stays silent at a command start and for unknown commands', () => {
    expect(active('when HTTP_REQUEST {\n  <|>\n}')).toBeNull();
    expect(active('when HTTP_REQUEST {\n  no_such_cmd <|>\n}')).toBeNull();
  });
});

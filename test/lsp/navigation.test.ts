import { describe, expect, it } from 'vitest';
import type { Location } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { definitionAt } from '../../src/lsp/features/definition.js';
import { documentSymbols } from '../../src/lsp/features/document-symbols.js';
import { referencesAt } from '../../src/lsp/features/references.js';
import type { NavContext } from '../../src/lsp/navigate.js';
import type { SourceFile } from '../../src/lsp/procs.js';
import { analyzed, sourceFile, withCursor, type DocOptions } from './helpers.js';

const CONF = `ltm pool /Common/web_pool {
    members { /Common/10.0.0.1:80 { address 10.0.0.1 } }
}
ltm data-group internal /Common/allowed {
    type ip
}
`;
const CONF_URI = 'file:///w/bigip.conf';

/** A navigation context for the marked text, its cursor offset, and a way to show locations as `uri:line:text`. */
function nav(marked: string, files: SourceFile[] = [], options: DocOptions = {}): { n: NavContext; offset: number; show: (ls: Location[]) => string[] } {
  const { a, offset } = withCursor(marked, options);
  const n: NavContext = { a, files };
  if (options.bigip !== undefined) n.conf = { uri: CONF_URI, doc: TextDocument.create(CONF_URI, 'bigip-conf', 0, options.bigip) };
  const docs = new Map<string, TextDocument>([[a.doc.uri, a.doc], ...files.map((f): [string, TextDocument] => [f.uri, f.doc])]);
  if (n.conf?.doc) docs.set(CONF_URI, n.conf.doc);
  const show = (ls: Location[]): string[] =>
    ls.map((l) => `${l.uri.slice(l.uri.lastIndexOf('/') + 1)}:${l.range.start.line + 1}:${docs.get(l.uri)!.getText(l.range).split('\n')[0]}`);
  return { n, offset, show };
}

describe('document symbols', () => {
  it('lists when blocks with their priority and procs, with name ranges', () => {
    const a = analyzed('proc helper {a b} {\n  return 1\n}\nwhen HTTP_REQUEST priority 200 {\n  call helper 1 2\n}\nwhen CLIENT_ACCEPTED {}\n');
    const syms = documentSymbols(a);
    expect(syms.map((s) => [s.name, s.detail])).toEqual([
      ['helper', '{a b}'],
      ['when HTTP_REQUEST', 'priority 200'],
      ['when CLIENT_ACCEPTED', undefined],
    ]);
    expect(a.doc.getText(syms[1].selectionRange)).toBe('HTTP_REQUEST');
    expect(syms[1].range).toEqual({ start: { line: 3, character: 0 }, end: { line: 5, character: 1 } });
  });

  it('nests a proc or when written inside another one (plain Tcl allows it)', () => {
    const a = analyzed('proc outer {} {\n  proc inner {} {}\n}\n', { uri: 'file:///w/lib.tcl' });
    const syms = documentSymbols(a);
    expect(syms.map((s) => s.name)).toEqual(['outer']);
    expect(syms[0].children!.map((s) => s.name)).toEqual(['inner']);
  });
});

describe('go to definition', () => {
  it('goes from call to the proc in the same file', () => {
    const { n, offset, show } = nav('proc helper {} {}\nwhen HTTP_REQUEST {\n  call hel<|>per\n}');
    expect(show(definitionAt(n, offset))).toEqual(['test.irule:1:helper']);
  });

  it('goes from call rule::proc to the proc in that rule file, also with a partition path', () => {
    const lib = sourceFile('file:///w/lib.irule', '# library\nproc helper {} {}\n');
    const other = sourceFile('file:///w/other.irule', 'proc helper {} {}\n');
    const a = nav('when HTTP_REQUEST {\n  call lib::hel<|>per\n}', [lib, other]);
    expect(a.show(definitionAt(a.n, a.offset))).toEqual(['lib.irule:2:helper']);
    const b = nav('when HTTP_REQUEST {\n  call /Common/lib::hel<|>per\n}', [lib, other]);
    expect(b.show(definitionAt(b.n, b.offset))).toEqual(['lib.irule:2:helper']);
  });

  it('does not take a same-named proc of another file for a call without a rule name', () => {
    const lib = sourceFile('file:///w/lib.irule', 'proc helper {} {}\n');
    const { n, offset } = nav('when HTTP_REQUEST {\n  call hel<|>per\n}', [lib]);
    expect(definitionAt(n, offset)).toEqual([]);
  });

  it('goes from a variable read to where it is set, in the handlers of the connection', () => {
    const { n, offset, show } = nav('when CLIENT_ACCEPTED {\n  set dest 1\n}\nwhen HTTP_REQUEST {\n  foreach {k dest} $l {}\n  log local0. $de<|>st\n}');
    expect(show(definitionAt(n, offset))).toEqual(['test.irule:2:dest', 'test.irule:5:dest']);
  });

  it('goes from a variable in a proc to its parameter, not to the same name elsewhere', () => {
    const { n, offset, show } = nav('proc p {{dest 1}} {\n  return $de<|>st\n}\nwhen HTTP_REQUEST {\n  set dest 2\n}');
    expect(show(definitionAt(n, offset))).toEqual(['test.irule:1:dest']);
  });

  it('goes from a pool name to the pool in bigip.conf', () => {
    const { n, offset, show } = nav('when HTTP_REQUEST {\n  pool web_<|>pool\n}', [], { bigip: CONF });
    expect(show(definitionAt(n, offset))).toEqual(['bigip.conf:1:ltm pool /Common/web_pool {']);
  });

  it('finds nothing for a command or an unknown object', () => {
    expect(definitionAt(nav('when HTTP_REQUEST {\n  po<|>ol web_pool\n}', [], { bigip: CONF }).n, 22)).toEqual([]);
    const { n, offset } = nav('when HTTP_REQUEST {\n  pool nope<|>\n}', [], { bigip: CONF });
    expect(definitionAt(n, offset)).toEqual([]);
  });
});

describe('find references', () => {
  it('finds a proc called from this and other files, also as rule::proc', () => {
    const user = sourceFile('file:///w/user.irule', 'when HTTP_REQUEST {\n  call lib::helper\n  call helper\n}\n');
    const { n, offset, show } = nav('proc hel<|>per {} {}\nwhen CLIENT_ACCEPTED {\n  call helper\n  call /Common/lib::helper\n}', [user], {
      uri: 'file:///w/lib.irule',
    });
    expect(show(referencesAt(n, offset, true))).toEqual(['lib.irule:1:helper', 'user.irule:2:helper', 'lib.irule:3:helper', 'lib.irule:4:helper']);
    expect(show(referencesAt(n, offset, false))).toHaveLength(3);
  });

  it('finds a variable in its scope only', () => {
    const { n, offset, show } = nav('proc p {x} {\n  return $x\n}\nwhen HTTP_REQUEST {\n  set x<|> 1\n  log local0. "$x ${x}"\n}');
    expect(show(referencesAt(n, offset, true))).toEqual(['test.irule:5:x', 'test.irule:6:x', 'test.irule:6:x']);
  });

  it('finds the words naming a data group across files, with its bigip.conf definition', () => {
    const user = sourceFile('file:///w/user.irule', 'when HTTP_REQUEST {\n  if {[class exists /Common/allowed]} {}\n}\n');
    const { n, offset, show } = nav('when CLIENT_ACCEPTED {\n  if {[class match [IP::client_addr] equals allo<|>wed]} {}\n}', [user], { bigip: CONF });
    expect(show(referencesAt(n, offset, true))).toEqual(['bigip.conf:4:ltm data-group internal /Common/allowed {', 'user.irule:2:/Common/allowed', 'test.irule:2:allowed']);
  });
});

import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { WorkspaceEdit } from 'vscode-languageserver';
import { prepareRenameAt, renameAt } from '../../src/lsp/features/rename.js';
import type { SourceFile } from '../../src/lsp/procs.js';
import { sourceFile, withCursor, type DocOptions } from './helpers.js';

/** Renames at the marker and returns every file's text after the edit (or the refusal message). */
function renamed(marked: string, newName: string, files: SourceFile[] = [], options: DocOptions = {}): Record<string, string> | string {
  const { a, offset } = withCursor(marked, options);
  const r = renameAt({ a, files }, offset, newName);
  if ('error' in r) return r.error;
  const docs = new Map<string, TextDocument>([[a.doc.uri, a.doc], ...files.map((f): [string, TextDocument] => [f.uri, f.doc])]);
  const out: Record<string, string> = {};
  for (const [uri, edits] of Object.entries((r as WorkspaceEdit).changes ?? {})) {
    out[uri.slice(uri.lastIndexOf('/') + 1)] = TextDocument.applyEdits(docs.get(uri)!, edits);
  }
  return out;
}

describe('rename', () => {
  it('renames a variable in every handler of the connection, not in a proc', () => {
    const out = renamed('proc p {dest} { return $dest }\nwhen CLIENT_ACCEPTED {\n  set dest 1\n}\nwhen HTTP_REQUEST {\n  log local0. "to ${dest}: $de<|>st"\n}', 'target');
    expect(out).toEqual({
      'test.irule': 'proc p {dest} { return $dest }\nwhen CLIENT_ACCEPTED {\n  set target 1\n}\nwhen HTTP_REQUEST {\n  log local0. "to ${target}: $target"\n}',
    });
  });

  it('renames a proc parameter with its uses, and foreach loop variables', () => {
    expect(renamed('proc p {{n<|> 1} m} { incr n $m }', 'count')).toEqual({ 'test.irule': 'proc p {{count 1} m} { incr count $m }' });
    expect(renamed('when HTTP_REQUEST {\n  foreach {k v} $l { log local0. $k<|> }\n}', 'key')).toEqual({
      'test.irule': 'when HTTP_REQUEST {\n  foreach {key v} $l { log local0. $key }\n}',
    });
  });

  it('renames a proc and its calls across files, keeping rule and partition parts', () => {
    const user = sourceFile('file:///w/user.irule', 'when HTTP_REQUEST {\n  call /Common/lib::helper 1\n  call helper\n}\n');
    const out = renamed('proc helper {x} {}\nwhen CLIENT_ACCEPTED {\n  call lib::help<|>er 2\n  call helper 3\n}', 'assist', [user], { uri: 'file:///w/lib.irule' });
    expect(out).toEqual({
      'lib.irule': 'proc assist {x} {}\nwhen CLIENT_ACCEPTED {\n  call lib::assist 2\n  call assist 3\n}',
      // `call helper` in user.irule means user.irule's own proc: left alone.
      'user.irule': 'when HTTP_REQUEST {\n  call /Common/lib::assist 1\n  call helper\n}\n',
    });
  });

  it('refuses commands, events and bigip.conf objects with a reason', () => {
    expect(renamed('when HTTP_REQUEST {\n  HTTP::ur<|>i /x\n}', 'y')).toBe('`HTTP::uri` is a built-in command: only procs and variables can be renamed.');
    expect(renamed('when HTTP_REQ<|>UEST {}', 'y')).toMatch(/is an event name/);
    expect(renamed('when HTTP_REQUEST {\n  pool we<|>b\n}', 'y')).toMatch(/defined in bigip.conf/);
    expect(renamed('when HTTP_REQUEST {\n  log local0. he<|>llo\n}', 'y')).toMatch(/Only procs and variables/);
  });

  it('refuses new names that would change meaning', () => {
    expect(renamed('when HTTP_REQUEST {\n  set a<|> 1\n  set b 2\n}', 'b')).toBe('A variable `b` is already used in this scope.');
    expect(renamed('when HTTP_REQUEST {\n  set a<|> 1\n}', 'x y')).toMatch(/not a plain variable name/);
    expect(renamed('when HTTP_REQUEST {\n  set a<|> 1\n}', '::a')).toMatch(/global and the local scope/);
    expect(renamed('proc p<|> {} {}', 'a[b]')).toMatch(/not a plain proc name/);
    expect(renamed('when RULE_INIT { set ::hits 0 }\nproc p {} {\n  global hits\n  incr hi<|>ts\n}', 'n')).toMatch(/may be linked to the global `::hits`/);
  });

  it('prepares a rename with the name range, or refuses', () => {
    const { a, offset } = withCursor('when HTTP_REQUEST {\n  call /Common/lib::hel<|>per\n}');
    expect(prepareRenameAt(a, offset)).toEqual({ range: { start: { line: 1, character: 20 }, end: { line: 1, character: 26 } }, placeholder: 'helper' });
    const b = withCursor('when HTTP_REQUEST {\n  call hel<|>per\n}');
    expect(prepareRenameAt(b.a, b.offset)).toEqual({ error: 'No proc `helper` is defined in this file.' });
  });
});

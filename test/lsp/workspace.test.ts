// The cross-file features through the server (in process, real JSON-RPC): the workspace index
// reads the folder's files from disk, and an open document's editor text wins over its file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hover, Location, MarkupContent, SymbolInformation, WorkspaceEdit } from 'vscode-languageserver';
import path from 'node:path';
import { fileUri, startInProcess, tempTree, type TestClient } from './harness.js';

const LIB = 'proc helper {a} {\n  return $a\n}\n';
const USER_ON_DISK = 'when HTTP_REQUEST {\n  call lib::helper 1\n}\n';
// The editor's version: a proc the disk does not have, and the call moved a line down.
const USER_OPEN = 'proc fresh {} {}\nwhen HTTP_REQUEST {\n  call lib::helper 1\n  pool web_pool\n}\n';
const CONF = 'ltm pool /Common/web_pool {\n    members { /Common/10.0.0.1:80 { address 10.0.0.1 } }\n}\n';

let client: TestClient;
let dir: string;
let cleanup: () => Promise<void>;
const uri = (name: string): string => fileUri(path.join(dir, name));

beforeAll(async () => {
  ({ dir, cleanup } = await tempTree({ 'lib.irule': LIB, 'rules/user.irule': USER_ON_DISK, 'bigip.conf': CONF, 'notes.txt': 'proc not_code {} {}' }));
  client = await startInProcess({ folders: [dir], settings: { '*': { bigipConf: path.join(dir, 'bigip.conf') } } });
  await client.open(uri('rules/user.irule'), USER_OPEN, 2);
});

afterAll(async () => {
  client.dispose();
  await cleanup();
});

const short = (l: { uri: string; range: Location['range'] }): string => `${path.relative(dir, new URL(l.uri).pathname)}:${l.range.start.line + 1}:${l.range.start.character}`;

describe('workspace features through the server', () => {
  it('lists procs and events of the folder files, the open document at its editor version', async () => {
    const all: SymbolInformation[] = await client.conn.sendRequest('workspace/symbol', { query: '' });
    expect(all.map((s) => `${s.name}@${short(s.location)}`).sort()).toEqual(['fresh@rules/user.irule:1:5', 'helper@lib.irule:1:5', 'when HTTP_REQUEST@rules/user.irule:2:5']);
    const some: SymbolInformation[] = await client.conn.sendRequest('workspace/symbol', { query: 'hlp' });
    expect(some.map((s) => s.name)).toEqual(['helper']);
  });

  it('goes to a proc of another file, and to a pool in bigip.conf', async () => {
    const toProc: Location[] = await client.conn.sendRequest('textDocument/definition', { textDocument: { uri: uri('rules/user.irule') }, position: { line: 2, character: 14 } });
    expect(toProc.map(short)).toEqual(['lib.irule:1:5']);
    const toPool: Location[] = await client.conn.sendRequest('textDocument/definition', { textDocument: { uri: uri('rules/user.irule') }, position: { line: 3, character: 8 } });
    expect(toPool.map(short)).toEqual(['bigip.conf:1:0']);
  });

  it('finds references from a file that is not open, and renames across files', async () => {
    await client.open(uri('lib.irule'), LIB, 1);
    const refs: Location[] = await client.conn.sendRequest('textDocument/references', {
      textDocument: { uri: uri('lib.irule') },
      position: { line: 0, character: 7 },
      context: { includeDeclaration: true },
    });
    expect(refs.map(short)).toEqual(['lib.irule:1:5', 'rules/user.irule:3:12']);
    const edit: WorkspaceEdit = await client.conn.sendRequest('textDocument/rename', { textDocument: { uri: uri('lib.irule') }, position: { line: 0, character: 7 }, newName: 'assist' });
    expect(Object.keys(edit.changes!).map((u) => path.relative(dir, new URL(u).pathname)).sort()).toEqual(['lib.irule', 'rules/user.irule']);
  });

  it('answers a refused rename with an error message', async () => {
    await expect(
      client.conn.sendRequest('textDocument/rename', { textDocument: { uri: uri('rules/user.irule') }, position: { line: 3, character: 3 }, newName: 'x' }),
    ).rejects.toThrow('`pool` is a built-in command: only procs and variables can be renamed.');
  });

  it('hovers a pool with its bigip.conf definition and completes procs of other files after call', async () => {
    const hover: Hover = await client.conn.sendRequest('textDocument/hover', { textDocument: { uri: uri('rules/user.irule') }, position: { line: 3, character: 8 } });
    expect((hover.contents as MarkupContent).value).toContain('/Common/10.0.0.1:80');
    await client.open(uri('rules/other.irule'), 'when HTTP_REQUEST {\n  call \n}\n', 1);
    const items: { label: string }[] = await client.conn.sendRequest('textDocument/completion', { textDocument: { uri: uri('rules/other.irule') }, position: { line: 1, character: 7 } });
    expect(items.map((i) => i.label).sort()).toEqual(['lib::helper', 'user::fresh']);
  });
});

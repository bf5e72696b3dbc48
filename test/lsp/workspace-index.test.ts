import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { outlineOf } from '../../src/lsp/procs.js';
import { WorkspaceIndex } from '../../src/lsp/workspace-index.js';
import { sleep, tempTree } from './harness.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

/** Proc names per file name, for the files of an index. */
async function procsByFile(index: WorkspaceIndex): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const f of await index.files()) out[path.basename(new URL(f.uri).pathname)] = outlineOf(f.ast, f.doc.getText()).procs.map((p) => p.name);
  return out;
}

describe('workspace index', () => {
  it('reads the source files of the folders, prefers open documents, and follows disk changes', async () => {
    const tree = await tempTree({ 'a.irule': 'proc a1 {} {}\n', 'sub/b.tcl': 'proc b1 {} {}\n', 'node_modules/x.irule': 'proc hidden {} {}\n', 'c.txt': 'proc c {} {}\n' });
    cleanup = tree.cleanup;
    let open: TextDocument[] = [];
    const index = new WorkspaceIndex({ folders: async () => [tree.dir], openDocuments: () => open });
    expect(await procsByFile(index)).toEqual({ 'a.irule': ['a1'], 'b.tcl': ['b1'] });

    // An open document's text wins over its file, and a document outside the folders counts too.
    const aUri = pathToFileURL(path.join(tree.dir, 'a.irule')).href;
    open = [TextDocument.create(aUri, 'irule', 3, 'proc edited {} {}\n'), TextDocument.create('untitled:Untitled-1', 'irule', 1, 'proc scratch {} {}\n')];
    expect(await procsByFile(index)).toEqual({ 'a.irule': ['edited'], 'b.tcl': ['b1'], 'Untitled-1': ['scratch'] });

    // Closed again: the disk version, re-read after the file changed.
    open = [];
    await sleep(20);
    await writeFile(path.join(tree.dir, 'a.irule'), 'proc a1 {} {}\nproc a2 {} {}\n');
    expect(await procsByFile(index)).toEqual({ 'a.irule': ['a1', 'a2'], 'b.tcl': ['b1'] });
  });

  it('goes on without folders it cannot read', async () => {
    const index = new WorkspaceIndex({ folders: async () => ['/no/such/folder'], openDocuments: () => [] });
    expect(await index.files()).toEqual([]);
    const failing = new WorkspaceIndex({ folders: () => Promise.reject(new Error('no folders')), openDocuments: () => [] });
    expect(await failing.files()).toEqual([]);
  });
});

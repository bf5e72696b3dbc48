/**
 * The packaged extension (`npm run package:extension`): a zip holding the bundled client and
 * server, the grammar, snippets and language configuration its manifest names, and no
 * node_modules. Read with a small zip directory reader (central directory + inflate).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const extPkg = JSON.parse(readFileSync(path.join(root, 'extension', 'package.json'), 'utf8')) as { name: string; version: string };
const vsix = path.join(root, 'extension', `${extPkg.name}-${extPkg.version}.vsix`);

/** The entries of a zip file: name to uncompressed content. */
function readZip(buf: Buffer): Map<string, Buffer> {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip file');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory entry');
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(dataStart, dataStart + compressedSize);
    out.set(name, method === 8 ? inflateRawSync(raw) : raw);
    if (out.get(name)!.length !== size) throw new Error(`${name}: size mismatch`);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

describe('the .vsix', () => {
  const entries = readZip(readFileSync(vsix));
  const names = [...entries.keys()];
  const manifest = JSON.parse(entries.get('extension/package.json')!.toString('utf8')) as {
    main: string;
    contributes: { grammars: { path: string }[]; snippets: { path: string }[]; languages: { configuration: string }[] };
  };
  const inside = (rel: string) => `extension/${path.posix.normalize(rel)}`;

  it('holds no node_modules and no sources', () => {
    expect(names.filter((n) => n.includes('node_modules'))).toEqual([]);
    expect(names.filter((n) => /\.(ts|map)$/.test(n) || n.startsWith('extension/src/'))).toEqual([]);
  });

  it('holds the bundled client its manifest starts and the bundled server the client forks', () => {
    expect(names).toContain(inside(manifest.main));
    expect(names).toContain('extension/dist/server.js');
    const client = entries.get(inside(manifest.main))!.toString('utf8');
    expect(client).toContain("require(\"vscode\")"); // vscode stays external
    expect(client).toContain('irule/simulate');
    // The server bundle carries the catalog and the LSP library, not a require of them.
    const server = entries.get('extension/dist/server.js')!.toString('utf8');
    expect(server).not.toMatch(/require\("(vscode-languageserver|chevrotain)/);
    expect(server).toContain('datagroup-global-reference');
  });

  it('holds every file its contributions name, the grammar being the generated one', () => {
    const files = [
      ...manifest.contributes.grammars.map((g) => g.path),
      ...manifest.contributes.snippets.map((s) => s.path),
      ...manifest.contributes.languages.map((l) => l.configuration),
    ];
    for (const f of files) expect(names).toContain(inside(f));
    expect(entries.get(inside(manifest.contributes.grammars[0].path))!.toString('utf8')).toBe(
      readFileSync(path.join(root, 'grammar', 'irule.tmLanguage.json'), 'utf8'),
    );
  });
});

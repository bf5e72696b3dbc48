import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const dir = new URL('../../src/bigip/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));

describe('src/bigip stays in the analysis core', () => {
  it.each(files)('%s imports no I/O, process or CLI modules', (file) => {
    const src = readFileSync(new URL(file, dir), 'utf8');
    const imports = [...src.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]);
    for (const spec of imports) {
      expect(spec.startsWith('.') || spec === 'vitest', `${file} imports ${spec}`).toBe(true);
      expect(spec).not.toMatch(/\/(cli|lsp)\//);
    }
    expect(src).not.toMatch(/\bprocess\./);
    expect(src).not.toMatch(/\brequire\(/);
  });
});

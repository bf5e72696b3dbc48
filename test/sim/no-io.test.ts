/** The simulator is analysis core: no file, process, network or CLI imports (STYLE §8). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../src/sim', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

it('src/sim imports no node:, commander or process APIs', () => {
  const offenders = files(root).filter((f) => {
    const text = readFileSync(f, 'utf8');
    return /from\s+['"](node:|fs|path|child_process|net|http|commander)/.test(text) || /\bprocess\.|\brequire\(|globalThis|new Function\(/.test(text);
  });
  expect(offenders).toEqual([]);
});

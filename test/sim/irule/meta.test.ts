/**
 * Meta tests of the iRule layer: every command the simulator implements exists in the catalog
 * (STYLE §9), each builtin module is installed, and the simulator core stays free of I/O.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { getCommand } from '../../../src/catalog/load.js';
import { prepareSimulation } from '../../../src/sim/irule/engine.js';
import { IRULE_BUILTINS } from '../../../src/sim/irule/install.js';

function implemented(): string[] {
  const sim = prepareSimulation({ rules: [{ name: 'r', text: 'when CLIENT_ACCEPTED { }' }], version: '17.1', clients: [] });
  if ('error' in sim) throw new Error(sim.error);
  return [...sim.ctx.implemented].sort();
}

describe('iRule layer meta', () => {
  it('implements commands that all exist in the catalog', () => {
    const names = implemented();
    expect(names.length).toBeGreaterThan(90);
    expect(names.filter((n) => getCommand(n) === undefined)).toEqual([]);
  });

  it('installs every src/sim/builtins/irule-*.ts module', () => {
    const dir = fileURLToPath(new URL('../../../src/sim/builtins/', import.meta.url));
    const modules = readdirSync(dir).filter((f) => f.startsWith('irule-') && f.endsWith('.ts'));
    expect(IRULE_BUILTINS.length).toBe(modules.length);
    const install = readFileSync(fileURLToPath(new URL('../../../src/sim/irule/install.ts', import.meta.url)), 'utf8');
    for (const m of modules) expect(install).toContain(`../builtins/${m.replace(/\.ts$/, '.js')}`);
  });

  it('registers commands only through defineCommand (the catalog checks)', () => {
    const dir = fileURLToPath(new URL('../../../src/sim/builtins/', import.meta.url));
    for (const f of readdirSync(dir).filter((x) => x.startsWith('irule-'))) {
      expect(readFileSync(`${dir}${f}`, 'utf8')).not.toMatch(/interp\.register\(/);
    }
  });
});

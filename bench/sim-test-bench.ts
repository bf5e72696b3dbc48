/**
 * Scenario-test benchmark section: `irule-sim test` on one generated file of 1,000 tests over the
 * seed iRule (one in seven an allow-listed client expecting the virtual address, the others
 * automap; every tenth test two connections checking persistence). Timed in-process (loading the
 * YAML, 1,000 simulations, checking, text report) and as a whole cold process of the built CLI.
 * Target: well under a second for the 1,000 tests.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runSim } from '../src/cli/sim/run.js';
import { median } from './stats.js';

/** What the section needs from the bench driver. */
export interface SimTestBenchInput {
  /** Repository root (fixtures/seed and dist/ are found from it). */
  root: string;
  /** Timed repetitions (the median is reported). */
  runs: number;
  /** Tests in the generated file (default 1,000). */
  tests?: number;
}

/** One line of the report. */
export interface SimTestBenchRow {
  label: string;
  value: string;
  detail: string;
}

/** Target wall time for the 1,000 tests, in ms. */
export const TARGET_MS = 1000;

/** The generated test file: `n` tests over the seed rule, with absolute paths to the seed fixtures. */
export function seedTestFile(seedDir: string, n: number): string {
  const lines = [`bigip-conf: ${join(seedDir, 'bigip.conf')}`, 'bigip-version: "11.1"', `rules: [${join(seedDir, 'smtp_irule_v11.irule')}]`, 'virtual: SMTP_VS', 'tests:'];
  for (let i = 0; i < n; i++) {
    const name = `test ${String(i).padStart(5, '0')}`;
    if (i % 10 === 9) {
      lines.push(`  - name: ${name} persistence`, '    connections:');
      lines.push(`      - { client: 10.2.${(i >> 8) & 255}.${i & 255}, expect: { snat: 172.16.51.175 } }`, `      - { client: 10.2.${(i >> 8) & 255}.${i & 255}, expect: { snat-type: automap, pool: smtp_pool } }`);
    } else if (i % 7 === 0) {
      lines.push(`  - name: ${name} allowed`, '    client: 172.16.51.21', '    expect: { snat: 172.16.51.174, pool: smtp_pool, action: forward }');
    } else {
      lines.push(`  - name: ${name} automap`, `    client: 10.1.${(i >> 8) & 255}.${i & 255}`, '    expect: { snat: 172.16.51.175, snat-type: automap, error: null }');
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Runs the measurements and returns report rows. */
export function simTestSection(input: SimTestBenchInput): Promise<SimTestBenchRow[]> {
  return measure(input);
}

async function measure(input: SimTestBenchInput): Promise<SimTestBenchRow[]> {
  const n = input.tests ?? 1000;
  const dir = mkdtempSync(join(tmpdir(), 'irule-sim-test-bench-'));
  try {
    writeFileSync(join(dir, 'seed.test.yaml'), seedTestFile(join(input.root, 'fixtures', 'seed'), n));
    let out = '';
    const io = { stdout: (s: string) => void (out += s), stderr: (s: string) => void (out += s), readStdin: async () => new Uint8Array(), cwd: dir };
    const inProcess: number[] = [];
    for (let k = 0; k <= input.runs; k++) {
      out = '';
      const t0 = performance.now();
      const code = await runSim(['test', '.'], io);
      const ms = performance.now() - t0;
      if (code !== 0 || !out.endsWith(`${n} tests: ${n} passed\n`)) throw new Error(`irule-sim test failed (exit ${code}):\n${out.slice(-2000)}`);
      if (k > 0) inProcess.push(ms); // run 0 warms up
    }
    const cli = join(input.root, 'dist', 'cli', 'irule-sim.js');
    const cold: number[] = [];
    for (let k = 0; k < Math.max(3, input.runs); k++) {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, [cli, 'test', '.'], { cwd: dir, encoding: 'utf8' });
      cold.push(performance.now() - t0);
      if (r.status !== 0) throw new Error(`dist/cli/irule-sim.js test failed (exit ${r.status}): ${r.stderr}`);
    }
    const warm = median(inProcess);
    const whole = median(cold);
    return [
      {
        label: `${n.toLocaleString('en-US')} tests over the seed iRule, in process`,
        value: `${Math.round(warm)} ms`,
        detail: `median of ${input.runs} warm runs: load the YAML, simulate, check, report (${Math.round((n / warm) * 1000).toLocaleString('en-US')} tests/s)`,
      },
      {
        label: 'the same, whole cold process',
        value: `${Math.round(whole)} ms`,
        detail: `median of ${cold.length} runs of node dist/cli/irule-sim.js test; target under ${TARGET_MS} ms: ${whole < TARGET_MS ? 'met' : 'NOT MET'}`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

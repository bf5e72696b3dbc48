/**
 * The scenario test files in tests/ run through the built CLI (dist/cli/irule-sim.js test), as CI
 * and the README run them: every file loads, every test passes, and every iRule or Tcl file in
 * fixtures/ is the subject of at least one test.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** Every file under `dir` (relative to the root) whose name passes `keep`. */
function walk(dir: string, keep: (name: string) => boolean): string[] {
  const out: string[] = [];
  for (const e of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(rel, keep));
    else if (keep(e.name)) out.push(rel);
  }
  return out.sort();
}

const testFiles = walk('tests', (n) => n.endsWith('.test.yaml'));

interface Report {
  files: { file: string; problems: unknown[]; tests: { name: string; status: string }[] }[];
  summary: { tests: number; passed: number; failed: number; errors: number; badFiles: number };
}

describe('tests/*.test.yaml through dist/cli/irule-sim.js', () => {
  const r = spawnSync(process.execPath, [path.join(root, 'dist/cli/irule-sim.js'), 'test', '--format', 'json', 'tests'], { cwd: root, encoding: 'utf8' });

  it('loads every file and passes every test (exit 0)', () => {
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as Report;
    const failing = report.files.flatMap((f) => [...(f.problems.length > 0 ? [`${f.file}: ${JSON.stringify(f.problems)}`] : []), ...f.tests.filter((t) => t.status !== 'pass').map((t) => `${f.file}: ${t.name}`)]);
    expect(failing).toEqual([]);
    expect(report.files.map((f) => f.file).sort()).toEqual(testFiles);
    // As many tests ran as the files hold (nothing silently skipped).
    const written = testFiles.reduce((n, f) => n + (parse(readFileSync(path.join(root, f), 'utf8')) as { tests: unknown[] }).tests.length, 0);
    expect(report.summary).toEqual({ tests: written, passed: written, failed: 0, errors: 0, badFiles: 0, timeMs: expect.any(Number) });
    expect(written).toBeGreaterThanOrEqual(140);
    expect(r.status).toBe(0);
  });

  it('has a test for every iRule and Tcl file in fixtures/', () => {
    const tested = new Set<string>();
    for (const f of testFiles) {
      const doc = parse(readFileSync(path.join(root, f), 'utf8')) as { rules?: string[]; tests: { rules?: string[] }[] };
      for (const list of [doc.rules, ...doc.tests.map((t) => t.rules)]) for (const rule of list ?? []) tested.add(path.normalize(path.join(path.dirname(f), rule)));
    }
    const rules = walk('fixtures', (n) => /\.(irule|irul|tcl)$/.test(n));
    expect(rules.length).toBeGreaterThan(70);
    expect(rules.filter((rule) => !tested.has(rule))).toEqual([]);
  });

  it("the README's seed example is the start of tests/seed.test.yaml", () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const m = /^### Scenario tests \(`irule-sim test`\)\n[^]*?^```yaml\n([^]*?)^```$/m.exec(readme);
    expect(m, 'README has the scenario-test section with a yaml block').not.toBeNull();
    expect(readFileSync(path.join(root, 'tests/seed.test.yaml'), 'utf8').startsWith(m![1])).toBe(true);
    expect(m![1]).toContain('  - name: everyone else uses automap\n');
  });

  it('fails (exit 1) when an expectation does not hold, naming the rule line that decided it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'irule-sim-test-'));
    try {
      const seed = path.join(root, 'fixtures/seed');
      writeFileSync(path.join(dir, 'wrong.test.yaml'), `bigip-conf: ${seed}/bigip.conf\nrules: [${seed}/smtp_irule_v11.irule]\ntests:\n  - name: wrong\n    client: 172.16.51.23\n    expect: { snat: 172.16.51.174 }\n`);
      const t = spawnSync(process.execPath, [path.join(root, 'dist/cli/irule-sim.js'), 'test', '.'], { cwd: dir, encoding: 'utf8' });
      expect(t.stderr).toBe('');
      expect(t.stdout).toContain('  wrong.test.yaml:6:15: snat: expected 172.16.51.174, got 172.16.51.175\n');
      expect(t.stdout).toMatch(/decided by .*smtp_irule_v11\.irule:10 \(\/Common\/smtp_irule_v11 line 10\)/);
      expect(t.status).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

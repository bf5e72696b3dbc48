/**
 * `irule-sim --explain` and `--expect` through the command line (in process): the seed table in
 * text and JSON, claims proven, refuted with a counterexample and unproven, exit codes, and
 * input problems (exit 2, one line on stderr).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sim } from './run-sim.js';

let tmp = '';
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'irule-sim-explain-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function expectFile(text: string): Promise<string> {
  const f = path.join(tmp, `expect-${Math.random().toString(36).slice(2)}.txt`);
  await writeFile(f, text);
  return f;
}

const SEED = ['smtp_irule_v11.irule', '--bigip-conf', 'bigip.conf'];

describe('irule-sim --explain', () => {
  it('prints the seed table', async () => {
    const r = await sim(['--explain', ...SEED]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines).toContain('172.16.51.21/32 -> snat 172.16.51.174');
    expect(lines).toContain('every other address -> automap 172.16.51.175');
    expect(lines).toContain('  IPv4: every address except 172.16.51.21/32');
    expect(lines).toContain('  IPv6: every address');
    expect(r.stdout).toMatch(/^2 outcomes in \d+ runs, exact$/m);
  });

  it('prints JSON with the CIDR lists of each outcome', async () => {
    const r = await sim(['--explain', ...SEED, '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.exact).toBe(true);
    const byOutcome = Object.fromEntries(doc.classes.map((c: { outcome: string; ipv4: string[]; ipv6: string[] }) => [c.outcome, c]));
    expect(byOutcome['snat 172.16.51.174'].ipv4).toEqual(['172.16.51.21/32']);
    expect(byOutcome['snat 172.16.51.174'].ipv6).toEqual([]);
    expect(byOutcome['automap 172.16.51.175'].ipv4).toHaveLength(32);
    expect(byOutcome['automap 172.16.51.175'].ipv6).toEqual(['::/0']);
    expect(doc.expect).toBeNull();
  });

  it('explains the rules the virtual server has in bigip.conf when no file is given', async () => {
    const r = await sim(['--explain', '--bigip-conf', 'bigip.conf']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('172.16.51.21/32 -> snat 172.16.51.174');
  });

  it('refuses --client with --explain, a bad --max-runs, and reports load problems with exit 2', async () => {
    const a = await sim(['--explain', ...SEED, '--client', '10.0.0.1']);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/^irule-sim: --explain covers every client address/);
    const b = await sim(['--explain', ...SEED, '--max-runs', 'lots']);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('--max-runs expects a positive whole number');
    const bad = path.join(tmp, 'bad.irule');
    await writeFile(bad, 'when CLIENT_ACCEPTED {\n  nosuch\n}\n');
    const c = await sim(['--explain', bad]);
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/undefined procedure: nosuch/);
  });

  it('says when the run bound was hit', async () => {
    const rule = path.join(tmp, 'len.irule');
    await writeFile(rule, 'when CLIENT_ACCEPTED {\n  if { [string length [IP::client_addr]] > 9 } { reject }\n}\n');
    const r = await sim(['--explain', rule, '--max-runs', '3']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('NOT exact');
    expect(r.stdout).toContain('not explored: the bound of 3 runs was hit');
    expect(r.stdout).toContain('approximate: string length on the client address (not followed exactly)');
  });
});

describe('irule-sim --expect', () => {
  it('proves the relay claims of the seed story (exit 0)', async () => {
    const f = await expectFile('# only the allow-listed host relays\n172.16.51.21/32 -> snat 172.16.51.174\n172.16.51.22/31 -> not snat 172.16.51.174\n0.0.0.0/0 -> pool smtp_pool\n::/0 -> not snat 172.16.51.174\n');
    const r = await sim(['--expect', f, ...SEED]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('all 4 claims proven');
  });

  it('refutes a false claim with a counterexample address (exit 1)', async () => {
    const f = await expectFile('172.16.51.0/24 -> not snat 172.16.51.174\n10.0.0.0/8 -> snat 172.16.51.174\n');
    const r = await sim(['--expect', f, ...SEED]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/refuted  line 1: 172\.16\.51\.0\/24 -> not snat 172\.16\.51\.174\n\s+counterexample 172\.16\.51\.21 -> snat 172\.16\.51\.174/);
    expect(r.stdout).toMatch(/refuted  line 2: .*\n\s+counterexample 10\.0\.0\.0 -> automap 172\.16\.51\.175/);
    const j = JSON.parse((await sim(['--expect', f, ...SEED, '-f', 'json'])).stdout);
    expect(j.expect.map((e: { status: string; counterexample: string }) => [e.status, e.counterexample])).toEqual([
      ['refuted', '172.16.51.21'],
      ['refuted', '10.0.0.0'],
    ]);
  });

  it('leaves a claim over an approximate part unproven (exit 1), and refutes it when a sample shows otherwise', async () => {
    const rule = path.join(tmp, 're.irule');
    await writeFile(rule, 'when CLIENT_ACCEPTED {\n  if { [regexp {^10\\.} [IP::client_addr]] } { reject }\n}\n');
    const f = await expectFile('192.168.0.0/16 -> snat 172.16.51.175\n10.0.0.0/8 -> error\n');
    const r = await sim(['--expect', f, rule, '--bigip-conf', 'bigip.conf']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('(approximate)');
    expect(r.stdout).toMatch(/unproven line 1: .*\n\s+part of the block is only known by sampling \(regexp on the client address \(not followed exactly\)\)/);
    // The class's outcome is not an error, so an address of the block is simulated to confirm: 10.0.0.0 is reset.
    expect(r.stdout).toMatch(/refuted  line 2: .*\n\s+counterexample 10\.0\.0\.0 -> reset/);
  });

  it('reports a malformed expect file with its line (exit 2)', async () => {
    for (const [text, message] of [
      ['10.0.0.0/8 snat 1.2.3.4\n', "no '->'"],
      ['# ok\n10.0.0.0/33 -> error\n', 'bad address block'],
      ['10.0.0.0/8 -> snat nowhere\n', 'snat needs an address'],
      ['10.0.0.0/8 -> member 10.0.0.1\n', 'member needs <addr:port>'],
      ['10.0.0.0/8 -> teleport\n', "unknown outcome 'teleport'"],
    ] as const) {
      const f = await expectFile(text);
      const r = await sim(['--expect', f, ...SEED]);
      expect(r.code, text).toBe(2);
      expect(r.stderr, text).toContain(`${path.basename(f)}:${text.startsWith('#') ? 2 : 1}: ${message}`);
    }
  });
});

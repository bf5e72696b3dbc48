/**
 * How the built executables end (src/cli/main.ts `exitWhenFlushed`): they call `process.exit` as
 * soon as their output has left, instead of letting Node wait for V8's background jobs. Output
 * written to a pipe whose reader is slow must still arrive whole, with the right exit code.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const dist = fileURLToPath(new URL('../../dist/cli/', import.meta.url));
const seed = fileURLToPath(new URL('../../fixtures/seed/', import.meta.url));
const work = mkdtempSync(path.join(tmpdir(), 'irule-lint-exit-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * Runs an executable with its stdout on a pipe that is not read for `pauseMs` (the pipe's buffer,
 * 64 KB on Linux, fills long before), then read to the end; returns the exit code and both outputs.
 */
function runSlowReader(bin: string, args: string[], pauseMs: number, shared = false): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const command = [path.join(dist, bin), ...args];
    // `shared`: the pipe is made non-blocking first (by perl, which Debian always has), as a
    // process sharing it may do: writes to a full pipe are then refused (EAGAIN) instead of waiting.
    const nonBlocking = 'use Fcntl; my $f = fcntl(STDOUT, F_GETFL, 0); fcntl(STDOUT, F_SETFL, $f | O_NONBLOCK) or die "fcntl: $!"; exec @ARGV or die "exec: $!"';
    const child = shared
      ? spawn('perl', ['-e', nonBlocking, process.execPath, ...command], { stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn(process.execPath, command, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.pause();
    setTimeout(() => {
      child.stdout.on('data', (b: Buffer) => out.push(b));
      child.stdout.resume();
    }, pauseMs);
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

/** perl makes the pipe non-blocking for one test; Debian always has it, so CI must run that test. */
const perl = spawnSync('perl', ['-e', '1']).status === 0;
const inCi = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';

describe('the executables end once their output has left', () => {
  it('irule-lint: about 2 MB of JSON through a slow pipe arrives whole, exit code 1 for findings', async () => {
    // 400 files, each with findings: the report is far larger than the pipe's buffer.
    const dir = path.join(work, 'rules');
    const files = 400;
    mkdirSync(dir);
    const body = Array.from({ length: 20 }, (_, i) => `  snat $::pool_${i}\n  unknown_command_${i} a b\n`).join('');
    for (let i = 0; i < files; i++) writeFileSync(path.join(dir, `r${String(i).padStart(3, '0')}.irule`), `when CLIENT_ACCEPTED {\n${body}}\n`);
    const r = await runSlowReader('irule-lint.js', ['--format', 'json', dir], 400);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout.length).toBeGreaterThan(1 << 20);
    const report = JSON.parse(r.stdout) as { filePath: string; messages: unknown[] }[];
    expect(report).toHaveLength(files);
    expect(report.every((f) => f.messages.length >= 40)).toBe(true);
  });

  it.runIf(perl || inCi)('irule-lint: the same through a pipe another process made non-blocking (writes are refused, then streamed)', async () => {
    const dir = path.join(work, 'rules');
    const r = await runSlowReader('irule-lint.js', ['--format', 'json', dir], 400, true);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { filePath: string; messages: unknown[] }[];
    expect(report).toHaveLength(400);
    expect(report.every((f) => f.messages.length >= 40)).toBe(true);
  });

  it('irule-lint: a reader that stops early ends the run quietly', async () => {
    const child = spawn(process.execPath, [path.join(dist, 'irule-lint.js'), '--format', 'json', path.join(work, 'rules')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(err).toBe('');
    expect([0, 1]).toContain(code);
  });

  it('irule-sim: 20,000 client lines through a slow pipe arrive whole', async () => {
    const clients = path.join(work, 'clients.txt');
    const n = 20_000;
    writeFileSync(clients, Array.from({ length: n }, (_, i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`).join('\n') + '\n');
    const args = [path.join(seed, 'smtp_irule_v11.irule'), '--bigip-conf', path.join(seed, 'bigip.conf'), '--bigip-version', '11.1', '--clients', clients, '--format', 'json'];
    const r = await runSlowReader('irule-sim.js', args, 400);
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(1 << 20);
    const report = JSON.parse(r.stdout) as { results: { client: string }[] };
    expect(report.results).toHaveLength(n);
    expect(report.results[n - 1].client).toBe('10.0.78.31');
  });
});

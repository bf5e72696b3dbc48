/**
 * CLI behaviours found by trying the tools as a new user would (issue 11 part 5, issue 14
 * "Versions"): versions, bigip.conf defaults and checks, --stdin with files, ignored files named
 * on the command line, --fix positions, the info severity in every format, and irule-sim's
 * --event, folders and text output.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSim } from '../../src/cli/sim/run.js';
import { newestKnownVersion } from '../../src/lint/version.js';
import { runCli, treesRemovedAfterEach } from './helpers.js';

const tree = treesRemovedAfterEach();

async function sim(argv: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runSim(argv, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), readStdin: async () => new Uint8Array(), cwd });
  return { code, stdout, stderr };
}

const seed = (name: string): string => readFileSync(new URL(`../../fixtures/seed/${name}`, import.meta.url), 'utf8');
const CLEAN = 'when HTTP_REQUEST {\n  log local0. "hello"\n}\n';
/** `table` arrived in BIG-IP 10.1.0: an error before, nothing after. */
const TABLE = 'when CLIENT_ACCEPTED {\n  table set k v\n}\n';

describe('--bigip-version and bigipVersion', () => {
  it('accepts X as X.0', async () => {
    const dir = await tree({ 'a.irule': TABLE });
    expect(await runCli(['--bigip-version', '11', 'a.irule'], dir)).toEqual({ code: 0, stdout: '', stderr: '' });
    const on10 = await runCli(['--bigip-version', '10', '-f', 'compact', 'a.irule'], dir);
    expect(on10.code).toBe(1);
    expect(on10.stdout).toMatch(/arrived in BIG-IP 10\.1\.0; it does not exist on 10\.0 \[unknown-command\]/);
  });

  it.each(['0.0', '1.0', '8.4', '11.1.0.0', '11.01', '11.1.', 'v11', '1234.1'])('refuses %s (before iRules, or malformed)', async (v) => {
    const dir = await tree({ 'a.irule': CLEAN });
    const r = await runCli(['--bigip-version', v, 'a.irule'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^irule-lint: --bigip-version /);
    const s = await sim(['--bigip-version', v, 'a.irule'], dir);
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/^irule-sim: --bigip-version /);
  });

  it('says why a version is refused', async () => {
    const dir = await tree({ 'a.irule': CLEAN });
    expect((await runCli(['--bigip-version', '1.0', 'a.irule'], dir)).stderr).toBe("irule-lint: --bigip-version '1.0' is older than BIG-IP 9.0, the first version with iRules\n");
    expect((await runCli(['--bigip-version', '11.1.0.0', 'a.irule'], dir)).stderr).toMatch(/expects a BIG-IP version such as 11, 11\.1, 15\.1\.2 or 15\.1\.2\.1, not '11\.1\.0\.0'/);
  });

  it('accepts a point release such as 15.1.2.1 and warns once for a version newer than the catalog knows', async () => {
    const dir = await tree({ 'a.irule': CLEAN, 'b.irule': CLEAN });
    const r = await runCli(['--bigip-version', '99.99', 'a.irule', 'b.irule'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`irule-lint: warning: BIG-IP 99.99 is newer than the newest version the command catalog records facts for (${newestKnownVersion()}): commands, options and events added since are not known to the checks\n`);
    expect((await runCli(['--bigip-version', newestKnownVersion(), 'a.irule'], dir)).stderr).toBe('');
    const s = await sim(['--bigip-version', '99.99', 'a.irule'], dir);
    expect(s.code).toBe(0);
    expect(s.stderr).toMatch(/^irule-sim: warning: BIG-IP 99\.99 is newer than/);
    expect((await runCli(['--bigip-version', '15.1.2.1', 'a.irule'], dir)).code).toBe(0);
  });

  it('validates the configuration file\'s bigipVersion the same way', async () => {
    for (const [v, msg] of [['0.0', /older than BIG-IP 9\.0/], ['11.1.0.0', /expects a BIG-IP version/]] as const) {
      const dir = await tree({ 'a.irule': CLEAN, 'irule-lint.config.json': JSON.stringify({ bigipVersion: v }) });
      const r = await runCli(['a.irule'], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(msg);
    }
    const dir = await tree({ 'a.irule': TABLE, 'irule-lint.config.json': JSON.stringify({ bigipVersion: '10' }) });
    expect((await runCli(['a.irule'], dir)).code).toBe(1);
  });
});

describe('bigip.conf', () => {
  it("takes the default version from the bigip.conf's #TMSH-VERSION line", async () => {
    const conf = '#TMSH-VERSION: 10.0.1\nltm pool /Common/p {\n    members {\n        /Common/10.0.0.1:80 {\n            address 10.0.0.1\n        }\n    }\n}\n';
    const dir = await tree({ 'a.irule': TABLE, 'bigip.conf': conf });
    const r = await runCli(['--bigip-conf', 'bigip.conf', '-f', 'compact', 'a.irule'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/it does not exist on 10\.0\.1 \[unknown-command\]/);
    // The command line wins.
    expect((await runCli(['--bigip-conf', 'bigip.conf', '--bigip-version', '11.1', 'a.irule'], dir)).code).toBe(0);
    // And the simulator follows it too.
    const s = await sim(['--bigip-conf', 'bigip.conf', '-f', 'json', 'a.irule'], dir);
    expect(s.code).toBe(2);
    expect(s.stderr).toBe('irule-sim: a.irule:2:3: undefined procedure: table\n');
  });

  it('refuses a file with no BIG-IP object (an AS3 declaration, an iRule) in both tools', async () => {
    const as3 = JSON.stringify({ class: 'ADC', schemaVersion: '3.0.0', tenant: { class: 'Tenant', app: { class: 'Application', pool: { class: 'Pool' } } } });
    const dir = await tree({ 'a.irule': CLEAN, 'as3.json': as3 });
    for (const file of ['as3.json', 'a.irule']) {
      const r = await runCli(['--bigip-conf', file, 'a.irule'], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`irule-lint: '${file}' holds no BIG-IP configuration object (such as ltm pool, ltm data-group, ltm virtual or net self): is it a tmsh bigip.conf?\n`);
      const s = await sim(['--bigip-conf', file, 'a.irule'], dir);
      expect(s.code).toBe(2);
      expect(s.stderr).toMatch(/holds no BIG-IP configuration object/);
    }
  });
});

describe('inputs', () => {
  it('refuses --stdin together with files instead of silently linting both; - among files still lints both', async () => {
    const dir = await tree({ 'a.irule': CLEAN });
    const r = await runCli(['--stdin', 'a.irule'], dir, CLEAN);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe("irule-lint: --stdin lints standard input only, but files were given too ('a.irule'); to lint both, name standard input as '-' among them\n");
    const both = await runCli(['-f', 'json', '-', 'a.irule'], dir, CLEAN);
    expect(both.code).toBe(0);
    expect((JSON.parse(both.stdout) as unknown[]).length).toBe(2);
  });

  it('says so when a file named on the command line is ignored by the configuration (and stays quiet for folders)', async () => {
    const dir = await tree({ 'vendor/v.irule': 'when HTTP_REQUEST {\n', 'a.irule': CLEAN, 'irule-lint.config.json': JSON.stringify({ ignore: ['vendor/**'] }) });
    const named = await runCli(['vendor/v.irule', 'a.irule'], dir);
    expect(named.code).toBe(0);
    expect(named.stderr).toBe(`irule-lint: ${path.join('vendor', 'v.irule')}: not linted: ignored by irule-lint.config.json (its "ignore" patterns)\n`);
    expect(await runCli(['.'], dir)).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe('--fix and --fix-dry-run', () => {
  /** Two same-line comments fixed by adding ";" (shifting what follows), then a warning left on line 3. */
  const RULE = 'when HTTP_REQUEST {\n  log local0. "a" # one\n  log local0. "b" # two\n  log local0. $nowhere\n}\n';

  it('report the remaining findings at their positions in the fixed text', async () => {
    for (const mode of ['--fix', '--fix-dry-run']) {
      const dir = await tree({ 'a.irule': RULE });
      const r = await runCli([mode, '-f', 'json', 'a.irule'], dir);
      const json = r.stdout.slice(r.stdout.indexOf('[{'));
      const [result] = JSON.parse(json) as { messages: { ruleId: string; line: number; column: number; endColumn: number }[] }[];
      const fixedText = RULE.replace(/" #/g, '" ;#');
      const msg = result.messages.find((m) => m.ruleId === 'undefined-variable')!;
      const line = fixedText.split('\n')[msg.line - 1];
      expect(line.slice(msg.column - 1, msg.endColumn - 1)).toBe('$nowhere');
      if (mode === '--fix') expect(readFileSync(path.join(dir, 'a.irule'), 'utf8')).toBe(fixedText);
    }
  });
});

describe('the info severity', () => {
  // unbraced-expression set to info: one finding of level info, shown as such in every format.
  const RULE = 'when HTTP_REQUEST {\n  if $x { log local0. y }\n}\n';
  const args = (f: string): string[] => ['--rule', 'unbraced-expression=info', '--rule', 'undefined-variable=off', '-f', f, 'a.irule'];

  it('is a level of its own in every format, never a warning or an error', async () => {
    const dir = await tree({ 'a.irule': RULE });
    const stylish = await runCli(args('stylish'), dir);
    expect(stylish.code).toBe(0);
    expect(stylish.stdout).toMatch(/a\.irule:2:\d+ +info +.*unbraced-expression\n\n✖ 1 problem \(0 errors, 0 warnings, 1 info\)\n$/);
    expect((await runCli(args('compact'), dir)).stdout).toMatch(/^a\.irule:2:\d+: info: .*\[unbraced-expression\]\n$/);
    expect((await runCli(args('github'), dir)).stdout).toMatch(/^::notice file=a\.irule,line=2,/);
    const sarif = JSON.parse((await runCli(args('sarif'), dir)).stdout) as { runs: { results: { level: string }[] }[] };
    expect(sarif.runs[0].results.map((r) => r.level)).toEqual(['note']);
    const [json] = JSON.parse((await runCli(args('json'), dir)).stdout) as { messages: { severity: number }[]; errorCount: number; warningCount: number; infoCount: number }[];
    expect(json.messages.map((m) => m.severity)).toEqual([1]);
    expect([json.errorCount, json.warningCount, json.infoCount]).toEqual([0, 0, 1]);
    // Not a warning for --max-warnings either.
    expect((await runCli([...args('compact'), '--max-warnings', '0'], dir)).code).toBe(0);
  });

  it('is accepted in the configuration file too', async () => {
    const dir = await tree({ 'a.irule': RULE, 'irule-lint.config.json': JSON.stringify({ rules: { 'unbraced-expression': 'info', 'undefined-variable': 'off' } }) });
    expect((await runCli(['-f', 'compact', 'a.irule'], dir)).stdout).toMatch(/: info: /);
  });
});

describe('irule-sim', () => {
  it('suggests the event meant by a misspelt --event', async () => {
    const dir = await tree({ 'a.irule': 'when CLIENT_ACCEPTED { log local0. hi }\n' });
    const r = await sim(['--event', 'CLIENT_ACCEPT', 'a.irule'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("irule-sim: --event: unknown event 'CLIENT_ACCEPT' (did you mean CLIENT_ACCEPTED?)\n");
  });

  it('takes a folder as irule-lint does (its iRules in name order)', async () => {
    const dir = await tree({ 'rules/b.irule': 'when CLIENT_ACCEPTED { log local0. b }\n', 'rules/a.irule': 'when CLIENT_ACCEPTED { log local0. a }\n', 'rules/notes.txt': 'not an iRule' });
    const r = await sim(['-f', 'json', 'rules'], dir);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { rules: string[]; results: { logs: string[] }[] };
    expect(out.rules).toEqual(['/Common/a', '/Common/b']);
    expect(out.results[0].logs).toEqual(['Rule /Common/a <CLIENT_ACCEPTED>: a', 'Rule /Common/b <CLIENT_ACCEPTED>: b']);
    const empty = await tree({ 'docs/readme.txt': 'x' });
    expect((await sim(['docs'], empty)).stderr).toBe("irule-sim: no *.irule, *.irul or *.tcl files found in 'docs'\n");
  });

  it('shows the client port in the text output', async () => {
    const dir = await tree({ 'a.irule': 'when CLIENT_ACCEPTED { log local0. [TCP::client_port] }\n' });
    const r = await sim(['--client', '10.1.1.1:5000', '--client', '10.1.1.2', 'a.irule'], dir);
    expect(r.stdout).toMatch(/^client 10\.1\.1\.1 \(port 5000\)\n/m);
    expect(r.stdout).toMatch(/^client 10\.1\.1\.2 \(port 49153\)\n/m);
  });

  it('the seed story logs the line BIG-IP 11.1 logged for it (line 7)', async () => {
    const dir = path.join(path.dirname(new URL(import.meta.url).pathname), '../../fixtures/seed');
    const r = await sim(['o365-smtp-relay_irule.irule', '--bigip-conf', 'bigip.conf', '--client', '172.16.51.21'], dir);
    expect(r.stdout).toContain('bad IP address format (line 7) invoked from within "snat $accepted_snat"');
    expect(seed('README.md')).toContain('(line 7)');
  });
});

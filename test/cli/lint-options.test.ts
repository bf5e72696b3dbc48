/**
 * In-process tests of the lint options of the CLI: configuration files, --rule, --bigip-version,
 * --bigip-conf, ignore globs, --max-warnings, --fix and --fix-dry-run, --baseline.
 */
import { readFileSync } from 'node:fs';
import { readFile, stat, chmod, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, treesRemovedAfterEach } from './helpers.js';

const tree = treesRemovedAfterEach();

const seed = (name: string): string => readFileSync(new URL(`../../fixtures/seed/${name}`, import.meta.url), 'utf8');

/** An iRule with one warning (undefined-variable) and nothing else. */
const WARNS = 'when HTTP_REQUEST {\n  log local0. $nowhere\n}\n';
/** An iRule with one fixable problem: a same-line comment without `;`. */
const FIXABLE = 'when HTTP_REQUEST {\n  log local0. "x" # note\n}\n';

/** The rule ids of JSON output, per file. */
function ruleIds(stdout: string): string[][] {
  return (JSON.parse(stdout) as { messages: { ruleId: string }[] }[]).map((r) => r.messages.map((m) => m.ruleId));
}

describe('the seed story', () => {
  it('reports the data group as $:: as an error on 11.1 and a warning on 10.2.3', async () => {
    const dir = await tree({ 'v10.irule': seed('smtp_irule_v10.irule') });
    const on11 = await runCli(['--bigip-version', '11.1', '-f', 'compact', 'v10.irule'], dir);
    expect(on11.code).toBe(1);
    expect(on11.stdout).toMatch(/^v10\.irule:6:44: error: .*\[datagroup-global-reference\]\n$/);
    const on10 = await runCli(['--bigip-version', '10.2.3', '-f', 'compact', 'v10.irule'], dir);
    expect(on10.code).toBe(0);
    expect(on10.stdout).toMatch(/^v10\.irule:6:44: warning: .*\[datagroup-global-reference\]\n$/);
  });

  it('finds nothing in the fixed v11 rule', async () => {
    const dir = await tree({ 'v11.irule': seed('smtp_irule_v11.irule') });
    expect(await runCli(['--bigip-version', '11.1', 'v11.irule'], dir)).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('names snatpool o365-smtp-relay_snat for the SNAT pool variant with the seed bigip.conf', async () => {
    const dir = await tree({ 'o365.irule': seed('o365-smtp-relay_irule.irule'), 'bigip.conf': seed('bigip.conf') });
    const r = await runCli(['--bigip-version', '11.1', '--bigip-conf', 'bigip.conf', '-f', 'compact', 'o365.irule'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^o365\.irule:8:6: error: .*use snatpool o365-smtp-relay_snat \[snat-argument\]\n$/);
  });
});

describe('configuration', () => {
  it('uses the nearest irule-lint.config.json above each file', async () => {
    const dir = await tree({
      'irule-lint.config.json': JSON.stringify({ rules: { 'undefined-variable': 'error' } }),
      'a.irule': WARNS,
      'sub/irule-lint.config.json': JSON.stringify({ rules: { 'undefined-variable': 'off' } }),
      'sub/b.irule': WARNS,
    });
    const r = await runCli(['-f', 'json', '.'], dir);
    expect(r.code).toBe(1);
    const results = JSON.parse(r.stdout) as { filePath: string; errorCount: number; messages: unknown[] }[];
    expect(results.map((x) => [path.relative(dir, x.filePath), x.errorCount, x.messages.length])).toEqual([
      ['a.irule', 1, 1],
      [path.join('sub', 'b.irule'), 0, 0],
    ]);
  });

  it('takes --config instead of searching, and --rule over both', async () => {
    const dir = await tree({ 'strict.json': JSON.stringify({ rules: { 'undefined-variable': 'error' } }), 'a.irule': WARNS });
    expect((await runCli(['-c', 'strict.json', 'a.irule'], dir)).code).toBe(1);
    const r = await runCli(['-c', 'strict.json', '--rule', 'undefined-variable=off', 'a.irule'], dir);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('reads bigipVersion and bigipConf from the configuration, relative to its folder', async () => {
    const dir = await tree({
      'conf/bigip.conf': seed('bigip.conf'),
      'rules/irule-lint.config.json': JSON.stringify({ bigipVersion: '10.2.3', bigipConf: '../conf/bigip.conf' }),
      'rules/o365.irule': seed('o365-smtp-relay_irule.irule'),
      'rules/v10.irule': seed('smtp_irule_v10.irule'),
    });
    const r = await runCli(['-f', 'compact', 'rules'], dir);
    expect(r.stdout).toContain('use snatpool o365-smtp-relay_snat [snat-argument]');
    expect(r.stdout).toMatch(/v10\.irule:6:44: warning: .*\[datagroup-global-reference\]/);
  });

  it('skips files matched by ignore globs', async () => {
    const dir = await tree({
      'irule-lint.config.json': JSON.stringify({ ignore: ['vendor/**', '*.old.irule'] }),
      'vendor/x.irule': WARNS,
      'a.old.irule': WARNS,
      'a.irule': WARNS,
    });
    const r = await runCli(['-f', 'json', '.', 'a.old.irule'], dir);
    expect((JSON.parse(r.stdout) as { filePath: string }[]).map((x) => path.relative(dir, x.filePath))).toEqual(['a.irule']);
  });

  it.each([
    [{ rules: { 'no-such-rule': 'error' } }, /irule-lint\.config\.json: unknown rule "no-such-rule"/],
    [{ rules: { 'undefined-varible': 'off' } }, /unknown rule "undefined-varible" \(did you mean "undefined-variable"\?\)/],
    [{ rules: { 'undefined-variable': 'loud' } }, /rule "undefined-variable" must be "off", "info", "warn" or "error", not "loud"/],
    [{ bigipVersion: 'eleven' }, /"bigipVersion" expects a BIG-IP version/],
    [{ colour: 'red' }, /unknown key "colour"/],
  ])('rejects a bad configuration %j with one line and exit 2', async (config, message) => {
    const dir = await tree({ 'irule-lint.config.json': JSON.stringify(config), 'a.irule': WARNS });
    const r = await runCli(['a.irule'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.split('\n')).toHaveLength(2);
  });

  it('rejects invalid JSON, a bad --rule and a bad --bigip-version', async () => {
    const dir = await tree({ 'irule-lint.config.json': '{ "rules": ', 'a.irule': WARNS, 'b/ok.irule': WARNS });
    expect((await runCli(['a.irule'], dir)).stderr).toMatch(/^irule-lint: irule-lint\.config\.json: invalid JSON/);
    expect((await runCli(['--rule', 'nope', 'b/ok.irule', '-c', '/dev/null'], dir)).code).toBe(2);
    const bad = await runCli(['--rule', 'undefined-variable', path.join(dir, 'b/ok.irule')], '/');
    expect(bad.stderr).toBe(`irule-lint: --rule expects <id>=<off|info|warn|error>, got "undefined-variable"\n`);
    const v = await runCli(['--bigip-version', 'eleven', path.join(dir, 'b/ok.irule')], '/');
    expect(v).toEqual({ code: 2, stdout: '', stderr: "irule-lint: --bigip-version expects a BIG-IP version such as 11, 11.1, 15.1.2 or 15.1.2.1, not 'eleven'\n" });
  });

  it('reports a malformed bigip.conf with its file, line and column, exit 2', async () => {
    const dir = await tree({ 'bad.conf': 'ltm pool /Common/p {\n  members {\n', 'a.irule': WARNS });
    const r = await runCli(['--bigip-conf', 'bad.conf', 'a.irule'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^irule-lint: bad\.conf:2:11: malformed bigip\.conf: missing '}'/);
    const missing = await runCli(['--bigip-conf', 'none.conf', 'a.irule'], dir);
    expect(missing.stderr).toBe("irule-lint: cannot read bigip.conf 'none.conf': no such file or directory\n");
  });
});

describe('--max-warnings', () => {
  it('fails the run only when warnings exceed the limit', async () => {
    const dir = await tree({ 'a.irule': WARNS });
    expect((await runCli(['--max-warnings', '1', 'a.irule'], dir)).code).toBe(0);
    const r = await runCli(['--max-warnings', '0', 'a.irule'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('irule-lint: too many warnings (1; at most 0 allowed by --max-warnings)\n');
    expect((await runCli(['--max-warnings', 'x', 'a.irule'], dir)).code).toBe(2);
  });
});

describe('--fix and --fix-dry-run', () => {
  it('writes fixed files in place, keeping CRLF line ends, a BOM and the file mode', async () => {
    const crlf = FIXABLE.replace(/\n/g, '\r\n');
    const dir = await tree({ 'lf.irule': FIXABLE, 'crlf.irule': crlf, 'bom.irule': `\uFEFF${FIXABLE}` });
    await chmod(path.join(dir, 'lf.irule'), 0o640);
    const r = await runCli(['--fix', '.'], dir);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    const fixed = FIXABLE.replace('# note', ';# note');
    expect(await readFile(path.join(dir, 'lf.irule'), 'utf8')).toBe(fixed);
    expect(await readFile(path.join(dir, 'crlf.irule'), 'utf8')).toBe(fixed.replace(/\n/g, '\r\n'));
    expect(await readFile(path.join(dir, 'bom.irule'), 'utf8')).toBe(`\uFEFF${fixed}`);
    expect((await stat(path.join(dir, 'lf.irule'))).mode & 0o777).toBe(0o640);
    // No temporary files are left behind.
    expect((await readdir(dir)).sort()).toEqual(['bom.irule', 'crlf.irule', 'lf.irule']);
  });

  it('prints a diff with --fix-dry-run and leaves the file alone', async () => {
    const dir = await tree({ 'a.irule': FIXABLE });
    const r = await runCli(['--fix-dry-run', 'a.irule'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--- a.irule');
    expect(r.stdout).toContain('-  log local0. "x" # note\n+  log local0. "x" ;# note\n');
    expect(await readFile(path.join(dir, 'a.irule'), 'utf8')).toBe(FIXABLE);
  });

  it('does not rewrite a file that is not valid UTF-8', async () => {
    const bytes = new Uint8Array([...Buffer.from('when HTTP_REQUEST {\n  log local0. "\xff" # note\n}\n', 'latin1')]);
    const dir = await tree({ 'a.irule': bytes });
    const r = await runCli(['--fix', 'a.irule'], dir);
    expect(r.stderr).toBe('irule-lint: a.irule: not fixed: the file is not valid UTF-8\n');
    expect(new Uint8Array(await readFile(path.join(dir, 'a.irule')))).toEqual(bytes);
  });

  it('rejects --fix together with --fix-dry-run', async () => {
    const dir = await tree({ 'a.irule': FIXABLE });
    expect((await runCli(['--fix', '--fix-dry-run', 'a.irule'], dir)).stderr).toBe('irule-lint: --fix and --fix-dry-run cannot be used together\n');
  });
});

describe('--baseline', () => {
  it('records the findings on first use, then reports only new ones', async () => {
    const dir = await tree({ 'a.irule': WARNS });
    const first = await runCli(['--baseline', 'baseline.json', 'a.irule'], dir);
    expect(first).toEqual({ code: 0, stdout: '', stderr: "irule-lint: baseline 'baseline.json' written with 1 finding\n" });
    const recorded = JSON.parse(await readFile(path.join(dir, 'baseline.json'), 'utf8'));
    expect(recorded).toEqual({
      version: 1,
      findings: [{ file: 'a.irule', ruleId: 'undefined-variable', message: expect.stringContaining('$nowhere'), source: 'log local0. $nowhere', count: 1 }],
    });
    // The old finding moved down a line: still accepted. A new one is reported.
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path.join(dir, 'a.irule'), 'when HTTP_REQUEST {\n  log local0. hi\n  log local0. $nowhere\n  log local0. $other\n}\n');
    const second = await runCli(['--baseline', 'baseline.json', '-f', 'json', 'a.irule'], dir);
    expect(ruleIds(second.stdout)).toEqual([['undefined-variable']]);
    expect(second.stdout).toContain('$other');
    // --update-baseline accepts the new one too.
    await runCli(['--baseline', 'baseline.json', '--update-baseline', 'a.irule'], dir);
    expect((await runCli(['--baseline', 'baseline.json', 'a.irule'], dir)).stdout).toBe('');
  });

  it('rejects a file that is not a baseline', async () => {
    const dir = await tree({ 'a.irule': WARNS, 'b.json': '[1,2]' });
    expect((await runCli(['--baseline', 'b.json', 'a.irule'], dir)).stderr).toMatch(/^irule-lint: b\.json: not a baseline file/);
    expect((await runCli(['--update-baseline', 'a.irule'], dir)).stderr).toBe('irule-lint: --update-baseline needs --baseline <file>\n');
  });
});

describe('output formats through the CLI', () => {
  it('prints SARIF, GitHub annotations and compact lines for the same findings', async () => {
    const dir = await tree({ 'rules/v10.irule': seed('smtp_irule_v10.irule') });
    const sarif = await runCli(['-f', 'sarif', '--bigip-version', '11.1', 'rules'], dir);
    expect(sarif.code).toBe(1);
    const log = JSON.parse(sarif.stdout) as { version: string; runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string } } }[] }[] }[] };
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0].results.map((r) => [r.ruleId, r.locations[0].physicalLocation.artifactLocation])).toEqual([
      ['datagroup-global-reference', { uri: 'rules/v10.irule', uriBaseId: '%SRCROOT%' }],
    ]);
    const github = await runCli(['-f', 'github', '--bigip-version', '11.1', 'rules'], dir);
    expect(github.stdout).toMatch(/^::error file=rules\/v10\.irule,line=6,endLine=6,col=44,endColumn=65,title=irule-lint datagroup-global-reference::data group written as/);
    const compact = await runCli(['-f', 'compact', '--bigip-version', '10.2.3', 'rules'], dir);
    expect(compact).toMatchObject({ code: 0, stdout: expect.stringMatching(/^rules\/v10\.irule:6:44: warning: /) });
  });
});

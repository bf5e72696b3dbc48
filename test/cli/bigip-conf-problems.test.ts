/**
 * Issue 14: a problem in bigip.conf that is not a syntax error (a record the model cannot read, a
 * bad address, an unknown data-group type or kind, a duplicate, a dangling name) is reported by
 * both irule-lint and irule-sim, as a warning with file:line:col, quoting at most an excerpt of
 * the offending text, and capped with a count when there are very many.
 */
import { describe, expect, it } from 'vitest';
import { MAX_CONFIG_PROBLEMS } from '../../src/bigip/diagnostic.js';
import { EXCERPT_LENGTH } from '../../src/diagnostics.js';
import { runCli, runSimCli, treesRemovedAfterEach } from './helpers.js';

const tree = treesRemovedAfterEach();

/** `irule-sim` in process. */
const sim = runSimCli;

const RULE = 'when CLIENT_ACCEPTED {\n    if { [class match [IP::client_addr] equals blocklist] } {\n        reject\n    }\n}\n';

const VIRTUAL = 'ltm virtual /Common/vs {\n    destination /Common/10.9.9.9:80\n    ip-protocol tcp\n    rules {\n        /Common/block\n    }\n}\n';

/** A bigip.conf with one of each kind of problem the model used to drop silently (line numbers in comments). */
const BAD_CONF = [
  'ltm data-group internal /Common/blocklist {', // 1
  '    records {',
  '        10.0.0.1/32 { }',
  '        not-an-ip { }', // 4: a record the model cannot read
  '        10.0.0.1 { }', // 5: a duplicate record
  '    }',
  '    type ip',
  '}',
  'ltm data-group internal /Common/colours {',
  '    records {',
  '        red { }',
  '    }',
  '    type colour', // 13: an unknown data-group type
  '}',
  'ltm data-group internl /Common/typo { }', // 15: an unknown data-group kind
  'ltm pool /Common/p1 {',
  '    members {',
  '        /Common/web1:80 { }', // 18: no address and no node
  '        /Common/10.1.1.1:80 { address 10.1.1.300 }', // 19: a bad address
  '    }',
  '}',
  'net self /Common/self1 {',
  '    address 10.1.1.999/24', // 23: a bad self IP address
  '    vlan /Common/internal',
  '}',
  'ltm snatpool /Common/sp { members { /Common/nowhere } }', // 26: neither address nor snat-translation
  'ltm pool /Common/p1 { }', // 27: a duplicate object
  VIRTUAL,
].join('\n');

/** Where and what each problem is, as `line:col rule` plus a piece of the message. */
const EXPECTED: [string, string][] = [
  ['4:9 config-invalid', "invalid IP address or network 'not-an-ip'"],
  ['5:9 config-invalid', "duplicate record '10.0.0.1'"],
  ['13:10 config-invalid', "unknown data-group type 'colour'"],
  ['15:16 config-invalid', "unknown data-group kind 'internl'"],
  ['18:9 config-reference', 'pool member /Common/web1:80 of /Common/p1 has no address'],
  ['19:39 config-invalid', "invalid IP address '10.1.1.300'"],
  ['23:13 config-invalid', "invalid address '10.1.1.999/24' in self IP /Common/self1"],
  ['26:37 config-reference', 'SNAT pool member /Common/nowhere of /Common/sp is neither an address nor a defined snat-translation'],
  ['27:10 config-invalid', '/Common/p1 is defined more than once'],
];

describe('bigip.conf problems are reported, not dropped', () => {
  it('irule-lint lists each as a warning of bigip.conf with line and column, and still exits 0', async () => {
    const dir = await tree({ 'bigip.conf': BAD_CONF, 'block.irule': RULE });
    const r = await runCli(['-f', 'compact', '--bigip-conf', 'bigip.conf', 'block.irule'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(EXPECTED.length);
    EXPECTED.forEach(([where, what], i) => {
      const [pos, rule] = where.split(' ');
      expect(lines[i]).toMatch(new RegExp(`^bigip\\.conf:${pos}: warning: .*\\[${rule}\\]$`));
      expect(lines[i]).toContain(what);
    });
  });

  it('irule-lint reports them in every format, and counts them as warnings (--max-warnings)', async () => {
    const dir = await tree({ 'bigip.conf': BAD_CONF, 'block.irule': RULE });
    const json = JSON.parse((await runCli(['-f', 'json', '--bigip-conf', 'bigip.conf', 'block.irule'], dir)).stdout) as {
      filePath: string;
      messages: { line: number; severity: number; ruleId: string }[];
    }[];
    const conf = json.find((f) => f.filePath.endsWith('bigip.conf'));
    // Severity 1 is a warning in the ESLint-style JSON.
    expect(conf?.messages.map((m) => `${m.line} ${m.severity}`)).toEqual(EXPECTED.map(([w]) => `${w.split(':')[0]} 1`));
    const sarif = JSON.parse((await runCli(['-f', 'sarif', '--bigip-conf', 'bigip.conf', 'block.irule'], dir)).stdout) as {
      runs: { results: { ruleId: string; level: string }[] }[];
    };
    expect(sarif.runs[0].results.map((x) => `${x.ruleId} ${x.level}`)).toEqual(EXPECTED.map(([w]) => `${w.split(' ')[1]} warning`));
    const github = (await runCli(['-f', 'github', '--bigip-conf', 'bigip.conf', 'block.irule'], dir)).stdout;
    expect(github.match(/^::warning file=bigip\.conf,line=\d+/gm)).toHaveLength(EXPECTED.length);
    const stylish = await runCli(['--bigip-conf', 'bigip.conf', 'block.irule'], dir);
    expect(stylish.stdout).toMatch(new RegExp(`✖ ${EXPECTED.length} problems \\(0 errors, ${EXPECTED.length} warnings\\)`));
    expect((await runCli(['--max-warnings', '0', '--bigip-conf', 'bigip.conf', 'block.irule'], dir)).code).toBe(1);
  });

  it('irule-sim lists each as a warning line (text) and in configProblems (JSON), and still simulates', async () => {
    const dir = await tree({ 'bigip.conf': BAD_CONF, 'block.irule': RULE });
    const text = await sim(['--bigip-conf', 'bigip.conf', '--client', '10.0.0.1', 'block.irule'], dir);
    expect(text.code).toBe(0);
    const warnings = text.stdout.split('\n').filter((l) => l.startsWith('warning: '));
    expect(warnings).toHaveLength(EXPECTED.length);
    EXPECTED.forEach(([where, what], i) => {
      const [pos, rule] = where.split(' ');
      expect(warnings[i]).toMatch(new RegExp(`^warning: bigip\\.conf:${pos}: .*\\(${rule}\\)$`));
      expect(warnings[i]).toContain(what);
    });
    expect(text.stdout).toContain('action   reject');
    const json = JSON.parse((await sim(['-f', 'json', '--bigip-conf', 'bigip.conf', '--client', '10.0.0.1', 'block.irule'], dir)).stdout) as {
      configProblems: { file: string; line: number; column: number; severity: string; ruleId: string }[];
      configProblemsOmitted: number;
    };
    expect(json.configProblems.map((p) => `${p.file} ${p.line}:${p.column} ${p.ruleId} ${p.severity}`)).toEqual(
      EXPECTED.map(([w]) => `bigip.conf ${w} warning`),
    );
    expect(json.configProblemsOmitted).toBe(0);
  });

  it('irule-sim --explain lists each as a warning line under the header (text) and in configProblems (JSON), and still explains', async () => {
    const dir = await tree({ 'bigip.conf': BAD_CONF, 'block.irule': RULE });
    const text = await sim(['--explain', '--bigip-conf', 'bigip.conf', 'block.irule'], dir);
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    const lines = text.stdout.split('\n');
    const warnings = lines.filter((l) => l.startsWith('warning  '));
    expect(warnings).toHaveLength(EXPECTED.length);
    EXPECTED.forEach(([where, what], i) => {
      const [pos, rule] = where.split(' ');
      expect(warnings[i]).toMatch(new RegExp(`^warning  bigip\\.conf:${pos}: .*\\(${rule}\\)$`));
      expect(warnings[i]).toContain(what);
    });
    // In the header: after the rules line, before the count of outcomes.
    expect(lines.indexOf(warnings[0])).toBeGreaterThan(lines.findIndex((l) => l.startsWith('rules ')));
    expect(lines.indexOf(warnings[warnings.length - 1])).toBeLessThan(lines.findIndex((l) => / outcomes? in \d+ runs/.test(l)));
    expect(text.stdout).toContain('-> reset');
    const json = JSON.parse((await sim(['--explain', '-f', 'json', '--bigip-conf', 'bigip.conf', 'block.irule'], dir)).stdout) as {
      classes: unknown[];
      configProblems: { file: string; line: number; column: number; severity: string; ruleId: string }[];
      configProblemsOmitted: number;
    };
    expect(json.classes.length).toBeGreaterThan(0);
    expect(json.configProblems.map((p) => `${p.file} ${p.line}:${p.column} ${p.ruleId} ${p.severity}`)).toEqual(
      EXPECTED.map(([w]) => `bigip.conf ${w} warning`),
    );
    expect(json.configProblemsOmitted).toBe(0);
    // The last keys, after those a clean run has.
    expect(Object.keys(json).slice(-3)).toEqual(['expect', 'configProblems', 'configProblemsOmitted']);
  });

  it('irule-sim --expect lists them before the verdicts, and the verdicts still decide the exit code', async () => {
    const dir = await tree({ 'bigip.conf': BAD_CONF, 'block.irule': RULE, 'block.expect': '0.0.0.0/0 -> not error\n' });
    const r = await sim(['--expect', 'block.expect', '--bigip-conf', 'bigip.conf', 'block.irule'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('warning  '))).toHaveLength(EXPECTED.length);
    expect(r.stdout).toContain('all 1 claims proven');
  });

  it('a rule the virtual server names is no problem when it is given as a file, else it is reported', async () => {
    const group = 'ltm data-group internal /Common/blocklist {\n    records {\n        10.0.0.1/32 { }\n    }\n    type ip\n}\n';
    const dir = await tree({ 'bigip.conf': `${group}${VIRTUAL}`, 'block.irule': RULE, 'other.irule': RULE });
    expect((await runCli(['-f', 'compact', '--bigip-conf', 'bigip.conf', 'block.irule'], dir)).stdout).toBe('');
    expect((await sim(['--bigip-conf', 'bigip.conf', 'block.irule'], dir)).stdout).not.toContain('warning');
    const other = await runCli(['-f', 'compact', '--bigip-conf', 'bigip.conf', 'other.irule'], dir);
    expect(other.stdout).toMatch(/^bigip\.conf:11:9: warning: virtual \/Common\/vs refers to iRule \/Common\/block, which is not defined \[config-reference\]\n$/);
  });

  it('a clean bigip.conf adds nothing to either output', async () => {
    const conf = `ltm data-group internal /Common/blocklist {\n    records {\n        10.0.0.1/32 { }\n    }\n    type ip\n}\n${VIRTUAL}`;
    const dir = await tree({ 'bigip.conf': conf, 'block.irule': RULE });
    expect(await runCli(['--bigip-conf', 'bigip.conf', 'block.irule'], dir)).toEqual({ code: 0, stdout: '', stderr: '' });
    const json = (await sim(['-f', 'json', '--bigip-conf', 'bigip.conf', 'block.irule'], dir)).stdout;
    expect(json).not.toContain('configProblems');
    const explained = await sim(['--explain', '--bigip-conf', 'bigip.conf', 'block.irule'], dir);
    expect(explained.stdout).not.toContain('warning');
    const explainedJson = JSON.parse((await sim(['--explain', '-f', 'json', '--bigip-conf', 'bigip.conf', 'block.irule'], dir)).stdout) as object;
    expect(Object.keys(explainedJson).at(-1)).toBe('expect');
  });
});

describe('many bigip.conf problems are capped with a count', () => {
  const records: string[] = [];
  for (let i = 0; i < 150_000; i++) records.push(`        not-an-ip-${i} { }`);
  const conf = `ltm data-group internal /Common/blocklist {\n    records {\n${records.join('\n')}\n    }\n    type ip\n}\n${VIRTUAL}`;
  const omitted = (150_000 - MAX_CONFIG_PROBLEMS).toLocaleString('en-US');

  it('irule-lint lists the first ones and one line counting the rest', async () => {
    const dir = await tree({ 'bigip.conf': conf, 'block.irule': RULE });
    const r = await runCli(['-f', 'compact', '--bigip-conf', 'bigip.conf', 'block.irule'], dir);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(MAX_CONFIG_PROBLEMS + 1);
    expect(lines[0]).toMatch(/^bigip\.conf:3:9: warning: invalid IP address or network 'not-an-ip-0'/);
    expect(lines[MAX_CONFIG_PROBLEMS]).toContain(`${omitted} more bigip.conf problems are not listed (only the first ${MAX_CONFIG_PROBLEMS} are)`);
  });

  it('irule-sim lists the first ones and counts the rest (text and JSON)', async () => {
    const dir = await tree({ 'bigip.conf': conf, 'block.irule': RULE });
    const text = (await sim(['--bigip-conf', 'bigip.conf', 'block.irule'], dir)).stdout;
    expect(text.split('\n').filter((l) => l.startsWith('warning: '))).toHaveLength(MAX_CONFIG_PROBLEMS + 1);
    expect(text).toContain(`warning: ${omitted} more bigip.conf problems are not listed`);
    const json = JSON.parse((await sim(['-f', 'json', '--bigip-conf', 'bigip.conf', 'block.irule'], dir)).stdout) as {
      configProblems: unknown[];
      configProblemsOmitted: number;
    };
    expect(json.configProblems).toHaveLength(MAX_CONFIG_PROBLEMS);
    expect(json.configProblemsOmitted).toBe(150_000 - MAX_CONFIG_PROBLEMS);
  });

  it('irule-sim --explain lists the first ones and counts the rest (text and JSON)', async () => {
    const dir = await tree({ 'bigip.conf': conf, 'block.irule': RULE });
    const text = (await sim(['--explain', '--bigip-conf', 'bigip.conf', 'block.irule'], dir)).stdout;
    const warnings = text.split('\n').filter((l) => l.startsWith('warning  '));
    expect(warnings).toHaveLength(MAX_CONFIG_PROBLEMS + 1);
    expect(warnings[MAX_CONFIG_PROBLEMS]).toBe(`warning  ${omitted} more bigip.conf problems are not listed (only the first ${MAX_CONFIG_PROBLEMS} are)`);
    const json = JSON.parse((await sim(['--explain', '-f', 'json', '--bigip-conf', 'bigip.conf', 'block.irule'], dir)).stdout) as {
      configProblems: unknown[];
      configProblemsOmitted: number;
    };
    expect(json.configProblems).toHaveLength(MAX_CONFIG_PROBLEMS);
    expect(json.configProblemsOmitted).toBe(150_000 - MAX_CONFIG_PROBLEMS);
  });
});

describe('bigip.conf messages quote only an excerpt of the offending text', () => {
  const huge = `k${'x'.repeat(50_000)}`;
  const longName = `/Common/${'n'.repeat(20_000)}`;
  const conf = [
    `ltm data-group internal /Common/blocklist {\n    records {\n        ${huge} { }\n    }\n    type ip\n}`,
    `ltm pool ${longName} { }`,
    `ltm pool ${longName} { }`,
    VIRTUAL,
  ].join('\n');
  /** Longest message a bigip.conf problem may have: fixed words plus a few excerpts. */
  const MAX = 4 * EXCERPT_LENGTH + 200;

  it('in every irule-lint format', async () => {
    const dir = await tree({ 'bigip.conf': conf, 'block.irule': RULE });
    for (const format of ['stylish', 'compact', 'json', 'github', 'sarif']) {
      const r = await runCli(['-f', format, '--bigip-conf', 'bigip.conf', 'block.irule'], dir);
      expect(r.stdout, format).toContain('kxxxx');
      for (const line of r.stdout.split('\n')) expect(line.length, format).toBeLessThan(MAX + 200);
      expect(r.stdout, format).toContain('…');
    }
  });

  it('in both irule-sim formats', async () => {
    const dir = await tree({ 'bigip.conf': conf, 'block.irule': RULE });
    for (const format of ['text', 'json']) {
      const r = await sim(['-f', format, '--bigip-conf', 'bigip.conf', 'block.irule'], dir);
      expect(r.code, format).toBe(0);
      const warnings = r.stdout.split('\n').filter((l) => l.includes('kxxx') || l.includes('nnnn'));
      expect(warnings.length, format).toBeGreaterThanOrEqual(2);
      for (const w of warnings) expect(w.length, format).toBeLessThan(MAX);
    }
  });
});

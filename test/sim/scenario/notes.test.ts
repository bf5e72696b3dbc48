/**
 * The simulator's notes in `irule-sim test`: every note `irule-sim` prints for the same inputs
 * reaches the test report, in text, JUnit (validated with xmllint) and JSON; a note repeated for
 * every connection is shown once, one made for some connections names them, notes every test of a
 * file had are shown for the file, long lists are capped; notes never fail a test, and
 * `expect: { notes }` checks them. A clean run's output has none of it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runSim } from '../../../src/cli/sim/run.js';
import { tempTree } from '../../cli/helpers.js';
import { HEAD, runTests, runYaml, xmllint } from './harness.js';

const fixture = (name: string): string => readFileSync(fileURLToPath(new URL(`../../../fixtures/sim/missing-external/${name}`, import.meta.url)), 'utf8');
/** fixtures/sim/missing-external: an external data group whose file is missing, a pool with no member up. */
const EXT = { 'ext.conf': fixture('bigip.conf'), 'portal.irule': fixture('portal.irule') };
const EXT_HEAD = 'bigip-conf: ext.conf\nrules: [portal.irule]\nrequest: "GET / HTTP/1.1\\nHost: shop.example.com\\n\\n"\ntests:\n';
const EXTERNAL_NOTE = 'external data group /Common/blocked_clients: its file was not found (give it in the test file: external: { blocked_clients: <file> }); treated as empty';
const LEGACY = 'GET / HTTP/1.1\\nHost: legacy.example.com\\n\\n';

/** The JSON report with the notes keys the harness's type leaves out. */
interface NotesJson {
  files: ({ file: string; notes?: Note[]; notesOmitted?: number; tests: ({ name: string; status: string; notes?: Note[]; notesOmitted?: number } & Record<string, unknown>)[] } & Record<string, unknown>)[];
}
interface Note {
  connections: number[] | null;
  message: string;
}

/** Runs `irule-sim test -f json` over one file; returns the parsed report and the exit code. */
async function json(yaml: string, extra: Record<string, string> = {}): Promise<{ code: number; report: NotesJson }> {
  const r = await runYaml(yaml, extra);
  expect(r.stderr).toBe('');
  return { code: r.code, report: JSON.parse(r.stdout) as NotesJson };
}

describe('the notes irule-sim prints reach irule-sim test', () => {
  it('has the same notes as irule-sim for the same inputs (only the hint for the missing file differs)', async () => {
    const tree = await tempTree({ ...EXT, 'req.txt': 'GET / HTTP/1.1\nHost: legacy.example.com\n\n', 't.test.yaml': `${EXT_HEAD.replace(/request: .*\n/, 'request-file: req.txt\n')}  - name: t\n    client: 198.51.100.7\n` });
    try {
      const run = async (args: string[]): Promise<string> => {
        let out = '';
        const code = await runSim(args, { stdout: (s) => void (out += s), stderr: () => undefined, readStdin: async () => new Uint8Array(), cwd: tree.dir });
        expect(code).toBe(0);
        return out;
      };
      const sim = JSON.parse(await run(['portal.irule', '--bigip-conf', 'ext.conf', '--request', 'req.txt', '--client', '198.51.100.7', '-f', 'json'])) as {
        notes: string[];
        results: { notes: string[]; notModelled: string[] }[];
      };
      const simNotes = [...sim.notes, ...sim.results.flatMap((r) => r.notes)].map((n) => n.replace(/ \(pass --external [^)]*\)/, ''));
      const test = JSON.parse(await run(['test', '-f', 'json', 't.test.yaml'])) as NotesJson;
      const testNotes = test.files[0].tests[0].notes!.map((n) => n.message.replace(/ \(give it in the test file: [^)]*\)/, ''));
      expect(simNotes).toEqual([
        'external data group /Common/blocked_clients: its file was not found; treated as empty',
        'no member of pool /Common/legacy_pool is available',
        'load balancing failed: BIG-IP resets the connection',
      ]);
      expect(testNotes).toEqual(simNotes);
    } finally {
      await tree.cleanup();
    }
  });

  it('a test passes with notes: text shows them under the test and counts the test in the summary; exit 0', async () => {
    const r = await runTests({ ...EXT, 't.test.yaml': `${EXT_HEAD}  - name: listed client\n    client: 198.51.100.7\n    expect: { action: forward }\n` }, ['t.test.yaml']);
    expect(r.stdout.split('\n').filter((l) => !l.startsWith('warning: '))).toEqual(['PASS  t.test.yaml  listed client', `  note: ${EXTERNAL_NOTE}`, '', '1 test: 1 passed (1 with notes from the simulator)', '']);
    expect(r.code).toBe(0);
  });

  it('JSON: notes (connections null for the whole run) and notesOmitted last in the test', async () => {
    const { code, report } = await json(`${EXT_HEAD}  - name: t\n`, EXT);
    const t = report.files[0].tests[0];
    expect(Object.keys(t)).toEqual(['name', 'line', 'column', 'status', 'timeMs', 'failures', 'error', 'notes', 'notesOmitted']);
    expect(t.notes).toEqual([{ connections: null, message: EXTERNAL_NOTE }]);
    expect(t.notesOmitted).toBe(0);
    expect(report.files[0]).not.toHaveProperty('notes');
    expect(code).toBe(0);
  });

  it("JUnit: the testcase's system-out, valid against the JUnit schema; no failure", async () => {
    const r = await runTests({ ...EXT, 't.test.yaml': `${EXT_HEAD}  - name: t\n` }, ['-f', 'junit', 't.test.yaml']);
    expect(r.stdout).toContain(`line="5" time="`);
    expect(r.stdout).toMatch(/<testcase name="t" [^>]*>\n {6}<system-out>note: external data group \/Common\/blocked_clients: its file was not found \(give it in the test file: external: \{ blocked_clients: &lt;file&gt; \}\); treated as empty<\/system-out>\n {4}<\/testcase>/);
    expect(r.stdout).toContain('failures="0" errors="0"');
    const v = xmllint(r.stdout);
    expect(v.out).toContain('validates');
    expect(v.status).toBe(0);
  });

  it('a test whose data group replaces the missing file has no note about it', async () => {
    const { report } = await json(`${EXT_HEAD}  - name: t\n    datagroups: { blocked_clients: [198.51.100.0/24] }\n    client: 198.51.100.7\n    expect: { action: reject }\n`, EXT);
    expect(report.files[0].tests[0]).toMatchObject({ status: 'pass' });
    expect(report.files[0].tests[0]).not.toHaveProperty('notes');
  });

  it('an error in RULE_INIT, which no connection shows, is a note', async () => {
    const rule = 'when RULE_INIT {\n    set static::limit [expr {10 / 0}]\n}\nwhen HTTP_REQUEST {\n    pool web_pool\n}\n';
    const { report } = await json(`${HEAD}  - name: t\n    expect: { pool: web_pool }\n`, { 'web.irule': rule });
    expect(report.files[0].tests[0].notes).toEqual([{ connections: null, message: expect.stringMatching(/^RULE_INIT of \/Common\/web failed at web\.irule:2: .*divide by zero/) as string }]);
  });

  it("RULE_INIT's commands not modelled are the whole run's, joined with the connections'; expect: { notes: [] } sees them", async () => {
    const rule = 'when RULE_INIT {\n    set static::load [cpu usage 5mins]\n}\nwhen HTTP_REQUEST {\n    if { [HTTP::uri] eq "/tls" } { log local0. [SSL::cipher name] }\n    pool web_pool\n}\n';
    const yaml = `${HEAD}  - name: t\n    connections:\n      - { expect: { notes: [] } }\n      - { request: "GET /tls HTTP/1.1\\nHost: h\\n\\n", expect: { notes: [SSL::cipher, cpu usage] } }\n`;
    const r = await runYaml(yaml, { 'web.irule': rule });
    const t = r.json!.files[0].tests[0] as { notes?: Note[]; failures: unknown[] };
    expect(t.notes).toEqual([
      { connections: null, message: 'not modelled: cpu usage' },
      { connections: [2], message: 'not modelled: SSL::cipher' },
    ]);
    expect(t.failures).toEqual([expect.objectContaining({ connection: 1, kind: 'notes', expected: 'no notes', actual: '["not modelled: cpu usage"]' })]);
  });
});

describe('each note once', () => {
  /** A rule whose notes depend on the connection: a pool with no member up for the legacy host, a command not modelled for /tls. */
  const rule = 'when HTTP_REQUEST {\n    if { [HTTP::uri] eq "/tls" } { log local0. [SSL::cipher name] }\n    pool [class match -value [HTTP::host] equals host_pools]\n}\n';
  const conn = (request?: string): string => `      - { ${request ? `request: "${request}"` : 'client: 10.0.0.1'} }\n`;

  it('a note made for every connection is shown once, without connection numbers', async () => {
    const yaml = `${EXT_HEAD}  - name: t\n    request: "${LEGACY}"\n    connections:\n${conn()}${conn()}${conn()}`;
    const { report } = await json(yaml, { ...EXT, 'portal.irule': rule });
    expect(report.files[0].tests[0].notes).toEqual([
      { connections: null, message: EXTERNAL_NOTE },
      { connections: null, message: 'no member of pool /Common/legacy_pool is available' },
      { connections: null, message: 'load balancing failed: BIG-IP resets the connection' },
    ]);
  });

  it('a note made for some connections names them, as ranges in text; commands not modelled with the same connections share a line', async () => {
    const tls = 'GET /tls HTTP/1.1\\nHost: legacy.example.com\\n\\n';
    const yaml = `${EXT_HEAD}  - name: t\n    connections:\n${conn(LEGACY)}${conn(LEGACY)}${conn(LEGACY)}${conn()}${conn(tls)}`;
    const { report } = await json(yaml, { ...EXT, 'portal.irule': rule });
    expect(report.files[0].tests[0].notes).toEqual([
      { connections: null, message: EXTERNAL_NOTE },
      { connections: [1, 2, 3, 5], message: 'no member of pool /Common/legacy_pool is available' },
      { connections: [1, 2, 3, 5], message: 'load balancing failed: BIG-IP resets the connection' },
      { connections: [5], message: 'not modelled: SSL::cipher' },
    ]);
    const text = await runTests({ ...EXT, 'portal.irule': rule, 't.test.yaml': yaml }, ['t.test.yaml']);
    expect(text.stdout).toContain('\n  note: connections 1-3, 5: no member of pool /Common/legacy_pool is available\n');
    expect(text.stdout).toContain('\n  note: connection 5: not modelled: SSL::cipher\n');
  });

  it('lists notes every test of a file had once, for the file, in every format', async () => {
    const files = { ...EXT, 't.test.yaml': `${EXT_HEAD}  - name: a\n  - name: b\n    request: "${LEGACY}"\n` };
    const text = await runTests(files, ['t.test.yaml']);
    const lines = text.stdout.split('\n').filter((l) => !l.startsWith('warning: '));
    expect(lines).toEqual([
      `note: t.test.yaml: ${EXTERNAL_NOTE}`,
      'PASS  t.test.yaml  a',
      'PASS  t.test.yaml  b',
      '  note: no member of pool /Common/legacy_pool is available',
      '  note: load balancing failed: BIG-IP resets the connection',
      '',
      '2 tests: 2 passed (2 with notes from the simulator)',
      '',
    ]);
    const { report } = await json(files['t.test.yaml'], EXT);
    expect(report.files[0].notes).toEqual([{ connections: null, message: EXTERNAL_NOTE }]);
    expect(report.files[0].tests.map((t) => t.notes?.length ?? 0)).toEqual([0, 2]);
    expect(Object.keys(report.files[0])).toEqual(['file', 'problems', 'tests', 'configProblems', 'configProblemsOmitted', 'notes', 'notesOmitted']);
    const junit = (await runTests(files, ['-f', 'junit', 't.test.yaml'])).stdout;
    expect(junit).toMatch(/\(config-reference\)\nnote: external data group \/Common\/blocked_clients: [^<]*<\/system-out>\n {2}<\/testsuite>/);
    expect(xmllint(junit).status).toBe(0);
  });

  it('lists at most 20 notes of a test and counts the rest, in every format', async () => {
    // Each connection pins a different member that the pool does not have: 25 different notes.
    const pin = 'when HTTP_REQUEST {\n    pool web_pool member 10.10.9.[getfield [IP::client_addr] . 4] 80\n}\n';
    const conns = Array.from({ length: 25 }, (_, i) => `      - { client: 10.0.0.${i + 1} }\n`).join('');
    const files = { 'web.irule': pin, 't.test.yaml': `${HEAD}  - name: t\n    connections:\n${conns}` };
    const text = await runTests(files, ['t.test.yaml']);
    const notes = text.stdout.split('\n').filter((l) => l.startsWith('  note: '));
    expect(notes).toHaveLength(21);
    expect(notes[0]).toBe('  note: connection 1: pool /Common/web_pool member 10.10.9.1:80 is not a configured member; BIG-IP uses it as given');
    expect(notes[19]).toContain('connection 20: ');
    expect(notes[20]).toBe('  note: 5 more notes are not listed (only the first 20 are)');
    const { report } = await json(files['t.test.yaml'], { 'web.irule': pin });
    expect(report.files[0].tests[0].notes).toHaveLength(20);
    expect(report.files[0].tests[0].notesOmitted).toBe(5);
    const junit = (await runTests(files, ['-f', 'junit', 't.test.yaml'])).stdout;
    expect(junit).toContain('\nnote: 5 more notes are not listed (only the first 20 are)</system-out>');
    expect(xmllint(junit).status).toBe(0);
  });
});

describe('a clean run', () => {
  it('has no notes in any format: no JSON key, no system-out, no note line, the summary as before', async () => {
    const yaml = `${HEAD}  - name: a\n    expect: { pool: web_pool }\n  - name: b\n`;
    const { report } = await json(yaml);
    expect(Object.keys(report.files[0])).toEqual(['file', 'problems', 'tests']);
    for (const t of report.files[0].tests) expect(Object.keys(t)).toEqual(['name', 'line', 'column', 'status', 'timeMs', 'failures', 'error']);
    const text = await runTests({ 't.test.yaml': yaml }, ['t.test.yaml']);
    expect(text.stdout).toBe('PASS  t.test.yaml  a\nPASS  t.test.yaml  b\n\n2 tests: 2 passed\n');
    const junit = (await runTests({ 't.test.yaml': yaml }, ['-f', 'junit', 't.test.yaml'])).stdout;
    expect(junit).not.toContain('system-out');
  });
});

describe('expect: { notes }', () => {
  it('[] passes for a clean run and fails (exit 1) for a run with notes, listing them', async () => {
    const clean = await json(`${HEAD}  - name: t\n    expect: { notes: [] }\n`);
    expect(clean.report.files[0].tests[0].status).toBe('pass');
    expect(clean.code).toBe(0);
    const r = await runYaml(`${EXT_HEAD}  - name: t\n    expect: { notes: [] }\n`, EXT);
    expect(r.json!.files[0].tests[0].failures).toEqual([{ line: 6, column: 15, kind: 'notes', connection: null, expected: 'no notes', actual: JSON.stringify([EXTERNAL_NOTE]), decidedBy: null }]);
    expect(r.code).toBe(1);
  });

  it("a list passes when each entry is part of some note of the connection (its own or the whole run), in any order; [] counts the whole run's notes too", async () => {
    const yaml = `${EXT_HEAD}  - name: t\n    connections:\n      - { expect: { notes: [] } }\n      - { request: "${LEGACY}", expect: { notes: ["legacy_pool is available", blocked_clients] } }\n`;
    const r = await runYaml(yaml, EXT);
    // The first connection shares the run's note on the missing file, so it is not clean.
    expect(r.json!.files[0].tests[0].failures).toEqual([expect.objectContaining({ connection: 1, kind: 'notes', expected: 'no notes' })]);
  });

  it('fails for an entry no note contains, at the entry', async () => {
    const r = await runYaml(`${HEAD}  - name: t\n    expect:\n      notes:\n        - nothing like it\n`);
    expect(r.json!.files[0].tests[0].failures).toEqual([{ line: 8, column: 11, kind: 'notes', connection: null, expected: 'a note containing "nothing like it"', actual: 'no notes', decidedBy: null }]);
    expect(r.code).toBe(1);
  });

  it('a bad value is a problem of the test file', async () => {
    const r = await runYaml(`${HEAD}  - name: t\n    expect: { notes: [[x]] }\n`);
    expect(r.json!.files[0].problems.map((p) => `${p.line}:${p.column}: ${p.message}`)).toEqual(['6:23: each entry of notes must be a text value']);
    expect(r.code).toBe(2);
  });
});

describe('docs/irule-sim.md', () => {
  it('the example of "Notes from the simulator" prints what the docs say', async () => {
    const docs = readFileSync(fileURLToPath(new URL('../../../docs/irule-sim.md', import.meta.url)), 'utf8');
    const m = /^### Notes from the simulator\n[^]*?^```yaml\n([^]*?)^```\n\n```text\n([^]*?)^```$/m.exec(docs);
    expect(m, 'the section has a yaml block and its text output').not.toBeNull();
    const r = await runTests({ 'ext.conf': EXT['ext.conf'], 'portal.irule': EXT['portal.irule'], 't.test.yaml': m![1] }, ['t.test.yaml']);
    expect(r.stdout).toBe(m![2]);
    expect(r.code).toBe(0);
  });
});

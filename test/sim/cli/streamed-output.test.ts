/**
 * Issue 14: irule-sim writes its report as it goes (a 200,000-line clients file, 300,000 lines of
 * JSON): in pieces of bounded size, waiting for standard output to drain, never one huge string;
 * and byte for byte what the whole-report formatters give (and gave before) for normal inputs.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runSim } from '../../../src/cli/sim/run.js';
import type { SimCliOptions } from '../../../src/cli/sim/run.js';
import { ruleNameOf, simulateSources } from '../../../src/cli/sim/simulate-files.js';
import { errorJson, formatSimJson, resultJson } from '../../../src/report/sim-json.js';
import { formatSimText } from '../../../src/report/sim-text.js';
import type { SimulationReport } from '../../../src/sim/irule/types.js';
import { simRules } from '../irule/harness.js';
import { treesRemovedAfterEach } from '../../cli/helpers.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** irule-sim in process, recording every write to stdout and every wait for drain. */
async function sim(argv: string[], cwd: string): Promise<{ code: number; writes: string[]; drains: number; stderr: string }> {
  const writes: string[] = [];
  let stderr = '';
  let drains = 0;
  const code = await runSim(argv, {
    stdout: (s) => void writes.push(s),
    stderr: (s) => void (stderr += s),
    drain: async () => void drains++,
    readStdin: async () => new Uint8Array(),
    cwd,
  });
  return { code, writes, drains, stderr };
}

const tree = treesRemovedAfterEach();

/** The JSON formatter as it was before output was streamed: one JSON.stringify of the whole report. */
function formatSimJsonWhole(report: SimulationReport): string {
  const out = {
    results: report.results.map(resultJson),
    virtual: report.virtual,
    destination: report.destination,
    version: report.version,
    rules: report.rules,
    flow: report.flow,
    ruleInit: { rules: report.ruleInit.rules, logs: report.ruleInit.logs, error: errorJson(report.ruleInit.error), notModelled: report.ruleInit.notModelled },
    notes: report.notes,
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

describe('the streamed formatters give what they gave before', () => {
  const reports: [string, SimulationReport][] = [
    ['no client', simRules('when CLIENT_ACCEPTED { log local0. hi }', { clients: [] })],
    ['one client, RULE_INIT logs', simRules('when RULE_INIT { log local0. init }\nwhen CLIENT_ACCEPTED { log local0. [IP::client_addr] }')],
    [
      'three clients, errors and rejects',
      simRules('when CLIENT_ACCEPTED { if { [IP::client_addr] eq "10.0.0.2" } { reject } else { error boom } }', { clients: ['10.0.0.1', '10.0.0.2', '10.0.0.3'] }),
    ],
    ['HTTP respond', simRules('when HTTP_REQUEST { HTTP::respond 302 Location "https://[HTTP::host][HTTP::uri]" }')],
  ];
  it.each(reports)('%s (JSON)', (_name, report) => {
    expect(formatSimJson(report)).toBe(formatSimJsonWhole(report));
    JSON.parse(formatSimJson(report));
  });
});

describe('irule-sim writes as it goes, byte for byte as a whole report would read', () => {
  const sims = path.join(root, 'fixtures/sim');
  const scenarios = readdirSync(sims).filter((d) => statSync(path.join(sims, d)).isDirectory());

  it.each(scenarios.flatMap((s) => [[s, 'text'], [s, 'json']]))('%s (%s) equals the formatted report of simulateSources', async (name, format) => {
    const cwd = path.join(sims, name);
    const args = readFileSync(path.join(cwd, 'args.txt'), 'utf8').trim().split(/\s+/);
    const r = await sim([...args, '-f', format], cwd);
    expect(r.code).toBe(0);
    // The same run through the API the editor uses, formatted whole.
    const opts = parseArgs(args);
    const report = await simulateSources(
      async () => opts.files.map((f) => ({ name: ruleNameOf(f), text: readFileSync(path.join(cwd, f), 'utf8'), origin: f })),
      { ...opts.options, format: format as 'text' | 'json' },
      { cwd, stderr: () => undefined },
    );
    expect(r.writes.join('')).toBe(format === 'json' ? formatSimJson(report) : formatSimText(report));
  });

  it('a 200,000-line clients file: written in pieces of about 64 KB, waiting for drain, nothing kept whole', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 200_000; i++) lines.push(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
    const dir = await tree({ 'clients.txt': `${lines.join('\n')}\n`, 'r.irule': 'when CLIENT_ACCEPTED { if { [IP::client_addr] ends_with ".7" } { drop } }\n' });
    const r = await sim(['--clients', 'clients.txt', 'r.irule'], dir);
    expect(r.code).toBe(0);
    expect(r.writes.length).toBeGreaterThan(100);
    expect(Math.max(...r.writes.map((w) => w.length))).toBeLessThan(80 * 1024);
    expect(r.drains).toBeGreaterThanOrEqual(200_000);
    const text = r.writes.join('');
    expect(text.match(/^client /gm)).toHaveLength(200_000);
    const last = text.slice(text.lastIndexOf('\n\nclient '));
    expect(last).toMatch(/^\n\nclient 10\.3\.13\.63 \(port \d+\)\n  events   CLIENT_ACCEPTED\n[^]*\n$/);
    expect(text.match(/action +drop/g)).toHaveLength(lines.filter((l) => l.endsWith('.7')).length);
  }, 120_000);

  it('300,000 lines of JSON are written in bounded pieces and parse', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 16_000; i++) lines.push(`10.9.${(i >> 8) & 255}.${i & 255}`);
    const dir = await tree({ 'clients.txt': `${lines.join('\n')}\n`, 'r.irule': 'when CLIENT_ACCEPTED { log local0. "from [IP::client_addr]" }\n' });
    const r = await sim(['-f', 'json', '--clients', 'clients.txt', 'r.irule'], dir);
    expect(r.code).toBe(0);
    const text = r.writes.join('');
    expect(text.split('\n').length).toBeGreaterThan(300_000);
    expect(Math.max(...r.writes.map((w) => w.length))).toBeLessThan(80 * 1024);
    const json = JSON.parse(text) as { results: { logs: string[] }[] };
    expect(json.results).toHaveLength(16_000);
    expect(json.results[15_999].logs).toEqual(['Rule /Common/r <CLIENT_ACCEPTED>: from 10.9.62.127']);
  }, 120_000);
});

/** The options of a scenario's args.txt, as runSim would parse them (only what the scenarios use). */
function parseArgs(args: string[]): { files: string[]; options: SimCliOptions } {
  const options: SimCliOptions = { client: [], external: [], event: [], format: 'text' };
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const v = (): string => args[++i];
    if (a === '--client') options.client.push(v());
    else if (a === '--clients') options.clients = v();
    else if (a === '--bigip-conf') options.bigipConf = v();
    else if (a === '--external') options.external.push(v());
    else if (a === '--virtual') options.virtual = v();
    else if (a === '--bigip-version') options.bigipVersion = v();
    else if (a === '--event') options.event.push(v());
    else if (a === '--request') options.request = v();
    else if (a.startsWith('-')) throw new Error(`parseArgs: unhandled option ${a}`);
    else files.push(a);
  }
  return { files, options };
}

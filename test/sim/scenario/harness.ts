/**
 * Runs `irule-sim test` in-process on YAML written into a temporary folder next to a small HTTP
 * setup (fixtures/sim/uri-routing's bigip.conf and a rule written for these tests).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runSim } from '../../../src/cli/sim/run.js';
import { tempTree } from '../../cli/helpers.js';

/** The rule the expectation tests simulate: one branch per outcome, chosen by the URI. */
export const RULE = `when HTTP_REQUEST {
    if { [HTTP::uri] starts_with "/old" } {
        HTTP::redirect "https://www.example.com/new"
        return
    }
    if { [HTTP::uri] starts_with "/deny" } {
        reject
        return
    }
    if { [HTTP::uri] starts_with "/boom" } {
        set x [expr {1 / 0}]
    }
    if { [HTTP::uri] starts_with "/teapot" } {
        HTTP::respond 418 content "short and stout" X-Tea earl-grey
        return
    }
    if { [HTTP::uri] starts_with "/api" } {
        pool api_pool
        snat 10.10.0.99
    }
    HTTP::header remove User-Agent
    HTTP::header insert X-Seen yes
    log local0. "uri [HTTP::uri]"
    log local0. "done"
}
`;

/** The fixture's bigip.conf, its virtual server naming the rule these tests give (web.irule), so it has no problem to list. */
const conf = readFileSync(fileURLToPath(new URL('../../../fixtures/sim/uri-routing/bigip.conf', import.meta.url)), 'utf8').replace('/Common/uri_routing', '/Common/web');

/** The header every test file of these tests starts with. */
export const HEAD = 'bigip-conf: bigip.conf\nrules: [web.irule]\nvirtual: www_vs\ntests:\n';

/** What one run printed and returned. */
export interface TestRun {
  code: number;
  stdout: string;
  stderr: string;
  /** The JSON report, when `--format json` was asked for and printed. */
  json?: JsonReport;
}

/** The JSON report's shape (as far as the tests read it). */
export interface JsonReport {
  files: {
    file: string;
    problems: { line: number; column: number; message: string }[];
    tests: {
      name: string;
      line: number;
      status: string;
      error: string | null;
      failures: { line: number; column: number; kind: string; connection: number | null; expected: string; actual: string; decidedBy: string | null }[];
    }[];
  }[];
  summary: { tests: number; passed: number; failed: number; errors: number; badFiles: number };
}

/** Writes `files` (plus bigip.conf and web.irule unless given) and runs `irule-sim test <args>` there. */
export async function runTests(files: Record<string, string>, args: string[]): Promise<TestRun> {
  const tree = await tempTree({ 'bigip.conf': conf, 'web.irule': RULE, ...files });
  try {
    let stdout = '';
    let stderr = '';
    const code = await runSim(['test', ...args], { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), readStdin: async () => new Uint8Array(), cwd: tree.dir });
    const out: TestRun = { code, stdout, stderr };
    if (args.includes('json') && stdout.startsWith('{')) out.json = JSON.parse(stdout) as JsonReport;
    return out;
  } finally {
    await tree.cleanup();
  }
}

/** Runs one YAML test file (`t.test.yaml`) with JSON output. */
export async function runYaml(yaml: string, extra: Record<string, string> = {}): Promise<TestRun> {
  return runTests({ 't.test.yaml': yaml, ...extra }, ['-f', 'json', 't.test.yaml']);
}

const xsd = fileURLToPath(new URL('../../report/junit.xsd', import.meta.url));

/** Validates XML text against the JUnit schema (test/report/junit.xsd) with xmllint; returns its exit code and messages. */
export function xmllint(xml: string): { status: number | null; out: string } {
  const file = path.join(tmpdir(), `irule-sim-junit-${process.pid}-${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(file, xml);
  const r = spawnSync('xmllint', ['--noout', '--schema', xsd, file], { encoding: 'utf8' });
  rmSync(file, { force: true });
  if (r.error) throw new Error(`xmllint is needed for this test (Debian: libxml2-utils): ${r.error.message}`);
  return { status: r.status, out: r.stdout + r.stderr };
}

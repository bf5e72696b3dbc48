/**
 * The work behind `irule-sim --explain` and `--expect`: the same inputs as a simulation (rule
 * files or the virtual server's rules, bigip.conf, version), every client address explained,
 * claims of an expect file proved or refuted. Loaded lazily by run.ts.
 */
import { checkClaims, parseExpect, type ClaimResult } from '../../sim/explain/expect.js';
import { explainClients, type ExplainReport, simulateAddress } from '../../sim/explain/explain.js';
import { formatClaimsText, formatExplainText } from '../../report/explain-text.js';
import { formatExplainJson } from '../../report/explain-json.js';
import type { RuleSource } from '../../sim/irule/types.js';
import { UsageError } from '../errors.js';
import type { CliIo } from '../run.js';
import type { SimCliOptions } from './run.js';
import { readText, ruleFileLoader, simulationOptions } from './simulate-files.js';

/** What `--explain` printed and whether every `--expect` claim was proven. */
export interface ExplainOutput {
  /** The formatted report. */
  text: string;
  /** False when a claim was refuted or could not be proven. */
  proven: boolean;
}

/** Explains the rules `loadRules` gives with the inputs of `opts`; checks `opts.expect` when given. */
export async function explainSources(loadRules: () => Promise<RuleSource[]>, opts: SimCliOptions, io: Pick<CliIo, 'cwd' | 'stderr'>): Promise<{ report: ExplainReport; claims?: ClaimResult[]; expectFile?: string }> {
  if (opts.client.length > 0 || opts.clients !== undefined || (opts.parsedClients?.length ?? 0) > 0) throw new UsageError('--explain covers every client address: --client and --clients do not apply');
  if (opts.maxRuns !== undefined && !(Number.isInteger(opts.maxRuns) && opts.maxRuns > 0)) throw new UsageError('--max-runs expects a positive whole number');
  let claims;
  let expectFile: string | undefined;
  if (opts.expect !== undefined) {
    const f = await readText(io, opts.expect, 'expect file');
    const parsed = parseExpect(f.text);
    if ('error' in parsed) throw new UsageError(`${f.name}:${parsed.line}: ${parsed.error}`);
    claims = parsed;
    expectFile = f.name;
  }
  const { options, notes, configProblems } = await simulationOptions(loadRules, opts, io);
  const { clients: _unused, ...rest } = options;
  const report = explainClients({ ...rest, maxRuns: opts.maxRuns });
  if ('error' in report) throw new UsageError(report.error);
  report.notes.push(...notes);
  if (configProblems) report.configProblems = configProblems;
  if (!claims) return { report };
  const results = checkClaims(report, claims, (family, value) => simulateAddress({ ...rest }, family, value, report.routeDomain));
  return { report, claims: results, expectFile };
}

/** `irule-sim --explain [--expect file] <files...>`: the formatted output and the verdict. */
export async function explainFiles(files: string[], opts: SimCliOptions, io: CliIo): Promise<ExplainOutput> {
  if (files.length === 0 && opts.bigipConf === undefined) throw new UsageError('no iRule files given (or give --bigip-conf to explain the rules a virtual server has there)');
  const { report, claims, expectFile } = await explainSources(ruleFileLoader(files, io), opts, io);
  const proven = claims === undefined || claims.every((c) => c.status === 'proven');
  if (opts.format === 'json') return { text: formatExplainJson(report, claims), proven };
  const text = formatExplainText(report) + (claims ? `\n${formatClaimsText(claims, expectFile ?? '')}` : '');
  return { text, proven };
}

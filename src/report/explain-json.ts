/**
 * The JSON output of `irule-sim --explain`: the run, the outcome classes with their CIDR lists
 * (IPv4 and IPv6 apart, minimal and in address order), and the `--expect` verdicts when given.
 * Keys always come in this order; new keys are only ever added after the existing ones.
 */
import { cidrTexts, isEmpty } from '../sim/explain/intervals.js';
import type { ClaimResult } from '../sim/explain/expect.js';
import type { ExplainReport } from '../sim/explain/explain.js';
import { describeOutcome } from '../sim/explain/outcome.js';
import { configProblemKeys } from './config-problems.js';

/** The report (and verdicts) as a JSON document. */
export function formatExplainJson(report: ExplainReport, claims?: readonly ClaimResult[]): string {
  const doc = {
    virtual: report.virtual,
    destination: report.destination,
    version: report.version,
    rules: report.rules,
    exact: report.classes.every((c) => c.exact) && isEmpty(report.unexplored.v4) && isEmpty(report.unexplored.v6),
    runs: report.runs,
    maxRuns: report.maxRuns,
    classes: report.classes.map((c) => ({
      outcome: describeOutcome(c.outcome),
      detail: c.outcome,
      exact: c.exact,
      ipv4: cidrTexts(c.v4),
      ipv6: cidrTexts(c.v6),
      approximations: c.approximations,
      samples: c.samples,
      differing: c.differing.map((d) => ({ address: d.address, outcome: describeOutcome(d.outcome) })),
    })),
    unexplored: { ipv4: cidrTexts(report.unexplored.v4), ipv6: cidrTexts(report.unexplored.v6) },
    notes: report.notes,
    expect:
      claims?.map((r) => ({
        line: r.claim.line,
        claim: r.claim.text,
        status: r.status,
        counterexample: r.counterexample ?? null,
        counterOutcome: r.counterOutcome ?? null,
        reason: r.reason ?? null,
      })) ?? null,
    // Only when the bigip.conf has problems, so the output of a clean run is unchanged.
    ...configProblemKeys(report.configProblems),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

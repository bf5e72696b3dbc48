/**
 * The text output of `irule-sim --explain`: a header (with the bigip.conf problems, as a
 * simulation lists them), then one entry per outcome class, its
 * address blocks before the arrow (`every other address` for the class with the most blocks,
 * whose blocks follow on their own lines), then the verdicts of `--expect` claims.
 *
 *   172.16.51.21/32 -> snat 172.16.51.174
 *     pool /Common/smtp_pool, members 172.16.51.31:25, 172.16.51.32:25 (load balanced)
 *   every other address -> automap 172.16.51.175
 */
import { type AddrSet, cidrTexts, complement, isEmpty, sameSet, universe } from '../sim/explain/intervals.js';
import type { ClaimResult } from '../sim/explain/expect.js';
import type { ExplainReport, OutcomeClass } from '../sim/explain/explain.js';
import { describeOutcome, describeTarget } from '../sim/explain/outcome.js';
import { configProblemLines } from './config-problems.js';

/** Blocks listed per family on a class's detail line before the rest is counted. */
export const MAX_LISTED_BLOCKS = 16;

/** Blocks shown before the arrow at most; a class with more gets them on detail lines. */
const INLINE_BLOCKS = 4;

/** `IPv4: every address`, the blocks, or undefined for none. */
function familyLine(label: string, set: AddrSet): string | undefined {
  if (isEmpty(set)) return undefined;
  if (sameSet(set, universe(set.family))) return `${label}: every address`;
  const cidrs = cidrTexts(set);
  const rest = cidrTexts(complement(set));
  if (rest.length < cidrs.length && rest.length <= MAX_LISTED_BLOCKS) return `${label}: every address except ${rest.join(', ')}`;
  const shown = cidrs.slice(0, MAX_LISTED_BLOCKS).join(', ');
  return `${label}: ${shown}${cidrs.length > MAX_LISTED_BLOCKS ? `, ... (${cidrs.length} blocks in all; --format json lists them)` : ''}`;
}

/** The text before the arrow, and whether the blocks need detail lines. */
function head(c: OutcomeClass, other: boolean, only: boolean): { text: string; details: boolean } {
  if (only) return { text: 'every address', details: false };
  if (other) return { text: 'every other address', details: true };
  const all = [...cidrTexts(c.v4), ...cidrTexts(c.v6)];
  if (all.length <= INLINE_BLOCKS) return { text: all.join(', '), details: false };
  const counts = [[cidrTexts(c.v4).length, 'IPv4'], [cidrTexts(c.v6).length, 'IPv6']].filter(([n]) => n !== 0).map(([n, f]) => `${n} ${f}`);
  return { text: `${counts.join(' and ')} blocks`, details: true };
}

/** The verdict lines of `--expect`. */
export function formatClaimsText(results: readonly ClaimResult[], file: string): string {
  const lines = [`expect ${file}`];
  for (const r of results) {
    let line = `  ${r.status.padEnd(9)}line ${r.claim.line}: ${r.claim.text}`;
    if (r.status === 'refuted') line += `\n             counterexample ${r.counterexample} -> ${r.counterOutcome}`;
    if (r.status === 'unproven') line += `\n             ${r.reason}`;
    lines.push(line);
  }
  const bad = results.filter((r) => r.status !== 'proven').length;
  lines.push(bad === 0 ? `all ${results.length} claims proven` : `${bad} of ${results.length} claims not proven`);
  return `${lines.join('\n')}\n`;
}

/** The whole explanation as text. */
export function formatExplainText(report: ExplainReport): string {
  const out: string[] = [];
  out.push(`virtual  ${report.virtual} (${report.destination}), BIG-IP ${report.version}`);
  out.push(`rules    ${report.rules.join(', ')}`);
  for (const n of report.notes) out.push(`note     ${n}`);
  for (const line of configProblemLines(report.configProblems, (severity) => severity.padEnd(9))) out.push(line);
  const exact = report.classes.every((c) => c.exact) && isEmpty(report.unexplored.v4) && isEmpty(report.unexplored.v6);
  out.push(`${report.classes.length} outcome${report.classes.length === 1 ? '' : 's'} in ${report.runs} runs, ${exact ? 'exact' : 'NOT exact (see below)'}`);
  out.push('');
  // The class with the most blocks reads best as "every other address".
  const count = (c: OutcomeClass): number => cidrTexts(c.v4).length + cidrTexts(c.v6).length;
  const exactClasses = report.classes.filter((c) => c.exact);
  const other = exactClasses.length > 1 ? exactClasses.reduce((a, b) => (count(b) > count(a) ? b : a)) : undefined;
  // The other classes first, "every other address" last.
  const ordered = other ? [...report.classes.filter((c) => c !== other && c.exact), other, ...report.classes.filter((c) => !c.exact)] : report.classes;
  for (const c of ordered) {
    const h = head(c, c === other, report.classes.length === 1 && c.exact && isEmpty(report.unexplored.v4) && isEmpty(report.unexplored.v6));
    out.push(`${h.text} -> ${describeOutcome(c.outcome)}${c.exact ? '' : ' (approximate)'}`);
    const target = describeTarget(c.outcome);
    if (target) out.push(`  ${target}`);
    if (h.details) {
      for (const l of [familyLine('IPv4', c.v4), familyLine('IPv6', c.v6)]) if (l) out.push(`  ${l}`);
    }
    if (!c.exact) {
      out.push(`  approximate: ${c.approximations.join('; ')}`);
      out.push(`  sampled ${c.samples} addresses: ${c.differing.length === 0 ? 'all gave this outcome' : `${c.differing.length} differ`}`);
      for (const d of c.differing.slice(0, MAX_LISTED_BLOCKS)) out.push(`    ${d.address} -> ${describeOutcome(d.outcome)}`);
    }
  }
  if (!isEmpty(report.unexplored.v4) || !isEmpty(report.unexplored.v6)) {
    out.push(`not explored: the bound of ${report.maxRuns} runs was hit (--max-runs)`);
    for (const l of [familyLine('IPv4', report.unexplored.v4), familyLine('IPv6', report.unexplored.v6)]) if (l) out.push(`  ${l}`);
  }
  return `${out.join('\n')}\n`;
}

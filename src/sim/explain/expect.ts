/**
 * `--expect <file>`: claims about client blocks, proved or refuted against an explained report.
 * A line is `<cidr> -> [not] <outcome>` with outcome `snat <addr>` (the source address the
 * server sees), `pool <name>`, `member <addr:port>` or `error`; `#` starts a comment. A claim is
 * proved when every outcome class meeting the block satisfies it, refuted with a counterexample
 * address (simulated to confirm it when its class is approximate), and unproven when part of
 * the block is only known by sampling or was not explored.
 */
import { formatAddress, type IpFamily, parseAddress, parseNetwork, splitHostPort } from '../../bigip/address.js';
import { formatEndpoint } from '../irule/util.js';
import { type AddrSet, blockSet, emptySet, intersect, isEmpty, pickAddress, pointSet, subtract } from './intervals.js';
import { describeOutcome, type ExplainOutcome, outcomeKey } from './outcome.js';
import type { ExplainReport, Run } from './explain.js';

/** What a claim says about the outcome. */
export type ClaimKind = 'snat' | 'pool' | 'member' | 'error';

/** One line of an expect file. */
export interface Claim {
  /** 1-based line in the file. */
  line: number;
  /** The line as written (without its comment). */
  text: string;
  /** The block of clients. */
  block: AddrSet;
  /** Negated with `not`. */
  negated: boolean;
  /** The outcome kind. */
  kind: ClaimKind;
  /** Its argument (canonical address, endpoint or pool path; empty for `error`). */
  value: string;
}

/** A problem in an expect file. */
export interface ExpectSyntaxError {
  /** 1-based line. */
  line: number;
  /** What is wrong. */
  error: string;
}

/** The verdict on one claim. */
export interface ClaimResult {
  /** The claim. */
  claim: Claim;
  /** `proven`, `refuted` (with a counterexample) or `unproven` (approximate or unexplored part). */
  status: 'proven' | 'refuted' | 'unproven';
  /** A client address in the block for which the claim is false. */
  counterexample?: string;
  /** What that client gets. */
  counterOutcome?: string;
  /** Why a claim is unproven. */
  reason?: string;
}

const USAGE = 'expected <cidr> -> [not] snat <addr> | pool <name> | member <addr:port> | error';

/** Parses an expect file; the first problem is returned as an error with its line. */
export function parseExpect(text: string): Claim[] | ExpectSyntaxError {
  const claims: Claim[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const hash = lines[i].indexOf('#');
    const body = (hash >= 0 ? lines[i].slice(0, hash) : lines[i]).trim();
    if (body === '') continue;
    const line = i + 1;
    const arrow = body.indexOf('->');
    if (arrow < 0) return { line, error: `no '->' in '${body}' (${USAGE})` };
    const blockText = body.slice(0, arrow).trim();
    const net = parseNetwork(blockText.includes('/') ? blockText : `${blockText}/${blockText.includes(':') ? 128 : 32}`);
    if (!net) return { line, error: `bad address block '${blockText}' (expected a CIDR block such as 10.0.0.0/8 or 2001:db8::/32)` };
    const words = body.slice(arrow + 2).trim().split(/\s+/).filter((w) => w !== '');
    const negated = words[0] === 'not';
    if (negated) words.shift();
    const [kind, arg, ...rest] = words;
    if (rest.length > 0 || kind === undefined) return { line, error: `bad outcome '${words.join(' ')}' (${USAGE})` };
    let value = '';
    switch (kind) {
      case 'snat': {
        const a = arg !== undefined ? parseAddress(arg) : undefined;
        if (!a) return { line, error: `snat needs an address, not '${arg ?? ''}'` };
        value = formatAddress(a);
        break;
      }
      case 'pool':
        if (arg === undefined) return { line, error: 'pool needs a pool name' };
        value = arg.startsWith('/') ? arg : `/Common/${arg}`;
        break;
      case 'member': {
        const hp = arg !== undefined ? splitHostPort(arg) : undefined;
        const a = hp ? parseAddress(hp.host) : undefined;
        if (!hp || !a || !/^\d{1,5}$/.test(hp.port)) return { line, error: `member needs <addr:port> (IPv6 <addr.port>), not '${arg ?? ''}'` };
        value = formatEndpoint(formatAddress(a), Number(hp.port));
        break;
      }
      case 'error':
        if (arg !== undefined) return { line, error: `error takes no argument (${USAGE})` };
        break;
      default:
        return { line, error: `unknown outcome '${kind}' (${USAGE})` };
    }
    claims.push({ line, text: body, block: blockSet(net.address.family, net.address.value, net.prefix), negated, kind: kind as ClaimKind, value });
  }
  return claims;
}

/** Whether an outcome satisfies a claim's (un-negated) statement, for outcomes that do not depend on the client's own address. */
function holds(o: ExplainOutcome, c: Claim): boolean {
  switch (c.kind) {
    case 'snat':
      return o.snat?.address === c.value;
    case 'pool':
      return o.pool === c.value;
    case 'member':
      // Proven only when the iRule fixed the member; a load-balanced pool may reach any of its members.
      return c.negated ? o.members.includes(c.value) : o.members.length === 1 && o.members[0] === c.value;
    default:
      return o.error !== null;
  }
}

/** The addresses of `part` for which the claim is false when they get outcome `o`. */
export function violations(o: ExplainOutcome, c: Claim, part: AddrSet): AddrSet {
  if (c.kind === 'snat' && o.snat?.type === 'none') {
    // The server sees the client's own address: only the client c.value itself satisfies `snat c.value`.
    const me = parseAddress(c.value);
    const self = me && me.family === part.family ? pointSet(part.family, me.value) : emptySet(part.family);
    return c.negated ? intersect(part, self) : subtract(part, self);
  }
  const ok = c.kind === 'member' && c.negated ? !holds(o, c) : holds(o, c) !== c.negated;
  return ok ? emptySet(part.family) : part;
}

/** Proves or refutes each claim; `simulate` runs one address (to confirm counterexamples in approximate classes). */
export function checkClaims(report: ExplainReport, claims: readonly Claim[], simulate: (family: IpFamily, value: bigint) => Run): ClaimResult[] {
  return claims.map((claim) => {
    const fam = claim.block.family;
    const setOf = (c: { v4: AddrSet; v6: AddrSet }): AddrSet => (fam === 4 ? c.v4 : c.v6);
    let unproven: string | undefined;
    const confirm = (value: bigint): ClaimResult | undefined => {
      const run = simulate(fam, value);
      if (isEmpty(violations(run.outcome, claim, pointSet(fam, value)))) return undefined;
      return { claim, status: 'refuted', counterexample: formatAddress({ family: fam, value }), counterOutcome: describeOutcome(run.outcome) };
    };
    for (const cls of report.classes) {
      const part = intersect(claim.block, setOf(cls));
      if (isEmpty(part)) continue;
      const bad = violations(cls.outcome, claim, part);
      if (cls.exact) {
        if (!isEmpty(bad)) return { claim, status: 'refuted', counterexample: formatAddress({ family: fam, value: pickAddress(bad, 0) }), counterOutcome: describeOutcome(cls.outcome) };
        continue;
      }
      // Approximate: only a simulated address refutes; otherwise the part stays unproven.
      if (!isEmpty(bad)) {
        const r = confirm(pickAddress(bad, 0));
        if (r) return r;
      }
      for (const d of cls.differing) {
        const a = parseAddress(d.address);
        if (a && a.family === fam && !isEmpty(intersect(part, pointSet(fam, a.value))) && outcomeKey(d.outcome) !== outcomeKey(cls.outcome)) {
          const r = confirm(a.value);
          if (r) return r;
        }
      }
      unproven ??= `part of the block is only known by sampling (${cls.approximations.join('; ')})`;
    }
    if (!isEmpty(intersect(claim.block, fam === 4 ? report.unexplored.v4 : report.unexplored.v6))) unproven ??= `part of the block was not explored (the bound of ${report.maxRuns} runs was hit)`;
    return unproven ? { claim, status: 'unproven', reason: unproven } : { claim, status: 'proven' };
  });
}

/**
 * The cross-check of an explained partition: every exact class is compared with plain
 * simulations (the ordinary `simulate`, no probe) of the first and last address of its blocks,
 * the addresses just outside them, and random addresses of both families; each simulated client
 * must get the outcome of the class that holds it.
 */
import { expect } from 'vitest';
import { formatAddress, type IpFamily } from '../../../src/bigip/address.js';
import type { ExplainOptions, ExplainReport, OutcomeClass } from '../../../src/sim/explain/explain.js';
import { type AddrSet, hasValue, maxOf, toCidrs } from '../../../src/sim/explain/intervals.js';
import { simulate } from '../../../src/sim/irule/engine.js';
import type { ClientResult } from '../../../src/sim/irule/types.js';

/** Blocks per class and family whose edges are simulated (the first and the last ones). */
const EDGE_BLOCKS = 6;

/** A small deterministic generator of addresses. */
function randomAddresses(family: IpFamily, n: number, seed: number): bigint[] {
  let x = BigInt(seed) * 6364136223846793005n + 1442695040888963407n;
  const out: bigint[] = [];
  for (let i = 0; i < n; i++) {
    x = (x * 6364136223846793005n + 1442695040888963407n) & ((1n << 128n) - 1n);
    out.push(x % (maxOf(family) + 1n));
  }
  return out;
}

/** The addresses to check for one class and family: block edges and their neighbours. */
function edgeAddresses(set: AddrSet): bigint[] {
  const cidrs = toCidrs(set);
  const picked = cidrs.length <= 2 * EDGE_BLOCKS ? cidrs : [...cidrs.slice(0, EDGE_BLOCKS), ...cidrs.slice(-EDGE_BLOCKS)];
  const max = maxOf(set.family);
  const out: bigint[] = [];
  for (const c of picked) {
    const last = c.value + (1n << BigInt((set.family === 4 ? 32 : 128) - c.prefix)) - 1n;
    out.push(c.value, last);
    if (c.value > 0n) out.push(c.value - 1n);
    if (last < max) out.push(last + 1n);
  }
  return out;
}

/** Whether a plain simulation result is the class's outcome (the client's own address stands for `<client>`). */
function expectSameOutcome(c: OutcomeClass, r: ClientResult, address: string, routeDomain: number): void {
  const o = c.outcome;
  const text = routeDomain !== 0 ? `${address}%${routeDomain}` : address;
  const norm = (s: string | null): string | null => (s === null ? null : s.split(text).join('<client>'));
  const where = `client ${text}`;
  expect(r.action, where).toBe(o.action);
  expect(r.snat ? { type: r.snat.type, address: norm(r.snat.address), snatpool: r.snat.snatpool } : null, where).toEqual(o.snat);
  expect(r.pool, where).toBe(o.pool);
  if (r.member !== null) expect(o.members, where).toContain(norm(r.member));
  else expect(o.members, where).toEqual([]);
  expect(r.response?.status ?? null, where).toBe(o.response?.status ?? null);
  expect(r.error ? { message: norm(r.error.message), rule: r.error.rule, event: r.error.event, line: r.error.line } : null, where).toEqual(o.error);
}

/**
 * Checks the report against plain simulations; returns how many addresses were simulated.
 * Addresses in approximate classes or left unexplored are skipped (the report claims nothing exact there).
 */
export function crossCheck(report: ExplainReport, options: ExplainOptions, seed = 1, randomPerFamily = 16): number {
  const points: { family: IpFamily; value: bigint }[] = [];
  for (const c of report.classes) {
    for (const set of [c.v4, c.v6]) for (const value of edgeAddresses(set)) points.push({ family: set.family, value });
  }
  for (const family of [4, 6] as const) for (const value of randomAddresses(family, randomPerFamily, seed)) points.push({ family, value });
  let checked = 0;
  for (const p of points) {
    const holder = report.classes.find((c) => hasValue(p.family === 4 ? c.v4 : c.v6, p.value));
    if (!holder) {
      expect(hasValue(p.family === 4 ? report.unexplored.v4 : report.unexplored.v6, p.value), `${formatAddress(p)} is in no class`).toBe(true);
      continue;
    }
    if (!holder.exact) continue;
    const address = formatAddress(p);
    const sim = simulate({ ...options, clients: [{ address }] });
    if ('error' in sim) throw new Error(sim.error);
    expectSameOutcome(holder, sim.results[0], address, report.routeDomain);
    checked++;
  }
  return checked;
}

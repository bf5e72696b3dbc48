/**
 * Simulator benchmark section: simulated clients per second for the seed iRule on the seed
 * configuration (SMTP_VS: CLIENT_ACCEPTED with class match, snat or automap, round robin with
 * source-address persistence) over 100,000 clients, one in seven of them in the data group.
 * Target: 50,000 clients per second. Also timed: the same with JSON output, and the v10 form of
 * the rule on 11.1, where every client ends in a runtime error. bench.ts calls `simSection` with
 * the fixture texts; nothing here reads files.
 */
import { performance } from 'node:perf_hooks';
import { parseBigipConf } from '../src/bigip/parse-config.js';
import { formatSimJson } from '../src/report/sim-json.js';
import { prepareSimulation } from '../src/sim/irule/engine.js';
import type { ClientSpec } from '../src/sim/irule/types.js';
import { median } from './stats.js';

/** What the section needs from the bench driver. */
export interface SimBenchInput {
  /** fixtures/seed/bigip.conf. */
  conf: string;
  /** fixtures/seed/smtp_irule_v11.irule. */
  ruleV11: string;
  /** fixtures/seed/smtp_irule_v10.irule. */
  ruleV10: string;
  /** Timed repetitions (the median is reported). */
  runs: number;
  /** Clients per run (default 100,000). */
  clients?: number;
}

/** One line of the report. */
export interface SimBenchRow {
  label: string;
  value: string;
  detail: string;
}

/** Target in clients per second. */
export const TARGET_CLIENTS_PER_S = 50_000;

/** Deterministic clients: every seventh is the allowed 172.16.51.21, the others spread over 10/8. */
export function benchClients(n: number): ClientSpec[] {
  return Array.from({ length: n }, (_, i) => ({ address: i % 7 === 0 ? '172.16.51.21' : `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` }));
}

/** Runs the simulator measurements and returns report rows. */
export function simSection(input: SimBenchInput): SimBenchRow[] {
  const n = input.clients ?? 100_000;
  const config = parseBigipConf(input.conf).config;
  const clients = benchClients(n);
  const measure = (text: string, version: string, json: boolean): { rates: number[]; errors: number } => {
    const rates: number[] = [];
    let errors = 0;
    for (let k = 0; k <= input.runs; k++) {
      // A fresh simulation each run (load-balancing and persistence state start empty); setup is not timed.
      const sim = prepareSimulation({ rules: [{ name: 'smtp_irule', text }], config, version, clients });
      if ('error' in sim) throw new Error(sim.error);
      const t0 = performance.now();
      const report = sim.run();
      if (json) formatSimJson(report);
      const ms = performance.now() - t0;
      errors = report.results.filter((r) => r.error !== null).length;
      if (k > 0) rates.push(n / (ms / 1000)); // run 0 warms up
    }
    return { rates, errors };
  };
  const plain = measure(input.ruleV11, '11.1', false);
  const withJson = measure(input.ruleV11, '11.1', true);
  const failing = measure(input.ruleV10, '11.1', false);
  const rate = median(plain.rates);
  return [
    {
      label: `seed iRule, ${fmt(n)} clients`,
      value: `${fmt(rate)} clients/s`,
      detail: `median of ${input.runs} runs (min ${fmt(Math.min(...plain.rates))}); target ${fmt(TARGET_CLIENTS_PER_S)}: ${rate >= TARGET_CLIENTS_PER_S ? 'met' : 'NOT MET'}`,
    },
    {
      label: 'with JSON output',
      value: `${fmt(median(withJson.rates))} clients/s`,
      detail: 'simulation plus formatting the JSON report',
    },
    {
      label: 'v10 rule on 11.1 (every client fails)',
      value: `${fmt(median(failing.rates))} clients/s`,
      detail: `${fmt(failing.errors)} runtime errors with TMM log lines`,
    },
  ];
}


/** A whole number with thousands separators. */
function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/**
 * `irule-sim --explain` benchmark section: the time to explain every client address for the seed
 * iRule on the seed configuration (target under 100 ms), and for a rule testing the client
 * against a 10,000-record `ip` data group with `class match` and `class lookup` (target under
 * 1 s). Each run explains on a freshly parsed configuration, so the data group's prefix partition
 * is built every time; parsing is not timed. bench.ts calls `explainSection` with the fixture
 * texts; nothing here reads files.
 */
import { performance } from 'node:perf_hooks';
import { parseBigipConf } from '../src/bigip/parse-config.js';
import { explainClients } from '../src/sim/explain/explain.js';
import type { BigipConfig } from '../src/bigip/model.js';
import { fmt, median } from './stats.js';

/** What the section needs from the bench driver. */
export interface ExplainBenchInput {
  /** fixtures/seed/bigip.conf. */
  conf: string;
  /** fixtures/seed/smtp_irule_v11.irule. */
  ruleV11: string;
  /** Timed repetitions (the median is reported). */
  runs: number;
}

/** One line of the report. */
export interface ExplainBenchRow {
  label: string;
  value: string;
  detail: string;
}

/** Targets in milliseconds. */
export const TARGET_SEED_MS = 100;
export const TARGET_LARGE_MS = 1000;

/** Records of the large data group. */
export const LARGE_RECORDS = 10_000;

/** A configuration whose data group has `n` distinct networks in 10/8 (/16 to /28, nested ones included), with data, and a virtual server. */
export function largeGroupConf(n: number): string {
  const lines: string[] = [];
  let x = 0x2545f491;
  const seen = new Set<string>();
  while (seen.size < n) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    const prefix = 16 + ((x >>> 0) % 13);
    const v = (((x >>> 0) | 0x0a000000) & 0x0affffff) >>> 0; // inside 10/8
    const net = (v >>> (32 - prefix)) << (32 - prefix);
    const key = `${(net >>> 24) & 255}.${(net >>> 16) & 255}.${(net >>> 8) & 255}.${net & 255}/${prefix}`;
    if (seen.has(key)) continue;
    seen.add(key);
    lines.push(`        ${key} { data ${seen.size % 2 === 0 ? 'allow' : 'deny'} }`);
  }
  return `ltm data-group internal /Common/big {\n    records {\n${lines.join('\n')}\n    }\n    type ip\n}\n${EXPLAIN_SERVERS}`;
}

/**
 * The servers of the large case (and of the explain tests): virtual server `vs` with default pool
 * `p1` and automap, a second pool `p2` with two members, the self IP 10.9.0.254 on their VLAN.
 */
export const EXPLAIN_SERVERS = `ltm pool /Common/p1 {
    members {
        /Common/10.9.0.1:80 { address 10.9.0.1 }
    }
}
ltm pool /Common/p2 {
    members {
        /Common/10.9.0.2:80 { address 10.9.0.2 }
        /Common/10.9.0.3:80 { address 10.9.0.3 }
    }
}
ltm virtual /Common/vs {
    destination /Common/10.9.0.100:80
    ip-protocol tcp
    mask 255.255.255.255
    pool /Common/p1
    profiles {
        /Common/tcp { }
    }
    source-address-translation {
        type automap
    }
}
net self /Common/s1 {
    address 10.9.0.254/24
    vlan /Common/internal
}
net vlan /Common/internal { }
`;

/** The rule of the large case: allowed networks get one address, the others are reset, unknown ones get automap. */
export const LARGE_RULE = `when CLIENT_ACCEPTED {
    if { [class match [IP::client_addr] equals big] } {
        if { [class lookup [IP::client_addr] big] eq "allow" } { snat 10.9.0.10 } else { reject }
    }
}
`;

/** Runs the measurements and returns report rows. */
export function explainSection(input: ExplainBenchInput): ExplainBenchRow[] {
  const time = (confText: string, rule: string): { times: number[]; runs: number; classes: number; exact: boolean; cold: number } => {
    const times: number[] = [];
    let runs = 0;
    let classes = 0;
    let exact = false;
    for (let k = 0; k <= input.runs; k++) {
      const config: BigipConfig = parseBigipConf(confText).config;
      const t0 = performance.now();
      const r = explainClients({ rules: [{ name: 'r', text: rule }], config, version: '11.1' });
      times.push(performance.now() - t0);
      if ('error' in r) throw new Error(r.error);
      runs = r.runs;
      classes = r.classes.length;
      exact = r.classes.every((c) => c.exact);
    }
    const cold = times.shift()!; // run 0 warms up
    return { times, runs, classes, exact, cold };
  };
  const seed = time(input.conf, input.ruleV11);
  const large = time(largeGroupConf(LARGE_RECORDS), LARGE_RULE);
  const row = (label: string, m: typeof seed, target: number): ExplainBenchRow => {
    const ms = median(m.times);
    return {
      label,
      value: `${fmt(ms, 1)} ms`,
      detail: `median of ${input.runs} runs (first run ${fmt(m.cold, 1)} ms); ${m.runs} simulations, ${m.classes} outcomes, ${m.exact ? 'exact' : 'NOT exact'}; target ${target} ms: ${ms < target ? 'met' : 'NOT MET'}`,
    };
  };
  return [row('explain the seed iRule', seed, TARGET_SEED_MS), row(`explain a rule over a ${fmt(LARGE_RECORDS, 0)}-record ip data group`, large, TARGET_LARGE_MS)];
}

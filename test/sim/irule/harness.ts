/**
 * Test helpers for the iRule simulator: a small configuration with an HTTP and a TCP virtual
 * server, data groups of every type, pools, a SNAT pool and self IPs on two VLANs; and `simRules`
 * to run rule texts against it.
 */
import { parseBigipConf } from '../../../src/bigip/index.js';
import type { BigipConfig } from '../../../src/bigip/model.js';
import { simulate } from '../../../src/sim/irule/engine.js';
import { parseHttpRequest } from '../../../src/sim/irule/http.js';
import type { ClientResult, HttpMessageSpec, SimulateOptions, SimulationReport } from '../../../src/sim/irule/types.js';

/** The test configuration (tmsh). */
export const TEST_CONF = `
ltm data-group internal /Common/ip_dg {
    records {
        10.0.0.0/8 { data ten }
        10.1.0.0/16 { data ten-one }
        192.168.1.1/32 { }
        2001:db8::/32 { data v6 }
    }
    type ip
}
ltm data-group internal /Common/str_dg {
    records {
        /api { data api_pool }
        /api/v2 { data api2 }
        /static { data static }
        example.com { data site }
    }
    type string
}
ltm data-group internal /Common/int_dg {
    records {
        1 { data one }
        10 { data ten }
    }
    type integer
}
ltm data-group internal /Part/part_dg {
    records {
        x { data in-part }
    }
    type string
}
ltm pool /Common/web_pool {
    members {
        /Common/10.1.10.11:80 { address 10.1.10.11 }
        /Common/10.1.10.12:80 { address 10.1.10.12 }
        /Common/10.1.10.13:80 { address 10.1.10.13 }
    }
}
ltm pool /Common/down_pool {
    members {
        /Common/10.1.10.21:80 { address 10.1.10.21 state down }
        /Common/10.1.10.22:80 { address 10.1.10.22 }
    }
}
ltm pool /Common/dead_pool {
    members {
        /Common/10.1.10.31:80 { address 10.1.10.31 state down }
    }
}
ltm pool /Common/ratio_pool {
    load-balancing-mode ratio-member
    members {
        /Common/10.1.10.41:80 { address 10.1.10.41 ratio 3 }
        /Common/10.1.10.42:80 { address 10.1.10.42 }
    }
}
ltm pool /Common/prio_pool {
    min-active-members 1
    members {
        /Common/10.1.10.51:80 { address 10.1.10.51 priority-group 10 }
        /Common/10.1.10.52:80 { address 10.1.10.52 priority-group 5 }
    }
}
ltm pool /Common/ext_pool {
    members {
        /Common/10.2.20.11:80 { address 10.2.20.11 }
    }
}
ltm pool /Common/nosnat_pool {
    allow-snat no
    members {
        /Common/10.1.10.61:80 { address 10.1.10.61 }
    }
}
ltm snatpool /Common/sp {
    members {
        /Common/10.2.20.200
        /Common/10.1.10.200
    }
}
ltm virtual /Common/http_vs {
    destination /Common/10.0.0.100:80
    ip-protocol tcp
    pool /Common/web_pool
    profiles {
        /Common/http { }
        /Common/tcp { }
    }
    rules {
        /Common/rule_a
        /Common/rule_b
    }
    source-address-translation {
        type automap
    }
}
ltm virtual /Common/tcp_vs {
    destination /Common/10.0.0.101:443
    ip-protocol tcp
    pool /Common/web_pool
    profiles {
        /Common/tcp { }
    }
    source-address-translation {
        type snat
        pool /Common/sp
    }
}
ltm virtual /Common/plain_vs {
    destination /Common/10.0.0.102:25
    ip-protocol tcp
    pool /Common/web_pool
    profiles {
        /Common/tcp { }
    }
    persist {
        /Common/source_addr { default yes }
    }
}
net vlan /Common/internal { }
net vlan /Common/external { }
net self /Common/self_int {
    address 10.1.10.5/24
    traffic-group /Common/traffic-group-local-only
    vlan /Common/internal
}
net self /Common/float_int {
    address 10.1.10.6/24
    traffic-group /Common/traffic-group-1
    vlan /Common/internal
}
net self /Common/self_ext {
    address 10.2.20.5/24
    traffic-group /Common/traffic-group-local-only
    vlan /Common/external
}
`;

/** The parsed test configuration. */
export const testConfig: BigipConfig = parseBigipConf(TEST_CONF).config;

/** What a test scenario may set. */
export interface Scenario {
  /** Virtual server (default `http_vs`). */
  virtual?: string;
  /** Version (default 14.1.0). */
  version?: string;
  /** Client addresses (default one, 10.1.1.1). */
  clients?: string[];
  /** Events to fire. */
  events?: string[];
  /** Raw request text. */
  request?: string;
  /** Configuration (default the test configuration; `null` for none). */
  config?: BigipConfig | null;
  /** Limits. */
  limits?: SimulateOptions['limits'];
}

/** Runs rule texts (`rule_a`, `rule_b`, ... in order) and returns the report (throws on setup errors). */
export function simRules(rules: string | string[], scenario: Scenario = {}): SimulationReport {
  const texts = typeof rules === 'string' ? [rules] : rules;
  let request: HttpMessageSpec | undefined;
  if (scenario.request !== undefined) {
    const r = parseHttpRequest(scenario.request);
    if ('error' in r) throw new Error(r.error);
    request = r;
  }
  const report = simulate({
    rules: texts.map((text, i) => ({ name: `rule_${String.fromCharCode(97 + i)}`, text, origin: `rule_${String.fromCharCode(97 + i)}.irule` })),
    config: scenario.config === null ? undefined : (scenario.config ?? testConfig),
    virtual: scenario.virtual ?? (scenario.config === null ? undefined : 'http_vs'),
    version: scenario.version ?? '14.1.0',
    clients: (scenario.clients ?? ['10.1.1.1']).map((address) => ({ address })),
    events: scenario.events,
    request,
    limits: scenario.limits,
  });
  if ('error' in report) throw new Error(report.error);
  return report;
}

/** The first client's result. */
export function simOne(rules: string | string[], scenario: Scenario = {}): ClientResult {
  return simRules(rules, scenario).results[0];
}

/** The log messages of a result, without the `Rule ... <EVENT>: ` prefix. */
export function messages(r: ClientResult): string[] {
  return r.logs.map((l) => l.replace(/^Rule \S+ <[A-Z_0-9]+>: /, ''));
}

/** Runs a single `when` body in an event and returns its log messages (helper for command tables). */
export function logsOf(event: string, body: string, scenario: Scenario = {}): string[] {
  return messages(simOne(`when ${event} {\n${body}\n}`, scenario));
}

/**
 * The JSON output of `irule-sim --format json` (documented in README.md and docs/irule-sim.md).
 * Keys come in a fixed order, so the output is stable byte for byte for the same input:
 * the keys the issue specifies first, then the additions (`clientPort`, `request`, `notModelled`,
 * `notes`).
 */
import type { ClientResult, ErrorResult, SimulationReport } from '../sim/irule/types.js';
import { configProblemKeys } from './config-problems.js';
import { type SimReportWriter, writeReport } from './sim-writer.js';

/** The error object in key order. */
export function errorJson(e: ErrorResult | null): unknown {
  if (!e) return null;
  const out: Record<string, unknown> = {
    message: e.message,
    event: e.event,
    rule: e.rule,
    line: e.line,
    command: e.command,
    tmmLog: e.tmmLog,
    at: e.at,
  };
  if (e.limit !== undefined) out.limit = e.limit;
  return out;
}

/** One client result in key order. */
export function resultJson(r: ClientResult): unknown {
  const out: Record<string, unknown> = {
    client: r.client,
    virtual: r.virtual,
    events: r.events,
    snat: r.snat && { type: r.snat.type, address: r.snat.address, snatpool: r.snat.snatpool, decidedBy: r.snat.decidedBy },
    pool: r.pool,
    member: r.member,
    action: r.action,
    response: r.response && { status: r.response.status, headers: r.response.headers, body: r.response.body },
    logs: r.logs,
    error: errorJson(r.error),
    clientPort: r.clientPort,
    request: r.request && { method: r.request.method, uri: r.request.uri, version: r.request.version, headers: r.request.headers, body: r.request.body },
    notModelled: r.notModelled,
    notes: r.notes,
  };
  if (r.destination !== undefined) out.destination = r.destination;
  // The route to the server, when the configuration has self IPs or routes to judge by.
  if (r.egress) out.egress = { vlan: r.egress.vlan, decidedBy: r.egress.decidedBy, route: r.egress.route };
  return out;
}

/**
 * The JSON report, written through `write` piece by piece (a client at a time): byte for byte what
 * `JSON.stringify(whole, null, 2)` gives, as each result is indented as it would be at its depth.
 */
export function simJsonWriter(write: (text: string) => void): SimReportWriter {
  let count = 0;
  return {
    start() {
      write('{\n  "results": [');
    },
    result(r) {
      write(`${count++ === 0 ? '' : ','}\n    ${JSON.stringify(resultJson(r), null, 2).replace(/\n/g, '\n    ')}`);
    },
    end(report) {
      const out: Record<string, unknown> = {
        virtual: report.virtual,
        destination: report.destination,
        version: report.version,
        rules: report.rules,
        flow: report.flow,
        ruleInit: {
          rules: report.ruleInit.rules,
          logs: report.ruleInit.logs,
          error: errorJson(report.ruleInit.error),
          notModelled: report.ruleInit.notModelled,
        },
        notes: report.notes,
      };
      // Only when the bigip.conf has problems, so the output of a clean run is unchanged.
      Object.assign(out, configProblemKeys(report.configProblems));
      // The other keys as JSON.stringify writes them at depth 1: drop the opening `{` and its line break.
      write(`${count > 0 ? '\n  ]' : ']'},\n${JSON.stringify(out, null, 2).slice(2)}\n`);
    },
  };
}

/** The whole report as JSON text (two-space indentation, trailing newline). */
export function formatSimJson(report: SimulationReport): string {
  const pieces: string[] = [];
  writeReport(report, simJsonWriter((t) => pieces.push(t)));
  return pieces.join('');
}

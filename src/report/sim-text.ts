/**
 * The text output of `irule-sim`: a header naming the virtual server, version and rules, the
 * run's remarks, RULE_INIT when it did something, then one block per client.
 *
 *   client 172.16.51.23 (port 49153)
 *     events   CLIENT_ACCEPTED
 *     snat     172.16.51.175 (automap, set by the iRule)
 *     server   172.16.51.31:25 in /Common/smtp_pool
 *     action   forward
 */
import { configProblemLines } from './config-problems.js';
import type { ClientResult, ErrorResult, SimulationReport, SnatResult } from '../sim/irule/types.js';
import { type SimReportWriter, writeReport } from './sim-writer.js';

/** How the SNAT line reads. */
function snatText(s: SnatResult, client: string): string {
  const by = s.decidedBy === 'irule' ? 'set by the iRule' : "the virtual server's setting";
  switch (s.type) {
    case 'none':
      return `none: the server sees the client address ${client} (${by})`;
    case 'automap':
      return `${s.address ?? 'no self IP available'} (automap, ${by})`;
    case 'address':
      return `${s.address} (${by})`;
    case 'snatpool':
      return `${s.address ?? 'no address available'} (SNAT pool ${s.snatpool}, ${by})`;
  }
}

/** What each action means, for the reader. */
const ACTION_TEXT: Readonly<Record<ClientResult['action'], string>> = {
  forward: 'forward',
  reject: 'reject (the connection is reset)',
  drop: 'drop (the connection is dropped silently)',
  respond: 'respond (BIG-IP answers the client itself)',
};

/** The lines of an error. */
function errorLines(e: ErrorResult, indent: string): string[] {
  const out: string[] = [];
  if (e.tmmLog) out.push(`${indent}error    ${e.tmmLog}`);
  else out.push(`${indent}error    ${e.message} (${e.rule} <${e.event}>; simulator limit: BIG-IP itself has no such limit)`);
  out.push(`${indent}at       ${e.at}: ${e.command}`);
  return out;
}

/** One client block. */
function clientBlock(r: ClientResult): string[] {
  const lines = [`client ${r.client} (port ${r.clientPort})${r.destination !== undefined ? ` to ${r.destination}` : ''}`];
  const add = (label: string, text: string): void => {
    lines.push(`  ${label.padEnd(8)} ${text}`);
  };
  add('events', r.events.length > 0 ? r.events.join(' ') : '(no handler ran)');
  if (r.snat) add('snat', snatText(r.snat, r.client));
  if (r.member) add('server', r.pool ? `${r.member} in ${r.pool}` : `${r.member} (node, no pool)`);
  // The route line when a `net route` decided or none did (a directly connected server is the plain case).
  if (r.egress && (r.egress.route !== null || r.egress.decidedBy === null)) add('route', r.egress.decidedBy === null ? 'none reaches the server' : `${r.egress.vlan ?? 'no egress VLAN'} by ${r.egress.decidedBy}`);
  add('action', ACTION_TEXT[r.action]);
  if (r.response) {
    const loc = r.response.headers.find((h) => h.name.toLowerCase() === 'location');
    add('response', `${r.response.status}${loc ? ` Location: ${loc.value}` : ''}${r.response.body ? ` (${r.response.body.length} byte body)` : ''}`);
  }
  if (r.request) add('request', `${r.request.method} ${r.request.uri} (${r.request.headers.length} headers)`);
  for (const l of r.logs) add('log', l);
  if (r.error) lines.push(...errorLines(r.error, '  '));
  if (r.notModelled.length > 0) add('not modelled', r.notModelled.join(', '));
  for (const n of r.notes) add('note', n);
  return lines;
}

/** Most lines a piece of text output holds: a client with 200,000 log lines is written in several. */
const MAX_LINES_PER_WRITE = 1_000;

/** Writes `lines` (each followed by a line break) through `write` in pieces of at most MAX_LINES_PER_WRITE lines. */
function writeLines(lines: string[], write: (text: string) => void): void {
  for (let i = 0; i < lines.length; i += MAX_LINES_PER_WRITE) {
    write(`${lines.slice(i, i + MAX_LINES_PER_WRITE).join('\n')}\n`);
  }
}

/** The text report, written through `write` piece by piece (a client at a time). */
export function simTextWriter(write: (text: string) => void): SimReportWriter {
  let notesWritten = 0;
  return {
    start(report) {
      const out: string[] = [];
      out.push(`irule-sim: ${report.virtual} (${report.destination}), BIG-IP ${report.version}, rules: ${report.rules.join(', ')}`);
      out.push(`flow: ${report.flow.join(' > ')}`);
      for (const n of report.notes) out.push(`note: ${n}`);
      notesWritten = report.notes.length;
      for (const line of configProblemLines(report.configProblems, (severity) => `${severity}: `)) out.push(line);
      const ri = report.ruleInit;
      if (ri.rules.length > 0) {
        out.push('', `RULE_INIT (${ri.rules.join(', ')})`);
        for (const l of ri.logs) out.push(`  log      ${l}`);
        if (ri.error) out.push(...errorLines(ri.error, '  '));
        if (ri.notModelled.length > 0) out.push(`  not modelled ${ri.notModelled.join(', ')}`);
      }
      writeLines(out, write);
    },
    result(r) {
      // Line by line: a spread of a client's 200,000 log lines would overflow the stack.
      const lines = [''];
      for (const line of clientBlock(r)) lines.push(line);
      writeLines(lines, write);
    },
    end(report) {
      // Remarks made while the clients ran, after the header was written (none are expected: the run's remarks come from RULE_INIT).
      writeLines(report.notes.slice(notesWritten).map((n) => `note: ${n}`), write);
    },
  };
}

/** The whole report as text (trailing newline). */
export function formatSimText(report: SimulationReport): string {
  const pieces: string[] = [];
  writeReport(report, simTextWriter((t) => pieces.push(t)));
  return pieces.join('');
}

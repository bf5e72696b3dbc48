/**
 * The simulator's reports written as they are made: a header, one piece per client, an end. The
 * CLI feeds a writer each client's result as it is simulated, so 200,000 clients never stand in
 * memory at once, nor as one output string; `formatSimText`/`formatSimJson` feed it a whole report.
 */
import type { ClientResult, SimulationReport } from '../sim/irule/types.js';

/** Writes a report piece by piece, as its clients are simulated. */
export interface SimReportWriter {
  /** The header: everything before the first client (the report's `results` are not read). */
  start(report: SimulationReport): void;
  /** One client's result. */
  result(r: ClientResult): void;
  /** The end, with the report as it stands then (its `results` are not read). */
  end(report: SimulationReport): void;
}

/** Writes a whole report through a writer. */
export function writeReport(report: SimulationReport, writer: SimReportWriter): void {
  writer.start(report);
  for (const r of report.results) writer.result(r);
  writer.end(report);
}

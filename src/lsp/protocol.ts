/**
 * The server's custom requests: method names and message shapes shared by the server and the
 * VS Code client (which imports only types and these constants, so nothing of the server is
 * bundled into it).
 */
import type { SimulationReport } from '../sim/irule/types.js';

/** `irule/simulate`: run the simulator for an open document (command "iRule: Simulate clients…"). */
export const SIMULATE_REQUEST = 'irule/simulate';

/** Parameters of `irule/simulate`. */
export interface SimulateParams {
  /** The open document whose text is simulated (unsaved edits included). */
  uri: string;
  /**
   * Clients as typed: entries separated by commas, semicolons or newlines, each a client
   * `addr[:port]` (IPv4 or IPv6) optionally followed, after blanks, by the destination
   * `addr[:port]` it connects to (as a line of an `irule-sim --clients` file).
   */
  clients: string;
}

/** Result of `irule/simulate`: the report and its text form, or why nothing was simulated. */
export type SimulateResult =
  | {
      /** The simulator's report (per client: SNAT, pool/member, action, runtime error). */
      report: SimulationReport;
      /** The report as `irule-sim` prints it. */
      text: string;
    }
  | {
      /** Why the simulation could not run (bad address, unreadable bigip.conf, document not open...). */
      error: string;
    };

/** `irule/explain`: explain every client address for an open document (command "iRule: Simulate clients…", "Explain all clients"). */
export const EXPLAIN_REQUEST = 'irule/explain';

/** Parameters of `irule/explain`. */
export interface ExplainParams {
  /** The open document whose text is explained (unsaved edits included). */
  uri: string;
}

/** Result of `irule/explain`: the outcome table as `irule-sim --explain` prints it, or why there is none. */
export type ExplainResult =
  | {
      /** The report as `irule-sim --explain` prints it. */
      text: string;
      /** Whether every class is exact (no sampled part, nothing left unexplored). */
      exact: boolean;
    }
  | {
      /** Why nothing was explained (unreadable bigip.conf, a rule BIG-IP would refuse, document not open...). */
      error: string;
    };

/**
 * `irule/simulate` (command "iRule: Simulate clients…"): runs the simulator on an open document's
 * text (unsaved edits included) for the clients the user typed, with the document's settings
 * (BIG-IP version, `bigip.conf`). The input is built by the same code as `irule-sim`'s
 * (`simulateSources`), so the editor and the CLI report the same outcome.
 */
import path from 'node:path';
import { simulateSources, ruleNameOf } from '../../cli/sim/simulate-files.js';
import { UsageError } from '../../cli/errors.js';
import { messageOf } from '../../cli/program.js';
import { formatSimText } from '../../report/sim-text.js';
import { parseClient } from '../../sim/irule/clients.js';
import type { Feature } from '../context.js';
import type { AnalyzedDocument } from '../document.js';
import { SIMULATE_REQUEST, type SimulateParams, type SimulateResult } from '../protocol.js';
import { uriToPath } from '../settings.js';

/** The addresses typed into the input box: separated by commas, blanks or newlines. */
export function splitClients(input: string): string[] {
  return input.split(/[\s,]+/).filter((s) => s !== '');
}

/**
 * Simulates the document `analyzed` for `clients` (as typed). Never throws: bad input (an
 * unparsable address, an unreadable or malformed `bigip.conf`) comes back as `{ error }`.
 */
export async function simulateDocument(analyzed: AnalyzedDocument, clients: string): Promise<SimulateResult> {
  const addresses = splitClients(clients);
  for (const a of addresses) {
    const p = parseClient(a);
    if ('error' in p) return { error: `client '${a}': ${p.error}` };
  }
  const file = uriToPath(analyzed.doc.uri);
  const origin = file ?? analyzed.doc.uri;
  const { settings } = analyzed;
  try {
    const report = await simulateSources(
      async () => [{ name: ruleNameOf(file ?? 'untitled'), text: analyzed.doc.getText(), origin }],
      {
        client: addresses,
        external: [],
        event: [],
        bigipVersion: settings.version.text,
        ...(settings.bigipConfPath !== undefined ? { bigipConf: settings.bigipConfPath } : {}),
        format: 'text',
      },
      { cwd: file !== undefined ? path.dirname(file) : process.cwd(), stderr: () => undefined },
    );
    return { report, text: formatSimText(report) };
  } catch (err) {
    return { error: err instanceof UsageError ? err.message : `internal error: ${messageOf(err)}` };
  }
}

/** The `irule/simulate` request. */
export const simulateFeature: Feature = {
  register(ctx) {
    ctx.connection.onRequest(SIMULATE_REQUEST, async (params: SimulateParams): Promise<SimulateResult> => {
      const uri = typeof params?.uri === 'string' ? params.uri : '';
      const analyzed = await ctx.analysis(uri);
      if (!analyzed) return { error: `not an open document: ${uri || '(no uri)'}` };
      return simulateDocument(analyzed, typeof params.clients === 'string' ? params.clients : '');
    });
  },
};

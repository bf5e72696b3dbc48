/**
 * `irule/simulate` (command "iRule: Simulate clients…"): runs the simulator on an open document's
 * text (unsaved edits included) for the clients the user typed (each optionally with the
 * destination it connects to, as in an `irule-sim --clients` file), with the document's settings
 * (BIG-IP version, `bigip.conf`). The input is built by the same code as `irule-sim`'s
 * (`simulateSources`), so the editor and the CLI report the same outcome.
 */
import path from 'node:path';
import { simulateSources, ruleNameOf } from '../../cli/sim/simulate-files.js';
import { UsageError } from '../../cli/errors.js';
import { messageOf } from '../../cli/program.js';
import { formatSimText } from '../../report/sim-text.js';
import { parseClientList } from '../../sim/irule/clients.js';
import type { CliIo } from '../../cli/run.js';
import type { SimCliOptions } from '../../cli/sim/run.js';
import type { ClientSpec, RuleSource } from '../../sim/irule/types.js';
import type { Feature, ServerContext } from '../context.js';
import type { AnalyzedDocument } from '../document.js';
import { SIMULATE_REQUEST, type SimulateParams, type SimulateResult } from '../protocol.js';
import { uriToPath } from '../settings.js';

/**
 * The clients typed into the input box: entries separated by commas, semicolons or newlines, each
 * a client `addr[:port]` optionally followed, after blanks, by its destination `addr[:port]` (the
 * address it connects to): one line of an `irule-sim --clients` file each, read by the same parser.
 */
export function parseClientInput(input: string): ClientSpec[] | { error: string } {
  const entries = input.split(/[,;\r\n]/);
  const list = parseClientList(entries.join('\n'));
  if ('error' in list) return { error: `'${entries[list.line - 1].trim()}': ${list.error}` };
  return list;
}

/**
 * Simulates the document `analyzed` for `clients` (as typed, see `parseClientInput`). Never
 * throws: bad input (an unparsable address, an unreadable or malformed `bigip.conf`) comes back as
 * `{ error }`.
 */
export async function simulateDocument(analyzed: AnalyzedDocument, clients: string): Promise<SimulateResult> {
  const parsed = parseClientInput(clients);
  if ('error' in parsed) return { error: `client ${parsed.error}` };
  try {
    const { loadRules, opts, io } = documentInputs(analyzed, parsed);
    const report = await simulateSources(loadRules, opts, io);
    return { report, text: formatSimText(report) };
  } catch (err) {
    return { error: errorText(err) };
  }
}

/** The inputs `irule-sim` would get for the document: its text as the rule, its settings' version and bigip.conf, and `clients`. */
export function documentInputs(
  analyzed: AnalyzedDocument,
  clients: ClientSpec[],
): { loadRules: () => Promise<RuleSource[]>; opts: SimCliOptions; io: Pick<CliIo, 'cwd' | 'stderr'> } {
  const file = uriToPath(analyzed.doc.uri);
  const origin = file ?? analyzed.doc.uri;
  const { settings } = analyzed;
  return {
    loadRules: async () => [{ name: ruleNameOf(file ?? 'untitled'), text: analyzed.doc.getText(), origin }],
    opts: {
      client: [],
      ...(clients.length > 0 ? { parsedClients: clients } : {}),
      external: [],
      event: [],
      bigipVersion: settings.version.text,
      ...(settings.bigipConfPath !== undefined ? { bigipConf: settings.bigipConfPath } : {}),
      format: 'text',
    },
    io: { cwd: file !== undefined ? path.dirname(file) : process.cwd(), stderr: () => undefined },
  };
}

/** The message of a failure: a usage error as is, anything else as an internal error. */
export function errorText(err: unknown): string {
  return err instanceof UsageError ? err.message : `internal error: ${messageOf(err)}`;
}

/** Registers a request about one open document (`params.uri`); a document that is not open is answered with `{ error }`. */
export function onDocumentRequest<P extends { uri?: unknown }, R>(
  ctx: ServerContext,
  method: string,
  answer: (analyzed: AnalyzedDocument, params: P) => Promise<R>,
): void {
  ctx.connection.onRequest(method, async (params: P): Promise<R | { error: string }> => {
    const uri = typeof params?.uri === 'string' ? params.uri : '';
    const analyzed = await ctx.analysis(uri);
    if (!analyzed) return { error: `not an open document: ${uri || '(no uri)'}` };
    return answer(analyzed, params);
  });
}

/** The `irule/simulate` request. */
export const simulateFeature: Feature = {
  register(ctx) {
    onDocumentRequest<SimulateParams, SimulateResult>(ctx, SIMULATE_REQUEST, (analyzed, params) =>
      simulateDocument(analyzed, typeof params.clients === 'string' ? params.clients : ''),
    );
  },
};

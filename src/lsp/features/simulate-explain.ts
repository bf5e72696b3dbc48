/**
 * `irule/explain` (command "iRule: Simulate clients…", choice "Explain all clients"): every
 * client address explained for an open document's text (unsaved edits included), with the
 * document's BIG-IP version and `bigip.conf`; the inputs are built as for `irule/simulate`, and the
 * table is the one `irule-sim --explain` prints.
 */
import { explainSources } from '../../cli/sim/explain-files.js';
import { formatExplainText } from '../../report/explain-text.js';
import { isEmpty } from '../../sim/explain/intervals.js';
import type { Feature } from '../context.js';
import type { AnalyzedDocument } from '../document.js';
import { EXPLAIN_REQUEST, type ExplainParams, type ExplainResult } from '../protocol.js';
import { documentInputs, errorText, onDocumentRequest } from './simulate.js';

/** Explains every client of the document `analyzed`. Never throws: bad input comes back as `{ error }`. */
export async function explainDocument(analyzed: AnalyzedDocument): Promise<ExplainResult> {
  try {
    const { loadRules, opts, io } = documentInputs(analyzed, []);
    const { report } = await explainSources(loadRules, opts, io);
    const exact = report.classes.every((c) => c.exact) && isEmpty(report.unexplored.v4) && isEmpty(report.unexplored.v6);
    return { text: formatExplainText(report), exact };
  } catch (err) {
    return { error: errorText(err) };
  }
}

/** The `irule/explain` request. */
export const simulateExplainFeature: Feature = {
  register(ctx) {
    onDocumentRequest<ExplainParams, ExplainResult>(ctx, EXPLAIN_REQUEST, (analyzed) => explainDocument(analyzed));
  },
};

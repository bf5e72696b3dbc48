/**
 * The problems of the bigip.conf the open documents are analysed with (a record the model cannot
 * read, a bad address, a dangling name...), published on the bigip.conf itself as `irule-lint`
 * reports them: warnings with the rule ids `config-invalid` / `config-reference`, at most 100 and
 * one more counting the rest. A virtual server's iRule that a workspace file or an open document
 * gives (by its short name) is no problem, as an iRule file given to the CLI is not. A bigip.conf
 * refused for its syntax errors shows those instead (errors, `config-syntax`; each document also
 * names the first as a settings problem). Published again when a document opens or closes and
 * when the settings change (the bigip.conf was saved, the configuration file or the client
 * settings changed); cleared when the problems are fixed and when no open document uses it.
 */
import { pathToFileURL } from 'node:url';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { configProblemDiagnostics, MAX_CONFIG_PROBLEMS } from '../../bigip/diagnostic.js';
import type { ConfProblems } from '../../cli/config.js';
import { ruleNameOf } from '../../cli/sim/simulate-files.js';
import { toLspDiagnostic } from '../convert.js';
import { logError, type Feature, type ServerContext } from '../context.js';
import { messageOf, uriToPath } from '../settings.js';
import { workspaceIndex } from '../workspace-index.js';

/** The LSP diagnostics of a bigip.conf's problems, positioned in the text they were found in; `givenRules` as for `configProblems`. */
export function confDiagnostics(uri: string, problems: ConfProblems, givenRules: ReadonlySet<string>): LspDiagnostic[] {
  const doc = TextDocument.create(uri, 'bigip-conf', 0, problems.text);
  return configProblemDiagnostics(problems.diagnostics, givenRules).map((d) => toLspDiagnostic(doc, d));
}

/** The LSP diagnostics of the syntax errors a bigip.conf was refused for (errors, `config-syntax`; at most `MAX_CONFIG_PROBLEMS`). */
export function syntaxDiagnostics(uri: string, errors: ConfProblems): LspDiagnostic[] {
  const doc = TextDocument.create(uri, 'bigip-conf', 0, errors.text);
  return errors.diagnostics.slice(0, MAX_CONFIG_PROBLEMS).map((d) => toLspDiagnostic(doc, d));
}

/** What a bigip.conf in use has to show: its problems, or the syntax errors it was refused for. */
interface ConfState {
  problems?: ConfProblems;
  syntaxErrors?: ConfProblems;
}

/** Wires the bigip.conf diagnostics to document and settings events. */
function register(ctx: ServerContext): void {
  const { connection, documents } = ctx;
  /** What is published per bigip.conf URI (as JSON, to publish only changes); only non-empty lists are kept. */
  const published = new Map<string, string>();
  let runs = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  /** The short names of the iRules the workspace and the open documents give. */
  async function givenRules(): Promise<Set<string>> {
    const paths = [...(await workspaceIndex(ctx).paths()), ...documents.all().map((d) => uriToPath(d.uri) ?? '')];
    return new Set(paths.filter((p) => p !== '').map(ruleNameOf));
  }

  async function refresh(): Promise<void> {
    const id = ++runs;
    const settings = await Promise.all(documents.all().map((d) => ctx.settings(d.uri)));
    // The bigip.conf files in use, with what they have to show.
    const confs = new Map<string, ConfState>();
    for (const s of settings) {
      if (s.bigipConfPath !== undefined) confs.set(pathToFileURL(s.bigipConfPath).href, { problems: s.bigipConfProblems, syntaxErrors: s.bigipConfSyntaxErrors });
    }
    const rules = [...confs.values()].some((c) => c.problems !== undefined) ? await givenRules() : new Set<string>();
    if (id !== runs) return; // a later refresh is under way: it publishes
    for (const uri of published.keys()) if (!confs.has(uri)) confs.set(uri, {});
    for (const [uri, { problems, syntaxErrors }] of confs) {
      const diagnostics = problems ? confDiagnostics(uri, problems, rules) : syntaxErrors ? syntaxDiagnostics(uri, syntaxErrors) : [];
      const key = JSON.stringify(diagnostics);
      if ((published.get(uri) ?? '[]') === key) continue;
      if (diagnostics.length > 0) published.set(uri, key);
      else published.delete(uri);
      await connection.sendDiagnostics({ uri, diagnostics });
    }
  }

  function schedule(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      refresh().catch((err: unknown) => logError(connection, `irule-lsp: bigip.conf diagnostics: ${messageOf(err)}`));
    }, 0);
  }

  documents.onDidOpen(schedule);
  documents.onDidClose(schedule);
  ctx.onSettingsChanged(schedule);
}

/** The bigip.conf diagnostics feature. */
export const configDiagnosticsFeature: Feature = { register };

/**
 * The VS Code client: starts the bundled language server (dist/server.js), switches `.tcl` files
 * whose content is an iRule to the `irule` language, and adds the command
 * "iRule: Simulate clients…" (typed clients, or "Explain all clients"). Everything else (diagnostics, quick fixes, hover, completion...)
 * comes from the server.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { EXPLAIN_REQUEST, SIMULATE_REQUEST, type ExplainParams, type ExplainResult, type SimulateParams, type SimulateResult } from '../../src/lsp/protocol.js';
import { IRULE_LANGUAGE, languageToSwitchTo } from './language.js';

/** The two choices of "iRule: Simulate clients…". */
const SIMULATE_SOME = 'Simulate clients…';
const EXPLAIN_ALL = 'Explain all clients';

/** Inspector port of the server in debug mode (Run Extension from a checkout: attach to it). */
const DEBUG_PORT = 6009;

let client: LanguageClient | undefined;

/** Switches `doc` to the irule language when it is a `.tcl` file holding an iRule. */
async function adoptIfIrule(doc: vscode.TextDocument): Promise<void> {
  if (doc.uri.scheme !== 'file' && doc.uri.scheme !== 'untitled') return;
  const target = languageToSwitchTo(doc.fileName, doc.languageId, doc.getText());
  if (target) await vscode.languages.setTextDocumentLanguage(doc, target);
}

/**
 * "iRule: Simulate clients…": either asks for addresses (each optionally followed by its
 * destination, as a line of an `irule-sim --clients` file), simulates the active iRule and shows the
 * report beside it, or ("Explain all clients") shows the outcome table of every client address.
 */
async function simulateClients(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== IRULE_LANGUAGE || !client) {
    void vscode.window.showWarningMessage('iRule: open an iRule file to simulate.');
    return;
  }
  const choice = await vscode.window.showQuickPick(
    [
      { label: SIMULATE_SOME, detail: 'Simulate the client addresses you type, each optionally with the destination it connects to' },
      { label: EXPLAIN_ALL, detail: 'Every client address at once: the IPv4 and IPv6 blocks of clients for each outcome' },
    ],
    { title: 'iRule: Simulate clients', ignoreFocusOut: true },
  );
  if (choice === undefined) return;
  if (choice.label === EXPLAIN_ALL) {
    await explainAllClients(editor);
    return;
  }
  const clients = await vscode.window.showInputBox({
    title: 'iRule: Simulate clients',
    prompt: 'Client addresses (addr[:port], IPv4 or IPv6), separated by commas; after a space, the destination addr[:port] a client connects to (default: the virtual server)',
    placeHolder: '172.16.51.21, 172.16.51.23 172.16.51.174:25',
    ignoreFocusOut: true,
  });
  if (clients === undefined) return;
  const params: SimulateParams = { uri: editor.document.uri.toString(), clients };
  const result = await ask<SimulateResult>(SIMULATE_REQUEST, params);
  if ('error' in result) {
    void vscode.window.showErrorMessage(`iRule simulation: ${result.error}`);
    return;
  }
  await showBeside(`# iRule simulation of ${path.basename(editor.document.fileName)}\n\n${result.text}`);
}

/** "Explain all clients": the outcome table of every client address, beside the rule. */
async function explainAllClients(editor: vscode.TextEditor): Promise<void> {
  const params: ExplainParams = { uri: editor.document.uri.toString() };
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'iRule: explaining every client…' }, () =>
    ask<ExplainResult>(EXPLAIN_REQUEST, params),
  );
  if ('error' in result) {
    void vscode.window.showErrorMessage(`iRule explanation: ${result.error}`);
    return;
  }
  await showBeside(`# Every client of ${path.basename(editor.document.fileName)}\n\n${result.text}`);
}

/** Sends a request to the server; a failure to answer comes back as `{ error }`. */
async function ask<T>(method: string, params: object): Promise<T | { error: string }> {
  try {
    if (!client) throw new Error('not started');
    return await client.sendRequest<T>(method, params);
  } catch (err) {
    return { error: `the language server did not answer (${err instanceof Error ? err.message : String(err)})` };
  }
}

/** Opens a read-only-looking plain-text document beside the active editor. */
async function showBeside(content: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content });
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  // The CLI's shebang gives V8 a larger young generation; the server gets the same.
  const execArgv = ['--max-semi-space-size=64'];
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio, options: { execArgv } },
    debug: { module, transport: TransportKind.stdio, options: { execArgv: [...execArgv, '--nolazy', `--inspect=${DEBUG_PORT}`] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: IRULE_LANGUAGE },
      { scheme: 'untitled', language: IRULE_LANGUAGE },
    ],
    // The server registers for configuration changes (`irule`) and for the files it watches
    // (irule-lint.config.json, *.conf) itself, and pulls the settings with workspace/configuration.
  };
  client = new LanguageClient('irule-lint', 'iRule Lint', serverOptions, clientOptions);

  context.subscriptions.push(
    vscode.commands.registerCommand('irule.simulateClients', simulateClients),
    vscode.workspace.onDidOpenTextDocument((doc) => void adoptIfIrule(doc)),
  );
  for (const doc of vscode.workspace.textDocuments) await adoptIfIrule(doc);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/**
 * Completion: the commands valid in the enclosing event (those the catalog says BIG-IP refuses or
 * does not know there are left out; outside any `when`, all), event names where an event is
 * expected (after `when`), the subcommands, options and keywords of the command being written,
 * variables in scope (after `$` or where a variable name is expected), data group / pool / SNAT
 * pool names from bigip.conf where the argument names one, and proc names where a proc is
 * expected (after `call`: this file's procs, and other workspace files' as `rule::proc`).
 */
import { CompletionItemKind, CompletionItemTag, type CompletionItem, type Range as LspRange } from 'vscode-languageserver';
import { allCommands, allEvents, commandInEvent } from '../../catalog/load.js';
import type { CommandSpec } from '../../catalog/types.js';
import { formAvailableAt, isAvailableAt, isDeprecatedAt } from '../../catalog/version.js';
import { objectKindOf, objectNames } from '../config-objects.js';
import type { Feature } from '../context.js';
import { toLspRange, toOffset } from '../convert.js';
import type { AnalyzedDocument } from '../document.js';
import { expectationAt } from '../expect.js';
import { locate, prefixOf, type Cursor } from '../locate.js';
import { outlineOf, paramsText, ruleNameOf, withCurrent, type SourceFile } from '../procs.js';
import { variablesOf } from '../target.js';
import { namesIn, scopeFor } from '../variables.js';
import { workspaceIndex } from '../workspace-index.js';

/** Whether a command belongs in the completion list at `version` in `event` (undefined: any event). */
function offered(spec: CommandSpec, version: string, event: string | undefined): boolean {
  if (spec.kind === 'namespace' || !isAvailableAt(spec, version)) return false;
  if (event === undefined) return true;
  const verdict = commandInEvent(spec, event).verdict;
  return verdict === 'valid' || verdict === 'unknown';
}

/** The commands offered per version and event (few distinct keys: kept). */
const offeredCache = new Map<string, CommandSpec[]>();

/** The commands offered at `version` in `event` (undefined: anywhere). */
function offeredCommands(version: string, event: string | undefined): CommandSpec[] {
  const key = `${version}\u0000${event ?? ''}`;
  let specs = offeredCache.get(key);
  if (!specs) {
    // Event names come from user text: keep the cache bounded.
    if (offeredCache.size >= 256) offeredCache.clear();
    offeredCache.set(key, (specs = allCommands().filter((spec) => offered(spec, version, event))));
  }
  return specs;
}

function commandItem(spec: CommandSpec, version: string, range: LspRange): CompletionItem {
  const item: CompletionItem = { label: spec.name, kind: CompletionItemKind.Function, textEdit: { range, newText: spec.name } };
  if (spec.summary) item.detail = spec.summary;
  if (spec.synopsis?.length) item.documentation = { kind: 'markdown', value: '```tcl\n' + spec.synopsis.join('\n') + '\n```' };
  if (isDeprecatedAt(spec, version)) item.tags = [CompletionItemTag.Deprecated];
  return item;
}

function plainItems(labels: Iterable<string>, kind: CompletionItemKind, range: LspRange, detail?: string): CompletionItem[] {
  return [...labels].map((label) => ({ label, kind, textEdit: { range, newText: label }, ...(detail ? { detail } : {}) }));
}

/** The range a completion replaces: from the start of what is being written to the cursor. */
function replaced(a: AnalyzedDocument, cursor: Cursor, prefix: string): LspRange {
  return toLspRange(a.doc, { start: cursor.offset - prefix.length, end: cursor.offset });
}

/** The variable name being written after a `$` just before the cursor, if any. */
function variablePrefix(cursor: Cursor, source: string): string | undefined {
  if (cursor.varRef) return source.slice(cursor.varRef.nameRange.start, cursor.offset).replace(/^\{/, '');
  const m = /\$\{?([\w:]*)$/.exec(source.slice(Math.max(0, cursor.offset - 200), cursor.offset));
  return m ? m[1] : undefined;
}

/** The variables visible at the cursor. */
function variableNames(a: AnalyzedDocument, cursor: Cursor): string[] {
  const map = variablesOf(a.ast, a.doc.getText());
  return namesIn(map, [scopeFor('', cursor.proc), 'global']);
}

/** Proc names a call at the cursor may name: this file's procs, and other files' as `rule::proc`. */
function procNames(current: SourceFile, files: readonly SourceFile[]): { label: string; detail: string }[] {
  const out: { label: string; detail: string }[] = [];
  // This file's procs first.
  for (const f of withCurrent(current, files).reverse()) {
    const own = f.uri === current.uri;
    for (const p of outlineOf(f.ast, f.doc.getText()).procs) {
      if (p.name === '') continue;
      out.push({ label: own ? p.name : `${ruleNameOf(f.uri)}::${p.name}`, detail: `proc ${paramsText(p)}${own ? '' : ` in ${ruleNameOf(f.uri)}`}` });
    }
  }
  return out;
}

/** The completions at `offset` of an analysed document; `files` are the workspace's other files. */
export function completionsAt(a: AnalyzedDocument, offset: number, files: readonly SourceFile[] = []): CompletionItem[] {
  const source = a.doc.getText();
  const cursor = locate(a.ast, source, offset);
  const version = a.settings.version.text;
  if (cursor.chain.some((n) => n.type === 'Comment')) return [];
  const varPrefix = variablePrefix(cursor, source);
  if (varPrefix !== undefined) return plainItems(variableNames(a, cursor), CompletionItemKind.Variable, replaced(a, cursor, varPrefix));
  const prefix = prefixOf(cursor, source);
  const range = replaced(a, cursor, prefix);
  const { command, wordIndex } = cursor;
  if (!command || wordIndex === 0) {
    const event = cursor.proc ? undefined : cursor.when?.event || undefined;
    return offeredCommands(version, event).map((spec) => commandItem(spec, version, range));
  }
  const exp = expectationAt(command, wordIndex, prefix);
  if (!exp) return [];
  const items: CompletionItem[] = [];
  const subs = Object.entries(exp.form?.subcommands ?? {}).filter(([name, form]) => exp.subcommands.includes(name) && formAvailableAt(form, version));
  items.push(...plainItems(subs.map(([name]) => name), CompletionItemKind.Method, range, `${exp.spec.name} subcommand`));
  const switches = exp.switches.filter((s) => formAvailableAt(s, version)).map((s) => s.name);
  if (exp.form?.endOfOptions && exp.switches.length > 0) switches.push('--');
  items.push(...plainItems(switches, CompletionItemKind.Property, range, 'option'));
  items.push(...plainItems(exp.positional?.literal ?? [], CompletionItemKind.Keyword, range));
  const kind = objectKindOf(exp.type);
  if (kind && a.settings.bigip) items.push(...plainItems(objectNames(a.settings.bigip, kind), CompletionItemKind.Reference, range, kind));
  if (exp.type === 'event') {
    for (const ev of allEvents()) {
      const item: CompletionItem = { label: ev.name, kind: CompletionItemKind.Event, detail: ev.summary, textEdit: { range, newText: ev.name } };
      if (ev.deprecated) item.tags = [CompletionItemTag.Deprecated];
      items.push(item);
    }
  }
  if (exp.type === 'varName') items.push(...plainItems(variableNames(a, cursor), CompletionItemKind.Variable, range));
  if (exp.type === 'procName' && command.type !== 'Proc') {
    const current: SourceFile = { uri: a.doc.uri, doc: a.doc, ast: a.ast };
    for (const p of procNames(current, files)) items.push({ label: p.label, kind: CompletionItemKind.Function, detail: p.detail, textEdit: { range, newText: p.label } });
  }
  return items;
}

/** Registers the completion handler. */
export const completionFeature: Feature = {
  capabilities: { completionProvider: { triggerCharacters: ['$', ':', '-'] } },
  register(ctx) {
    ctx.connection.onCompletion(async (params) => {
      const a = await ctx.analysis(params.textDocument.uri);
      if (!a) return [];
      const offset = toOffset(a.doc, params.position);
      // The workspace is read only where a proc name may be completed.
      const files = needsWorkspace(a, offset) ? await workspaceIndex(ctx).files() : [];
      return completionsAt(a, offset, files);
    });
  },
};

/** Whether completion at the offset may list other files' procs. */
function needsWorkspace(a: AnalyzedDocument, offset: number): boolean {
  const cursor = locate(a.ast, a.doc.getText(), offset);
  if (!cursor.command || cursor.wordIndex === 0) return false;
  return expectationAt(cursor.command, cursor.wordIndex, prefixOf(cursor, a.doc.getText()))?.type === 'procName';
}

/**
 * Hover: for a command, its synopsis, summary, valid events, version notes for the configured
 * BIG-IP version and reference link (all from the catalog); for an event, what fires it and the
 * profile it needs; for a variable, where it is named; for a data group, pool or SNAT pool, its
 * definition in the configured bigip.conf; for a proc, its parameters and where it is defined.
 */
import type { Hover, MarkupContent } from 'vscode-languageserver';
import { commandInEvent, getEvent, requiredProfiles, validEvents } from '../../catalog/load.js';
import { formAt } from '../../catalog/match.js';
import type { CommandSpec, Deprecation, Removal } from '../../catalog/types.js';
import { introducedBy } from '../../catalog/version.js';
import type { Range } from '../../syntax/ast.js';
import { describeObject, KIND_LABEL, resolveObject } from '../config-objects.js';
import type { Feature } from '../context.js';
import { toLspRange, toOffset } from '../convert.js';
import type { AnalyzedDocument } from '../document.js';
import { nameOf } from '../locate.js';
import { paramsText, resolveRef, ruleNameOf, withCurrent, type SourceFile } from '../procs.js';
import { targetAt } from '../target.js';
import { sitesOf, type ScopeKey, type VarSite } from '../variables.js';
import { workspaceIndex } from '../workspace-index.js';

const MAX_EVENTS = 12;

/** `` `a`, `b` `` ... and N more. */
function codeList(items: readonly string[], max = MAX_EVENTS): string {
  const shown = items.slice(0, max).map((s) => `\`${s}\``).join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}

/** A note on a deprecation or removal relative to the configured version. */
function lifecycleNote(what: 'Deprecated' | 'Removed', d: Deprecation | Removal, version: string): string {
  const since = d.since ? ` since BIG-IP ${d.since}` : '';
  const applies = introducedBy(d.since, version);
  const rel = applies ? ` (applies to the configured ${version})` : ` (not yet in the configured ${version})`;
  const repl = 'replacement' in d && d.replacement ? `; use \`${d.replacement}\` instead` : '';
  const note = d.note ? `. ${d.note}` : '';
  return `${what}${since}${rel}${repl}${note}.`;
}

/** The "since" note of a command or subcommand. */
function sinceNote(label: string, since: string | undefined, version: string): string | undefined {
  if (since === undefined) return undefined;
  return introducedBy(since, version) ? `${label} since BIG-IP ${since}.` : `${label} since BIG-IP ${since}: **not available** in the configured ${version}.`;
}

const VERDICT_TEXT = { valid: 'valid', invalid: '**not valid** (refused when the rule is loaded)', unlikely: 'not known to be valid' } as const;

/** The Markdown hover text of a command (with `path`: of that subcommand; with `event`: judged in that event too). */
export function describeCommand(spec: CommandSpec, version: string, path: readonly string[] = [], event?: string): string {
  const full = [spec.name, ...path].join(' ');
  const out: string[] = [`**\`${full}\`**${spec.summary ? ` — ${spec.summary}` : ''}`];
  const synopsis = (spec.synopsis ?? []).filter((line) => path.length === 0 || line.startsWith(`${full} `) || line === full);
  const lines = synopsis.length > 0 ? synopsis : (spec.synopsis ?? []);
  if (lines.length > 0) out.push('```tcl\n' + lines.join('\n') + '\n```');
  const notes: string[] = [];
  if (event) {
    const verdict = commandInEvent(spec, event).verdict;
    if (verdict !== 'unknown') notes.push(`In \`${event}\`: ${VERDICT_TEXT[verdict]}.`);
  }
  if (spec.events === '*' && !spec.eventsInvalid?.length) notes.push('Valid in every event.');
  else {
    // The events the catalog lists first (evidence), then the ones derived from the profile.
    const listed = Array.isArray(spec.events) ? spec.events : [];
    const events = [...new Set([...listed, ...[...validEvents(spec)].sort()])].filter((e) => validEvents(spec).has(e));
    if (events.length > 0) notes.push(`Valid in ${codeList(events)}.`);
    if (spec.eventsInvalid?.length) notes.push(`Not valid in ${codeList(spec.eventsInvalid)}.`);
  }
  const profiles = requiredProfiles(spec);
  if (profiles.length > 0) notes.push(`Needs a ${codeList(profiles)} profile.`);
  const since = sinceNote('Available', spec.since, version);
  if (since) notes.push(since);
  const sub = path.length > 0 ? formAt(spec, [...path]) : undefined;
  const subSince = sinceNote(`\`${full}\``, sub?.since, version);
  if (subSince) notes.push(subSince);
  if (spec.deprecated) notes.push(lifecycleNote('Deprecated', spec.deprecated, version));
  if (spec.removed) notes.push(lifecycleNote('Removed', spec.removed, version));
  if (spec.disabled) notes.push('Disabled in iRules: a literal use is refused when the rule is loaded.');
  if (spec.absent) notes.push('Does not exist in iRules: a literal use fails when the rule is loaded.');
  if (notes.length > 0) out.push(notes.join('  \n'));
  if (spec.docUrl) out.push(`[Reference](${spec.docUrl})`);
  return out.join('\n\n');
}

/** The Markdown hover text of an event, or undefined for an unknown event. */
export function describeEvent(name: string, version: string): string | undefined {
  const ev = getEvent(name);
  if (!ev) return undefined;
  const out: string[] = [`**\`when ${ev.name}\`** — ${ev.summary}`];
  const notes: string[] = [];
  if (ev.triggeredBy?.length) notes.push(`Fired by ${codeList(ev.triggeredBy)}.`);
  notes.push(ev.profiles.length > 0 ? `Needs a ${codeList(ev.profiles)} profile on the virtual server.` : 'Needs no profile.');
  if (ev.side !== 'unknown') notes.push(`Side: ${ev.side}${ev.transport ? ` (${ev.transport})` : ''}.`);
  if (ev.perRequest) notes.push('Fires once per HTTP request.');
  const since = sinceNote('Available', ev.since, version);
  if (since) notes.push(since);
  if (ev.deprecated) notes.push(lifecycleNote('Deprecated', ev.deprecated, version));
  out.push(notes.join('  \n'));
  if (ev.docUrl) out.push(`[Reference](${ev.docUrl})`);
  return out.join('\n\n');
}

/** The scope a variable lives in, in words. */
function scopeLabel(scope: ScopeKey): string {
  if (scope === 'global') return 'global variable';
  if (scope === 'connection') return 'connection variable (shared by the event handlers)';
  return `variable of proc \`${scope.name}\``;
}

function lineOf(a: AnalyzedDocument, offset: number): number {
  return toLspRange(a.doc, { start: offset, end: offset }).start.line + 1;
}

/** The Markdown hover text of a variable: its scope and where it is named. */
function describeVariable(a: AnalyzedDocument, site: VarSite, sites: VarSite[], scope: ScopeKey): string {
  const out = [`**\`$${site.name}\`** — ${scopeLabel(scope)}`];
  const named = sites.filter((s) => s.kind !== 'read');
  if (named.length === 0) out.push('Not set in this file.');
  else {
    const lines = named.map((s) => {
      const by = s.kind === 'param' ? 'parameter' : `\`${(s.command && nameOf(s.command)) ?? '?'}\``;
      return `- line ${lineOf(a, s.range.start)}: ${by}`;
    });
    out.push(`Set or named at:\n${lines.join('\n')}`);
  }
  return out.join('\n\n');
}

function markdown(value: string): MarkupContent {
  return { kind: 'markdown', value };
}

function hover(a: AnalyzedDocument, text: string, range: Range): Hover {
  return { contents: markdown(text), range: toLspRange(a.doc, range) };
}

/** The hover at `offset` of an analysed document (`files`: the workspace's, for procs of other rules); null when there is nothing to say. */
export function hoverAt(a: AnalyzedDocument, offset: number, files: readonly SourceFile[] = []): Hover | null {
  const source = a.doc.getText();
  const { target, cursor } = targetAt(a.ast, source, offset);
  if (!target) return null;
  const version = a.settings.version.text;
  switch (target.kind) {
    case 'command':
      return hover(a, describeCommand(target.spec, version, target.path, cursor.proc ? undefined : cursor.when?.event || undefined), target.range);
    case 'event': {
      const text = describeEvent(target.name, version);
      return text ? hover(a, text, target.range) : null;
    }
    case 'variable':
      return hover(a, describeVariable(a, target.site, sitesOf(target.map, target.site.name, target.scope), target.scope), target.range);
    case 'object': {
      const { ref } = target;
      const obj = a.settings.bigip ? resolveObject(a.settings.bigip, ref) : undefined;
      if (obj) return hover(a, describeObject(obj), target.range);
      const why = a.settings.bigip ? 'not found in the configured bigip.conf' : 'no bigip.conf is configured (`irule.bigipConf`)';
      return hover(a, `**${KIND_LABEL[ref.kind]}** \`${ref.name}\` — ${why}`, target.range);
    }
    case 'procDef':
      return hover(a, `**proc** \`${target.proc.name}\` ${paramsText(target.proc)}`, target.range);
    case 'procRef': {
      const file: SourceFile = { uri: a.doc.uri, doc: a.doc, ast: a.ast };
      const defs = resolveRef(target.ref, file, withCurrent(file, files));
      const where = defs.length === 0 ? ' — not found in the workspace' : defs[0].file.uri === a.doc.uri ? '' : ` in \`${ruleNameOf(defs[0].file.uri)}\``;
      const params = defs.length > 0 ? ` ${paramsText(defs[0].proc)}` : '';
      return hover(a, `**proc** \`${target.ref.target}\`${params}${where}`, target.range);
    }
  }
}

/** Registers the hover handler. */
export const hoverFeature: Feature = {
  capabilities: { hoverProvider: true },
  register(ctx) {
    ctx.connection.onHover(async (params) => {
      const a = await ctx.analysis(params.textDocument.uri);
      if (!a) return null;
      const offset = toOffset(a.doc, params.position);
      // The workspace is read only for a call naming another rule's proc.
      const { target } = targetAt(a.ast, a.doc.getText(), offset);
      const files = target?.kind === 'procRef' && target.ref.rule !== undefined ? await workspaceIndex(ctx).files() : [];
      return hoverAt(a, offset, files);
    });
  },
};

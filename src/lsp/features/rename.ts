/**
 * Rename for procs (the definition and every word naming it across the workspace, keeping a
 * `rule::` or `/Partition/rule::` part) and variables (every site in the variable's scope). Any
 * other name (a command, an event, an option, a bigip.conf object) is refused with a message that
 * says why, as are new names that would change the code's meaning. Known limit: links made by
 * `global` and `upvar` are not followed; a proc variable named like a global one is refused.
 */
import { ResponseError, ErrorCodes, type Range as LspRange, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { Range } from '../../syntax/ast.js';
import type { Feature } from '../context.js';
import { toLspRange, toOffset } from '../convert.js';
import type { AnalyzedDocument } from '../document.js';
import { currentFile, procDefsOf, procNameRange, procRefsOf, variableSites, type NavContext } from '../navigate.js';
import { targetAt, type Target } from '../target.js';
import { canonicalName, namesIn } from '../variables.js';
import { navContextFor } from '../workspace-index.js';

/** A refusal, with the message the user sees. */
export interface Refusal {
  /** Why the rename cannot be done. */
  error: string;
}

/** Why the thing at the cursor cannot be renamed. */
function refusal(target: Target | undefined): Refusal {
  if (!target) return { error: 'Only procs and variables can be renamed; there is none here.' };
  switch (target.kind) {
    case 'command':
      return { error: `\`${target.spec.name}\` is a built-in command: only procs and variables can be renamed.` };
    case 'event':
      return { error: `\`${target.name}\` is an event name: only procs and variables can be renamed.` };
    case 'object':
      return { error: `\`${target.ref.name}\` is defined in bigip.conf: rename it there, then here.` };
    default:
      return { error: 'Only procs and variables can be renamed.' };
  }
}

type Renameable = Extract<Target, { kind: 'procDef' | 'procRef' | 'variable' }>;

function renameable(target: Target | undefined): target is Renameable {
  return target?.kind === 'procDef' || target?.kind === 'procRef' || target?.kind === 'variable';
}

/** The range to rename at `offset` (for `textDocument/prepareRename`), or why not. */
export function prepareRenameAt(a: AnalyzedDocument, offset: number): { range: LspRange; placeholder: string } | Refusal {
  const { target } = targetAt(a.ast, a.doc.getText(), offset);
  if (!renameable(target)) return refusal(target);
  if (target.kind === 'procRef' && procDefsOf(target, { a, files: [] }).length === 0 && target.ref.rule === undefined) {
    return { error: `No proc \`${target.ref.target}\` is defined in this file.` };
  }
  return { range: toLspRange(a.doc, target.range), placeholder: a.doc.getText().slice(target.range.start, target.range.end) };
}

/** A proc name that needs no quoting and keeps `call` resolution as it is. */
const PROC_NAME = /^[A-Za-z_][\w.-]*$/;
/** A variable name usable as `$name` (a qualified name keeps its `::` parts). */
const VAR_NAME = /^(?:::)?[A-Za-z0-9_]+(?:::[A-Za-z0-9_]+)*$/;

function addEdit(changes: Record<string, TextEdit[]>, uri: string, range: LspRange, newText: string): void {
  (changes[uri] ??= []).push({ range, newText });
}

/** The workspace edit renaming what is at `offset` to `newName`, or why it cannot be done. */
export function renameAt(nav: NavContext, offset: number, newName: string): WorkspaceEdit | Refusal {
  const { a } = nav;
  const source = a.doc.getText();
  const { target } = targetAt(a.ast, source, offset);
  if (!renameable(target)) return refusal(target);
  const changes: Record<string, TextEdit[]> = {};
  if (target.kind === 'variable') {
    const old = target.site.name;
    if (!VAR_NAME.test(newName)) return { error: `\`${newName}\` is not a plain variable name (letters, digits, _ and :: parts).` };
    if (old.includes('::') !== newName.includes('::')) return { error: 'A rename cannot move a variable between the global and the local scope.' };
    if (canonicalName(newName) !== canonicalName(old) && namesIn(target.map, [target.scope]).some((n) => canonicalName(n) === canonicalName(newName))) {
      return { error: `A variable \`${newName}\` is already used in this scope.` };
    }
    // `global x` in a proc links x to ::x, a link the scopes do not follow: leave such names alone.
    if (target.scope !== 'connection' && target.scope !== 'global' && namesIn(target.map, ['global']).some((n) => n.replace(/^::/, '') === old)) {
      return { error: `\`${old}\` may be linked to the global \`::${old}\` (global and upvar links are not followed): not renamed.` };
    }
    const here = currentFile(a);
    for (const s of variableSites(target)) addEdit(changes, here.uri, toLspRange(here.doc, s.range), newName);
    return { changes };
  }
  if (!PROC_NAME.test(newName)) return { error: `\`${newName}\` is not a plain proc name (a letter or _, then letters, digits, _ . -).` };
  const defs = procDefsOf(target, nav);
  if (defs.length === 0) return { error: `No definition of \`${target.kind === 'procRef' ? target.ref.target : ''}\` was found in the workspace.` };
  for (const d of defs) {
    const range: Range = procNameRange(d.proc, d.file.doc.getText());
    // Keep a namespace part of a qualified definition (`proc ns::p`).
    const keep = d.proc.name.lastIndexOf('::');
    const start = keep >= 0 ? range.end - (d.proc.name.length - keep - 2) : range.start;
    addEdit(changes, d.file.uri, toLspRange(d.file.doc, { start, end: range.end }), newName);
  }
  for (const { file, ref } of procRefsOf(defs, nav)) addEdit(changes, file.uri, toLspRange(file.doc, ref.procRange!), newName);
  return { changes };
}

/** Registers prepareRename and rename. */
export const renameFeature: Feature = {
  capabilities: { renameProvider: { prepareProvider: true } },
  register(ctx) {
    ctx.connection.onPrepareRename(async (params) => {
      const a = await ctx.analysis(params.textDocument.uri);
      if (!a) return null;
      const r = prepareRenameAt(a, toOffset(a.doc, params.position));
      if ('error' in r) throw new ResponseError(ErrorCodes.InvalidRequest, r.error);
      return r;
    });
    ctx.connection.onRenameRequest(async (params) => {
      const a = await ctx.analysis(params.textDocument.uri);
      if (!a) return null;
      const r = renameAt(await navContextFor(ctx, a), toOffset(a.doc, params.position), params.newName);
      if ('error' in r) throw new ResponseError(ErrorCodes.InvalidRequest, r.error);
      return r;
    });
  },
};

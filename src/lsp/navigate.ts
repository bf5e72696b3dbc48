/**
 * Locations for go to definition, find references and rename: the definition(s) of a proc and
 * every word naming it across files, the sites of a variable in its scope, and the definition of a
 * configuration object in bigip.conf and every word naming it. Pure: files and the bigip.conf text
 * are handed in.
 */
import type { Location } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { qualify } from '../bigip/resolve.js';
import { walk } from '../lint/walk.js';
import type { Proc, Range } from '../syntax/ast.js';
import { objectRefsOf, resolveObject, type ObjectRef } from './config-objects.js';
import { toLspRange } from './convert.js';
import type { AnalyzedDocument } from './document.js';
import { spanOf } from './locate.js';
import { refsTo, resolveRef, withCurrent, type ProcDef, type ProcRef, type SourceFile } from './procs.js';
import type { Target } from './target.js';
import { sitesOf, type VarSite } from './variables.js';

/** The configured bigip.conf as the navigation sees it. */
export interface ConfFile {
  /** Its URI. */
  uri: string;
  /** Its text, when it could be read (without it, a definition points at the object's first line). */
  doc?: TextDocument;
}

/** What navigation works with: the document, the workspace's files, and the bigip.conf. */
export interface NavContext {
  /** The document the cursor is in. */
  a: AnalyzedDocument;
  /** The workspace's files (the current document is put in at its analysed version). */
  files: readonly SourceFile[];
  /** The configured bigip.conf. */
  conf?: ConfFile;
}

/** The current document as a workspace file. */
export function currentFile(a: AnalyzedDocument): SourceFile {
  return { uri: a.doc.uri, doc: a.doc, ast: a.ast };
}

/** Where a proc's name is written (the name inside braces for `proc {p} ...`). */
export function procNameRange(proc: Proc, source: string): Range {
  const span = proc.words[1] ? spanOf(proc.words[1], source) : undefined;
  return span ? { start: span.start, end: span.start + span.text.length } : proc.nameRange;
}

export function location(file: SourceFile, range: Range): Location {
  return { uri: file.uri, range: toLspRange(file.doc, range) };
}

/** The proc definitions a proc target reaches (itself, for a definition). */
export function procDefsOf(target: Target, nav: NavContext): ProcDef[] {
  const current = currentFile(nav.a);
  if (target.kind === 'procDef') return [{ file: current, proc: target.proc }];
  if (target.kind === 'procRef') return resolveRef(target.ref, current, withCurrent(current, nav.files));
  return [];
}

/** Every word naming one of `defs`, across the workspace. */
export function procRefsOf(defs: readonly ProcDef[], nav: NavContext): { file: SourceFile; ref: ProcRef }[] {
  const files = withCurrent(currentFile(nav.a), nav.files);
  return defs.flatMap((d) => refsTo(d, files));
}

/** The sites of a variable target (same scope, same name). */
export function variableSites(target: Extract<Target, { kind: 'variable' }>): VarSite[] {
  return sitesOf(target.map, target.site.name, target.scope);
}

/** The location of a configuration object in bigip.conf, when one is configured and it is there. */
export function objectDefinition(ref: ObjectRef, nav: NavContext): Location | undefined {
  const config = nav.a.settings.bigip;
  const obj = config ? resolveObject(config, ref) : undefined;
  if (!obj || !nav.conf) return undefined;
  const range = nav.conf.doc
    ? toLspRange(nav.conf.doc, obj.location.range)
    : { start: { line: obj.location.line - 1, character: 0 }, end: { line: obj.location.line - 1, character: 0 } };
  return { uri: nav.conf.uri, range };
}

/** Every word in the workspace naming the same configuration object as `ref`. */
export function objectRefsAcross(ref: ObjectRef, nav: NavContext): Location[] {
  const config = nav.a.settings.bigip;
  const same = (other: ObjectRef): boolean => {
    if (other.kind !== ref.kind) return false;
    const want = config ? resolveObject(config, ref) : undefined;
    // With the object in bigip.conf, names that reach it; otherwise names that would.
    return want ? resolveObject(config!, other) === want : qualify(other.name) === qualify(ref.name);
  };
  const out: Location[] = [];
  for (const file of withCurrent(currentFile(nav.a), nav.files)) {
    const source = file.doc.getText();
    walk(file.ast, {
      enter(node) {
        if (node.type !== 'Command' && node.type !== 'When') return;
        for (const r of objectRefsOf(node, source)) if (same(r)) out.push(location(file, r.range));
      },
    });
  }
  return out;
}

/**
 * Find references: every word naming a proc across the workspace's files (with its definition
 * when the declaration is asked for), every site of a variable in its scope (reads and writes), and every word naming
 * the same data group, pool or SNAT pool across the workspace (with its bigip.conf definition).
 */
import type { Location } from 'vscode-languageserver';
import type { Feature } from '../context.js';
import { toOffset } from '../convert.js';
import {
  currentFile,
  location,
  objectDefinition,
  objectRefsAcross,
  procDefsOf,
  procNameRange,
  procRefsOf,
  variableSites,
  type NavContext,
} from '../navigate.js';
import { targetAt } from '../target.js';
import { navContextFor } from '../workspace-index.js';

/** The references of what is at `offset` (with its declarations when `withDeclaration`). */
export function referencesAt(nav: NavContext, offset: number, withDeclaration: boolean): Location[] {
  const { a } = nav;
  const { target } = targetAt(a.ast, a.doc.getText(), offset);
  if (!target) return [];
  switch (target.kind) {
    case 'procDef':
    case 'procRef': {
      const defs = procDefsOf(target, nav);
      const refs = procRefsOf(defs, nav).map(({ file, ref }) => location(file, ref.procRange!));
      const decls = withDeclaration ? defs.map((d) => location(d.file, procNameRange(d.proc, d.file.doc.getText()))) : [];
      return [...decls, ...refs];
    }
    case 'variable': {
      const here = currentFile(a);
      return variableSites(target)
        // Tcl declares nothing: every set and read is a reference; a parameter is the declaration.
        .filter((s) => withDeclaration || s.kind !== 'param')
        .map((s) => location(here, s.range));
    }
    case 'object': {
      const decl = withDeclaration ? objectDefinition(target.ref, nav) : undefined;
      return [...(decl ? [decl] : []), ...objectRefsAcross(target.ref, nav)];
    }
    default:
      return [];
  }
}

/** Registers the references handler. */
export const referencesFeature: Feature = {
  capabilities: { referencesProvider: true },
  register(ctx) {
    ctx.connection.onReferences(async (params) => {
      const a = await ctx.analysis(params.textDocument.uri);
      if (!a) return [];
      return referencesAt(await navContextFor(ctx, a), toOffset(a.doc, params.position), params.context.includeDeclaration);
    });
  },
};

/**
 * Go to definition: for a word naming a proc (`call p`, `call rule::p`), the proc in this file or
 * in the named rule's file of the workspace; for a variable, where it is set or named in its scope
 * (not its reads); for a data group, pool or SNAT pool name, the object in the configured bigip.conf.
 */
import type { Location } from 'vscode-languageserver';
import type { Feature } from '../context.js';
import { toOffset } from '../convert.js';
import { currentFile, location, objectDefinition, procDefsOf, procNameRange, variableSites, type NavContext } from '../navigate.js';
import { targetAt } from '../target.js';
import { navContextFor } from '../workspace-index.js';

/** The definitions of what is at `offset`; empty when there is none (or it is not known). */
export function definitionAt(nav: NavContext, offset: number): Location[] {
  const { a } = nav;
  const { target } = targetAt(a.ast, a.doc.getText(), offset);
  if (!target) return [];
  switch (target.kind) {
    case 'procDef':
    case 'procRef':
      return procDefsOf(target, nav).map((d) => location(d.file, procNameRange(d.proc, d.file.doc.getText())));
    case 'variable': {
      const here = currentFile(a);
      return variableSites(target)
        .filter((s) => s.kind !== 'read')
        .map((s) => location(here, s.range));
    }
    case 'object': {
      const loc = objectDefinition(target.ref, nav);
      return loc ? [loc] : [];
    }
    default:
      return [];
  }
}

/** Registers the definition handler. */
export const definitionFeature: Feature = {
  capabilities: { definitionProvider: true },
  register(ctx) {
    ctx.connection.onDefinition(async (params) => {
      const a = await ctx.analysis(params.textDocument.uri);
      if (!a) return [];
      return definitionAt(await navContextFor(ctx, a), toOffset(a.doc, params.position));
    });
  },
};

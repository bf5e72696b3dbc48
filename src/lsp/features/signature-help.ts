/**
 * Signature help for commands with argument forms: the catalog's usage lines (or, without them, a
 * usage built from the argument form) as signatures, the one of the subcommand being written
 * active, and the parameter under the cursor active (the catalog positional the word matches, or
 * else the word's index).
 */
import type { ParameterInformation, SignatureHelp, SignatureInformation } from 'vscode-languageserver';
import type { ArgForm, CommandSpec } from '../../catalog/types.js';
import type { Feature } from '../context.js';
import { toOffset } from '../convert.js';
import type { AnalyzedDocument } from '../document.js';
import { expectationAt } from '../expect.js';
import { locate, prefixOf } from '../locate.js';

/** The pieces of a usage line after the command name, as `[start, end)` offsets into the line: `<x>`, `[...]`, `?x?`, words. */
export function usageParameters(line: string, nameLength: number): [number, number][] {
  const out: [number, number][] = [];
  let i = nameLength;
  while (i < line.length) {
    if (/\s/.test(line[i])) {
      i++;
      continue;
    }
    const start = i;
    const close = line[i] === '[' ? ']' : line[i] === '(' ? ')' : undefined;
    if (close) {
      // A bracketed group, nested ones included, is one parameter.
      let depth = 0;
      for (; i < line.length; i++) {
        if (line[i] === line[start]) depth++;
        else if (line[i] === close && --depth === 0) break;
      }
      i++;
      while (i < line.length && !/\s/.test(line[i])) i++;
    } else {
      while (i < line.length && !/\s/.test(line[i])) i++;
    }
    out.push([start, Math.min(i, line.length)]);
  }
  return out;
}

/** A usage line made from an argument form, for commands the catalog gives no usage lines. */
function usageFromForm(name: string, form: ArgForm | undefined): string {
  const parts = [name];
  for (const s of form?.switches ?? []) parts.push(`[${s.name}${s.value ? ` <${s.value}>` : ''}]`);
  if (form?.endOfOptions) parts.push('[--]');
  for (const p of form?.positionals ?? []) {
    const one = p.literal && p.literal.length <= 4 ? p.literal.join('|') : `<${p.name}>`;
    parts.push(p.optional ? `[${one}${p.repeat ? ' ...' : ''}]` : `${one}${p.repeat ? ' ...' : ''}`);
  }
  return parts.join(' ');
}

/** The usage lines of a command: the catalog's, or one per subcommand form made from the forms. */
function usageLines(spec: CommandSpec): string[] {
  if (spec.synopsis && spec.synopsis.length > 0) return spec.synopsis;
  const subs = spec.args?.subcommands;
  if (subs) return Object.entries(subs).map(([sub, form]) => usageFromForm(`${spec.name} ${sub}`, form));
  return [usageFromForm(spec.name, spec.args)];
}

/** The signature help at `offset`; null outside the arguments of a known command. */
export function signatureHelpAt(a: AnalyzedDocument, offset: number): SignatureHelp | null {
  const source = a.doc.getText();
  const cursor = locate(a.ast, source, offset);
  const { command, wordIndex } = cursor;
  if (!command || wordIndex < 1) return null;
  const exp = expectationAt(command, wordIndex, prefixOf(cursor, source));
  if (!exp || (!exp.spec.args && !exp.spec.synopsis?.length)) return null;
  const lines = usageLines(exp.spec);
  const signatures: SignatureInformation[] = lines.map((label) => {
    const parameters: ParameterInformation[] = usageParameters(label, exp.spec.name.length).map((range) => ({ label: range }));
    const sig: SignatureInformation = { label, parameters };
    if (exp.spec.summary) sig.documentation = exp.spec.summary;
    return sig;
  });
  // The usage line of the subcommand being written: the longest matching subcommand path.
  const full = [exp.spec.name, ...exp.path].join(' ');
  let active = lines.findIndex((l) => l === full || l.startsWith(`${full} `));
  if (active < 0) active = 0;
  const sig = signatures[active];
  const params = sig.parameters!;
  // The parameter naming the matched positional, else the one at the word's index.
  const posName = exp.positional?.name;
  let param = posName === undefined ? -1 : params.findIndex((p) => sig.label.slice(...(p.label as [number, number])).includes(`<${posName}>`));
  if (param < 0 && exp.switches.length > 0 && prefixOf(cursor, source).startsWith('-')) {
    param = params.findIndex((p) => /^\[-/.test(sig.label.slice(...(p.label as [number, number]))) || sig.label.slice(...(p.label as [number, number])).includes('option'));
  }
  if (param < 0) param = Math.min(wordIndex - 1, Math.max(params.length - 1, 0));
  return { signatures, activeSignature: active, activeParameter: param };
}

/** Registers the signature help handler. */
export const signatureHelpFeature: Feature = {
  capabilities: { signatureHelpProvider: { triggerCharacters: [' '], retriggerCharacters: [' '] } },
  register(ctx) {
    ctx.connection.onSignatureHelp(async (params) => {
      const a = await ctx.analysis(params.textDocument.uri);
      return a ? signatureHelpAt(a, toOffset(a.doc, params.position)) : null;
    });
  },
};

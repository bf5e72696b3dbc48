/**
 * Where variables are named in a file, by scope, with exact source ranges: reads (`$name`), words
 * the catalog types as a variable name (`set name`, `info exists name`, `regexp ... matchVar`),
 * words of positionals the catalog names as variable lists (`foreach varlist ...`), and proc
 * parameters. Scopes follow Tcl and iRules: each proc body is its own scope; every `when` handler
 * of a file shares the connection's scope (a variable set in CLIENT_ACCEPTED is read in
 * HTTP_REQUEST); qualified names (`::x`, `static::x`) are one file-wide scope. Pure.
 */
import { variableNameOf } from '../lint/utils/variables.js';
import { walk } from '../lint/walk.js';
import type { Positional } from '../catalog/types.js';
import type { Proc, Range, Script, Word } from '../syntax/ast.js';
import { typedOf } from './expect.js';
import { spanOf, type CommandLike } from './locate.js';

/** How a site names the variable. */
export type VarSiteKind = 'read' | 'named' | 'list' | 'param';

/** One place a variable is named. */
export interface VarSite {
  /** The variable name (array names without their index). */
  name: string;
  /** Where the name is written. */
  range: Range;
  /** How it is named: read with `$`, a variable-name argument, an element of a variable list, a proc parameter. */
  kind: VarSiteKind;
  /** The command that names it (undefined for reads). */
  command?: CommandLike;
}

/** A scope key: the proc, `connection`, or `global` for qualified names. */
export type ScopeKey = Proc | 'connection' | 'global';

/** The variables of a file. */
export interface VariableMap {
  /** Every site in source order, with its scope. */
  sites: { site: VarSite; scope: ScopeKey }[];
}

/** The scope a name belongs to when named in `proc` (or outside any proc). */
export function scopeFor(name: string, proc: Proc | undefined): ScopeKey {
  return isQualified(name) ? 'global' : (proc ?? 'connection');
}

/** Whether a name is namespace-qualified (`::x`, `static::x`). */
function isQualified(name: string): boolean {
  return name.includes('::');
}

/** The name a site stands for, `::static::x` and `static::x` alike. */
export function canonicalName(name: string): string {
  return name.startsWith('::') && name.indexOf('::', 2) > 0 ? name.slice(2) : name;
}

/** Whitespace-separated items of a short word with their offsets (a variable list such as `{k v}`). */
function items(text: string, start: number): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  for (const m of text.matchAll(/[^\s{}]+/g)) out.push({ text: m[0], start: start + m.index });
  return out;
}

/** Proc parameter names with the ranges where the params word writes them. */
function paramSites(proc: Proc, source: string): VarSite[] {
  const w = proc.words[2];
  const span = w ? spanOf(w, source) : undefined;
  if (!span) return [];
  const out: VarSite[] = [];
  // Each parameter is the first item of its spec: `{a {b default}}` names a and b.
  let depth = 0;
  let expectName = true;
  for (const m of span.text.matchAll(/\{|\}|[^\s{}]+/g)) {
    if (m[0] === '{') {
      depth++;
      if (depth === 1) expectName = true;
      continue;
    }
    if (m[0] === '}') {
      depth--;
      if (depth === 0) expectName = true;
      continue;
    }
    if (depth <= 1 && expectName && proc.params.includes(m[0])) {
      out.push({ name: m[0], range: { start: span.start + m.index, end: span.start + m.index + m[0].length }, kind: 'param', command: proc });
    }
    expectName = depth === 0;
  }
  return out;
}

/** Whether a positional is a variable list the catalog types loosely (`foreach varlist`): its name says so. */
export function namesVariables(positional: Positional | undefined): boolean {
  return /\bvar/i.test(positional?.name ?? '');
}

/** Sites named by the argument words of a command (not its reads). */
function commandSites(command: CommandLike, source: string): VarSite[] {
  const typed = typedOf(command);
  if (!typed) return [];
  const out: VarSite[] = [];
  command.words.forEach((word: Word, i) => {
    if (i === 0) return;
    const named = typed.types[i] === 'varName';
    // Positionals the catalog names as variables but types loosely (`foreach varlist`).
    const listed = !named && namesVariables(typed.positionals[i]) && !(word.type === 'BracedWord' && word.parsed);
    if (!named && !listed) return;
    const span = spanOf(word, source);
    if (!span || span.text.length > 256) return;
    if (named && !/\s/.test(span.text)) {
      const name = variableNameOf(span.text);
      out.push({ name, range: { start: span.start, end: span.start + name.length }, kind: 'named', command });
      return;
    }
    for (const it of items(span.text, span.start)) {
      const name = variableNameOf(it.text);
      out.push({ name, range: { start: it.start, end: it.start + name.length }, kind: 'list', command });
    }
  });
  return out;
}

/** Every variable site of a file. */
export function variableMap(ast: Script, source: string): VariableMap {
  const sites: VariableMap['sites'] = [];
  const procs: Proc[] = [];
  const add = (site: VarSite): void => {
    sites.push({ site, scope: scopeFor(site.name, procs[procs.length - 1]) });
  };
  walk(ast, {
    enter(node) {
      if (node.type === 'Proc') {
        procs.push(node);
        for (const s of paramSites(node, source)) add(s);
        return;
      }
      if (node.type === 'VarRef' && node.name !== '') add({ name: node.name, range: node.nameRange, kind: 'read' });
      else if (node.type === 'Command' || node.type === 'When') for (const s of commandSites(node, source)) add(s);
    },
    leave(node) {
      if (node.type === 'Proc') procs.pop();
    },
  });
  return { sites };
}

/** The site at `offset` (a cursor at the end of a name counts). */
export function siteAt(map: VariableMap, offset: number): { site: VarSite; scope: ScopeKey } | undefined {
  return map.sites.find(({ site }) => site.range.start <= offset && offset <= site.range.end);
}

/** Every site of the variable a site names (same scope, same name). */
export function sitesOf(map: VariableMap, name: string, scope: ScopeKey): VarSite[] {
  const key = canonicalName(name);
  return map.sites.filter((s) => s.scope === scope && canonicalName(s.site.name) === key).map((s) => s.site);
}

/** The names of the variables of a scope, in first-seen order. */
export function namesIn(map: VariableMap, scopes: readonly ScopeKey[]): string[] {
  const seen = new Set<string>();
  for (const { site, scope } of map.sites) if (scopes.includes(scope)) seen.add(site.name);
  return [...seen];
}

/**
 * What BIG-IP refuses when a rule is saved against a configuration: a pool or SNAT pool named as
 * a literal (where the catalog types an argument `pool` or `snatPool`) that the configuration
 * does not define. One decision for the linter (`undefined-pool`, `undefined-snatpool`) and the
 * simulator's loading (src/sim/irule/load.ts), so a rule the linter reports there is exactly a
 * rule the simulator refuses to load. Names computed at run time are not checked (BIG-IP cannot
 * either: they fail when reached). Data groups are not checked on save: a missing one fails the
 * `class` command at run time (facts P-table 5.1; docs/rules/undefined-datagroup.md).
 */
import type { BigipConfig } from '../bigip/model.js';
import { resolveName } from '../bigip/resolve.js';
import { getCommand } from '../catalog/load.js';
import { matchCall } from '../catalog/match.js';
import type { ArgForm, ArgType, CommandSpec } from '../catalog/types.js';
import type { Command, Script, Word } from '../syntax/ast.js';
import { walk } from '../syntax/walk.js';
import { literalValue } from '../syntax/words.js';

/** The object kinds BIG-IP checks on save, by the catalog argument type that names them. */
export const SAVE_CHECKED_KINDS = { pool: 'pool', snatpool: 'snatPool' } as const;

/** A kind checked on save. */
export type SaveCheckedKind = keyof typeof SAVE_CHECKED_KINDS;

/** A literal name of a missing object. */
export interface MissingReference {
  /** `pool` or `snatpool`. */
  kind: SaveCheckedKind;
  /** The name as written. */
  name: string;
  /** The word that names it. */
  word: Word;
}

/** Whether a spec types any argument (in any form) as one of the checked kinds (cached per spec). */
const namesObjects = new WeakMap<CommandSpec, boolean>();

function typesObjects(spec: CommandSpec): boolean {
  let v = namesObjects.get(spec);
  if (v !== undefined) return v;
  const wanted = new Set<ArgType>(Object.values(SAVE_CHECKED_KINDS));
  const visit = (f: ArgForm | undefined): boolean =>
    f !== undefined && ((f.positionals ?? []).some((p) => wanted.has(p.type)) || Object.values(f.subcommands ?? {}).some(visit));
  namesObjects.set(spec, (v = visit(spec.args)));
  return v;
}

/** The catalog spec of a command with a literal name (no namespace entries), or undefined. */
function specOf(cmd: Command): CommandSpec | undefined {
  const w = cmd.words[0];
  let name = w ? literalValue(w) : undefined;
  if (name === undefined) return undefined;
  if (name.startsWith('::')) name = name.slice(2);
  const spec = getCommand(name);
  return spec && spec.kind !== 'namespace' ? spec : undefined;
}

/**
 * The literal names of missing objects of `kind` in one command: words the catalog match types
 * `pool` / `snatPool` whose literal value names no object (a bare name is `/Common/<name>`, as
 * iRules resolve it). Computed names, names with spaces and `::` names are not checked.
 */
export function missingReferences(cmd: Command, config: BigipConfig, kind: SaveCheckedKind): MissingReference[] {
  const spec = specOf(cmd);
  if (!spec || !typesObjects(spec)) return [];
  const words = cmd.words;
  const args = words.slice(1).map((w) => (w.type === 'ExpandWord' ? undefined : literalValue(w)));
  const types = matchCall(spec, args).types;
  const out: MissingReference[] = [];
  for (let i = 0; i < types.length; i++) {
    if (types[i] !== SAVE_CHECKED_KINDS[kind]) continue;
    const name = args[i];
    if (name === undefined || name === '' || name.startsWith('::') || /\s/.test(name)) continue;
    if (!resolveName(config, kind, name, 'Common')) out.push({ kind, name, word: words[i + 1] });
  }
  return out;
}

/**
 * BIG-IP's message when it refuses the rule: `Unable to find pool (smtp_pol) referenced at line 3`
 * (`line` in the rule text). The wording follows the quotation of the save error; the
 * reference has the "Unable to find pool" form but no captured text (grammar/facts.md F9).
 */
export function unableToFind(ref: MissingReference, line: number): string {
  return `Unable to find ${ref.kind} (${ref.name}) referenced at line ${line}`;
}

/** Every missing pool and SNAT pool a parsed rule names as a literal, in text order. */
export function missingInRule(ast: Script, config: BigipConfig): MissingReference[] {
  const out: MissingReference[] = [];
  walk(ast, {
    enter(node) {
      if (node.type !== 'Command') return;
      for (const kind of Object.keys(SAVE_CHECKED_KINDS) as SaveCheckedKind[]) out.push(...missingReferences(node, config, kind));
    },
  });
  return out.sort((a, b) => a.word.range.start - b.word.range.start);
}

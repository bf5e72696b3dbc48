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
import { commandInEvent, getCommand, getEvent, allEvents } from '../catalog/load.js';
import type { Command, Script, Word } from '../syntax/ast.js';
import { walk } from '../syntax/walk.js';
import type { RuleCatalog } from '../lint/rule.js';
import { literalRefs, lookup } from '../lint/utils/config-refs.js';

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

/** The literal names of missing objects of `kind` in one command. */
export function missingReferences(cmd: Command, catalog: RuleCatalog, config: BigipConfig, kind: SaveCheckedKind): MissingReference[] {
  const out: MissingReference[] = [];
  for (const { word, name } of literalRefs(cmd, catalog, SAVE_CHECKED_KINDS[kind])) {
    if (!lookup(config, kind, name)) out.push({ kind, name, word });
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

let eventNames: string[] | undefined;

/** The catalog as the check reads it outside a lint run (the simulator's loading). */
const CATALOG: RuleCatalog = {
  command: getCommand,
  event: getEvent,
  eventNames: () => (eventNames ??= allEvents().map((e) => e.name)),
  commandInEvent,
};

/** Every missing pool and SNAT pool a parsed rule names as a literal, in text order. */
export function missingInRule(ast: Script, config: BigipConfig): MissingReference[] {
  const out: MissingReference[] = [];
  walk(ast, {
    enter(node) {
      if (node.type !== 'Command') return;
      for (const kind of Object.keys(SAVE_CHECKED_KINDS) as SaveCheckedKind[]) out.push(...missingReferences(node, CATALOG, config, kind));
    },
  });
  return out.sort((a, b) => a.word.range.start - b.word.range.start);
}

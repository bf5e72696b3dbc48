/**
 * Cross-checks against `--bigip-conf`: the literal object names a command passes where the catalog
 * types an argument as a data group, pool or SNAT pool, and their lookup in the configuration.
 * Bare names mean `/Common/<name>` in iRules.
 */
import type { BigipConfig, ConfigKindMap } from '../../bigip/model.js';
import { resolveName } from '../../bigip/resolve.js';
import type { ArgType } from '../../catalog/types.js';
import type { Command, Word } from '../../syntax/ast.js';
import { literalValue } from '../../syntax/words.js';
import type { RuleCatalog } from '../rule.js';
import { closest } from '../config.js';
import { dataGroupSlots, typedCommand, type TypedCommand } from './args.js';

/** A literal object name in a command. */
export interface NamedRef {
  /** The word. */
  word: Word;
  /** The name as written. */
  name: string;
  /** The matched command. */
  typed: TypedCommand;
}

/** The literal words of `cmd` typed `type` (for data groups: also the ambiguous `matchclass` ends). */
export function literalRefs(cmd: Command, catalog: RuleCatalog, type: ArgType): NamedRef[] {
  const typed = typedCommand(cmd, catalog);
  if (!typed) return [];
  const slots = type === 'dataGroup' ? dataGroupSlots(typed).filter((i) => typed.types[i] === 'dataGroup') : typed.types.flatMap((t, i) => (t === type ? [i] : []));
  const out: NamedRef[] = [];
  for (const i of slots) {
    const word = cmd.words[i];
    const name = literalValue(word);
    if (name === undefined || name === '' || name.startsWith('::') || /\s/.test(name)) continue;
    out.push({ word, name, typed });
  }
  return out;
}

/** The names of the objects of a kind, short names for `/Common` ones, for "did you mean". */
export function knownNames(config: BigipConfig, kind: 'dataGroup' | 'pool' | 'snatpool'): string[] {
  const map = kind === 'dataGroup' ? config.dataGroups : kind === 'pool' ? config.pools : config.snatpools;
  return Object.keys(map).map((full) => (full.startsWith('/Common/') ? full.slice('/Common/'.length) : full));
}

/** A hint naming the closest existing object, or ''. */
export function hintFor(config: BigipConfig, kind: 'dataGroup' | 'pool' | 'snatpool', name: string): string {
  const c = closest(name, knownNames(config, kind));
  return c ? ` (did you mean "${c}"?)` : '';
}

/** Looks a name up as iRules do: a bare name is `/Common/<name>`. */
export function lookup<K extends 'dataGroup' | 'pool' | 'snatpool'>(config: BigipConfig, kind: K, name: string): ConfigKindMap[K] | undefined {
  return resolveName(config, kind, name, 'Common');
}

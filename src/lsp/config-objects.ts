/**
 * Configuration objects named in iRules (data groups, pools, SNAT pools): which words name one
 * (the catalog types the argument `dataGroup`, `pool` or `snatPool`), the object a name reaches in
 * the configured `bigip.conf`, and a short Markdown account of it. Pure.
 */
import type { BigipConfig, DataGroup, Pool, Snatpool } from '../bigip/model.js';
import type { ArgType } from '../catalog/types.js';
import { knownNames, lookup } from '../lint/utils/config-refs.js';
import type { Range } from '../syntax/ast.js';
import { typedOf } from './expect.js';
import { spanOf, type CommandLike } from './locate.js';

/** The kinds of objects iRules name, as `resolveName` calls them. */
export type ObjectKind = 'dataGroup' | 'pool' | 'snatpool';

/** The object kind an argument type names, if any. */
export function objectKindOf(type: ArgType | undefined): ObjectKind | undefined {
  if (type === 'dataGroup' || type === 'pool') return type;
  return type === 'snatPool' ? 'snatpool' : undefined;
}

/** How people call each kind. */
export const KIND_LABEL: Record<ObjectKind, string> = { dataGroup: 'data group', pool: 'pool', snatpool: 'SNAT pool' };

/** A word of a command naming a configuration object. */
export interface ObjectRef {
  /** The kind. */
  kind: ObjectKind;
  /** The name as written. */
  name: string;
  /** Where the name is written. */
  range: Range;
}

/** The words of a command that name configuration objects literally. */
export function objectRefsOf(command: CommandLike, source: string): ObjectRef[] {
  const typed = typedOf(command);
  if (!typed) return [];
  const out: ObjectRef[] = [];
  command.words.forEach((word, i) => {
    const kind = objectKindOf(typed.types[i]);
    const span = kind ? spanOf(word, source) : undefined;
    if (!kind || !span || span.text === '' || span.text.startsWith('::') || /\s/.test(span.text)) return;
    out.push({ kind, name: span.text, range: { start: span.start, end: span.start + span.text.length } });
  });
  return out;
}

/** The object a reference reaches in `config` (bare names are `/Common/<name>`, as in iRules). */
export function resolveObject(config: BigipConfig, ref: Pick<ObjectRef, 'kind' | 'name'>): DataGroup | Pool | Snatpool | undefined {
  return lookup(config, ref.kind, ref.name);
}

/** The names of the objects of a kind (short names for `/Common` ones). */
export function objectNames(config: BigipConfig, kind: ObjectKind): string[] {
  return knownNames(config, kind);
}

const MAX_LISTED = 10;

/** `a`, `b`, ... and N more. */
function listed(items: readonly string[]): string {
  const shown = items.slice(0, MAX_LISTED).join(', ');
  return items.length > MAX_LISTED ? `${shown}, and ${items.length - MAX_LISTED} more` : shown;
}

/** A Markdown account of an object: kind, full name, where it is defined, and its content in short. */
export function describeObject(obj: DataGroup | Pool | Snatpool): string {
  const lines: string[] = [];
  const where = `(bigip.conf line ${obj.location.line})`;
  if (obj.kind === 'dataGroup') {
    lines.push(`**data group** \`${obj.name}\` ${where}`, '');
    lines.push(`${obj.external ? 'external' : 'internal'}, type \`${obj.type}\`, ${obj.records.length} record${obj.records.length === 1 ? '' : 's'}`);
    if (obj.externalFileName) lines.push('', `file: \`${obj.externalFileName}\``);
    if (obj.records.length > 0) {
      lines.push('', '```', ...obj.records.slice(0, MAX_LISTED).map((r) => (r.data === '' ? r.key : `${r.key} := ${r.data}`)));
      if (obj.records.length > MAX_LISTED) lines.push(`... ${obj.records.length - MAX_LISTED} more`);
      lines.push('```');
    }
  } else if (obj.kind === 'pool') {
    lines.push(`**pool** \`${obj.name}\` ${where}`, '');
    lines.push(`load balancing: \`${obj.loadBalancingMode}\`${obj.monitor.length > 0 ? `, monitor: ${obj.monitor.join(' and ')}` : ''}`);
    lines.push('', `members: ${obj.members.length === 0 ? 'none' : listed(obj.members.map((m) => m.name + (m.enabled ? '' : ' (disabled)')))}`);
  } else {
    lines.push(`**SNAT pool** \`${obj.name}\` ${where}`, '');
    lines.push(`members: ${obj.addresses.length === 0 ? 'none' : listed(obj.addresses)}`);
  }
  return lines.join('\n');
}

/** Loads the command catalog from `grammar/` (bundled as JSON) into a lookup table. */
import tclCommands from '../../grammar/commands/tcl.json' with { type: 'json' };
import globalCommands from '../../grammar/commands/global.json' with { type: 'json' };
import type { CommandSpec } from './types.js';

const table = new Map<string, CommandSpec>();
for (const list of [tclCommands, globalCommands] as CommandSpec[][]) {
  for (const spec of list) table.set(spec.name, spec);
}

/** The spec of a command by its exact name (a leading `::` is ignored), or undefined. */
export function getCommand(name: string): CommandSpec | undefined {
  return table.get(name.startsWith('::') ? name.slice(2) : name);
}

/** Every command in the catalog. */
export function allCommands(): CommandSpec[] {
  return [...table.values()];
}

/**
 * What the catalog says stands at a word of a command: the command's spec, the subcommand path,
 * the type and positional of the word, and (for a word being written) the subcommands and options
 * that may stand there. All from `grammar/` through the lint matcher (`typedCommand`), so the
 * editor and the rules read arguments alike.
 */
import type { ArgForm, ArgType, CommandSpec, Positional, Switch } from '../catalog/types.js';
import { formAt } from '../catalog/match.js';
import { catalog } from '../lint/run.js';
import { typedCommand, type TypedCommand } from '../lint/utils/args.js';
import type { BareWord, Command, Word } from '../syntax/ast.js';
import type { CommandLike } from './locate.js';

/** The match of a command's words against its catalog form; undefined for unknown or computed names. */
export function typedOf(command: CommandLike): TypedCommand | undefined {
  return typedCommand(command as Command, catalog);
}

/** What may stand at one word of a command. */
export interface Expectation {
  /** The command's spec. */
  spec: CommandSpec;
  /** The subcommand words before the word. */
  path: string[];
  /** The form the word belongs to. */
  form?: ArgForm;
  /** Subcommand names that may stand at the word (empty when it is not in subcommand position). */
  subcommands: string[];
  /** Options that may stand at the word (empty past the options). */
  switches: Switch[];
  /** The type of the word, when the form gives one. */
  type?: ArgType;
  /** The positional the word matches, when the form gives one. */
  positional?: Positional;
}

/** A stand-in word with literal text, for matching words not written yet. */
function placeholder(text: string, at: number): BareWord {
  const range = { start: at, end: at };
  return { type: 'BareWord', range, parts: [{ type: 'Text', range, value: text }] };
}

function matchWith(command: CommandLike, words: Word[]): TypedCommand | undefined {
  return typedCommand({ type: 'Command', range: command.range, words }, catalog);
}

/**
 * What may stand at word `index` of `command`, whose text so far is `prefix` (the word being
 * written, or '' for a new one). Undefined when the command is unknown or `index` is 0.
 */
export function expectationAt(command: CommandLike, index: number, prefix: string): Expectation | undefined {
  if (index < 1) return undefined;
  const at = command.words[index]?.range.start ?? command.range.end;
  // Options are matched as written; any other word as a neutral literal, so a half-written
  // subcommand name does not pick a form yet.
  const here = placeholder(prefix.startsWith('-') ? prefix : '\u0000', at);
  const before = command.words.slice(0, index);
  let typed = matchWith(command, [...before, here, ...command.words.slice(index + 1)]);
  // Some forms give a type only once the words after exist (`when EVENT body`): add one.
  if (typed && typed.types[index] === undefined && typed.positionals[index] === undefined) {
    typed = matchWith(command, [...before, here, ...command.words.slice(index + 1), placeholder('{}', at)]) ?? typed;
  }
  if (!typed) return undefined;
  const path = typed.path;
  const form = formAt(typed.spec, path) ?? typed.form;
  const inSubPosition = typed.unknownSubcommandAt === index || (path.length === index - 1 && form?.subcommands !== undefined);
  const subcommands = inSubPosition ? Object.keys(form?.subcommands ?? {}) : [];
  // Options may stand here when every word since the subcommand is an option or an option's value.
  const own = index - 1 - path.length;
  const firstPositional = own === 0 || typed.positionals.slice(1 + path.length, index).every((p) => p === undefined);
  const switches = firstPositional ? (form?.switches ?? []) : [];
  const out: Expectation = { spec: typed.spec, path, subcommands, switches };
  if (form) out.form = form;
  const type = typed.types[index];
  if (type !== undefined) out.type = type;
  const positional = typed.positionals[index];
  if (positional !== undefined) out.positional = positional;
  return out;
}

/**
 * What the catalog says about a command's argument words: the spec, the subcommand (when the
 * spec has subcommands and the first argument names one), and the type of each word. Cached per
 * command node, so every rule asking about the same command shares one match.
 */
import { matchForm, type ArgMatch } from '../../catalog/args.js';
import { matchCall } from '../../catalog/match.js';
import { handlerKeywords } from '../../catalog/special/index.js';
import type { ArgForm, ArgType, CommandSpec, Positional } from '../../catalog/types.js';
import type { Command, Word } from '../../syntax/ast.js';
import { literalValue } from '../../syntax/words.js';
import type { RuleCatalog } from '../rule.js';

/** A command matched against its catalog form. */
export interface TypedCommand {
  /** Name as written, without a leading `::`. */
  name: string;
  /** The catalog spec. */
  spec: CommandSpec;
  /** The subcommand words that selected the form (`['match']` for `class match`). */
  path: string[];
  /** The last of `path`, when there is one. */
  subcommand?: string;
  /**
   * Index (in the command's words) of a word in subcommand position that names no subcommand. An
   * index, not the text: one match serves every command of the same shape.
   */
  unknownSubcommandAt?: number;
  /** With `unknownSubcommandAt`: the subcommands the word is an ambiguous prefix of. */
  ambiguousWith?: string[];
  /** Set when the match rests on a guess (a computed word where a subcommand may be, a loose form). */
  uncertain?: boolean;
  /** The form the arguments were matched against. */
  form: ArgForm;
  /** Type of each word of the command (index 0, the name, and the subcommand word are undefined). */
  types: (ArgType | undefined)[];
  /** The arity verdict of the match. */
  arity: ArgMatch['arity'];
  /** The catalog positional each word was matched to (undefined for the name, options and their values). */
  positionals: (Positional | undefined)[];
}

/**
 * Per-node caches, kept on the command node itself under symbol keys (invisible to JSON and
 * `Object.keys`): every rule asks about the same commands, and a property read is much cheaper
 * than a WeakMap lookup (measured: the WeakMaps were a tenth of the lint time). A match depends on
 * the catalog only, never on the version or settings, so the cache stays valid for the node's life.
 */
const SPEC = Symbol('irule-lint.spec');
const TYPED = Symbol('irule-lint.typed');
interface Cached {
  /** The spec; null when there is none. */
  [SPEC]?: CommandSpec | null;
  /** The match; null when there is none. */
  [TYPED]?: TypedCommand | null;
}

/** The literal name of a command without a leading `::`, or undefined. */
export function commandName(cmd: Command): string | undefined {
  const w = cmd.words[0];
  const name = w ? literalValue(w) : undefined;
  return name !== undefined && name.startsWith('::') ? name.slice(2) : name;
}

/** Matches a command against the catalog; undefined when the name is not literal or not in the catalog. */
export function typedCommand(cmd: Command, catalog: RuleCatalog): TypedCommand | undefined {
  const node = cmd as Command & Cached;
  let typed = node[TYPED];
  if (typed === undefined) node[TYPED] = typed = compute(cmd, catalog) ?? null;
  return typed ?? undefined;
}

/** A command's form and all its subcommand forms, nested ones included. */
export function formsOf(spec: CommandSpec): ArgForm[] {
  const out: ArgForm[] = [];
  const visit = (f: ArgForm | undefined): void => {
    if (!f) return;
    out.push(f);
    for (const sub of Object.values(f.subcommands ?? {})) visit(sub);
  };
  visit(spec.args);
  return out;
}

/** Positionals of a form, each replaced by a marker type naming its index (cached per form). */
const markerForms = new WeakMap<ArgForm, ArgForm>();

/** Which positional of `form` each argument matched, by matching a copy whose types are index markers. */
function positionalsOf(form: ArgForm, args: (string | undefined)[]): (Positional | undefined)[] {
  const pos = form.positionals;
  if (!pos || pos.length === 0) return args.map(() => undefined);
  let marked = markerForms.get(form);
  if (!marked) {
    marked = { ...form, positionals: pos.map((p, i) => ({ ...p, type: `#${i}` as ArgType })) };
    markerForms.set(form, marked);
  }
  return matchForm(marked, args).types.map((t) => (t === undefined ? undefined : pos[Number(String(t).slice(1))]));
}

/** The catalog spec of a command (cached on the node); undefined for computed names, unknown commands and namespace entries. */
export function specOf(cmd: Command, catalog: RuleCatalog): CommandSpec | undefined {
  const node = cmd as Command & Cached;
  let spec = node[SPEC];
  if (spec === undefined) {
    const name = commandName(cmd);
    const found = name === undefined ? undefined : catalog.command(name);
    node[SPEC] = spec = found && found.kind !== 'namespace' ? found : null;
  }
  return spec ?? undefined;
}

/**
 * Matches by command spec and argument shape (the literal words, with computed ones as holes):
 * iRules repeat the same shapes a lot (`HTTP::header insert X-A $v`), and a match depends on
 * nothing else, so equal shapes share one result.
 */
interface SpecShapes {
  /** Literal words that can change the match (see {@link keptWords}). */
  kept: Set<string>;
  /** Their first characters (ASCII) and their greatest length: a cheap test before the set lookup. */
  keptFirst: Uint8Array;
  keptMax: number;
  /** Set when a form has a special handler, which also reads levels (`#1`, `2`) in `uplevel`. */
  handler: boolean;
  /** Set when a form takes subcommand prefixes (`string eq`): any literal word may then name a subcommand. */
  prefixes: boolean;
  /**
   * Set when the match depends on the number of words only (no subcommands, options or special
   * handler: most iRule commands, `HTTP::uri`, `log`, `pool` ...); matches are then kept by count.
   */
  countOnly: boolean;
  /** Matches by word count, for `countOnly` specs. */
  byCount: (TypedCommand | undefined)[];
  /** Matches by shape key. */
  byKey: Map<string, TypedCommand>;
  /**
   * A number for each word that is kept as written in a shape key (the kept words, and the
   * options of the forms, `--` included), from {@link FIRST_CODE}: most shapes are then keyed by
   * a number instead of a string built per command (see {@link shapeCode}).
   */
  codes: Map<string, number>;
  /** Codes are digits of this base. */
  base: number;
  /** Matches by shape code. */
  byCode: Map<number, TypedCommand>;
  /** With `prefixes`: every proper prefix of a kept word (a word that may abbreviate a subcommand). */
  keptPrefixes: Set<string>;
}
const shapes = new Map<CommandSpec, SpecShapes>();
/** Longest shape key kept, and most shapes kept per command. */
const MAX_KEY = 160;
const MAX_SHAPES = 2000;
/** Most words of a command whose match is kept by count. */
const MAX_COUNT = 160;
/**
 * Literal words longer than this are never one the matchers compare words with (a test checks
 * the catalog), so only their first character can matter (an option starts with `-`).
 */
export const OPAQUE_LENGTH = 64;

/** Shape key tokens: a computed word, a literal that does not matter, a long option-like word. */
const HOLE = '\u0000\u0001';
const OTHER = '\u0002\u0001';
const DASHED = '\u0003\u0001';

function compute(cmd: Command, catalog: RuleCatalog): TypedCommand | undefined {
  const spec = specOf(cmd, catalog);
  if (!spec) return undefined;
  let entry = shapes.get(spec);
  if (!entry) shapes.set(spec, (entry = newShapes(spec)));
  const words = cmd.words;
  if (entry.countOnly && words.length <= MAX_COUNT) {
    return (entry.byCount[words.length] ??= matchShape(cmd, spec, argTexts(cmd)));
  }
  const code = shapeCode(words, entry);
  if (code !== undefined) {
    let typed = entry.byCode.get(code);
    if (typed) return typed;
    typed = matchShape(cmd, spec, argTexts(cmd));
    if (entry.byCode.size >= MAX_SHAPES) entry.byCode.clear();
    entry.byCode.set(code, typed);
    return typed;
  }
  const { kept, keptFirst, keptMax, handler, prefixes } = entry;
  let key = '';
  for (let i = 1; i < words.length; i++) {
    const w = words[i];
    const v = w.type === 'ExpandWord' ? undefined : literalValue(w);
    if (v === undefined) {
      key += HOLE;
      continue;
    }
    // Literal words the matcher does not look at (a header name, a URI, an address) all count as one.
    const c = v.charCodeAt(0);
    const matters =
      c === 45 /* - */ ||
      prefixes ||
      (keptFirst[c < 128 ? c : 127] === 1 && v.length <= keptMax && kept.has(v)) ||
      (handler && (c === 35 /* # */ || (c >= 48 && c <= 57)));
    if (!matters) key += OTHER;
    else if (v.length > OPAQUE_LENGTH && c === 45) key += DASHED;
    else key += `${v}\u0001`;
  }
  const cached = entry.byKey.get(key);
  if (cached) return cached;
  const typed = matchShape(cmd, spec, argTexts(cmd));
  if (key.length <= MAX_KEY) {
    if (entry.byKey.size >= MAX_SHAPES) entry.byKey.clear();
    entry.byKey.set(key, typed);
  }
  return typed;
}

/** Shape codes' digits: a computed word, a literal that does not matter, a long option-like word; then the words of `codes`. */
const HOLE_CODE = 1;
const OTHER_CODE = 2;
const DASHED_CODE = 3;
const FIRST_CODE = 4;

/**
 * The shape key of a command's arguments as a number: the tokens of the string key of
 * {@link compute}, each a digit (never 0, so lengths differ too) of `entry.base`. Undefined when a
 * word that matters is not in `entry.codes` (an unknown option, a level of a special handler, a
 * possible abbreviation of a subcommand) or the number would not be exact; the string key then
 * decides. Where subcommands may be abbreviated (`string`, `clock`), the string key keeps every
 * literal as written; here a literal that is neither a kept word nor a prefix of one counts as
 * "a literal that does not matter", as it does for every other command (the matcher's prefix
 * lookup finds nothing for it, like for any other such word).
 */
function shapeCode(words: readonly Word[], entry: SpecShapes): number | undefined {
  const { keptFirst, keptMax, handler, prefixes, codes, base } = entry;
  let code = 0;
  let scale = 1;
  for (let i = 1; i < words.length; i++) {
    const w = words[i];
    const v = w.type === 'ExpandWord' ? undefined : literalValue(w);
    let digit: number | undefined;
    if (v === undefined) digit = HOLE_CODE;
    else {
      const c = v.charCodeAt(0);
      if (c === 45 /* - */) {
        digit = v.length > OPAQUE_LENGTH ? DASHED_CODE : codes.get(v);
        if (digit === undefined) return undefined;
      } else if (keptFirst[c < 128 ? c : 127] === 1 && v.length <= keptMax && (digit = codes.get(v)) !== undefined) {
        // a kept word
      } else if (handler && (c === 35 /* # */ || (c >= 48 && c <= 57))) return undefined;
      // Where subcommands may be abbreviated, a word that may abbreviate one decides by its text.
      else if (prefixes && (v === '' || (keptFirst[c < 128 ? c : 127] === 1 && v.length <= keptMax && entry.keptPrefixes.has(v)))) return undefined;
      else digit = OTHER_CODE;
    }
    code += digit * scale;
    scale *= base;
    if (scale > Number.MAX_SAFE_INTEGER / base) return undefined;
  }
  return code;
}

/** What the shape cache knows of a spec before any call is matched. */
function newShapes(spec: CommandSpec): SpecShapes {
  const forms = formsOf(spec);
  const kept = keptWords(forms);
  const keptFirst = new Uint8Array(128);
  let keptMax = 0;
  for (const k of kept) {
    const c = k.charCodeAt(0);
    // A non-ASCII first character cannot be told apart by the table: let every such word through.
    keptFirst[c < 128 ? c : 127] = 1;
    keptMax = Math.max(keptMax, k.length);
  }
  const handler = forms.some((f) => f.handler !== undefined);
  const prefixes = forms.some((f) => f.subcommandPrefixes === true);
  // Kept words and options (which all start with `-`) get codes; a non-option word with a code is a kept word.
  const codes = new Map<string, number>();
  for (const k of kept) codes.set(k, FIRST_CODE + codes.size);
  for (const f of forms) {
    for (const sw of f.switches ?? []) if (sw.name.startsWith('-') && !codes.has(sw.name)) codes.set(sw.name, FIRST_CODE + codes.size);
  }
  if (!codes.has('--')) codes.set('--', FIRST_CODE + codes.size);
  const base = FIRST_CODE + codes.size;
  const keptPrefixes = new Set<string>();
  if (prefixes) for (const k of kept) for (let n = 1; n < k.length; n++) keptPrefixes.add(k.slice(0, n));
  return { kept, keptFirst, keptMax, handler, prefixes, countOnly: countOnly(spec), byCount: [], byKey: new Map(), codes, base, byCode: new Map(), keptPrefixes };
}

/**
 * The literal words that can change how a call matches, besides options: subcommand names, and
 * the keywords special handlers look for (`else`, `then`, `cancel` ...).
 */
function keptWords(forms: ArgForm[]): Set<string> {
  const kept = new Set<string>();
  for (const f of forms) {
    for (const name of Object.keys(f.subcommands ?? {})) kept.add(name);
    if (f.handler !== undefined) for (const k of handlerKeywords[f.handler] ?? []) kept.add(k);
  }
  return kept;
}

/** Whether matches of `spec` depend on the number of argument words only (see `SpecShapes.countOnly`). */
function countOnly(spec: CommandSpec): boolean {
  const f = spec.args;
  return f === undefined || (f.handler === undefined && f.subcommands === undefined && f.switches === undefined && f.endOfOptions === undefined);
}

/** The literal text of each argument word (undefined for computed ones), as matchers take them. */
function argTexts(cmd: Command): (string | undefined)[] {
  const words = cmd.words;
  const args: (string | undefined)[] = new Array(words.length - 1);
  for (let i = 1; i < words.length; i++) args[i - 1] = words[i].type === 'ExpandWord' ? undefined : literalValue(words[i]);
  return args;
}

/**
 * A match as the shape caches keep it. A class with every field always set, so all matches share
 * one hidden class and the rules' reads of them stay monomorphic (object literals with a getter and
 * optional fields added afterwards made them megamorphic); `positionals` is matched again only
 * when a rule asks (few do), to keep the common path cheap.
 */
class Typed implements TypedCommand {
  subcommand: string | undefined = undefined;
  unknownSubcommandAt: number | undefined = undefined;
  ambiguousWith: string[] | undefined = undefined;
  uncertain: boolean | undefined = undefined;
  readonly types: (ArgType | undefined)[];
  private own: (Positional | undefined)[] | undefined = undefined;

  constructor(
    readonly name: string,
    readonly spec: CommandSpec,
    readonly form: ArgForm,
    readonly path: string[],
    matched: (ArgType | undefined)[],
    readonly arity: ArgMatch['arity'],
    /** Words of the command, and the literal words that matter for matching positionals again. */
    private readonly wordCount: number,
    private readonly kept: (string | undefined)[],
    private readonly rematch: boolean,
  ) {
    this.types = [undefined, ...matched];
  }

  get positionals(): (Positional | undefined)[] {
    if (this.own) return this.own;
    const positionals = new Array<Positional | undefined>(this.wordCount).fill(undefined);
    if (this.rematch) {
      const depth = this.path.length;
      const own = positionalsOf(this.form, this.kept.slice(depth));
      for (let i = 0; i < own.length; i++) positionals[1 + depth + i] = own[i];
    }
    return (this.own = positionals);
  }
}

/** Matches one argument shape against a spec. */
function matchShape(cmd: Command, spec: CommandSpec, args: (string | undefined)[]): TypedCommand {
  const m = matchCall(spec, args);
  const form = m.form ?? {};
  // The match is cached and shared, so it keeps no string of this command's source (a slice
  // would keep the whole file in memory): names come from the catalog, and of the argument words
  // only options matter for matching positionals again (any other literal matches like '').
  const kept = args.map((a) => (a === undefined || a.startsWith('-') ? a : ''));
  const rematch = !form.handler && m.form !== undefined;
  // The catalog's own strings for the path (the words as written are slices of a file, and may be prefixes).
  const typed = new Typed(spec.name, spec, form, m.path, m.types, m.arity, cmd.words.length, kept, rematch);
  if (typed.path.length > 0) typed.subcommand = typed.path[typed.path.length - 1];
  if (m.unknownSubcommand !== undefined) typed.unknownSubcommandAt = 1 + m.path.length;
  if (m.ambiguousWith) typed.ambiguousWith = m.ambiguousWith;
  if (m.uncertain) typed.uncertain = true;
  return typed;
}

/**
 * Indexes of the words that name a data group: typed `dataGroup` in the catalog, or matched to a
 * positional whose name says it may be one (`matchclass <data-group or value> ...`, where either
 * end may be the data group).
 */
export function dataGroupSlots(typed: TypedCommand): number[] {
  const out: number[] = [];
  for (let i = 1; i < typed.types.length; i++) {
    if (typed.types[i] === 'dataGroup' || /data-?group/i.test(typed.positionals[i]?.name ?? '')) out.push(i);
  }
  return out;
}

/**
 * A required repeated group of positionals in `form`, named by its member words (`varlist list` of
 * foreach repeats as a variable list, then a list): its member names and the number of fixed
 * positionals after it. Undefined when the form has no such group, or other optional or repeated
 * positionals that would make the count ambiguous.
 */
export function repeatedGroup(form: ArgForm | undefined): { members: string[]; after: number } | undefined {
  const pos = form?.positionals ?? [];
  const at = pos.findIndex((p) => p.repeat && !p.optional && p.name.includes(' '));
  if (at < 0 || pos.some((p, j) => j !== at && (p.optional || p.repeat))) return undefined;
  return { members: pos[at].name.split(' '), after: pos.length - 1 - at };
}

/** Indexes of the words that hold a Tcl list: typed `list` in the catalog, or the `list` member of a repeated group (foreach). */
export function listSlots(typed: TypedCommand): number[] {
  const out: number[] = [];
  const group = repeatedGroup(typed.form);
  let groupStart = -1;
  for (let i = 1; i < typed.types.length; i++) {
    if (typed.types[i] === 'list') {
      out.push(i);
      continue;
    }
    if (!group) continue;
    const p = typed.positionals[i];
    if (!p || !p.repeat || !p.name.includes(' ')) continue;
    if (groupStart < 0) groupStart = i;
    if (group.members[(i - groupStart) % group.members.length] === 'list') out.push(i);
  }
  return out;
}

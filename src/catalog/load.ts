/**
 * Loads the command and event catalog from `grammar/` (bundled as JSON) into lookup tables. Each
 * file is checked against `schema.ts` and indexed on first use (a lookup of `HTTP::uri` touches
 * only events.json and HTTP.json), so importing this module costs only the JSON parse. Invalid
 * data throws a `CatalogError` naming the file, the entry and the field.
 */
import { memoName, NameMemo } from './name-memo.js';
import eventFile from '../../grammar/events.json' with { type: 'json' };
import namespaceFile from '../../grammar/namespaces.json' with { type: 'json' };
import { commandFiles } from './command-files.js';
import { specialHandlers } from './special/index.js';
import type { ArgForm, CommandSpec, EventCatalog, EventFlow, EventSet, EventSpec, EvidenceSource, NamespaceSpec } from './types.js';
import { validateCommandFile, validateEventFile, validateNamespaceFile } from './validate.generated.js';

/**
 * True in the executables' bundles: their build (scripts/build.mjs) checks the whole catalog with
 * {@link checkCatalog} first and fails on invalid data, so they skip the schema check at load
 * (about 40 million instructions, a tenth of a small file's start-up). The other checks stay.
 */
declare const __IRULE_CATALOG_CHECKED__: boolean | undefined;
const schemaChecked = typeof __IRULE_CATALOG_CHECKED__ === 'boolean' && __IRULE_CATALOG_CHECKED__;

/** Thrown when the bundled catalog data breaks its schema or refers to something unknown. */
export class CatalogError extends Error {
  override name = 'CatalogError';
}

interface EventTables {
  events: Map<string, EventSpec>;
  sets: Map<string, EventSet>;
  flows: EventFlow[];
}

let eventTables: EventTables | undefined;
let namespaceTable: Map<string, NamespaceSpec> | undefined;
/**
 * One command file's commands by name. A file the executables read from disk in lines (see
 * {@link commandData}) knows its names at once and parses and checks a command's line when that
 * command is first asked for; every other source is parsed and checked whole.
 */
export interface CommandTable {
  get(name: string): CommandSpec | undefined;
  has(name: string): boolean;
  keys(): Iterable<string>;
  values(): CommandSpec[];
}

/** Command tables per file, built when a command of that file is first looked up. */
const fileTables = new Map<string, CommandTable>();
const setCache = new Map<string, ReadonlySet<string>>();

interface AjvError {
  instancePath: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** A readable account of the first schema error of `data`. */
function describe(file: string, data: unknown, errors: AjvError[] | null | undefined): string {
  const e = errors?.[0];
  if (!e) return `${file}: invalid`;
  const path = e.instancePath || '/';
  const index = /^\/(\d+)/.exec(path)?.[1];
  let entry = '';
  if (index !== undefined && Array.isArray(data)) {
    const name = (data[Number(index)] as { name?: unknown } | undefined)?.name;
    if (typeof name === 'string') entry = ` (${name})`;
  }
  const extra = e.params && 'additionalProperty' in e.params ? ` "${String(e.params.additionalProperty)}"` : '';
  return `${file}${entry} at ${path}: ${e.message ?? 'invalid'}${extra}`;
}

function fail(message: string): never {
  throw new CatalogError(`irule-lint: the command catalog in grammar/ is invalid: ${message}`);
}

/** Handler keys used anywhere in a form. */
function handlersOf(form: ArgForm | undefined, out: string[] = []): string[] {
  if (!form) return out;
  if (form.handler) out.push(form.handler);
  for (const sub of Object.values(form.subcommands ?? {})) handlersOf(sub, out);
  return out;
}

/**
 * The first schema problem of a command file's data, worded as the loader reports it, or
 * undefined when the data fits the schema. For tools and tests that check data before bundling.
 */
export function commandFileProblem(file: string, data: unknown): string | undefined {
  return validateCommandFile(data) ? undefined : describe(`grammar/commands/${file}.json`, data, validateCommandFile.errors);
}

/** Builds and checks the event tables (once). */
function loadEvents(): EventTables {
  if (eventTables) return eventTables;
  if (!schemaChecked && !validateEventFile(eventFile)) fail(describe('grammar/events.json', eventFile, validateEventFile.errors));
  const catalog = eventFile as unknown as EventCatalog;
  const events = new Map<string, EventSpec>();
  for (const e of catalog.events) {
    if (events.has(e.name)) fail(`grammar/events.json: event ${e.name} is listed twice`);
    events.set(e.name, e);
  }
  const sets = new Map<string, EventSet>();
  for (const s of catalog.sets) {
    if (sets.has(s.name)) fail(`grammar/events.json: event set ${s.name} is listed twice`);
    for (const ev of s.events ?? []) if (!events.has(ev)) fail(`grammar/events.json: event set ${s.name} names unknown event ${ev}`);
    sets.set(s.name, s);
  }
  for (const f of catalog.flows) {
    for (const step of f.steps) if (!events.has(step.event)) fail(`grammar/events.json: flow ${f.name} names unknown event ${step.event}`);
  }
  eventTables = { events, sets, flows: catalog.flows };
  return eventTables;
}

/**
 * Where the executables read a command file's JSON text (set by their program, src/cli/catalog-files.ts);
 * the catalog itself does no I/O.
 */
let readCommandFile: ((file: string) => string) | undefined;

/**
 * Sets how to read the text of a command file that the bundle left on disk (`{ lazyFile }`, see
 * below). The executables read `dist/cli/catalog/<file>.jsonl` beside them.
 */
export function setCommandFileReader(read: (file: string) => string): void {
  readCommandFile = read;
}

/**
 * The data of one command file, or undefined when there is no such file: an array of specs, or the
 * text of a file in lines (below). Sources and tests import the parsed JSON. The bundles
 * (scripts/build.mjs) keep each file unparsed until a command of it is first looked up: the
 * language server carries its JSON text in a `{ lazyJson }` box; the executables leave it on disk
 * in a `{ lazyFile }` box (read through {@link setCommandFileReader}), written in lines: the first
 * line a JSON array of the file's command names, then one line of JSON per command, in that order.
 * Neither their bundle nor its code cache then holds the catalog, and a run parses only the
 * commands it meets: a small file needs a handful of the 235 commands in `tcl` and `global`
 * (98 KB of JSON, about 3 ms to parse and check whole at start-up).
 */
function commandData(file: string): unknown {
  if (!Object.hasOwn(commandFiles, file)) return undefined;
  const data = commandFiles[file];
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return data;
  const box = data as { lazyJson?: unknown; lazyFile?: unknown };
  if (typeof box.lazyJson === 'string') return (commandFiles[file] = JSON.parse(box.lazyJson) as unknown);
  if (typeof box.lazyFile !== 'string') return data;
  if (!readCommandFile) fail(`grammar/commands/${file}.json is not bundled and no reader was set`);
  try {
    return { lines: readCommandFile(box.lazyFile) };
  } catch (err) {
    fail(`cannot read the command file ${box.lazyFile}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** The checks of one command of `file` that need more than the schema (its namespace, events, handlers). */
function checkSpec(file: string, spec: CommandSpec, where: string): void {
  const { events, sets } = loadEvents();
  const ns = namespaceOf(spec.name);
  if (ns ? file !== ns : file !== 'global' && file !== 'tcl') {
    fail(`${where}: command ${spec.name} belongs in grammar/commands/${ns ?? 'global'}.json`);
  }
  const named = [...(Array.isArray(spec.events) ? spec.events : []), ...(spec.eventsInvalid ?? [])];
  for (const ev of named) if (!events.has(ev)) fail(`${where}: command ${spec.name} names unknown event ${ev}`);
  if (spec.eventSet && !sets.has(spec.eventSet)) fail(`${where}: command ${spec.name} uses unknown event set ${spec.eventSet}`);
  for (const h of handlersOf(spec.args)) if (!specialHandlers[h]) fail(`${where}: command ${spec.name} uses unknown handler ${h}`);
}

/** A whole table from parsed data, every command checked. */
function eagerTable(file: string, data: unknown, where: string): CommandTable {
  const problem = schemaChecked ? undefined : commandFileProblem(file, data);
  if (problem) fail(problem);
  const table = new Map<string, CommandSpec>();
  for (const spec of data as CommandSpec[]) {
    if (table.has(spec.name)) fail(`${where}: command ${spec.name} is listed twice`);
    checkSpec(file, spec, where);
    table.set(spec.name, spec);
  }
  return { get: (n) => table.get(n), has: (n) => table.has(n), keys: () => table.keys(), values: () => [...table.values()] };
}

/**
 * A table over a file in lines (see {@link commandData}): the names are read at once, a command's
 * line is parsed and checked when it is first asked for. Only the executables read such files,
 * and their build checked the whole catalog against the schema first.
 */
export function linesTable(file: string, text: string, where = `grammar/commands/${file}.json`): CommandTable {
  const bad = (why: string): never => fail(`${where}: ${why}`);
  let end = text.indexOf('\n');
  if (end < 0) end = text.length;
  let names: unknown;
  try {
    names = JSON.parse(text.slice(0, end));
  } catch {
    bad('the first line is not a JSON list of command names');
  }
  if (!Array.isArray(names) || !names.every((n) => typeof n === 'string')) bad('the first line is not a JSON list of command names');
  const index = new Map<string, number>();
  for (const name of names as string[]) {
    if (index.has(name)) bad(`command ${name} is listed twice`);
    index.set(name, index.size);
  }
  // Start offset of each command's line, found on first use of any.
  let starts: number[] | undefined;
  const lineStarts = (): number[] => {
    if (starts) return starts;
    starts = [];
    for (let at = end + 1; at < text.length && starts.length < index.size; ) {
      starts.push(at);
      const next = text.indexOf('\n', at);
      at = next < 0 ? text.length : next + 1;
    }
    const last = starts.length > 0 ? text.indexOf('\n', starts[starts.length - 1]) : end;
    const extra = last < 0 ? '' : text.slice(last + 1).trim();
    if (starts.length !== index.size || extra !== '') bad(`${index.size} command names but ${starts.length + (extra ? 1 : 0)} or more command lines`);
    return starts;
  };
  const parsed = new Map<string, CommandSpec>();
  const get = (name: string): CommandSpec | undefined => {
    const done = parsed.get(name);
    if (done) return done;
    const i = index.get(name);
    if (i === undefined) return undefined;
    const at = lineStarts()[i];
    const stop = text.indexOf('\n', at);
    let spec: CommandSpec;
    try {
      spec = JSON.parse(text.slice(at, stop < 0 ? text.length : stop)) as CommandSpec;
    } catch {
      return bad(`the line of command ${name} is not JSON`);
    }
    if (spec === null || typeof spec !== 'object' || spec.name !== name) bad(`the line of command ${name} holds ${spec?.name ?? 'something else'}`);
    checkSpec(file, spec, where);
    parsed.set(name, spec);
    return spec;
  };
  return { get, has: (n) => index.has(n), keys: () => index.keys(), values: () => [...index.keys()].map((n) => get(n)!) };
}

/** Builds the table of one command file (once); undefined when there is no such file. */
function loadFile(file: string): CommandTable | undefined {
  const done = fileTables.get(file);
  if (done) return done;
  const data = commandData(file);
  if (data === undefined) return undefined;
  const where = `grammar/commands/${file}.json`;
  const lines = (data as { lines?: unknown }).lines;
  const table = typeof lines === 'string' ? linesTable(file, lines, where) : eagerTable(file, data, where);
  fileTables.set(file, table);
  if (file === 'tcl' || file === 'global') {
    // the two files without a namespace must not both define a name
    const other = loadFile(file === 'tcl' ? 'global' : 'tcl');
    for (const name of table.keys()) if (other?.has(name)) fail(`command ${name} is in both grammar/commands/tcl.json and global.json`);
  }
  return table;
}

/** Every command file, loaded. */
function loadAllFiles(): CommandTable[] {
  return Object.keys(commandFiles).map((f) => loadFile(f)!);
}

function loadNamespaces(): Map<string, NamespaceSpec> {
  if (namespaceTable) return namespaceTable;
  const { sets } = loadEvents();
  if (!schemaChecked && !validateNamespaceFile(namespaceFile)) fail(describe('grammar/namespaces.json', namespaceFile, validateNamespaceFile.errors));
  const table = new Map<string, NamespaceSpec>();
  for (const ns of namespaceFile as NamespaceSpec[]) {
    if (!sets.has(ns.eventSet)) fail(`grammar/namespaces.json: namespace ${ns.name} uses unknown event set ${ns.eventSet}`);
    table.set(ns.name, ns);
  }
  namespaceTable = table;
  return table;
}

/** The namespace of a command name (`HTTP` for `HTTP::uri`), or undefined for global and Tcl commands. */
export function namespaceOf(name: string): string | undefined {
  const n = name.startsWith('::') ? name.slice(2) : name;
  const i = n.indexOf('::');
  return i > 0 && i + 2 < n.length ? n.slice(0, i) : undefined;
}

/** The spec of a command by its exact name (a leading `::` is ignored), or undefined. */
export function getCommand(name: string): CommandSpec | undefined {
  const slot = recent.slot(name);
  if (recent.holds(slot, name)) return recent.value(slot);
  let spec = byName.get(name);
  if (spec === undefined) {
    const bare = name.startsWith('::') ? name.slice(2) : name;
    const ns = namespaceOf(bare);
    spec = (ns ? loadFile(ns)?.get(bare) : (loadFile('tcl')?.get(bare) ?? loadFile('global')?.get(bare))) ?? null;
    // Names come from user files: keep the memo bounded, and without slices of them.
    if (byName.size >= MAX_NAMES) byName.clear();
    const kept = memoName(name, spec);
    if (kept !== undefined) byName.set(kept, spec);
  }
  recent.remember(slot, memoName(name, spec), spec ?? undefined);
  return spec ?? undefined;
}

/** Lookups by name as written (one Map read instead of a namespace split and two tables); null = unknown. */
const byName = new Map<string, CommandSpec | null>();
const MAX_NAMES = 8192;
/** In front of `byName`. */
const recent = new NameMemo<CommandSpec>(512);

/** Every command in the catalog. */
export function allCommands(): CommandSpec[] {
  return loadAllFiles().flatMap((t) => t.values());
}

/** The spec of an event, or undefined. */
export function getEvent(name: string): EventSpec | undefined {
  return loadEvents().events.get(name);
}

/** Every event in the catalog. */
export function allEvents(): EventSpec[] {
  return [...loadEvents().events.values()];
}

/** The event flows a simulator fires (plain TCP, HTTP, HTTPS, DNS ...). */
export function eventFlows(): EventFlow[] {
  return loadEvents().flows;
}

/** A named event set, or undefined. */
export function getEventSet(name: string): EventSet | undefined {
  return loadEvents().sets.get(name);
}

/** The names of the events in a named set (empty for an unknown set). */
export function eventsInSet(name: string): ReadonlySet<string> {
  const cached = setCache.get(name);
  if (cached) return cached;
  const t = loadEvents();
  const s = t.sets.get(name);
  const out = new Set<string>();
  if (s) {
    for (const e of t.events.values()) {
      if (s.sides?.includes(e.side) || s.events?.includes(e.name) || (s.profiles && e.profiles.some((p) => s.profiles!.includes(p)))) out.add(e.name);
    }
  }
  setCache.set(name, out);
  return out;
}

/** A namespace's facts (profiles, default event set), or undefined. */
export function getNamespace(name: string): NamespaceSpec | undefined {
  return loadNamespaces().get(name);
}

/** Every namespace. */
export function allNamespaces(): NamespaceSpec[] {
  return [...loadNamespaces().values()];
}

/** The profiles a command needs on the virtual server (from its namespace), possibly empty. */
export function requiredProfiles(spec: CommandSpec): string[] {
  const ns = namespaceOf(spec.name);
  return (ns && loadNamespaces().get(ns)?.profiles) || [];
}

/** Every event where the command is known or derived to be valid (listed, or in its event set), minus the invalid ones. */
export function validEvents(spec: CommandSpec): ReadonlySet<string> {
  const t = loadEvents();
  const out = new Set<string>();
  if (spec.events === '*') for (const e of t.events.keys()) out.add(e);
  else for (const e of spec.events ?? []) out.add(e);
  if (spec.eventSet) for (const e of eventsInSet(spec.eventSet)) out.add(e);
  for (const e of spec.eventsInvalid ?? []) out.delete(e);
  return out;
}

/** What the catalog says about using a command in an event. */
export interface EventVerdict {
  /**
   * `valid`: listed or in the command's derived event set; `invalid`: BIG-IP refuses it;
   * `unlikely`: neither listed nor derived; `unknown`: no event facts for the command, or an unknown event.
   */
  verdict: 'valid' | 'invalid' | 'unlikely' | 'unknown';
  /** Strength of the evidence behind the verdict (absent for `unknown`). */
  source?: EvidenceSource;
}

/** Whether `spec` may be used in `event`, with the strength of the evidence, so rules can pick a severity. */
export function commandInEvent(spec: CommandSpec, event: string): EventVerdict {
  if (!loadEvents().events.has(event)) return { verdict: 'unknown' };
  if (spec.eventsInvalid?.includes(event)) return { verdict: 'invalid', source: spec.eventsInvalidSource ?? 'documented' };
  if (spec.events === '*') return { verdict: 'valid', source: spec.eventsSource ?? 'derived' };
  if (spec.events?.includes(event)) return { verdict: 'valid', source: spec.eventsSource ?? 'derived' };
  if (spec.eventSet && eventsInSet(spec.eventSet).has(event)) return { verdict: 'valid', source: 'derived' };
  if (!spec.events && !spec.eventSet) return { verdict: 'unknown' };
  return { verdict: 'unlikely', source: spec.eventSet ? 'derived' : (spec.eventsSource ?? 'derived') };
}

/** Loads and checks the whole catalog now (otherwise each file is checked on first use); throws `CatalogError`. */
export function checkCatalog(): void {
  loadEvents();
  loadNamespaces();
  loadAllFiles();
}

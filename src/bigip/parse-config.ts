/**
 * Builds the typed `BigipConfig` from tmsh text (v11+ `bigip.conf` / `bigip_base.conf`) and from
 * the older bigpipe v10 `bigip.conf` syntax. Reads text only: external data-group file contents
 * are passed in. Never throws on user input; problems are diagnostics and the rest is still read.
 */
import { type Range, excerpt } from '../diagnostics.js';
import {
  type IpAddress,
  familyBits,
  formatAddress,
  formatNetwork,
  isAddress,
  maskToPrefix,
  parseAddress,
  parseAddressOrAny,
  parseNetworkDetailed,
  prefixToMask,
  splitHostPort,
  toNetwork,
} from './address.js';
import { type ClassToken, RecordCollector, inferType, parseDataGroupFile, readClassItems } from './datagroup.js';
import { type ConfigDiagnostic, DiagnosticSink } from './diagnostic.js';
import {
  type BigipConfig,
  type ConfigObjectBase,
  type DataGroup,
  type DataGroupType,
  type IRule,
  type NetRoute,
  type PoolMember,
  type ProfileContext,
  type Snat,
  type SourceAddressTranslation,
  type VirtualDestination,
  type VirtualServer,
  KIND_MAP_KEY,
  emptyConfig,
} from './model.js';
import { type TmshListItem, TmshProps, blockItems } from './props.js';
import { qualify, resolveName, splitPath } from './resolve.js';
import { parsePort } from './services.js';
import { type BlockContext, type TmshBlock, type TmshDocument, type TmshEntry, type TmshRawBlock, type TmshWord, parseTmsh } from './tmsh.js';

/** One named config text (e.g. `bigip_base.conf` and `bigip.conf` read together). */
export interface ConfigSource {
  /** Name used in diagnostics and object locations. */
  name: string;
  /** The text. */
  text: string;
}

/** Returns the content of an external data-group file by one of its names, or undefined. */
export type ExternalFileReader = (name: string, dataGroup: string) => string | undefined;

/** Options for `parseBigipConf`. */
export interface ParseBigipConfOptions {
  /**
   * Contents of external data-group files, by name, or a reader. Tried in order: the
   * `external-file-name` as written, its full path, its short name, the `sys file data-group`
   * `source-path` (with and without `file:`) and its base name, then the data group's full and short name.
   */
  externalFiles?: Readonly<Record<string, string>> | ExternalFileReader;
  /** Warn about references to pools, rules, SNAT pools and VLANs that are not defined (default true). */
  checkReferences?: boolean;
  /** Name of a single input text, copied into diagnostics. */
  source?: string;
  /** Return the generic tmsh trees in `sources` (default false: objects are built while reading, and the trees dropped). */
  keepTrees?: boolean;
}

/** A parsed input text. */
export interface ParsedSource {
  /** Its name, if given. */
  name?: string;
  /** The text. */
  text: string;
  /** Its generic tmsh tree. */
  document: TmshDocument;
}

/** Result of `parseBigipConf`. */
export interface ParseBigipConfResult {
  /** The model (always present). */
  config: BigipConfig;
  /** Problems in source order per text (external-file problems after the config's). */
  diagnostics: ConfigDiagnostic[];
  /** The input texts, with their generic trees when `keepTrees` was set (else `document.entries` is empty). */
  sources: ParsedSource[];
}

/** State for building from one text. */
interface Ctx {
  config: BigipConfig;
  sink: DiagnosticSink;
  source?: string;
  text: string;
  /** Work that needs every object of every text (name fix-ups, external files). */
  deferred: (() => void)[];
  /** Reference checks, run after `deferred`. */
  checks: (() => void)[];
  /** Count of v10 and v11 object headers, for `config.syntax`. */
  counts: { v10: number; v11: number };
  /** External data groups, loaded once every text is read. */
  externals: PendingExternal[];
  /** Records of the internal data group being read, taken from its `records { }` block as the block is read. */
  streamed?: StreamedRecord[];
}

/** A data-group record as written, before its type is known. */
interface StreamedRecord {
  key: string;
  data: string;
  range: Range;
}

/** A recognised object header. */
interface Header {
  entry: TmshEntry;
  /** The type word for typed objects (`ltm monitor http NAME`). */
  typeWord?: TmshWord;
  /** The name word. */
  nameWord: TmshWord;
  /** Full path of the object. */
  name: string;
  /** Body properties. */
  props: TmshProps;
  /** True for bigpipe v10 syntax. */
  v10: boolean;
}

type Builder = (ctx: Ctx, h: Header) => void;

/** An object header pattern: fixed words, then (type and) name. */
interface HeaderSpec {
  words: string[];
  typed?: boolean;
  v10?: boolean;
  /** Extra condition on the name (v10 `self allow { … }` is port lockdown, not a self IP). */
  accepts?: (name: string) => boolean;
  /** Single-word property names, to split one-line bodies (v11 objects only). */
  keys?: ReadonlySet<string>;
  build: Builder;
}

/** A set of property names. */
const keys = (...names: string[]): ReadonlySet<string> => new Set(names);

const VIRTUAL_KEYS = keys(
  'destination', 'mask', 'source', 'ip-protocol', 'pool', 'rules', 'profiles', 'persist', 'fallback-persistence',
  'source-address-translation', 'snat', 'snatpool', 'vlans', 'vlans-enabled', 'vlans-disabled', 'disabled', 'enabled',
  'translate-address', 'translate-port', 'ip-forward', 'l2-forward', 'reject', 'stateless', 'internal', 'dhcp-relay',
  'description', 'connection-limit', 'rate-limit', 'source-port', 'policies', 'creation-time', 'last-modified-time',
);
const MEMBER_KEYS = keys('address', 'state', 'session', 'monitor', 'priority-group', 'ratio', 'connection-limit', 'description');
const SAT_KEYS = keys('type', 'pool');

const LOCAL_ONLY = 'traffic-group-local-only';

/**
 * Parses BIG-IP configuration text into the typed model. `input` is one text or several named
 * texts read as one configuration (e.g. `bigip_base.conf` then `bigip.conf`).
 */
export function parseBigipConf(input: string | readonly ConfigSource[], options: ParseBigipConfOptions = {}): ParseBigipConfResult {
  const config = emptyConfig();
  const diagnostics: ConfigDiagnostic[] = [];
  const sources: ParsedSource[] = [];
  const deferred: (() => void)[] = [];
  const checks: (() => void)[] = [];
  const counts = { v10: 0, v11: 0 };
  const externals: PendingExternal[] = [];
  const inputs: { name?: string; text: string }[] =
    typeof input === 'string' ? [{ name: options.source, text: input }] : input.map((s) => ({ name: s.name, text: s.text }));
  for (const src of inputs) {
    const text = typeof src.text === 'string' ? src.text : '';
    const sink = new DiagnosticSink(text, diagnostics, src.name);
    const ctx: Ctx = { config, sink, text, deferred, checks, counts, externals };
    if (src.name !== undefined) ctx.source = src.name;
    // Objects are built as each one ends, so its tree can be dropped while still young.
    const { document, diagnostics: syntax } = parseTmsh(text, {
      ...(src.name !== undefined ? { source: src.name } : {}),
      onEntry: (entry) => {
        buildObject(ctx, entry);
        ctx.streamed = undefined;
      },
      keepEntries: options.keepTrees === true,
      ...(options.keepTrees === true ? {} : { streamBlock: (c: BlockContext) => streamRecords(ctx, c) }),
    });
    for (const d of syntax) diagnostics.push(d);
    sources.push(src.name !== undefined ? { name: src.name, text, document } : { text, document });
    if (config.version === undefined) {
      const v = document.comments.find((c) => /^#TMSH-VERSION:/i.test(c.text));
      if (v) config.version = v.text.replace(/^#TMSH-VERSION:\s*/i, '').trim();
    }
  }
  for (const f of deferred) guarded(f, diagnostics);
  guarded(() => applyPartitionRouteDomains(config), diagnostics);
  if (options.checkReferences !== false) for (const f of checks) guarded(f, diagnostics);
  loadExternalGroups(config, options, diagnostics, externals);
  config.syntax = counts.v10 && counts.v11 ? 'mixed' : counts.v10 ? 'v10' : counts.v11 ? 'v11' : 'unknown';
  return { config, diagnostics: sortDiagnostics(diagnostics, inputs.map((s) => s.name)), sources };
}

/** Orders diagnostics by input text (in input order; external files last), then by offset. Stable. */
function sortDiagnostics(diagnostics: ConfigDiagnostic[], names: (string | undefined)[]): ConfigDiagnostic[] {
  const rank = (d: ConfigDiagnostic): number => {
    const i = names.indexOf(d.source);
    return i === -1 ? names.length : i;
  };
  return diagnostics
    .map((d, i) => ({ d, i }))
    .sort((a, b) => rank(a.d) - rank(b.d) || (a.d.source === b.d.source ? a.d.range.start - b.d.range.start : 0) || a.i - b.i)
    .map((x) => x.d);
}

/** Runs post-pass work; a bug there becomes a diagnostic instead of a crash. */
function guarded(f: () => void, diagnostics: ConfigDiagnostic[]): void {
  try {
    f();
  } catch (err) {
    diagnostics.push({
      ruleId: 'config-invalid',
      severity: 'error',
      message: `internal error while checking the configuration: ${excerpt(String(err))}`,
      range: { start: 0, end: 0 },
      line: 1,
      column: 1,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Dispatch

const SPECS: HeaderSpec[] = [
  { words: ['ltm', 'data-group', 'internal'], keys: keys('records', 'type', 'description'), build: buildInternalDataGroup },
  { words: ['ltm', 'data-group', 'external'], keys: keys('external-file-name', 'type', 'description'), build: buildExternalDataGroup },
  { words: ['ltm', 'data-group'], typed: true, build: unknownDataGroupKind },
  {
    words: ['ltm', 'pool'],
    keys: keys('members', 'monitor', 'load-balancing-mode', 'min-active-members', 'allow-snat', 'allow-nat', 'description'),
    build: buildPool,
  },
  { words: ['ltm', 'node'], keys: keys('address', 'monitor', 'state', 'session', 'fqdn', 'description'), build: buildNode },
  { words: ['ltm', 'monitor'], typed: true, build: buildMonitor },
  { words: ['ltm', 'snatpool'], keys: keys('members', 'description'), build: buildSnatpool },
  { words: ['ltm', 'snat-translation'], keys: keys('address', 'traffic-group', 'description'), build: buildSnatTranslation },
  {
    words: ['ltm', 'snat'],
    keys: keys('automap', 'snatpool', 'translation', 'origins', 'vlans', 'vlans-enabled', 'vlans-disabled', 'description'),
    build: buildSnat,
  },
  {
    words: ['ltm', 'virtual-address'],
    keys: keys('address', 'mask', 'arp', 'icmp-echo', 'traffic-group', 'enabled', 'route-advertisement', 'description'),
    build: buildVirtualAddress,
  },
  { words: ['ltm', 'virtual'], keys: VIRTUAL_KEYS, build: buildVirtual },
  { words: ['ltm', 'rule'], build: buildRule },
  { words: ['ltm', 'profile'], typed: true, build: (c, h) => buildProfile(c, h, 'profile') },
  { words: ['ltm', 'persistence'], typed: true, build: (c, h) => buildProfile(c, h, 'persistence') },
  { words: ['net', 'self'], keys: keys('address', 'vlan', 'traffic-group', 'allow-service', 'description'), build: buildSelfIp },
  { words: ['net', 'vlan'], keys: keys('interfaces', 'tag', 'mtu', 'description'), build: buildVlan },
  { words: ['net', 'route-domain'], keys: keys('id', 'parent', 'strict', 'vlans', 'description'), build: buildRouteDomain },
  { words: ['net', 'route'], keys: keys('network', 'gw', 'interface', 'pool', 'blackhole', 'mtu', 'description'), build: buildRoute },
  { words: ['sys', 'file', 'data-group'], keys: keys('source-path', 'type', 'revision', 'description'), build: buildDataGroupFile },
  { words: ['auth', 'partition'], build: buildPartition },
  // bigpipe v10 (names are bare and live in /Common)
  { words: ['class'], v10: true, build: buildClass },
  { words: ['pool'], v10: true, build: buildPool },
  { words: ['node'], v10: true, build: buildNode },
  { words: ['monitor'], v10: true, build: buildMonitor },
  { words: ['snatpool'], v10: true, build: buildSnatpool },
  { words: ['snat'], v10: true, build: buildSnat },
  { words: ['virtual', 'address'], v10: true, build: buildVirtualAddress },
  { words: ['virtual'], v10: true, build: buildVirtual },
  { words: ['self'], v10: true, accepts: isAddress, build: buildSelfIp },
  { words: ['vlan'], v10: true, build: buildVlan },
  { words: ['rule'], v10: true, build: buildRule },
  { words: ['profile'], typed: true, v10: true, build: (c, h) => buildProfile(c, h, 'profile') },
];

/** Recognises one top-level entry and builds its object; unknown entries are ignored. */
function buildObject(ctx: Ctx, entry: TmshEntry): void {
  const words = entry.words;
  if ((words.length === 2 && words[0].text === 'sys' && words[1].text === 'global-settings') || (words.length === 1 && words[0].text === 'system')) {
    readGlobalSettings(ctx, entry);
    return;
  }
  if (words[0]?.text === 'route' && entry.body && (words.length === 2 || (words.length === 3 && /^inet6?$/.test(words[2].text)))) {
    buildV10Route(ctx, entry);
    return;
  }
  const spec = SPECS.find((s) => s.words.every((w, i) => words[i] !== undefined && !words[i].quoted && words[i].text === w));
  if (!spec) return;
  const rest = words.slice(spec.words.length);
  const need = spec.typed ? 2 : 1;
  const label = spec.words.join(' ');
  if (spec.accepts && rest.length >= need && !spec.accepts(rest[need - 1].text)) return;
  if (rest.length < need) {
    if (spec.v10 && !entry.body) return; // a v10 keyword alone on a line is not an object
    const what = spec.typed ? 'a type and a name' : 'a name';
    const at = rest.length > 0 ? rest[rest.length - 1].range : words[words.length - 1]?.range ?? entry.range;
    ctx.sink.error('config-invalid', `'${label}' needs ${what}`, at);
    return;
  }
  if (rest.length > need) {
    ctx.sink.warning('config-invalid', `unexpected '${excerpt(rest[need].text)}' after the name of '${label}'`, rest[need].range);
  }
  const nameWord = rest[need - 1];
  const header: Header = {
    entry,
    nameWord,
    name: qualify(nameWord.text),
    props: new TmshProps(entry.body, spec.keys),
    v10: spec.v10 === true,
  };
  if (spec.typed) header.typeWord = rest[0];
  if (!entry.body) {
    ctx.sink.error('config-invalid', `'${label} ${excerpt(nameWord.text)}' has no body: expected '{' after the name`, nameWord.range);
    return;
  }
  if (spec.v10) ctx.counts.v10++;
  else ctx.counts.v11++;
  try {
    spec.build(ctx, header);
  } catch (err) {
    ctx.sink.error('config-invalid', `internal error while reading '${label} ${excerpt(nameWord.text)}': ${excerpt(String(err))}`, nameWord.range);
  }
}

/** The name fields of an object. */
function base(ctx: Ctx, h: Header): ConfigObjectBase {
  const { partition, shortName } = splitPath(h.name);
  const location: ConfigObjectBase['location'] = {
    range: h.entry.range,
    line: ctx.sink.position(h.entry.range.start).line,
  };
  if (ctx.source !== undefined) location.source = ctx.source;
  return { name: h.name, partition: partition || 'Common', shortName, location };
}

/** Stores an object under its full path, warning when the path is already defined. */
function put<K extends keyof typeof KIND_MAP_KEY>(
  ctx: Ctx,
  kind: K,
  h: Header,
  obj: BigipConfig[(typeof KIND_MAP_KEY)[K]][string],
): void {
  const map = ctx.config[KIND_MAP_KEY[kind]] as Record<string, unknown>;
  if (Object.prototype.hasOwnProperty.call(map, h.name)) {
    ctx.sink.warning('config-invalid', `${excerpt(h.name)} is defined more than once; the last definition is used`, h.nameWord.range);
  }
  map[h.name] = obj;
}

/**
 * Resolves a name referenced from an object in `partition`: full paths stay; a bare name becomes
 * `/<partition>/name` if that exists once everything is read, else `/Common/name`.
 */
function ref(ctx: Ctx, name: string, partition: string, kind: keyof typeof KIND_MAP_KEY, set: (full: string) => void): string {
  if (name.startsWith('/')) return name;
  const provisional = `/${partition}/${name}`;
  if (partition !== 'Common') {
    ctx.deferred.push(() => {
      if (!resolveName(ctx.config, kind, provisional)) set(`/Common/${name}`);
    });
  }
  return provisional;
}

/** Queues a warning for a reference that names no defined object of `kind`. */
function checkRef(ctx: Ctx, kind: keyof typeof KIND_MAP_KEY, what: string, owner: string, get: () => string | undefined, range: Range): void {
  ctx.checks.push(() => {
    const name = get();
    if (name !== undefined && !resolveName(ctx.config, kind, name)) {
      ctx.sink.warning('config-reference', `${owner} refers to ${what} ${excerpt(name)}, which is not defined`, range).target = { kind, name };
    }
  });
}

/** The canonical form of an address (`2001:DB8::1` → `2001:db8::1`), or undefined if the text is none. */
function canonical(text: string): string | undefined {
  const a = parseAddress(text);
  return a ? formatAddress(a) : undefined;
}

/** A canonical address from text, or an error at `word` (undefined then). */
function canonicalAddress(ctx: Ctx, word: TmshWord, what: string): string | undefined {
  const a = parseAddress(word.text);
  if (!a) {
    ctx.sink.error('config-invalid', `invalid IP address '${excerpt(word.text)}' in ${what}`, word.range);
    return undefined;
  }
  return formatAddress(a);
}

/** Names from a monitor rule: `/Common/http and /Common/tcp`, v10 `all http`, `min 1 of { a b }`. */
function monitorNames(entry: TmshEntry | undefined, skip: number, partition: string): string[] {
  if (!entry) return [];
  const words = entry.words.slice(skip).map((w) => w.text);
  if (entry.body?.type === 'Block') for (const e of entry.body.entries) for (const w of e.words) words.push(w.text);
  return words
    .filter((w) => !['and', 'all', 'min', 'of', 'none'].includes(w) && !/^\d+$/.test(w))
    .map((w) => qualify(w, partition));
}

/** A yes/no style value: `enabled`/`enable`/`yes`/`true` → true, `disabled`/`disable`/`no`/`false` → false. */
function onOff(text: string | undefined, dflt: boolean): boolean {
  if (text === undefined) return dflt;
  if (['enabled', 'enable', 'yes', 'true'].includes(text)) return true;
  if (['disabled', 'disable', 'no', 'false'].includes(text)) return false;
  return dflt;
}

// ---------------------------------------------------------------------------------------------
// Data groups

const DG_TYPES = new Set<DataGroupType>(['ip', 'string', 'integer']);

/** Reads a data-group `type` word: ip, string or integer (reports anything else). */
function dataGroupType(ctx: Ctx, word: TmshWord | undefined): DataGroupType | undefined {
  if (!word) return undefined;
  if (DG_TYPES.has(word.text as DataGroupType)) return word.text as DataGroupType;
  ctx.sink.error('config-invalid', `unknown data-group type '${excerpt(word.text)}' (expected ip, string or integer)`, word.range);
  return undefined;
}

/**
 * The records block of `ltm data-group internal NAME { records { … } }` is read record by record
 * (a blocklist may hold a million): each entry is turned into its records as it ends and dropped.
 */
function streamRecords(ctx: Ctx, c: BlockContext): ((entry: TmshEntry) => void) | undefined {
  const t = c.top;
  if (c.depth !== 1 || c.own[c.own.length - 1] !== 'records' || t.length !== 4 || t[0] !== 'ltm' || t[1] !== 'data-group' || t[2] !== 'internal') {
    return undefined;
  }
  const out = (ctx.streamed ??= []);
  return (entry) => {
    for (const item of blockItems({ type: 'Block', entries: [entry], range: entry.range, closed: true })) out.push(recordOf(item));
  };
}

/** A record as written: the key word, and the `data` of its block. */
function recordOf(item: TmshListItem): StreamedRecord {
  const data = item.body && item.body.entries.length > 0 ? new TmshProps(item.body).text('data') ?? '' : '';
  return { key: item.word.text, data, range: item.word.range };
}

/** `ltm data-group internal NAME { records { key { data value } } type ip }`. */
function buildInternalDataGroup(ctx: Ctx, h: Header): void {
  const typeWord = h.props.word('type');
  let type = dataGroupType(ctx, typeWord);
  if (!type) {
    if (!typeWord) {
      ctx.sink.error('config-invalid', `data group ${excerpt(h.name)} has no 'type' (ip, string or integer); string is assumed`, h.nameWord.range);
    }
    type = 'string';
  }
  const collector = new RecordCollector(type, ctx.sink, h.name);
  for (const item of h.props.items('records')) {
    const r = recordOf(item);
    collector.add(r.key, r.data, r.range);
  }
  for (const r of ctx.streamed ?? []) collector.add(r.key, r.data, r.range);
  put(ctx, 'dataGroup', h, { ...base(ctx, h), kind: 'dataGroup', type, external: false, records: collector.records });
}

/** `ltm data-group KIND NAME { … }` with a kind other than internal or external: reported, not read. */
function unknownDataGroupKind(ctx: Ctx, h: Header): void {
  const kind = h.typeWord as TmshWord;
  ctx.sink.warning('config-invalid', `unknown data-group kind '${excerpt(kind.text)}' (expected internal or external): data group ${excerpt(h.name)} is ignored`, kind.range);
}

/** A data group whose records come from a file, waiting for every object to be read. */
interface PendingExternal {
  dg: DataGroup;
  /** True when the type was given on the data group itself. */
  typeGiven: boolean;
  sink: DiagnosticSink;
  range: Range;
}

/** `ltm data-group external NAME { external-file-name FILE [type T] }`. */
function buildExternalDataGroup(ctx: Ctx, h: Header): void {
  const fileWord = h.props.word('external-file-name');
  const type = dataGroupType(ctx, h.props.word('type'));
  if (!fileWord) {
    ctx.sink.error('config-invalid', `external data group ${excerpt(h.name)} has no 'external-file-name'`, h.nameWord.range);
  }
  const dg: DataGroup = { ...base(ctx, h), kind: 'dataGroup', type: type ?? 'string', external: true, loaded: false, records: [] };
  if (fileWord) dg.externalFileName = fileWord.text;
  put(ctx, 'dataGroup', h, dg);
  ctx.externals.push({ dg, typeGiven: type !== undefined, sink: ctx.sink, range: (fileWord ?? h.nameWord).range });
}

/** `sys file data-group NAME { source-path … type … }`. */
function buildDataGroupFile(ctx: Ctx, h: Header): void {
  const obj: BigipConfig['dataGroupFiles'][string] = { ...base(ctx, h), kind: 'dataGroupFile' };
  const type = dataGroupType(ctx, h.props.word('type'));
  if (type) obj.type = type;
  const sp = h.props.text('source-path');
  if (sp !== undefined) obj.sourcePath = sp;
  put(ctx, 'dataGroupFile', h, obj);
}

/** Loads the records of external data groups from the provided file contents. */
function loadExternalGroups(
  config: BigipConfig,
  options: ParseBigipConfOptions,
  diagnostics: ConfigDiagnostic[],
  pending: PendingExternal[],
): void {
  const files = options.externalFiles;
  const read: ExternalFileReader | undefined =
    typeof files === 'function'
      ? files
      : files
        ? (name) => (Object.prototype.hasOwnProperty.call(files, name) ? files[name] : undefined)
        : undefined;
  for (const p of pending) {
    const { dg } = p;
    const fileObj = dg.externalFileName ? resolveName(config, 'dataGroupFile', dg.externalFileName, dg.partition) : undefined;
    const candidates: string[] = [];
    if (dg.externalFileName) {
      candidates.push(dg.externalFileName, qualify(dg.externalFileName, dg.partition), splitPath(qualify(dg.externalFileName)).shortName);
    }
    if (fileObj?.sourcePath) {
      const sp = fileObj.sourcePath;
      const noScheme = sp.replace(/^file:(\/\/)?/, '');
      candidates.push(sp, noScheme, noScheme.slice(noScheme.lastIndexOf('/') + 1));
    }
    if (fileObj) candidates.push(fileObj.name);
    candidates.push(dg.name, dg.shortName);
    let content: string | undefined;
    let used = '';
    if (read) {
      for (const c of [...new Set(candidates)]) {
        let v: string | undefined;
        try {
          v = read(c, dg.name);
        } catch {
          v = undefined;
        }
        if (typeof v === 'string') {
          content = v;
          used = c;
          break;
        }
      }
    }
    const givenType = p.typeGiven ? dg.type : fileObj?.type;
    if (content === undefined) {
      if (givenType) dg.type = givenType;
      if (read) {
        p.sink.warning(
          'config-reference',
          `the content of external data group ${excerpt(dg.name)} (file ${excerpt(dg.externalFileName ?? '?')}) was not provided; it is read as empty`,
          p.range,
        );
      }
      continue;
    }
    const result = parseDataGroupFile(content, givenType, { source: used, groupName: dg.name });
    for (const d of result.diagnostics) diagnostics.push(d);
    dg.type = result.type;
    dg.records = result.records;
    dg.loaded = true;
  }
}

/** v10 `class NAME { { host A  network B/len { "v" } "k" := "v" } }` or `{ type T filename F }` (external). */
function buildClass(ctx: Ctx, h: Header): void {
  const body = h.entry.body?.type === 'Block' ? h.entry.body : undefined;
  const items = readClassItems(body ? blockTokens(body, 0) : [], ctx.sink, true);
  const declared = items.properties.type;
  let type: DataGroupType | undefined;
  if (declared !== undefined) {
    type = declared === 'value' ? 'integer' : DG_TYPES.has(declared as DataGroupType) ? (declared as DataGroupType) : undefined;
    if (!type) ctx.sink.error('config-invalid', `unknown class type '${excerpt(declared)}' (expected ip, string or value)`, h.nameWord.range);
  }
  if (items.properties.filename !== undefined) {
    const dg: DataGroup = {
      ...base(ctx, h),
      kind: 'dataGroup',
      type: type ?? 'string',
      external: true,
      externalFileName: items.properties.filename,
      loaded: false,
      records: [],
    };
    put(ctx, 'dataGroup', h, dg);
    ctx.externals.push({ dg, typeGiven: type !== undefined, sink: ctx.sink, range: h.nameWord.range });
    return;
  }
  const finalType = type ?? inferType(items.records);
  const collector = new RecordCollector(finalType, ctx.sink, h.name);
  for (const r of items.records) collector.add(r.key, r.data, r.range);
  put(ctx, 'dataGroup', h, { ...base(ctx, h), kind: 'dataGroup', type: finalType, external: false, records: collector.records });
}

/** Flattens a tmsh block into record-grammar tokens (nested blocks stay blocks, up to a depth). */
function blockTokens(block: TmshBlock, depth: number): ClassToken[] {
  const out: ClassToken[] = [];
  for (const e of block.entries) {
    for (const w of e.words) out.push({ kind: 'word', text: w.text, quoted: w.quoted, range: w.range });
    if (e.body?.type === 'Block') {
      out.push({ kind: 'block', tokens: depth < 8 ? blockTokens(e.body, depth + 1) : [], range: e.body.range });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Pools, nodes, monitors

/** v10 `lb method` words to the tmsh mode name (`round robin` → `round-robin`). */
function v10LbMode(words: string): string {
  const joined = words.trim().split(/\s+/).join('-');
  return joined === '' ? 'round-robin' : joined;
}

/** `ltm pool NAME { members { … } monitor … load-balancing-mode … }` and v10 `pool NAME { … }`. */
function buildPool(ctx: Ctx, h: Header): void {
  const b = base(ctx, h);
  const p = h.props;
  const memberItems: TmshListItem[] = [];
  if (h.v10) {
    // v10 writes `members 10.0.0.1:80 {}` possibly followed by more `addr:port {}` entries.
    let inMembers = false;
    for (const e of p.entries) {
      const first = e.words[0]?.text;
      if (first === 'members' || first === 'member') {
        inMembers = true;
        for (const item of new TmshProps({ type: 'Block', entries: [e], range: e.range, closed: true }).items(first)) memberItems.push(item);
      } else if (inMembers && e.words.length === 1 && splitHostPort(e.words[0].text)) {
        memberItems.push(e.body?.type === 'Block' ? { word: e.words[0], body: e.body } : { word: e.words[0] });
      } else inMembers = false;
    }
  } else for (const item of p.items('members')) memberItems.push(item);
  const members: PoolMember[] = [];
  for (const item of memberItems) {
    const m = buildMember(ctx, item, b.partition, h.v10, h.name);
    if (m) members.push(m);
  }
  // A member written without `address` takes its node's address (the node may come later).
  ctx.deferred.push(() => {
    for (const m of members) {
      const node = m.address === undefined ? resolveName(ctx.config, 'node', m.node) : undefined;
      if (node?.address) m.address = node.address;
    }
  });
  // A member with neither an address nor a node (an FQDN node has none) cannot be chosen by the model.
  ctx.checks.push(() => {
    for (const m of members) {
      if (m.address !== undefined || canonical(splitPath(m.node).shortName) || resolveName(ctx.config, 'node', m.node)) continue;
      ctx.sink.warning(
        'config-reference',
        `pool member ${excerpt(m.name)} of ${excerpt(h.name)} has no address: it is not an IP address and node ${excerpt(m.node)} is not defined`,
        m.range ?? h.nameWord.range,
      );
    }
  });
  const mode = h.v10 ? v10LbMode(p.rest('lb', 'method') ?? '') : p.text('load-balancing-mode') ?? 'round-robin';
  const monitorEntry = p.get('monitor');
  put(ctx, 'pool', h, {
    ...b,
    kind: 'pool',
    loadBalancingMode: mode,
    members,
    monitor: monitorNames(monitorEntry, 1, b.partition),
    minActiveMembers: p.number('min-active-members') ?? p.number('min', 'active', 'members') ?? 0,
    allowSnat: onOff(p.text('allow-snat') ?? p.text('snat'), true),
    allowNat: onOff(p.text('allow-nat') ?? p.text('nat'), true),
  });
}

/** A pool member from `name:port { address … state … session … }` (IPv6: `addr.port`). */
function buildMember(ctx: Ctx, item: TmshListItem, partition: string, v10: boolean, pool: string): PoolMember | undefined {
  const full = qualify(item.word.text, partition);
  const { folder, shortName } = splitPath(full);
  const hp = splitHostPort(shortName);
  if (!hp || hp.host === '') {
    ctx.sink.error('config-invalid', `pool member '${excerpt(item.word.text)}' of ${excerpt(pool)} has no port (expected name:port, or addr.port for IPv6)`, item.word.range);
    return undefined;
  }
  const port = parsePort(hp.port);
  if (port === undefined) {
    ctx.sink.error('config-invalid', `invalid port '${excerpt(hp.port)}' in pool member '${excerpt(item.word.text)}' of ${excerpt(pool)}`, item.word.range);
    return undefined;
  }
  const props = new TmshProps(item.body, v10 ? undefined : MEMBER_KEYS);
  const member: PoolMember = { name: full, node: `${folder}/${hp.host}`, port, enabled: true, range: item.word.range };
  const addrWord = props.word('address');
  if (addrWord) {
    const a = canonicalAddress(ctx, addrWord, `pool member ${excerpt(full)}`);
    if (a) member.address = a;
  } else {
    const a = canonical(hp.host);
    if (a) member.address = a;
  }
  const state = props.text('state');
  if (state !== undefined) member.state = state;
  const session = v10 ? props.rest('session')?.split(/\s+/).join('-') : props.text('session');
  if (session !== undefined && session !== '') member.session = session;
  member.enabled = !(member.session === 'user-disabled' || member.session === 'disable' || member.state === 'user-down');
  const mon = monitorNames(props.get('monitor'), 1, partition);
  if (mon.length > 0) member.monitor = mon;
  const pg = props.number('priority-group') ?? props.number('priority');
  if (pg !== undefined) member.priorityGroup = pg;
  const ratio = props.number('ratio');
  if (ratio !== undefined) member.ratio = ratio;
  const limit = props.number('connection-limit') ?? props.number('limit');
  if (limit !== undefined) member.connectionLimit = limit;
  return member;
}

/** `ltm node NAME { address A }` (v10: the name is the address). */
function buildNode(ctx: Ctx, h: Header): void {
  const b = base(ctx, h);
  const node: BigipConfig['nodes'][string] = { ...b, kind: 'node', monitor: monitorNames(h.props.get('monitor'), 1, b.partition) };
  const addrWord = h.props.word('address');
  if (addrWord && addrWord.text !== 'any6' && addrWord.text !== 'any') {
    const a = canonicalAddress(ctx, addrWord, `node ${excerpt(h.name)}`);
    if (a) node.address = a;
  } else {
    const a = canonical(b.shortName);
    if (a) node.address = a;
  }
  const fqdn = h.props.get('fqdn');
  const fqdnName = fqdn ? new TmshProps(fqdn.body).text('name') : undefined;
  if (fqdnName) node.fqdn = fqdnName;
  if (!node.address && !node.fqdn && !addrWord) {
    ctx.sink.error('config-invalid', `node ${excerpt(h.name)} has no address`, h.nameWord.range);
  }
  const state = h.props.text('state');
  if (state !== undefined) node.state = state;
  const session = h.props.text('session');
  if (session !== undefined) node.session = session;
  put(ctx, 'node', h, node);
}

/** `ltm monitor TYPE NAME { … }` and v10 `monitor NAME { defaults from TYPE … }`. */
function buildMonitor(ctx: Ctx, h: Header): void {
  const b = base(ctx, h);
  const properties: Record<string, string> = {};
  for (const e of h.props.entries) {
    if (e.words.length === 2 && !e.body) properties[e.words[0].text] = e.words[1].text;
  }
  const defaults = h.v10 ? h.props.text('defaults', 'from') : h.props.text('defaults-from');
  let type = h.typeWord?.text;
  if (h.v10) type = defaults !== undefined ? splitPath(qualify(defaults)).shortName : 'unknown';
  const monitor: BigipConfig['monitors'][string] = { ...b, kind: 'monitor', type: type ?? 'unknown', properties };
  if (defaults !== undefined) monitor.defaultsFrom = qualify(defaults, b.partition);
  const interval = h.props.number('interval');
  if (interval !== undefined) monitor.interval = interval;
  const timeout = h.props.number('timeout');
  if (timeout !== undefined) monitor.timeout = timeout;
  const dest = h.props.text('destination') ?? h.props.text('dest');
  if (dest !== undefined) monitor.destination = dest;
  put(ctx, 'monitor', h, monitor);
}

// ---------------------------------------------------------------------------------------------
// SNAT

/** `ltm snatpool NAME { members { /Common/10.0.2.100 } }` (v10 `members A B`, `member A`). */
function buildSnatpool(ctx: Ctx, h: Header): void {
  const b = base(ctx, h);
  const items = [...h.props.items('members'), ...h.props.items('member')];
  const pool: BigipConfig['snatpools'][string] = { ...b, kind: 'snatpool', members: [], addresses: [] };
  for (const item of items) {
    const memberName = qualify(item.word.text, b.partition);
    pool.members.push(memberName);
  }
  if (items.length === 0) ctx.sink.warning('config-invalid', `SNAT pool ${excerpt(h.name)} has no members`, h.nameWord.range);
  put(ctx, 'snatpool', h, pool);
  // Addresses: through snat-translation objects (read later, possibly in another text) or the names.
  const unresolved: TmshListItem[] = [];
  ctx.deferred.push(() => {
    items.forEach((item, i) => {
      const tr = resolveName(ctx.config, 'snatTranslation', pool.members[i]);
      const short = splitPath(pool.members[i]).shortName;
      const addr = tr?.address ?? canonical(short);
      if (addr) pool.addresses.push(addr);
      else unresolved.push(item);
    });
  });
  ctx.checks.push(() => {
    for (const item of unresolved) {
      ctx.sink.warning(
        'config-reference',
        `SNAT pool member ${excerpt(qualify(item.word.text, b.partition))} of ${excerpt(h.name)} is neither an address nor a defined snat-translation`,
        item.word.range,
      );
    }
  });
}

/** `ltm snat-translation NAME { address A traffic-group … }`. */
function buildSnatTranslation(ctx: Ctx, h: Header): void {
  const b = base(ctx, h);
  const obj: BigipConfig['snatTranslations'][string] = { ...b, kind: 'snatTranslation' };
  const addrWord = h.props.word('address');
  if (addrWord) {
    const a = canonicalAddress(ctx, addrWord, `snat-translation ${excerpt(h.name)}`);
    if (a) obj.address = a;
  } else {
    const a = canonical(b.shortName);
    if (a) obj.address = a;
    else ctx.sink.error('config-invalid', `snat-translation ${excerpt(h.name)} has no address`, h.nameWord.range);
  }
  const tg = h.props.text('traffic-group');
  if (tg !== undefined) obj.trafficGroup = qualify(tg, b.partition);
  put(ctx, 'snatTranslation', h, obj);
}

/** `ltm snat NAME { automap | snatpool P | translation T  origins { … } vlans … }`. */
function buildSnat(ctx: Ctx, h: Header): void {
  const b = base(ctx, h);
  const p = h.props;
  let translation: Snat['translation'] = { type: 'none' };
  const snatpoolWord = p.word('snatpool');
  const translationWord = p.word('translation');
  if (p.flag('automap') || p.text('automap') !== undefined) translation = { type: 'automap' };
  else if (snatpoolWord) {
    const t: { type: 'snatpool'; pool: string } = { type: 'snatpool', pool: '' };
    t.pool = ref(ctx, snatpoolWord.text, b.partition, 'snatpool', (full) => (t.pool = full));
    translation = t;
    checkRef(ctx, 'snatpool', 'SNAT pool', `SNAT ${excerpt(h.name)}`, () => t.pool, snatpoolWord.range);
  } else if (translationWord) {
    const short = splitPath(qualify(translationWord.text)).shortName;
    const t: { type: 'translation'; address: string } = { type: 'translation', address: short };
    translation = t;
    ctx.deferred.push(() => {
      const tr = resolveName(ctx.config, 'snatTranslation', translationWord.text, b.partition);
      const a = tr?.address ?? canonical(short);
      if (a) t.address = a;
    });
    ctx.checks.push(() => {
      if (resolveName(ctx.config, 'snatTranslation', translationWord.text, b.partition) || canonical(short)) return;
      ctx.sink.warning(
        'config-reference',
        `SNAT ${excerpt(h.name)} translates to ${excerpt(translationWord.text)}, which is neither an address nor a defined snat-translation`,
        translationWord.range,
      );
    });
  }
  const origins: string[] = [];
  for (const item of p.items('origins')) {
    const net = parseNetworkDetailed(item.word.text);
    if (net) origins.push(formatNetwork(net.network));
    else ctx.sink.error('config-invalid', `invalid origin network '${excerpt(item.word.text)}' in SNAT ${excerpt(h.name)}`, item.word.range);
  }
  const vlans = p.items('vlans').map((i) => qualify(i.word.text, b.partition));
  put(ctx, 'snat', h, { ...b, kind: 'snat', translation, origins, vlans, vlansEnabled: p.flag('vlans-enabled') });
}

// ---------------------------------------------------------------------------------------------
// Virtual servers and addresses

/** Parses a destination `/P/addr:port`, `/P/v6addr.port`, `/P/name:port` (named virtual address) or v10 `addr:service`. */
function parseDestination(ctx: Ctx, word: TmshWord, partition: string): VirtualDestination | undefined {
  const full = qualify(word.text, partition);
  const { folder, shortName } = splitPath(full);
  const hp = splitHostPort(shortName);
  if (!hp || hp.host === '') {
    ctx.sink.error('config-invalid', `destination '${excerpt(word.text)}' has no port (expected addr:port, or addr.port for IPv6)`, word.range);
    return undefined;
  }
  const port = parsePort(hp.port);
  if (port === undefined) {
    ctx.sink.error('config-invalid', `invalid port '${excerpt(hp.port)}' in destination '${excerpt(word.text)}'`, word.range);
    return undefined;
  }
  const dest: VirtualDestination = { raw: word.text, addressName: `${folder}/${hp.host}`, port };
  const addr = parseAddressOrAny(hp.host);
  if (addr) setDestinationAddress(dest, addr);
  else if (/[%:]|^\d+\.\d+\.\d+\.\d+/.test(hp.host)) {
    ctx.sink.error('config-invalid', `invalid address '${excerpt(hp.host)}' in destination '${excerpt(word.text)}'`, word.range);
    return undefined;
  }
  return dest;
}

/** Fills a destination's address fields from a parsed address. */
function setDestinationAddress(dest: VirtualDestination, addr: IpAddress): void {
  dest.address = formatAddress(addr);
  dest.family = addr.family;
  if (addr.routeDomain !== undefined) dest.routeDomain = addr.routeDomain;
}

const VIRTUAL_TYPES = ['ip-forward', 'l2-forward', 'reject', 'stateless', 'internal', 'dhcp-relay', 'performance-http'];

/** `ltm virtual NAME { destination … pool … rules { } profiles { } … }` and v10 `virtual NAME { … }`. */
function buildVirtual(ctx: Ctx, h: Header): void {
  const b = base(ctx, h);
  const p = h.props;
  const owner = `virtual ${excerpt(h.name)}`;
  const vs: VirtualServer = {
    ...b,
    kind: 'virtual',
    rules: [],
    sourceAddressTranslation: { type: 'none' },
    persist: [],
    profiles: [],
    vlans: [],
    vlansEnabled: false,
    enabled: !(p.flag('disabled') || p.flag('disable')),
    virtualType: 'standard',
    translateAddress: onOff(p.text('translate-address') ?? p.text('translate', 'address'), true),
    translatePort: onOff(p.text('translate-port') ?? p.text('translate', 'service'), true),
  };
  const destWord = p.word('destination');
  if (!destWord) ctx.sink.error('config-invalid', `${owner} has no destination`, h.nameWord.range);
  else {
    const d = parseDestination(ctx, destWord, b.partition);
    if (d) {
      vs.destination = d;
      if (d.address === undefined) {
        ctx.deferred.push(() => {
          const va = resolveName(ctx.config, 'virtualAddress', d.addressName);
          const a = va?.address ? parseAddress(va.address) : undefined;
          if (a) {
            setDestinationAddress(d, a);
            fillMask(vs);
          }
        });
        ctx.checks.push(() => {
          if (d.address === undefined) {
            ctx.sink.warning('config-reference', `${owner}: destination address ${excerpt(d.addressName)} is not an address or a defined virtual address`, destWord.range);
          }
        });
      }
    }
  }
  const maskWord = p.word('mask');
  if (maskWord) {
    if (maskWord.text === 'any' || maskWord.text === 'any6') vs.mask = maskWord.text;
    else if (maskToPrefix(maskWord.text) === undefined) ctx.sink.error('config-invalid', `invalid mask '${excerpt(maskWord.text)}' in ${owner}`, maskWord.range);
    else vs.mask = maskWord.text;
  }
  fillMask(vs);
  const source = p.word('source');
  if (source) {
    const net = parseNetworkDetailed(source.text);
    if (net) vs.source = formatNetwork(net.network);
    else ctx.sink.error('config-invalid', `invalid source network '${excerpt(source.text)}' in ${owner}`, source.range);
  }
  const proto = p.text('ip-protocol') ?? p.text('ip', 'protocol');
  if (proto !== undefined) vs.ipProtocol = proto;
  for (const t of VIRTUAL_TYPES) if (p.flag(t)) vs.virtualType = t;
  if (h.v10) {
    if (p.get('ip', 'forward')) vs.virtualType = 'ip-forward';
    if (p.get('l2', 'forward')) vs.virtualType = 'l2-forward';
  }
  const poolWord = p.word('pool');
  if (poolWord) {
    vs.pool = ref(ctx, poolWord.text, b.partition, 'pool', (full) => (vs.pool = full));
    checkRef(ctx, 'pool', 'pool', owner, () => vs.pool, poolWord.range);
  }
  p.items('rules').forEach((item, i) => {
    vs.rules.push(ref(ctx, item.word.text, b.partition, 'rule', (full) => (vs.rules[i] = full)));
    checkRef(ctx, 'rule', 'iRule', owner, () => vs.rules[i], item.word.range);
  });
  readTranslation(ctx, h, vs, owner);
  for (const item of p.items('persist')) {
    const isDefault = item.body ? new TmshProps(item.body).text('default') === 'yes' : true;
    vs.persist.push({ name: qualify(item.word.text, b.partition), default: isDefault });
  }
  const fallback = p.text('fallback-persistence') ?? p.text('fallback', 'persist');
  if (fallback !== undefined) vs.fallbackPersistence = qualify(fallback, b.partition);
  for (const item of p.items('profiles')) {
    const bp = new TmshProps(item.body);
    let context: ProfileContext = 'all';
    const c = bp.text('context') ?? (bp.flag('clientside') ? 'clientside' : bp.flag('serverside') ? 'serverside' : undefined);
    if (c === 'clientside' || c === 'serverside' || c === 'all') context = c;
    vs.profiles.push({ name: qualify(item.word.text, b.partition), context });
  }
  readVirtualVlans(h, vs);
  put(ctx, 'virtual', h, vs);
}

/** Sets `mask`/`maskPrefix` once the destination family is known (default: a host mask). */
function fillMask(vs: VirtualServer): void {
  const family = vs.destination?.family;
  if (vs.mask === 'any' || vs.mask === 'any6') {
    vs.maskPrefix = 0;
    vs.mask = prefixToMask(0, vs.mask === 'any6' ? 6 : family ?? 4);
  } else if (vs.mask !== undefined) vs.maskPrefix = maskToPrefix(vs.mask);
  else if (family) {
    vs.maskPrefix = familyBits(family);
    vs.mask = prefixToMask(vs.maskPrefix, family);
  }
}

/** `source-address-translation { type … pool … }`, or the older `snat automap` / `snatpool NAME`. */
function readTranslation(ctx: Ctx, h: Header, vs: VirtualServer, owner: string): void {
  const p = h.props;
  const sat = p.get('source-address-translation');
  let poolWord: TmshWord | undefined;
  let t: SourceAddressTranslation = { type: 'none' };
  if (sat) {
    const sp = new TmshProps(sat.body, SAT_KEYS);
    const type = sp.word('type');
    poolWord = sp.word('pool');
    if (type && ['automap', 'snat', 'lsn', 'none'].includes(type.text)) t = { type: type.text as SourceAddressTranslation['type'] };
    else if (type) ctx.sink.error('config-invalid', `unknown source-address-translation type '${excerpt(type.text)}' in ${owner}`, type.range);
    else if (poolWord) t = { type: 'snat' };
    if ((t.type === 'snat' || t.type === 'lsn') && !poolWord) {
      ctx.sink.error('config-invalid', `${owner}: source-address-translation type ${t.type} needs a pool`, (type ?? sat.words[0]).range);
    }
  } else if (p.text('snat') === 'automap') t = { type: 'automap' };
  else if (p.word('snatpool')) {
    poolWord = p.word('snatpool');
    t = { type: 'snat' };
  }
  if (poolWord && (t.type === 'snat' || t.type === 'lsn')) {
    const word = poolWord;
    t.pool = ref(ctx, word.text, vs.partition, 'snatpool', (full) => (t.pool = full));
    if (t.type === 'snat') checkRef(ctx, 'snatpool', 'SNAT pool', owner, () => t.pool, word.range);
  }
  vs.sourceAddressTranslation = t;
}

/** `vlans { … }` with `vlans-enabled` / `vlans-disabled`; v10 `vlans A B enable` or `vlans { … } enable`. */
function readVirtualVlans(h: Header, vs: VirtualServer): void {
  const p = h.props;
  const items = p.items('vlans');
  const words = items.map((i) => i.word.text);
  let enabled = p.flag('vlans-enabled');
  if (h.v10) {
    const entries = p.entries;
    const idx = entries.findIndex((e) => e.words[0]?.text === 'vlans');
    const last = words[words.length - 1];
    if (last === 'enable' || last === 'disable') {
      enabled = last === 'enable';
      words.pop();
    } else if (idx !== -1) {
      const next = entries[idx + 1]?.words;
      if (next?.length === 1 && (next[0].text === 'enable' || next[0].text === 'disable')) enabled = next[0].text === 'enable';
    }
  }
  vs.vlans = words.map((w) => qualify(w, vs.partition));
  vs.vlansEnabled = enabled;
}

/** `ltm virtual-address NAME { address A arp … traffic-group … }` and v10 `virtual address A { … }`. */
function buildVirtualAddress(ctx: Ctx, h: Header): void {
  const b = base(ctx, h);
  const p = h.props;
  const tg = p.text('traffic-group');
  const obj: BigipConfig['virtualAddresses'][string] = {
    ...b,
    kind: 'virtualAddress',
    arp: onOff(p.text('arp'), true),
    icmpEcho: onOff(p.text('icmp-echo'), true),
    enabled: onOff(p.text('enabled'), true) && !p.flag('disabled') && !p.flag('disable'),
    floating: h.v10 ? onOff(p.text('floating'), false) : tg === undefined ? true : splitPath(qualify(tg)).shortName !== LOCAL_ONLY,
  };
  if (tg !== undefined) obj.trafficGroup = qualify(tg, b.partition);
  const addrWord = p.word('address');
  const addrText = addrWord?.text ?? b.shortName;
  const a = parseAddressOrAny(addrText);
  if (a) obj.address = formatAddress(a);
  else if (addrWord) ctx.sink.error('config-invalid', `invalid IP address '${excerpt(addrWord.text)}' in virtual-address ${excerpt(h.name)}`, addrWord.range);
  else ctx.sink.error('config-invalid', `virtual-address ${excerpt(h.name)} has no address`, h.nameWord.range);
  const mask = p.text('mask') ?? p.text('netmask');
  if (mask !== undefined) obj.mask = mask;
  put(ctx, 'virtualAddress', h, obj);
}

// ---------------------------------------------------------------------------------------------
// Network

/** `net self NAME { address A/len vlan V traffic-group T allow-service … }` and v10 `self A { netmask M vlan V floating enable }`. */
function buildSelfIp(ctx: Ctx, h: Header): void {
  const b = base(ctx, h);
  const p = h.props;
  const owner = `self IP ${excerpt(h.name)}`;
  const tg = p.text('traffic-group');
  const trafficGroup = qualify(tg ?? LOCAL_ONLY);
  const floating = h.v10 ? onOff(p.text('floating'), false) : splitPath(trafficGroup).shortName !== LOCAL_ONLY;
  const self: BigipConfig['selfIps'][string] = { ...b, kind: 'selfIp', trafficGroup, floating, allowService: [] };
  const addrWord = p.word('address');
  const netmask = p.text('netmask');
  const addrText = addrWord?.text ?? (h.v10 ? b.shortName : undefined);
  if (addrText === undefined) ctx.sink.error('config-invalid', `${owner} has no address`, h.nameWord.range);
  else {
    const slash = addrText.indexOf('/');
    const hostText = slash === -1 ? addrText : addrText.slice(0, slash);
    const addr = parseAddress(hostText);
    let prefix: number | undefined;
    if (slash !== -1) {
      const pt = addrText.slice(slash + 1);
      prefix = /^\d{1,3}$/.test(pt) ? Number(pt) : maskToPrefix(pt);
    } else if (netmask !== undefined) prefix = maskToPrefix(netmask);
    else if (addr) prefix = familyBits(addr.family);
    if (!addr || prefix === undefined || prefix > familyBits(addr.family)) {
      ctx.sink.error('config-invalid', `invalid address '${excerpt(addrText)}' in ${owner} (expected addr/prefix)`, (addrWord ?? h.nameWord).range);
    } else {
      if (slash === -1 && netmask === undefined && !h.v10) {
        ctx.sink.warning('config-invalid', `${owner}: address '${excerpt(addrText)}' has no prefix length; /${prefix} is assumed`, (addrWord ?? h.nameWord).range);
      }
      self.address = formatAddress(addr);
      self.network = formatNetwork(toNetwork(addr, prefix));
      self.prefixLength = prefix;
    }
  }
  const vlanWord = p.word('vlan');
  if (vlanWord) {
    self.vlan = ref(ctx, vlanWord.text, b.partition, 'vlan', (full) => (self.vlan = full));
    ctx.checks.push(() => {
      if (Object.keys(ctx.config.vlans).length > 0 && self.vlan && !resolveName(ctx.config, 'vlan', self.vlan)) {
        ctx.sink.warning('config-reference', `${owner} refers to VLAN ${excerpt(self.vlan)}, which is not defined`, vlanWord.range);
      }
    });
  } else ctx.sink.error('config-invalid', `${owner} has no vlan`, h.nameWord.range);
  const allow = p.get('allow-service') ?? p.get('allow');
  if (allow) {
    const items = new TmshProps({ type: 'Block', entries: [allow], range: allow.range, closed: true }).items(allow.words[0].text);
    self.allowService = items.map((i) => i.word.text).filter((w) => w !== 'none');
  }
  put(ctx, 'selfIp', h, self);
}

/** `net vlan NAME { interfaces { 1.1 { } 1.2 { tagged } } tag N }` and v10 `vlan NAME { tag N interfaces 1.1 }`. */
function buildVlan(ctx: Ctx, h: Header): void {
  const b = base(ctx, h);
  const interfaces: BigipConfig['vlans'][string]['interfaces'] = [];
  let tagged = false;
  for (const item of h.props.items('interfaces')) {
    const w = item.word.text;
    if (w === 'tagged' || w === 'untagged') {
      tagged = w === 'tagged';
      continue;
    }
    const bp = new TmshProps(item.body);
    interfaces.push({ name: w, tagged: item.body ? bp.flag('tagged') : tagged });
  }
  const vlan: BigipConfig['vlans'][string] = { ...b, kind: 'vlan', interfaces };
  const tag = h.props.number('tag');
  if (tag !== undefined) vlan.tag = tag;
  put(ctx, 'vlan', h, vlan);
}

/** `net route-domain NAME { id N parent P strict … vlans { … } }`. */
function buildRouteDomain(ctx: Ctx, h: Header): void {
  const b = base(ctx, h);
  const rd: BigipConfig['routeDomains'][string] = {
    ...b,
    kind: 'routeDomain',
    strict: onOff(h.props.text('strict'), true),
    vlans: h.props.items('vlans').map((i) => qualify(i.word.text, b.partition)),
  };
  const id = h.props.number('id') ?? (/^\d+$/.test(b.shortName) ? Number(b.shortName) : undefined);
  if (id !== undefined) rd.id = id;
  else ctx.sink.error('config-invalid', `route domain ${excerpt(h.name)} has no id`, h.nameWord.range);
  const parent = h.props.text('parent');
  if (parent !== undefined) rd.parent = qualify(parent, b.partition);
  put(ctx, 'routeDomain', h, rd);
}

/** Parses a route's `network`: `default` (0.0.0.0/0), `default-inet6` (::/0), with `%N`, or `addr/len`. */
function routeNetwork(text: string): string | undefined {
  const pct = text.indexOf('%');
  const head = pct === -1 ? text : text.slice(0, pct);
  const rd = pct === -1 ? '' : text.slice(pct);
  if (head === 'default') return parseNetworkText(`0.0.0.0${rd}/0`);
  if (head === 'default-inet6') return parseNetworkText(`::${rd}/0`);
  return parseNetworkText(text);
}

/** A canonical network from text, or undefined. */
function parseNetworkText(text: string): string | undefined {
  const n = parseNetworkDetailed(text);
  return n ? formatNetwork(n.network) : undefined;
}

/** `net route NAME { network N gw A | interface V | pool P | blackhole }`. */
function buildRoute(ctx: Ctx, h: Header): void {
  const b = base(ctx, h);
  const p = h.props;
  const owner = `route ${h.name}`;
  const route: NetRoute = { ...b, kind: 'route', blackhole: p.flag('blackhole') };
  const netWord = p.word('network');
  if (!netWord) ctx.sink.error('config-invalid', `${owner} has no network`, h.nameWord.range);
  else {
    const net = routeNetwork(netWord.text);
    if (net) route.network = net;
    else ctx.sink.error('config-invalid', `invalid network '${netWord.text}' in ${owner}`, netWord.range);
  }
  const gw = p.word('gw');
  if (gw) {
    const a = canonicalAddress(ctx, gw, owner);
    if (a) route.gateway = a;
  }
  const iface = p.word('interface');
  if (iface) route.vlan = qualify(iface.text, b.partition);
  const pool = p.word('pool');
  if (pool) {
    route.pool = ref(ctx, pool.text, b.partition, 'pool', (full) => (route.pool = full));
    checkRef(ctx, 'pool', 'gateway pool', owner, () => route.pool, pool.range);
  }
  if (!gw && !iface && !pool && !route.blackhole) {
    ctx.sink.warning('config-invalid', `${owner} has no gw, interface, pool or blackhole: it routes nowhere`, h.nameWord.range);
  }
  const routes = (ctx.config.routes ??= {});
  if (Object.prototype.hasOwnProperty.call(routes, h.name)) {
    ctx.sink.warning('config-invalid', `${h.name} is defined more than once; the last definition is used`, h.nameWord.range);
  }
  routes[h.name] = route;
}

/** bigpipe v10 `route default inet { gateway A }`, `route 10.2.0.0/16 { gateway A | vlan V | pool P }`, `route 10.2.0.0 { netmask M … }`. */
function buildV10Route(ctx: Ctx, entry: TmshEntry): void {
  const [, netWord, familyWord] = entry.words;
  const p = new TmshProps(entry.body);
  const text = netWord.text === 'default' ? (familyWord?.text === 'inet6' ? 'default-inet6' : 'default') : netWord.text;
  const netmask = p.text('netmask');
  const network = routeNetwork(netmask !== undefined && !text.includes('/') ? `${text}/${netmask}` : text);
  ctx.counts.v10++;
  const name = qualify(entry.words.slice(1).map((w) => w.text).join(' '));
  const { partition, shortName } = splitPath(name);
  const route: NetRoute = {
    name,
    partition: partition || 'Common',
    shortName,
    location: { range: entry.range, line: ctx.sink.position(entry.range.start).line, ...(ctx.source !== undefined ? { source: ctx.source } : {}) },
    kind: 'route',
    blackhole: p.flag('blackhole'),
  };
  if (network) route.network = network;
  else ctx.sink.error('config-invalid', `invalid network '${netWord.text}' in route ${name}`, netWord.range);
  const gw = p.word('gateway');
  if (gw) {
    const a = canonicalAddress(ctx, gw, `route ${name}`);
    if (a) route.gateway = a;
  }
  const vlan = p.text('vlan');
  if (vlan !== undefined) route.vlan = qualify(vlan);
  const pool = p.text('pool');
  if (pool !== undefined) route.pool = qualify(pool);
  (ctx.config.routes ??= {})[name] = route;
}

/** `sys global-settings { hostname NAME … }` (v10 `system { hostname NAME }`): the device's host name (`info hostname`). */
function readGlobalSettings(ctx: Ctx, entry: TmshEntry): void {
  if (entry.body?.type !== 'Block') return;
  const host = new TmshProps(entry.body).text('hostname');
  if (host !== undefined) ctx.config.hostname = host;
}

/**
 * Addresses written without `%N` by objects of a partition that has a `default-route-domain` are
 * in that route domain (F5: objects created in such a partition without a route domain ID get
 * the default one). Applied to pool members, nodes, virtual server destinations, virtual
 * addresses, self IPs, routes, SNAT translations and SNAT pool members; not to data-group records
 * (iRule address literals do not take the partition default either, F5 ID476920).
 */
function applyPartitionRouteDomains(config: BigipConfig): void {
  const defaults = new Map<string, number>();
  for (const p of Object.values(config.partitions)) if (p.defaultRouteDomain !== undefined && p.defaultRouteDomain !== 0) defaults.set(p.name, p.defaultRouteDomain);
  if (defaults.size === 0) return;
  const rdOfPath = (path: string | undefined): number | undefined => (path === undefined ? undefined : defaults.get(splitPath(path).partition || 'Common'));
  const addr = (text: string | undefined, rd: number | undefined): string | undefined => {
    if (text === undefined || rd === undefined || text.includes('%')) return text;
    const a = parseAddress(text);
    return a ? formatAddress({ ...a, routeDomain: rd }) : text;
  };
  const net = (text: string | undefined, rd: number | undefined): string | undefined => {
    if (text === undefined || rd === undefined || text.includes('%')) return text;
    const n = parseNetworkDetailed(text);
    return n ? formatNetwork({ ...n.network, address: { ...n.network.address, routeDomain: rd } }) : text;
  };
  for (const pool of Object.values(config.pools)) for (const m of pool.members) if (m.address !== undefined) m.address = addr(m.address, rdOfPath(m.node));
  for (const node of Object.values(config.nodes)) if (node.address !== undefined) node.address = addr(node.address, rdOfPath(node.name));
  for (const va of Object.values(config.virtualAddresses)) if (va.address !== undefined) va.address = addr(va.address, rdOfPath(va.name));
  for (const vs of Object.values(config.virtuals)) {
    const d = vs.destination;
    const rd = rdOfPath(d?.addressName);
    if (!d || rd === undefined || d.address === undefined || d.address.includes('%')) continue;
    d.address = addr(d.address, rd);
    d.routeDomain = rd;
  }
  for (const self of Object.values(config.selfIps)) {
    const rd = rdOfPath(self.name);
    if (self.address !== undefined) self.address = addr(self.address, rd);
    if (self.network !== undefined) self.network = net(self.network, rd);
  }
  for (const route of Object.values(config.routes ?? {})) {
    const rd = rdOfPath(route.name);
    if (route.network !== undefined) route.network = net(route.network, rd);
    if (route.gateway !== undefined) route.gateway = addr(route.gateway, rd);
  }
  for (const t of Object.values(config.snatTranslations)) if (t.address !== undefined) t.address = addr(t.address, rdOfPath(t.name));
  for (const sp of Object.values(config.snatpools)) sp.addresses = sp.addresses.map((a) => addr(a, rdOfPath(sp.name)) ?? a);
}

/** `auth partition NAME { default-route-domain N }`. */
function buildPartition(ctx: Ctx, h: Header): void {
  const name = splitPath(h.name).shortName;
  const part: BigipConfig['partitions'][string] = { name };
  const rd = h.props.number('default-route-domain');
  if (rd !== undefined) part.defaultRouteDomain = rd;
  ctx.config.partitions[name] = part;
}

/** `ltm profile TYPE NAME { defaults-from … }`, `ltm persistence TYPE NAME { … }`, v10 `profile TYPE NAME { defaults from … }`. */
function buildProfile(ctx: Ctx, h: Header, category: 'profile' | 'persistence'): void {
  const b = base(ctx, h);
  const obj: BigipConfig['profiles'][string] = { ...b, kind: 'profile', category, type: h.typeWord?.text ?? 'unknown' };
  const df = h.v10 ? h.props.text('defaults', 'from') : h.props.text('defaults-from');
  if (df !== undefined) obj.defaultsFrom = qualify(df, b.partition);
  put(ctx, 'profile', h, obj);
}

// ---------------------------------------------------------------------------------------------
// iRules

/** Lines tmsh keeps inside a rule body after the Tcl text (signed system iRules, iApps). */
const RULE_METADATA_RE = /^(definition-signature|definition-checksum|verification-status|signing-key|verification-key|app-service)\s+(\S+)$/;

/** `ltm rule NAME { … }` / v10 `rule NAME { … }`: the body verbatim, with its position in the config text. */
function buildRule(ctx: Ctx, h: Header): void {
  const body = h.entry.body as TmshBlock | TmshRawBlock;
  const contentStart = body.range.start + 1;
  const contentEnd = body.type === 'RawBlock' ? body.contentRange.end : body.closed ? body.range.end - 1 : body.range.end;
  let text = ctx.text.slice(contentStart, contentEnd);
  const metadata: Record<string, string> = {};
  for (;;) {
    let e = text.length;
    while (e > 0 && /\s/.test(text[e - 1])) e--;
    const ls = text.lastIndexOf('\n', e - 1) + 1;
    const m = RULE_METADATA_RE.exec(text.slice(ls, e).trim());
    if (!m || ls === 0) break;
    metadata[m[1]] = m[2];
    text = text.slice(0, ls);
  }
  const pos = ctx.sink.position(contentStart);
  const rule: IRule = {
    ...base(ctx, h),
    kind: 'rule',
    text,
    textRange: { start: contentStart, end: contentStart + text.length },
    textLine: pos.line,
    textColumn: pos.column,
    metadata,
  };
  put(ctx, 'rule', h, rule);
}

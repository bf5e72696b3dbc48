/**
 * Data-group records: validation and normalisation by type, the `sys file data-group` /
 * v10 class file format (`host 1.2.3.4 := "v",`), and v10 `class NAME { … }` bodies, which share
 * that record grammar.
 */
import { type Range, excerpt } from '../diagnostics.js';
import { formatNetworkKey, networkKey } from './address.js';
import { type ConfigDiagnostic, DiagnosticSink } from './diagnostic.js';
import type { DataGroupRecord, DataGroupType } from './model.js';

/** A token of the record grammar: a word, an entry separator (`,`), or a nested `{ … }` (v10). */
export type ClassToken =
  | { kind: 'word'; text: string; quoted: boolean; range: Range }
  | { kind: 'sep'; range: Range }
  | { kind: 'block'; tokens: ClassToken[]; range: Range };

/** A record as written, before type checks. */
export interface RawRecord {
  /** Key text (for `network A mask M`, the combined `A/M`). */
  key: string;
  /** Data value ('' if none). */
  data: string;
  /** Where the key was written. */
  range: Range;
  /** True when written with `host` / `network` (so the group is an `ip` group). */
  addressForm: boolean;
  /** True when the key was quoted. */
  quoted: boolean;
}

/** Result of reading record tokens. */
export interface ClassItems {
  /** Records in order. */
  records: RawRecord[];
  /** v10 class properties (`type`, `filename`, `separator`) when allowed. */
  properties: Record<string, string>;
}

const CLASS_PROPERTIES = new Set(['type', 'filename', 'separator', 'mode', 'partition']);
const MAX_NESTING = 8;

/**
 * Reads records from tokens: `host A`, `network A/len`, `network A mask M`, `network A prefixlen N`,
 * or a plain key, each optionally followed by `:= value` or (v10) `{ value }`. With
 * `allowProperties`, unquoted `type X` / `filename X` / `separator X` are class properties.
 */
export function readClassItems(tokens: ClassToken[], sink: DiagnosticSink, allowProperties: boolean): ClassItems {
  const out: ClassItems = { records: [], properties: {} };
  readInto(tokens, sink, allowProperties, out, 0);
  return out;
}

/** Reads one token list into `out`; nested blocks without a key are read as more records. */
function readInto(tokens: ClassToken[], sink: DiagnosticSink, allowProperties: boolean, out: ClassItems, depth: number): void {
  let pos = 0;
  const peekWord = (text: string): boolean => {
    const t = tokens[pos];
    return t !== undefined && t.kind === 'word' && !t.quoted && t.text === text;
  };
  while (pos < tokens.length) {
    const t = tokens[pos];
    if (t.kind === 'sep') {
      pos++;
      continue;
    }
    if (t.kind === 'block') {
      if (depth < MAX_NESTING) readInto(t.tokens, sink, allowProperties, out, depth + 1);
      else sink.error('config-invalid', 'data-group records are nested too deeply', t.range);
      pos++;
      continue;
    }
    pos++;
    const next = tokens[pos];
    if (allowProperties && !t.quoted && CLASS_PROPERTIES.has(t.text) && next?.kind === 'word') {
      const after = tokens[pos + 1];
      if (!(after?.kind === 'word' && after.text === ':=')) {
        out.properties[t.text] = next.text;
        pos++;
        continue;
      }
    }
    let key = t.text;
    let range = t.range;
    let addressForm = false;
    let quoted = t.quoted;
    if (!t.quoted && (t.text === 'host' || t.text === 'network')) {
      if (next?.kind !== 'word') {
        sink.error('config-invalid', `'${excerpt(t.text)}' needs an address after it`, t.range);
        continue;
      }
      pos++;
      addressForm = true;
      quoted = false;
      key = next.text;
      range = { start: t.range.start, end: next.range.end };
      if (t.text === 'network' && (peekWord('mask') || peekWord('prefixlen'))) {
        const which = (tokens[pos] as { text: string }).text;
        const arg = tokens[pos + 1];
        if (arg?.kind !== 'word') {
          sink.error('config-invalid', `'${excerpt(which)}' needs a value after it`, tokens[pos].range);
          pos++;
          continue;
        }
        key = `${key}/${arg.text}`;
        range = { start: range.start, end: arg.range.end };
        pos += 2;
      }
    }
    let data = '';
    if (peekWord(':=')) {
      const v = tokens[pos + 1];
      if (v?.kind === 'word') {
        data = v.text;
        pos += 2;
      } else {
        sink.error('config-invalid', `missing value after ':=' for record '${excerpt(key)}'`, tokens[pos].range);
        pos++;
      }
    } else if (tokens[pos]?.kind === 'block') {
      const block = tokens[pos] as Extract<ClassToken, { kind: 'block' }>;
      const words = block.tokens.filter((x): x is Extract<ClassToken, { kind: 'word' }> => x.kind === 'word');
      data = words.map((w) => w.text).join(' ');
      pos++;
    }
    out.records.push({ key, data, range, addressForm, quoted });
  }
}

/** Infers a group's type from raw records: `ip` if any `host`/`network` form, `integer` if every key is an unquoted integer, else `string`. */
export function inferType(records: RawRecord[]): DataGroupType {
  if (records.some((r) => r.addressForm)) return 'ip';
  if (records.length > 0 && records.every((r) => !r.quoted && /^-?\d+$/.test(r.key))) return 'integer';
  return 'string';
}

/** Checks and normalises records for a group type; bad keys are reported and skipped, duplicates warned and dropped. */
export class RecordCollector {
  /** The accepted records. */
  readonly records: DataGroupRecord[] = [];
  /** Keys seen so far (IPv4 networks of `ip` groups are in `seenV4`). */
  private readonly seen = new Set<string>();
  /** IPv4 networks seen so far, as int32 values per route domain and prefix (integer sets are several times faster than string sets). */
  private readonly seenV4 = new Map<number, Set<number>>();

  /** Creates a collector for a group `groupName` of `type`, reporting to `sink`. */
  constructor(
    private readonly type: DataGroupType,
    private readonly sink: DiagnosticSink,
    private readonly groupName: string,
  ) {}

  /** Adds one record; returns false if it was rejected. */
  add(key: string, data: string, range: Range): boolean {
    let canonical = key;
    if (this.type === 'ip') {
      const parsed = networkKey(key);
      if (!parsed) {
        this.sink.error('config-invalid', `invalid IP address or network '${excerpt(key)}' in data group ${excerpt(this.groupName)} (type ip)`, range);
        return false;
      }
      if (parsed.hostBitsSet) {
        this.sink.warning(
          'config-invalid',
          `'${excerpt(key)}' in data group ${excerpt(this.groupName)} has host bits set; it is read as ${formatNetworkKey(parsed)}`,
          range,
        );
      }
      canonical = parsed.exact ? key : formatNetworkKey(parsed);
      if (parsed.family === 4) {
        const bucket = ((parsed.routeDomain ?? -1) + 1) * 64 + parsed.prefix;
        let set = this.seenV4.get(bucket);
        if (!set) this.seenV4.set(bucket, (set = new Set()));
        const v = (parsed.value as number) | 0;
        if (set.has(v)) return this.duplicate(key, range);
        set.add(v);
        this.records.push({ key: canonical, data, range });
        return true;
      }
    } else if (this.type === 'integer') {
      if (!/^-?\d+$/.test(key)) {
        this.sink.error('config-invalid', `'${excerpt(key)}' is not an integer, but data group ${excerpt(this.groupName)} is of type integer`, range);
        return false;
      }
      canonical = String(Number(key));
    }
    if (this.seen.has(canonical)) return this.duplicate(key, range);
    this.seen.add(canonical);
    this.records.push({ key: canonical, data, range });
    return true;
  }

  /** Reports a duplicate record; returns false (rejected). */
  private duplicate(key: string, range: Range): false {
    this.sink.warning('config-invalid', `duplicate record '${excerpt(key)}' in data group ${excerpt(this.groupName)}; the first one is used`, range);
    return false;
  }
}

/** Result of `parseDataGroupFile`. */
export interface DataGroupFileResult {
  /** The type used (given, or inferred from the content). */
  type: DataGroupType;
  /** Accepted records. */
  records: DataGroupRecord[];
  /** Problems, with positions in the file text. */
  diagnostics: ConfigDiagnostic[];
}

/**
 * Parses the content of an external data-group file (`sys file data-group`, v10 class file):
 * comma-terminated lines such as `"key" := "value",`, `host 1.2.3.4,`,
 * `network 10.0.0.0 mask 255.0.0.0 := "v",` or `1 := "one",`. With no `type`, it is inferred.
 */
export function parseDataGroupFile(
  text: string,
  type?: DataGroupType,
  options: { source?: string; groupName?: string } = {},
): DataGroupFileResult {
  const diagnostics: ConfigDiagnostic[] = [];
  const sink = new DiagnosticSink(text, diagnostics, options.source);
  const tokens = tokenizeDataGroupFile(text, sink);
  const items = readClassItems(tokens, sink, false);
  const finalType = type ?? inferType(items.records);
  const collector = new RecordCollector(finalType, sink, options.groupName ?? options.source ?? 'file');
  for (const r of items.records) collector.add(r.key, r.data, r.range);
  return { type: finalType, records: collector.records, diagnostics };
}

/** Splits data-group file text into words (`:=` is a word of its own), quoted strings and `,` separators. */
export function tokenizeDataGroupFile(text: string, sink: DiagnosticSink): ClassToken[] {
  const tokens: ClassToken[] = [];
  const n = text.length;
  let i = 0;
  let lineStart = true;
  while (i < n) {
    const c = text[i];
    if (c === '\n') {
      lineStart = true;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f') {
      i++;
      continue;
    }
    if (c === '#' && lineStart) {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    lineStart = false;
    if (c === ',') {
      tokens.push({ kind: 'sep', range: { start: i, end: i + 1 } });
      i++;
      continue;
    }
    if (c === ':' && text[i + 1] === '=') {
      tokens.push({ kind: 'word', text: ':=', quoted: false, range: { start: i, end: i + 2 } });
      i += 2;
      continue;
    }
    if (c === '"') {
      let out = '';
      let j = i + 1;
      let closed = false;
      while (j < n) {
        const ch = text[j];
        if (ch === '\\' && j + 1 < n) {
          const nx = text[j + 1];
          out += nx === '"' || nx === '\\' ? nx : ch + nx;
          j += 2;
          continue;
        }
        if (ch === '"') {
          closed = true;
          break;
        }
        if (ch === '\n') break;
        out += ch;
        j++;
      }
      if (!closed) {
        sink.error('config-syntax', 'unterminated string: missing closing \'"\'', { start: i, end: i + 1 });
        tokens.push({ kind: 'word', text: out.replace(/\r$/, ''), quoted: true, range: { start: i, end: j } });
        i = j;
      } else {
        tokens.push({ kind: 'word', text: out, quoted: true, range: { start: i, end: j + 1 } });
        i = j + 1;
      }
      continue;
    }
    let j = i + 1;
    while (j < n && !/[\s,"]/.test(text[j]) && !(text[j] === ':' && text[j + 1] === '=')) j++;
    tokens.push({ kind: 'word', text: text.slice(i, j), quoted: false, range: { start: i, end: j } });
    i = j;
  }
  return tokens;
}

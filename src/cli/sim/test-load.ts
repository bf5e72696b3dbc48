/**
 * Loading `*.test.yaml` files for `irule-sim test`: the YAML (parsed by the `yaml` package) is
 * checked key by key and turned into `ScenarioTest`s, with the rules, bigip.conf and request
 * files it names read relative to the test file. bigip.conf and rule files are read once per run,
 * whatever number of tests use them. Every problem carries file:line:column.
 */
import path from 'node:path';
import { isMap, isSeq, type Node } from 'yaml';
import { isAddress } from '../../bigip/address.js';
import type { ConfigDiagnostic } from '../../bigip/diagnostic.js';
import type { BigipConfig } from '../../bigip/model.js';
import { allEvents, getEvent } from '../../catalog/load.js';
import { closest } from '../../catalog/closest.js';
import { checkVersion } from '../../lint/version.js';
import { parseClient, parseDestination } from '../../sim/irule/clients.js';
import { parseHttpRequest } from '../../sim/irule/http.js';
import type { ClientSpec, ConfigProblemsReport, Endpoint, HttpMessageSpec, RuleSource } from '../../sim/irule/types.js';
import {
  EXPECTATION_KINDS,
  EXPECTED_ACTIONS,
  type Expectation,
  type FileProblem,
  type Located,
  type MessageExpectation,
  type ScenarioConnection,
  type ScenarioTest,
  SNAT_TYPES,
  type SourcePos,
  type WorldChanges,
} from '../../sim/scenario/types.js';
import { UsageError } from '../errors.js';
import { findFiles } from '../inputs.js';
import type { CliIo } from '../run.js';
import { configProblemsReport, DEFAULT_CLIENT, readConfig, readText, ruleNameOf, simulatedVersion } from './simulate-files.js';
import { type Entries, YamlReader, type YNode } from './yaml-nodes.js';

/** Keys that describe the simulation input; allowed at file level (defaults) and in a test. */
const INPUT_KEYS = ['bigip-version', 'rules', 'virtual', 'events', 'client', 'destination', 'request', 'request-file', 'payload', 'datagroups', 'members-down'] as const;
/** Keys of the file. */
export const FILE_KEYS = ['bigip-conf', 'external', ...INPUT_KEYS, 'tests'] as const;
/** Keys of a test. */
export const TEST_KEYS = ['name', ...INPUT_KEYS, 'expect', 'connections'] as const;
/** Keys of a connection. */
export const CONNECTION_KEYS = ['client', 'destination', 'request', 'request-file', 'payload', 'events', 'expect'] as const;
/** Keys of `expect`. */
export const EXPECT_KEYS = [...EXPECTATION_KINDS, 'refused'] as const;
const RESPONSE_KEYS = ['status', 'headers', 'body'] as const;
const REQUEST_KEYS = ['method', 'uri', 'version', 'headers', 'body'] as const;

/** A test file after loading: its tests, or the problems that keep it from running. */
export interface LoadedTestFile {
  /** The file as shown. */
  file: string;
  /** The tests, in file order. */
  tests: ScenarioTest[];
  /** Problems (when any, no test of the file runs). */
  problems: FileProblem[];
  /** Problems of its bigip.conf that are no syntax error (the tests run), when it has some. */
  configProblems?: ConfigProblemsReport;
}

/** Simulation inputs as a file or test gives them (undefined: not given). */
interface Inputs {
  version?: string;
  rules?: RuleSource[];
  virtual?: string;
  events?: string[];
  client?: ClientSpec;
  destination?: Endpoint;
  request?: HttpMessageSpec;
  payload?: string;
  dataGroups?: WorldChanges['dataGroups'];
  membersDown?: Located<string>[];
}

/** A bigip.conf read for test files: the model and its problems that are no syntax error. */
interface ReadConfig {
  config: BigipConfig | undefined;
  problems: ConfigDiagnostic[];
}

/** Loads test files; caches what several files or tests share. */
export class TestLoader {
  private readonly configs = new Map<string, Promise<ReadConfig>>();
  private readonly ruleTexts = new Map<string, Promise<RuleSource>>();
  private readonly versions = new Map<string, string>();

  constructor(private readonly io: Pick<CliIo, 'cwd' | 'stderr'>) {}

  /** Loads one test file (absolute path). */
  async load(absPath: string): Promise<LoadedTestFile> {
    const f = await readText(this.io, absPath, 'test file');
    const r = new YamlReader(f.name, f.text);
    const out: LoadedTestFile = { file: f.name, tests: [], problems: r.problems };
    if (r.problems.length > 0) return out;
    const top = r.map(r.root, 'the test file', FILE_KEYS);
    if (!top) return out;
    const dir = path.dirname(f.abs);
    const conf = await this.config(r, top, dir);
    const config = conf?.config;
    const defaults = await this.inputs(r, top, dir, config);
    const list = top.get('tests');
    if (!list) {
      r.problem(r.root, "the test file has no 'tests' list");
      return out;
    }
    const names = new Map<string, SourcePos>();
    for (const node of r.items(list.value, 'tests') ?? []) {
      const t = await this.test(r, node, dir, config, defaults);
      if (!t) continue;
      const seen = names.get(t.name);
      if (seen) r.problem(node, `a test named '${t.name}' is already at line ${seen.line}; test names must be unique in a file`);
      names.set(t.name, t.at);
      out.tests.push(t);
    }
    if (out.tests.length === 0 && r.problems.length === 0) r.problem(list.value, "'tests' is empty");
    r.problems.sort((a, b) => a.at.line - b.at.line || a.at.column - b.at.column);
    // A virtual server's iRule that some test of the file gives as a file is no problem (as for irule-sim's rule files).
    const configProblems = conf && configProblemsReport(conf.problems, out.tests.flatMap((t) => t.options.rules));
    if (configProblems) out.configProblems = configProblems;
    return out;
  }

  /** The file's bigip.conf (with `external` data group files) and its problems, read once per run. */
  private async config(r: YamlReader, top: Entries, dir: string): Promise<ReadConfig | undefined> {
    const conf = top.get('bigip-conf');
    const ext = top.get('external');
    if (!conf) {
      if (ext) r.problem(ext.key, "'external' needs 'bigip-conf'");
      return undefined;
    }
    const file = r.text(conf.value, 'bigip-conf');
    if (file === undefined) return undefined;
    const external: string[] = [];
    for (const e of ext ? (r.anyMap(ext.value, 'external') ?? []) : []) {
      const target = r.text(e.value, `external ${e.name}`);
      if (target !== undefined) external.push(`${e.name}=${path.resolve(dir, target)}`);
    }
    const abs = path.resolve(dir, file);
    const key = [abs, ...external].join('\n');
    let p = this.configs.get(key);
    if (!p) {
      // The notes readConfig makes (external data groups without a file) are made again for each test by the runner, from the configuration the test runs with.
      const notes: string[] = [];
      const problems: ConfigDiagnostic[] = [];
      p = readConfig(this.io, { bigipConf: abs, external, client: [], event: [], format: 'text' }, notes, problems).then((config) => ({ config, problems }));
      this.configs.set(key, p);
    }
    try {
      return await p;
    } catch (err) {
      if (err instanceof UsageError) return r.problem(conf.value, err.message);
      throw err;
    }
  }

  /** The inputs a mapping (file or test) gives. */
  private async inputs(r: YamlReader, m: Entries, dir: string, config: BigipConfig | undefined): Promise<Inputs> {
    const out: Inputs = {};
    const get = (k: string): YNode | null => (m.has(k) ? m.get(k)!.value : null);
    let v = get('bigip-version');
    if (v !== null) {
      const t = r.text(v, 'bigip-version');
      const c = t === undefined ? undefined : checkVersion(t);
      if (c && 'error' in c) r.problem(v, `bigip-version ${c.error}`);
      else if (c) out.version = this.version(c.version.text, config);
    }
    if ((v = get('rules')) !== null) out.rules = await this.rules(r, v, dir);
    if ((v = get('virtual')) !== null) out.virtual = r.text(v, 'virtual');
    if ((v = get('events')) !== null) out.events = this.events(r, v, 'events');
    if ((v = get('client')) !== null) out.client = this.endpoint(r, v, 'client', parseClient);
    if ((v = get('destination')) !== null) out.destination = this.endpoint(r, v, 'destination', parseDestination);
    const req = get('request');
    const reqFile = get('request-file');
    if (req !== null && reqFile !== null) r.problem(reqFile, "give 'request' or 'request-file', not both");
    else if (req !== null || reqFile !== null) out.request = await this.request(r, req, reqFile, dir);
    if ((v = get('payload')) !== null) out.payload = r.text(v, 'payload');
    if ((v = get('datagroups')) !== null) out.dataGroups = this.dataGroups(r, v);
    if ((v = get('members-down')) !== null) out.membersDown = (r.items(v, 'members-down') ?? []).map((n) => ({ value: r.text(n, 'a members-down entry') ?? '', at: r.pos(n) }));
    return out;
  }

  /** A version, resolved once (the newer-than-known warning is printed once). */
  private version(asked: string | undefined, config: BigipConfig | undefined): string {
    const key = `${asked ?? ''}\n${config?.version ?? ''}`;
    let v = this.versions.get(key);
    if (v === undefined) this.versions.set(key, (v = simulatedVersion(asked !== undefined ? { text: asked } : undefined, config, this.io)));
    return v;
  }

  /** Rule files and folders (relative to the test file), read once per run. */
  private async rules(r: YamlReader, node: YNode, dir: string): Promise<RuleSource[] | undefined> {
    const paths = r.texts(node, 'rules');
    if (!paths) return undefined;
    if (paths.length === 0) return r.problem(node, 'rules is empty (leave it out to simulate the rules the virtual server has in bigip-conf)');
    try {
      const found = await findFiles(paths, dir);
      if (found.length === 0) return r.problem(node, `no *.irule, *.irul or *.tcl files found in ${paths.join(', ')}`);
      const out: RuleSource[] = [];
      for (const file of found) {
        let p = this.ruleTexts.get(file.absPath);
        if (!p) {
          p = readText(this.io, file.absPath, 'iRule file').then((t) => ({ name: ruleNameOf(t.abs), text: t.text, origin: t.name }));
          this.ruleTexts.set(file.absPath, p);
        }
        out.push(await p);
      }
      return out;
    } catch (err) {
      if (err instanceof UsageError) return r.problem(node, `rules: ${err.message}`);
      throw err;
    }
  }

  /** Event names, checked against the catalog. */
  private events(r: YamlReader, node: YNode, what: string): string[] | undefined {
    const items = r.items(node, what);
    if (!items) return undefined;
    const out: string[] = [];
    for (const n of items) {
      const name = r.text(n, `each entry of ${what}`);
      if (name === undefined) continue;
      if (!getEvent(name)) {
        const hint = closest(name, allEvents().map((e) => e.name));
        r.problem(n, `unknown event '${name}'${hint ? ` (did you mean ${hint}?)` : ''}`);
        continue;
      }
      out.push(name);
    }
    return out;
  }

  /** `client: addr[:port]` or `destination: addr[:port]` (the address the client connected to), parsed by `parse`. */
  private endpoint<T extends object>(r: YamlReader, node: YNode, key: 'client' | 'destination', parse: (text: string) => T | { error: string }): T | undefined {
    const t = r.text(node, key);
    if (t === undefined) return undefined;
    const e = parse(t);
    if ('error' in e) return r.problem(node, `${key}: ${e.error}`);
    return e;
  }

  /** `request` (the request text) or `request-file` (relative to the test file). */
  private async request(r: YamlReader, text: YNode | null, file: YNode | null, dir: string): Promise<HttpMessageSpec | undefined> {
    let body: string | undefined;
    let what = 'request';
    if (text !== null) body = r.text(text, 'request');
    else {
      const name = r.text(file!, 'request-file');
      if (name === undefined) return undefined;
      try {
        const f = await readText(this.io, path.resolve(dir, name), 'request file');
        body = f.text;
        what = `request-file ${f.name}`;
      } catch (err) {
        if (err instanceof UsageError) return r.problem(file!, err.message);
        throw err;
      }
    }
    if (body === undefined) return undefined;
    const req = parseHttpRequest(body);
    if ('error' in req) return r.problem(text ?? file!, `${what}: ${req.error}`);
    return req;
  }

  /** `datagroups: { name: [key, {key: value}, ...] }` or `{ name: { key: value } }`. */
  private dataGroups(r: YamlReader, node: YNode): WorldChanges['dataGroups'] {
    const out: WorldChanges['dataGroups'] = [];
    for (const g of r.anyMap(node, 'datagroups') ?? []) {
      const records: Located<{ key: string; data: string }>[] = [];
      const what = `the records of data group ${g.name}`;
      const pairs = r.isNull(g.value) ? [] : isMap(g.value) ? (r.anyMap(g.value, what) ?? []).map((p) => ({ node: p.key as YNode, key: p.name, value: p.value })) : undefined;
      if (pairs) {
        for (const p of pairs) records.push({ value: { key: p.key, data: r.isNull(p.value) ? '' : (r.text(p.value, `the value of ${p.key}`) ?? '') }, at: r.pos(p.node) });
      } else {
        for (const item of r.items(g.value, what) ?? []) {
          if (isMap(item)) {
            for (const p of r.anyMap(item, what) ?? []) records.push({ value: { key: p.name, data: r.isNull(p.value) ? '' : (r.text(p.value, `the value of ${p.name}`) ?? '') }, at: r.pos(p.key) });
          } else {
            const key = r.text(item, `an entry of ${what}`);
            if (key !== undefined) records.push({ value: { key, data: '' }, at: r.pos(item) });
          }
        }
      }
      out.push({ name: { value: g.name, at: r.pos(g.key) }, records });
    }
    return out;
  }

  /** One test. */
  private async test(r: YamlReader, node: Node, dir: string, config: BigipConfig | undefined, defaults: Inputs): Promise<ScenarioTest | undefined> {
    const m = r.map(node, 'a test', TEST_KEYS);
    if (!m) return undefined;
    const nameEntry = m.get('name');
    if (!nameEntry) return r.problem(node, "a test needs a 'name'");
    const name = r.text(nameEntry.value, 'name');
    if (name === undefined) return undefined;
    const own = await this.inputs(r, m, dir, config);
    const inputs: Inputs = { ...defaults, ...definedOnly(own) };
    const version = inputs.version ?? this.version(undefined, config);
    const at = r.pos(node);
    const expectNode = m.get('expect');
    let refused: Located<string | true> | undefined;
    const connections: ScenarioConnection[] = [];
    const conns = m.get('connections');
    if (conns) {
      if (expectNode) r.problem(expectNode.key, "a test with 'connections' has its expectations in each connection ('expect' under the connection)");
      const items = r.items(conns.value, 'connections') ?? [];
      for (const c of items) {
        const cm = r.map(c, 'a connection', CONNECTION_KEYS);
        if (!cm) continue;
        const ci = await this.inputs(r, cm, dir, config);
        const e = cm.has('expect') ? this.expect(r, cm.get('expect')!.value, false) : { list: [] };
        const client = withRequest(ci.client ?? inputs.client, ci.destination ?? inputs.destination, ci.request ?? inputs.request, ci.payload ?? inputs.payload);
        if (ci.events) client.events = ci.events;
        connections.push({ client, at: r.pos(c), expect: e.list });
      }
      if (items.length === 0 && isSeq(conns.value)) r.problem(conns.value, "'connections' is empty");
    } else {
      const e = expectNode ? this.expect(r, expectNode.value, true) : { list: [] };
      refused = e.refused;
      connections.push({ client: withRequest(inputs.client, inputs.destination, inputs.request, inputs.payload), at, expect: e.list });
    }
    return {
      file: r.file,
      name,
      at,
      options: { rules: inputs.rules ?? [], config, virtual: inputs.virtual, version, events: inputs.events, request: inputs.request },
      world: { dataGroups: inputs.dataGroups ?? [], membersDown: inputs.membersDown ?? [] },
      connections,
      ...(refused ? { refused } : {}),
    };
  }

  /** An `expect` mapping. */
  private expect(r: YamlReader, node: YNode, testLevel: boolean): { list: Expectation[]; refused?: Located<string | true> } {
    const m = r.map(node, 'expect', EXPECT_KEYS);
    const list: Expectation[] = [];
    let refused: Located<string | true> | undefined;
    if (!m) return { list };
    const orNull = (n: YNode, what: string): string | null | undefined => (r.isNull(n) ? null : r.text(n, what));
    for (const [kind, { key, value }] of m) {
      const at = r.pos(key);
      switch (kind) {
        case 'snat':
        case 'pool':
        case 'member': {
          const v = orNull(value, kind);
          if (v === undefined) break;
          if (v !== null && kind === 'snat' && !isAddress(v)) r.problem(value, `snat expects the IP address the server sees (or null), not '${v}'`);
          else if (v !== null && kind === 'member' && !isAddress(v) && 'error' in parseClient(v)) r.problem(value, `member expects addr:port ([v6]:port) or an address (or null), not '${v}'`);
          else list.push({ kind, at, value: v });
          break;
        }
        case 'snat-type': {
          const v = r.oneOf(value, kind, SNAT_TYPES);
          if (v !== undefined) list.push({ kind, at, value: v });
          break;
        }
        case 'action': {
          const v = r.oneOf(value, kind, EXPECTED_ACTIONS);
          if (v !== undefined) list.push({ kind, at, value: v });
          break;
        }
        case 'response':
        case 'server-request': {
          const v = r.isNull(value) ? null : this.message(r, value, kind, kind === 'response' ? RESPONSE_KEYS : REQUEST_KEYS);
          if (v !== undefined) list.push({ kind, at, value: v });
          break;
        }
        case 'logs':
        case 'notes': {
          const items = r.isNull(value) ? [] : r.items(value, kind);
          if (items) list.push({ kind, at, value: items.map((n) => ({ value: r.text(n, `each entry of ${kind}`) ?? '', at: r.pos(n) })) });
          break;
        }
        case 'events': {
          const v = r.isNull(value) ? [] : this.events(r, value, 'expect events');
          if (v) list.push({ kind, at, value: v });
          break;
        }
        case 'error': {
          const v = orNull(value, 'error');
          if (v !== undefined) list.push({ kind, at, value: v });
          break;
        }
        case 'refused': {
          if (!testLevel) {
            r.problem(key, "'refused' is about the whole test (the rules do not load); put it in the test's expect");
            break;
          }
          const isTrue = value !== undefined && 'value' in value && value.value === true;
          const text = isTrue ? true : r.text(value, "refused (true, or text the load error must contain)");
          if (text === 'false' || (value !== undefined && 'value' in value && value.value === false)) r.problem(value, "refused: false is the default; leave it out");
          else if (text !== undefined) refused = { value: text, at };
          break;
        }
      }
    }
    if (refused && list.length > 0) r.problem(node, "a test that expects 'refused' cannot expect anything of a connection (none is simulated)");
    return refused ? { list, refused } : { list };
  }

  /** `response` / `server-request` fields. */
  private message(r: YamlReader, node: YNode, what: string, keys: readonly string[]): MessageExpectation | undefined {
    const m = r.map(node, what, keys);
    if (!m) return undefined;
    const out: MessageExpectation = { headers: [] };
    for (const [k, { key, value }] of m) {
      const at = r.pos(key);
      if (k === 'status') {
        const n = r.int(value, `${what} status`);
        if (n !== undefined) out.status = { value: n, at };
      } else if (k === 'headers') {
        for (const h of r.anyMap(value, `${what} headers`) ?? []) {
          const v = r.isNull(h.value) ? null : r.text(h.value, `header ${h.name}`);
          if (v !== undefined) out.headers.push({ name: h.name, value: v, at: r.pos(h.key) });
        }
      } else {
        const t = r.text(value, `${what} ${k}`);
        if (t !== undefined) out[k as 'method' | 'uri' | 'version' | 'body'] = { value: t, at };
      }
    }
    return out;
  }
}

/** The keys of `o` whose value is defined. */
function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The client (default: the one `irule-sim` uses) with its destination, request and payload. */
function withRequest(
  client: ClientSpec | undefined,
  destination: Endpoint | undefined,
  request: HttpMessageSpec | undefined,
  payload: string | undefined,
): ClientSpec {
  const c: ClientSpec = { ...(client ?? { address: DEFAULT_CLIENT }) };
  if (destination) c.destination = destination;
  if (request) c.request = request;
  if (payload !== undefined) c.payload = payload;
  return c;
}

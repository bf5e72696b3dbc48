/**
 * Questions the simulator and lint rules ask of a parsed configuration: `class match` on `ip`
 * data groups, SNAT automap and SNAT-pool address choice, which virtual takes a connection,
 * profile types, and mapping positions inside an embedded iRule back to the config text.
 */
import {
  type IpAddress,
  type IpNetwork,
  type RouteDomainOptions,
  PrefixTable,
  formatNetwork,
  longestPrefixMatch,
  networkKey,
  networkContains,
  parseAddress,
  parseNetwork,
  toNetwork,
} from './address.js';
import type { BigipConfig, DataGroup, DataGroupRecord, IRule, SelfIp, Snatpool, VirtualServer } from './model.js';
import { qualify, resolveName } from './resolve.js';
import { routeTo } from './routing.js';

/** Prefix tables per records array and route-domain option set (records are parsed once). */
const tableCache = new WeakMap<DataGroupRecord[], Map<string, PrefixTable<DataGroupRecord>>>();

/** Parses text or passes an address through. */
function asAddress(address: IpAddress | string): IpAddress | undefined {
  return typeof address === 'string' ? parseAddress(address) : address;
}

/**
 * `class match <addr> equals <ip data group>`: the record whose network contains the address with
 * the longest prefix, or undefined (also for non-`ip` groups). Route domains must agree unless
 * `ignoreRouteDomain` is set: records without `%N` are in route domain 0.
 */
export function matchIpRecord(
  dg: DataGroup,
  address: IpAddress | string,
  options: RouteDomainOptions = {},
): DataGroupRecord | undefined {
  if (dg.type !== 'ip') return undefined;
  const key = `${options.ignoreRouteDomain ? 1 : 0}|${options.defaultRouteDomain ?? 0}`;
  let byOptions = tableCache.get(dg.records);
  if (!byOptions) tableCache.set(dg.records, (byOptions = new Map()));
  let table = byOptions.get(key);
  if (!table) byOptions.set(key, (table = new PrefixTable(dg.records, (r) => networkKey(r.key), options)));
  return table.lookup(address);
}

/** The record with exactly this key (for `ip` groups, `10.0.0.1` finds `10.0.0.1/32`), or undefined. */
export function findRecord(dg: DataGroup, key: string): DataGroupRecord | undefined {
  let k = key;
  if (dg.type === 'ip') {
    const net = parseNetwork(key);
    if (!net) return undefined;
    k = formatNetwork(net);
  } else if (dg.type === 'integer' && /^-?\d+$/.test(key)) k = String(Number(key));
  return dg.records.find((r) => r.key === k);
}

/** The subnet of a self IP, parsed (undefined when it has no valid address). */
export function selfIpNetwork(self: SelfIp): IpNetwork | undefined {
  return self.network !== undefined ? parseNetwork(self.network) : undefined;
}

/**
 * The VLAN a connection to `serverAddress` leaves by: the route to it (a self IP's connected
 * subnet or a `net route`, longest prefix first; see `routeTo` in routing.ts), or undefined when
 * no route reaches it or the route determines no VLAN.
 */
export function egressVlanFor(config: BigipConfig, serverAddress: IpAddress | string): string | undefined {
  return routeTo(config, serverAddress)?.vlan;
}

/** What automap or SNAT-pool selection is asked about. */
export interface SnatQuery {
  /** The pool member or node the server-side connection goes to (picks the egress VLAN and family). */
  serverAddress?: IpAddress | string;
  /** The egress VLAN, if known (full path or bare name); overrides the one derived from `serverAddress`. */
  egressVlan?: string;
  /** Address family wanted when there is no server address (default: any). */
  family?: 4 | 6;
}

/** The egress VLAN of a query and the route domain its self IPs must be in (each undefined when not known). */
function egressOf(config: BigipConfig, query: SnatQuery, server: IpAddress | undefined): { vlan: string | undefined; rd: number | undefined } {
  if (query.egressVlan !== undefined) return { vlan: qualify(query.egressVlan), rd: server ? (server.routeDomain ?? 0) : undefined };
  if (!server || query.serverAddress === undefined) return { vlan: undefined, rd: undefined };
  const route = routeTo(config, query.serverAddress);
  return { vlan: route?.vlan, rd: route?.viaParent ?? server.routeDomain ?? 0 };
}

/*
 * Caches of answers that depend only on the configuration. A parsed configuration is not changed
 * afterwards: a variant (a scenario test's data groups, another file) is a new object, and
 * `{ ...config, dataGroups }` keeps the self IP and SNAT pool records it did not replace. So the
 * caches are keyed by the objects they read (the `selfIps` record, a SNAT pool), which a variant
 * shares only when it has the same ones, plus every other input in the key. Each holds at most
 * MAX_CACHED answers, then starts again (route domains in client addresses are the simulator's input).
 */
const MAX_CACHED = 10_000;

/**
 * Answers by egress VLAN, route domain and address family (each may be unknown). The VLAN text
 * comes from the route decision, the same string each time, so no key string is built per ask.
 */
class EgressAnswers<V> {
  private readonly byVlan = new Map<string | undefined, Map<number, V>>();
  private size = 0;

  /** The route domain (0-65534) and family (4, 6) as one number; unknown ones have their own. */
  private static key(rd: number | undefined, family: number | undefined): number {
    return ((rd ?? -1) + 1) * 8 + (family ?? 0);
  }

  get(egress: string | undefined, rd: number | undefined, family: number | undefined): V | undefined {
    return this.byVlan.get(egress)?.get(EgressAnswers.key(rd, family));
  }

  set(egress: string | undefined, rd: number | undefined, family: number | undefined, value: V): void {
    if (this.size >= MAX_CACHED) {
      this.byVlan.clear();
      this.size = 0;
    }
    let m = this.byVlan.get(egress);
    if (!m) this.byVlan.set(egress, (m = new Map()));
    m.set(EgressAnswers.key(rd, family), value);
    this.size++;
  }
}

/** The answers kept for `owner` in `cache`, made on first use. */
function answersFor<K extends object, V>(cache: WeakMap<K, EgressAnswers<V>>, owner: K): EgressAnswers<V> {
  let a = cache.get(owner);
  if (!a) cache.set(owner, (a = new EgressAnswers()));
  return a;
}

/** Automap candidates per self IP record. */
const automapCache = new WeakMap<Record<string, SelfIp>, EgressAnswers<SelfIp[]>>();

/** The automap candidates for an egress, route domain and family, computed once per self IP record (do not modify). */
function rankedSelfIps(config: BigipConfig, egress: string | undefined, rd: number | undefined, family: number | undefined): SelfIp[] {
  const answers = answersFor(automapCache, config.selfIps);
  let list = answers.get(egress, rd, family);
  if (list) return list;
  const rank = (s: SelfIp): number => (egress !== undefined && s.vlan === egress ? 0 : 2) + (s.floating ? 0 : 1);
  list = Object.values(config.selfIps)
    .filter((s) => {
      const a = selfIpAddress(s);
      if (!a || (family !== undefined && a.family !== family)) return false;
      return rd === undefined || (a.routeDomain ?? 0) === rd;
    })
    .map((s, i) => ({ s, i, r: rank(s) }))
    .sort((x, y) => x.r - y.r || x.i - y.i)
    .map((x) => x.s);
  answers.set(egress, rd, family, list);
  return list;
}

/** The self IPs automap may take for a query, best first (shared: do not modify). */
function automapList(config: BigipConfig, query: SnatQuery): SelfIp[] {
  const server = query.serverAddress !== undefined ? asAddress(query.serverAddress) : undefined;
  const { vlan, rd } = egressOf(config, query, server);
  return rankedSelfIps(config, vlan, rd, server?.family ?? query.family);
}

/**
 * Self IPs automap could use, best first: (1) floating on the egress VLAN, (2) non-floating on
 * the egress VLAN, (3) floating elsewhere, (4) non-floating elsewhere; config order within a group.
 * Only self IPs of the server's family and route domain qualify. F5 K7336: automap takes a
 * floating self IP of the egress VLAN, else a non-floating one; the order across VLANs (3, 4) is
 * unverified (K7820).
 */
export function automapCandidates(config: BigipConfig, query: SnatQuery = {}): SelfIp[] {
  return [...automapList(config, query)];
}

/** Parsed self IP addresses (a configuration is read many times per simulation). */
const selfAddresses = new WeakMap<SelfIp, IpAddress | null>();

/** The parsed address of a self IP, or undefined. */
function selfIpAddress(s: SelfIp): IpAddress | undefined {
  let a = selfAddresses.get(s);
  if (a === undefined) selfAddresses.set(s, (a = (s.address !== undefined ? parseAddress(s.address) : undefined) ?? null));
  return a ?? undefined;
}

/** The self IP `snat automap` translates to (see `automapCandidates`), or undefined if none fits. */
export function selectAutomapSelfIp(config: BigipConfig, query: SnatQuery = {}): SelfIp | undefined {
  return automapList(config, query)[0];
}

/** SNAT pool answers per self IP record and pool, by egress VLAN and family (null: no address). */
const snatpoolCache = new WeakMap<Record<string, SelfIp>, WeakMap<Snatpool, EgressAnswers<string | null>>>();

/**
 * The SNAT pool address for a connection: one inside a subnet of a self IP on the egress VLAN if
 * there is one, else the first address of the server's family, else the first address.
 */
export function selectSnatpoolAddress(config: BigipConfig, pool: Snatpool, query: SnatQuery = {}): string | undefined {
  const server = query.serverAddress !== undefined ? asAddress(query.serverAddress) : undefined;
  const { vlan: egress } = egressOf(config, query, server);
  const family = server?.family ?? query.family;
  let byPool = snatpoolCache.get(config.selfIps);
  if (!byPool) snatpoolCache.set(config.selfIps, (byPool = new WeakMap()));
  const answers = answersFor(byPool, pool);
  const known = answers.get(egress, undefined, family);
  if (known !== undefined) return known ?? undefined;
  const egressNets = Object.values(config.selfIps)
    .filter((s) => egress !== undefined && s.vlan === egress)
    .map(selfIpNetwork)
    .filter((n): n is IpNetwork => n !== undefined);
  const parsed = pool.addresses.map((text) => ({ text, a: parseAddress(text) }));
  const inEgress = parsed.find((p) => p.a && egressNets.some((n) => networkContains(n, p.a as IpAddress)));
  const answer = inEgress ? inEgress.text : (parsed.find((p) => family === undefined || p.a?.family === family) ?? parsed[0])?.text;
  answers.set(egress, undefined, family, answer ?? null);
  return answer;
}

/** A client connection, for `matchVirtual`. */
export interface TrafficQuery {
  /** Destination address the client connects to. */
  destination: IpAddress | string;
  /** Destination port; undefined matches a virtual server of any port (a port-specific one is preferred). */
  port?: number;
  /** IP protocol (`tcp`, `udp`, …); virtuals with `any` or no protocol match everything. */
  protocol?: string;
  /** Client address, checked against each virtual's `source`. */
  source?: IpAddress | string;
  /** Ingress VLAN (full path or bare name), checked against each virtual's VLAN list. */
  vlan?: string;
}

/** A virtual server's destination network and source network, parsed (undefined: takes nothing, or any source). */
interface VirtualNetworks {
  destination: IpNetwork | undefined;
  source: IpNetwork | undefined;
}

/** Parsed networks per virtual server (a parsed configuration is not changed afterwards; see the caches above). */
const virtualNetworks = new WeakMap<VirtualServer, VirtualNetworks>();

/** The parsed destination and source networks of a virtual server, computed once. */
function networksOf(vs: VirtualServer): VirtualNetworks {
  let n = virtualNetworks.get(vs);
  if (n) return n;
  const da = vs.destination?.address ? parseAddress(vs.destination.address) : undefined;
  n = {
    destination: da && vs.maskPrefix !== undefined ? toNetwork(da, vs.maskPrefix) : undefined,
    source: vs.source !== undefined ? parseNetwork(vs.source) : undefined,
  };
  virtualNetworks.set(vs, n);
  return n;
}

/** A traffic query with its addresses parsed and its VLAN qualified. */
interface ParsedTraffic {
  query: TrafficQuery;
  dest: IpAddress;
  src: IpAddress | undefined;
  vlan: string | undefined;
}

/** Parses a traffic query; undefined when the destination is not an address. */
function parseTraffic(query: TrafficQuery): ParsedTraffic | undefined {
  const dest = asAddress(query.destination);
  if (!dest) return undefined;
  const src = query.source !== undefined ? asAddress(query.source) : undefined;
  return { query, dest, src, vlan: query.vlan !== undefined ? qualify(query.vlan) : undefined };
}

/** How specifically a virtual server takes a connection (a score tuple, larger is more specific), or undefined when it does not. */
function takeScore(vs: VirtualServer, t: ParsedTraffic): number[] | undefined {
  const d = vs.destination;
  if (!vs.enabled || !d?.address || vs.maskPrefix === undefined) return undefined;
  const nets = networksOf(vs);
  if (!nets.destination || !networkContains(nets.destination, t.dest)) return undefined;
  const q = t.query;
  if (d.port !== 0 && q.port !== undefined && d.port !== q.port) return undefined;
  if (q.protocol && vs.ipProtocol && vs.ipProtocol !== 'any' && vs.ipProtocol !== q.protocol) return undefined;
  if (t.src && nets.source && !networkContains(nets.source, t.src, { ignoreRouteDomain: true })) return undefined;
  if (t.vlan !== undefined && vs.vlansEnabled !== vs.vlans.includes(t.vlan)) return undefined;
  return [vs.maskPrefix, d.port !== 0 ? 1 : 0, nets.source?.prefix ?? 0];
}

/**
 * The enabled virtual server that takes a connection: destination network (address and mask)
 * holds the address, port equal or 0, protocol and source and VLAN allowed. The most specific
 * wins: longest destination mask, then a specific port over `any`, then longest source prefix.
 */
export function matchVirtual(config: BigipConfig, query: TrafficQuery): VirtualServer | undefined {
  const t = parseTraffic(query);
  if (!t) return undefined;
  let best: { vs: VirtualServer; score: number[] } | undefined;
  for (const vs of Object.values(config.virtuals)) {
    const score = takeScore(vs, t);
    if (score && (!best || compareScores(score, best.score) > 0)) best = { vs, score };
  }
  return best?.vs;
}

/** Whether one virtual server takes a connection (as `matchVirtual` would with it alone in the configuration). */
export function virtualTakes(vs: VirtualServer, query: TrafficQuery): boolean {
  const t = parseTraffic(query);
  return t !== undefined && takeScore(vs, t) !== undefined;
}

/** Lexicographic comparison of two score tuples. */
function compareScores(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** Built-in `/Common` profiles and their types (custom profiles carry their own type). */
const BUILTIN_PROFILE_TYPES: Readonly<Record<string, string>> = {
  http: 'http',
  'http-explicit': 'http',
  'http-transparent': 'http',
  http2: 'http2',
  tcp: 'tcp',
  'f5-tcp-progressive': 'tcp',
  'f5-tcp-lan': 'tcp',
  'f5-tcp-wan': 'tcp',
  'tcp-lan-optimized': 'tcp',
  'tcp-wan-optimized': 'tcp',
  'tcp-mobile-optimized': 'tcp',
  udp: 'udp',
  udp_gtm_dns: 'udp',
  fastL4: 'fastl4',
  fasthttp: 'fasthttp',
  clientssl: 'client-ssl',
  'clientssl-insecure-compatible': 'client-ssl',
  'clientssl-secure': 'client-ssl',
  serverssl: 'server-ssl',
  'serverssl-insecure-compatible': 'server-ssl',
  dns: 'dns',
  ftp: 'ftp',
  sip: 'sip',
  smtps: 'smtps',
  oneconnect: 'one-connect',
  stream: 'stream',
  websocket: 'websocket',
  httpcompression: 'http-compression',
  'wan-optimized-compression': 'http-compression',
  webacceleration: 'web-acceleration',
  xml: 'xml',
  rtsp: 'rtsp',
  radiusLB: 'radius',
  diameter: 'diameter',
  sctp: 'sctp',
  source_addr: 'source-addr',
  dest_addr: 'dest-addr',
  cookie: 'cookie',
  hash: 'hash',
  ssl: 'ssl',
  universal: 'universal',
  msrdp: 'msrdp',
};

/**
 * The type of a profile by name: a custom profile's declared type, else the type of a built-in
 * `/Common` profile (`/Common/http` → `http`, `/Common/clientssl` → `client-ssl`), else undefined.
 */
export function profileType(config: BigipConfig, name: string, currentPartition = 'Common'): string | undefined {
  const custom = resolveName(config, 'profile', name, currentPartition);
  if (custom) return custom.type;
  const full = qualify(name, 'Common');
  if (!full.startsWith('/Common/')) return undefined;
  const short = full.slice('/Common/'.length);
  return Object.prototype.hasOwnProperty.call(BUILTIN_PROFILE_TYPES, short) ? BUILTIN_PROFILE_TYPES[short] : undefined;
}

/** The offset in the config text of offset `offset` in an iRule's `text`. */
export function mapRuleOffset(rule: IRule, offset: number): number {
  return rule.textRange.start + offset;
}

/** The 1-based config-text line and column of a 1-based line and column in an iRule's `text`. */
export function mapRulePosition(rule: IRule, line: number, column: number): { line: number; column: number } {
  return line <= 1 ? { line: rule.textLine, column: rule.textColumn + column - 1 } : { line: rule.textLine + line - 1, column };
}

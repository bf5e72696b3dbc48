/**
 * The route to a server: which VLAN a server-side connection leaves by, and what decided it. The
 * routing table is the directly connected networks (the subnets of the self IPs) plus the static
 * routes (`net route`); the longest prefix holding the address wins, a connected network before a
 * route of the same length. Lookups stay in the address's route domain (no `%N` is route domain
 * 0) and go on to its parent route domain when nothing there matches (F5 TMOS routing guide,
 * "parent ID"; grammar/facts.md F7).
 *
 * Next hops: a `gw` must sit on a connected network, whose VLAN is the egress one; an `interface`
 * route names the VLAN; a gateway `pool` decides the VLAN only when every member is on the same
 * one (the member load balancing picks is not modelled). Dynamic routing is not read.
 */
import { type IpAddress, type IpNetwork, longestPrefixMatch, parseAddress, parseNetwork } from './address.js';
import type { BigipConfig, NetRoute, SelfIp } from './model.js';
import { qualify } from './resolve.js';

/** What decided the route to an address. */
export type RouteSource =
  /** A directly connected network: the subnet of a self IP. */
  | { kind: 'connected'; selfIp: string; network: string }
  /** A static route (`net route`). */
  | { kind: 'route'; route: string; network: string };

/** The route to an address. */
export interface RouteDecision {
  /** The egress VLAN (full path), when the route determines one. */
  vlan?: string;
  /** The connected network or static route that matched. */
  source: RouteSource;
  /** The next hop, for a route through a gateway. */
  nextHop?: string;
  /** The route domain the match was found in, when it is not the address's own (a parent's). */
  viaParent?: number;
  /** Why no egress VLAN follows from the match (blackhole, gateway on no connected network, gateway pool on several VLANs). */
  problem?: string;
}

/** One entry of the routing table of a route domain. */
interface TableEntry {
  network: IpNetwork;
  networkText: string;
  self?: SelfIp;
  route?: NetRoute;
  /** Decisions made from this entry, by route domain (see `decisionOf`): every address it holds gets the same one. */
  decisions?: Map<number, RouteDecision>;
}

/** The route domain of an address (no `%N`: 0). */
function rdOf(a: IpAddress): number {
  return a.routeDomain ?? 0;
}

/** Routing tables per configuration (built once). */
const tables = new WeakMap<BigipConfig, TableEntry[]>();

/** Every connected network and static route of the configuration, connected ones first. */
function tableOf(config: BigipConfig): TableEntry[] {
  let t = tables.get(config);
  if (t) return t;
  t = [];
  // (A partition's default route domain is already on its objects' addresses: parse-config.ts.)
  for (const self of Object.values(config.selfIps)) {
    const network = self.network !== undefined ? parseNetwork(self.network) : undefined;
    if (network && self.network !== undefined) t.push({ network, networkText: self.network, self });
  }
  for (const route of Object.values(config.routes ?? {})) {
    const network = route.network !== undefined ? parseNetwork(route.network) : undefined;
    if (network && route.network !== undefined) t.push({ network, networkText: route.network, route });
  }
  tables.set(config, t);
  return t;
}

/** The longest-prefix entry holding `a` in route domain `rd` (connected first on a tie). */
function lookup(entries: TableEntry[], a: IpAddress, rd: number, connectedOnly: boolean): TableEntry | undefined {
  const probe: IpAddress = { family: a.family, value: a.value, routeDomain: rd };
  // Self-IP subnets come first in the table, and the first of equal prefixes wins.
  return longestPrefixMatch(entries, probe, (e) => (connectedOnly && !e.self ? undefined : e.network));
}

/** The parent route domain id of `rd`, if its `net route-domain` names one. */
function parentOf(config: BigipConfig, rd: number): number | undefined {
  const obj = Object.values(config.routeDomains).find((r) => r.id === rd);
  if (!obj?.parent) return undefined;
  const parent = config.routeDomains[obj.parent] ?? Object.values(config.routeDomains).find((r) => r.shortName === obj.parent?.slice(obj.parent.lastIndexOf('/') + 1));
  return parent?.id;
}

/** The VLAN of the connected network holding a next hop, or undefined. */
function nextHopVlan(config: BigipConfig, hop: IpAddress): string | undefined {
  return lookup(tableOf(config), hop, rdOf(hop), true)?.self?.vlan;
}

/**
 * The route to `address`, or undefined when no connected network or route reaches it (in its
 * route domain or a parent's). Only static configuration is read.
 */
export function routeTo(config: BigipConfig, address: IpAddress | string): RouteDecision | undefined {
  if (typeof address !== 'string') return lookupRoute(config, address);
  // Servers repeat (pool members): decisions are kept per configuration and address text.
  let cache = decisions.get(config);
  if (!cache) decisions.set(config, (cache = new Map()));
  const known = cache.get(address);
  if (known !== undefined) return known ?? undefined;
  const a = parseAddress(address);
  const d = a ? lookupRoute(config, a) : undefined;
  if (cache.size >= 10_000) cache.clear();
  cache.set(address, d ?? null);
  return d;
}

/** Decisions by configuration and address text (null: no route). */
const decisions = new WeakMap<BigipConfig, Map<string, RouteDecision | null>>();

/** The route to a parsed address (see `routeTo`). */
function lookupRoute(config: BigipConfig, a: IpAddress): RouteDecision | undefined {
  const entries = tableOf(config);
  const own = rdOf(a);
  let rd: number | undefined = own;
  const seen = new Set<number>();
  while (rd !== undefined && !seen.has(rd)) {
    seen.add(rd);
    const hit = lookup(entries, a, rd, false);
    if (hit) return decisionOf(config, hit, rd, rd === own ? undefined : rd);
    rd = parentOf(config, rd);
  }
  return undefined;
}

/**
 * The decision for a table entry found in route domain `rd` (a parent of the address's own when
 * `viaParent` is set), made once: it depends on the entry and those two only, and the table is
 * the configuration's own (`tableOf`).
 */
function decisionOf(config: BigipConfig, e: TableEntry, rd: number, viaParent: number | undefined): RouteDecision {
  // Route domain ids are 0-65534: a parent's gets a negative key.
  const key = viaParent === undefined ? rd : -1 - rd;
  let d = e.decisions?.get(key);
  if (!d) (e.decisions ??= new Map()).set(key, (d = decide(config, e, rd, viaParent)));
  return d;
}

/** Turns a table entry into a decision (next hop and egress VLAN). */
function decide(config: BigipConfig, e: TableEntry, rd: number, viaParent: number | undefined): RouteDecision {
  const withParent = (d: RouteDecision): RouteDecision => (viaParent !== undefined ? { ...d, viaParent } : d);
  if (e.self) return withParent({ ...(e.self.vlan ? { vlan: e.self.vlan } : {}), source: { kind: 'connected', selfIp: e.self.name, network: e.networkText } });
  const route = e.route!;
  const source: RouteSource = { kind: 'route', route: route.name, network: e.networkText };
  if (route.blackhole) return withParent({ source, problem: `route ${route.name} is a blackhole: BIG-IP drops the traffic` });
  if (route.gateway !== undefined) {
    const gw = parseAddress(route.gateway);
    // A gateway written without %N is in the route's own route domain.
    const hop = gw ? { ...gw, routeDomain: gw.routeDomain ?? rd } : undefined;
    const vlan = hop ? nextHopVlan(config, hop) : undefined;
    if (vlan) return withParent({ vlan, source, nextHop: route.gateway });
    return withParent({ source, nextHop: route.gateway, problem: `gateway ${route.gateway} of route ${route.name} is on no self IP subnet` });
  }
  if (route.vlan !== undefined) return withParent({ vlan: qualify(route.vlan), source });
  if (route.pool !== undefined) {
    const pool = config.pools[route.pool];
    const vlans = new Set<string>();
    for (const m of pool?.members ?? []) {
      const hop = m.address !== undefined ? parseAddress(m.address) : undefined;
      const v = hop ? nextHopVlan(config, { ...hop, routeDomain: hop.routeDomain ?? rd }) : undefined;
      vlans.add(v ?? '?');
    }
    if (vlans.size === 1 && !vlans.has('?')) return withParent({ vlan: [...vlans][0], source, nextHop: `a member of ${route.pool}` });
    const why = !pool || pool.members.length === 0 ? `gateway pool ${route.pool} has no members` : `the members of gateway pool ${route.pool} are not all on one VLAN`;
    return withParent({ source, problem: `${why}: the egress VLAN depends on the member BIG-IP picks` });
  }
  return withParent({ source, problem: `route ${route.name} has no gw, interface or pool` });
}

/** One line saying what decided a route: `route /Common/default (0.0.0.0/0 via 10.1.10.1)`, `self IP /Common/int_self (10.1.10.0/24)`. */
export function describeRoute(d: RouteDecision): string {
  const s = d.source;
  let text = s.kind === 'connected' ? `self IP ${s.selfIp} (connected ${s.network})` : `route ${s.route} (${s.network}${d.nextHop ? ` via ${d.nextHop}` : ''})`;
  if (d.viaParent !== undefined) text += ` in parent route domain ${d.viaParent}`;
  return text;
}

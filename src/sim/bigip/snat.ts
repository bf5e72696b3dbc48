/**
 * Source address translation: what an iRule (`snat`, `snatpool`, `LB::reselect snat...`) or the
 * virtual server's `source-address-translation` decided, turned into the address the server sees.
 * Automap picks a self IP on the egress VLAN (the VLAN the route to the selected server leaves
 * by: a self IP's connected subnet or a `net route`, src/bigip/routing.ts), floating before
 * non-floating (`automapCandidates` in src/bigip/query.ts, F5 K7336); a SNAT pool prefers an
 * address on the egress VLAN's subnets. When the configuration has self IPs or routes but none
 * reaches the server, nothing is guessed: the result has no address and a note says why.
 */
import { formatAddress, parseAddress } from '../../bigip/address.js';
import type { BigipConfig } from '../../bigip/model.js';
import { selectAutomapSelfIp, selectSnatpoolAddress } from '../../bigip/query.js';
import { describeRoute, type RouteDecision, routeTo } from '../../bigip/routing.js';
import type { EgressResult, SnatResult } from '../irule/types.js';

/** A SNAT setting. */
export type SnatDecision =
  | { type: 'automap' }
  | { type: 'none' }
  | { type: 'address'; address: string; port?: number }
  | { type: 'snatpool'; pool: string; member?: string };

/** How `LB::snat` reads a setting back (`none`, `automap`, `snatpool <name>`, `snat <addr>`). */
export function describeSnat(d: SnatDecision): string {
  switch (d.type) {
    case 'automap':
      return 'automap';
    case 'none':
      return 'none';
    case 'address':
      return `snat ${d.address}`;
    case 'snatpool':
      return `snatpool ${d.pool}`;
  }
}

/** Whether the configuration says anything about routing (self IPs or static routes). */
export function hasRouting(config: BigipConfig): boolean {
  return Object.keys(config.selfIps).length > 0 || Object.keys(config.routes ?? {}).length > 0;
}

/**
 * The route to the server as the result reports it, or undefined when the configuration has no
 * routing to judge by. `note` receives the problems (no route, blackhole, ambiguous gateway pool).
 */
export function egressFor(config: BigipConfig, server: string, note: (text: string) => void): EgressResult | undefined {
  if (!hasRouting(config)) return undefined;
  const route = routeTo(config, server);
  if (!route) {
    note(`no route to server ${server}: no self IP subnet or net route holds it (in its route domain or a parent's); BIG-IP cannot open the server-side connection`);
    return { vlan: null, decidedBy: null, route: null };
  }
  if (route.problem) note(route.problem);
  let decidedBy = descriptions.get(route);
  if (decidedBy === undefined) descriptions.set(route, (decidedBy = describeRoute(route)));
  return { vlan: route.vlan ?? null, decidedBy, route: route.source.kind === 'route' ? route.source.route : null };
}

/** `describeRoute` of each decision (routeTo keeps a decision per server address, which repeat across clients). */
const descriptions = new WeakMap<RouteDecision, string>();

/**
 * The translated source address of a server-side connection. `server` is the selected server
 * address (for the egress VLAN), `client` the client address (what `none` leaves). `note`
 * receives remarks (no self IP for automap, an empty SNAT pool ...).
 */
export function resolveSnat(
  config: BigipConfig,
  decision: SnatDecision,
  decidedBy: 'irule' | 'virtual',
  server: string | undefined,
  client: string,
  note: (text: string) => void,
  egress?: EgressResult,
): SnatResult {
  // With routing in the configuration, a server no route reaches (or one whose route names no
  // VLAN) gets no automap or SNAT pool address: the simulator does not guess one.
  const unrouted = egress !== undefined && egress.vlan === null;
  switch (decision.type) {
    case 'none':
      return { type: 'none', address: client, snatpool: null, decidedBy };
    case 'address': {
      const a = parseAddress(decision.address);
      return { type: 'address', address: a ? formatAddress(a) : decision.address, snatpool: null, decidedBy };
    }
    case 'automap': {
      if (unrouted) {
        note('automap has no egress VLAN to take a self IP from');
        return { type: 'automap', address: null, snatpool: null, decidedBy };
      }
      // Without a server, the client's address family picks the self IP's.
      const family = server === undefined ? parseAddress(client)?.family : undefined;
      const self = selectAutomapSelfIp(config, server !== undefined ? { serverAddress: server } : family ? { family } : {});
      if (!self?.address) note('automap found no self IP of the right address family and route domain; the connection would fail');
      return { type: 'automap', address: self?.address ?? null, snatpool: null, decidedBy };
    }
    case 'snatpool': {
      const pool = config.snatpools[decision.pool];
      let address: string | undefined;
      if (decision.member !== undefined) address = decision.member;
      else if (unrouted) note(`SNAT pool ${decision.pool}: no egress VLAN to choose an address by`);
      else if (pool) address = selectSnatpoolAddress(config, pool, server !== undefined ? { serverAddress: server } : {});
      if (address === undefined && !unrouted) note(`SNAT pool ${decision.pool} has no usable address`);
      return { type: 'snatpool', address: address ?? null, snatpool: decision.pool, decidedBy };
    }
  }
}

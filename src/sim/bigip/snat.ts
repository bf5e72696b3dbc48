/**
 * Source address translation: what an iRule (`snat`, `snatpool`, `LB::reselect snat...`) or the
 * virtual server's `source-address-translation` decided, turned into the address the server sees.
 * Automap picks a self IP on the egress VLAN (the VLAN whose self IP subnet holds the selected
 * server), floating before non-floating (`automapCandidates` in src/bigip/query.ts).
 */
import { formatAddress, parseAddress } from '../../bigip/address.js';
import type { BigipConfig } from '../../bigip/model.js';
import { selectAutomapSelfIp, selectSnatpoolAddress } from '../../bigip/query.js';
import type { SnatResult } from '../irule/types.js';

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
): SnatResult {
  switch (decision.type) {
    case 'none':
      return { type: 'none', address: client, snatpool: null, decidedBy };
    case 'address': {
      const a = parseAddress(decision.address);
      return { type: 'address', address: a ? formatAddress(a) : decision.address, snatpool: null, decidedBy };
    }
    case 'automap': {
      const family = parseAddress(client)?.family;
      const self = selectAutomapSelfIp(config, server !== undefined ? { serverAddress: server } : family ? { family } : {});
      if (!self?.address) note('automap found no self IP of the right address family and route domain; the connection would fail');
      return { type: 'automap', address: self?.address ?? null, snatpool: null, decidedBy };
    }
    case 'snatpool': {
      const pool = config.snatpools[decision.pool];
      let address: string | undefined;
      if (decision.member !== undefined) address = decision.member;
      else if (pool) address = selectSnatpoolAddress(config, pool, server !== undefined ? { serverAddress: server } : {});
      if (address === undefined) note(`SNAT pool ${decision.pool} has no usable address`);
      return { type: 'snatpool', address: address ?? null, snatpool: decision.pool, decidedBy };
    }
  }
}

/**
 * The typed BIG-IP configuration model: plain objects keyed by full path (`/Common/name`) that
 * survive `JSON.stringify`. Built by `parseBigipConf`; read by lint cross-checks and the simulator.
 * Addresses and networks are canonical text (`%N` route domain included); `query.ts` parses them
 * on demand for lookups (longest-prefix match, automap).
 */
import type { Range } from '../diagnostics.js';

/** Where an object was defined. */
export interface SourceLocation {
  /** Name of the config text (when several were given), else undefined. */
  source?: string;
  /** Range of the whole object in that text. */
  range: Range;
  /** 1-based line of the object's first character. */
  line: number;
}

/** Fields every named config object has. */
export interface ConfigObjectBase {
  /** Full path, e.g. `/Common/smtp_pool` (bare v10 names are put in `/Common`). */
  name: string;
  /** The partition (first path segment), e.g. `Common`. */
  partition: string;
  /** The last path segment, e.g. `smtp_pool`. */
  shortName: string;
  /** Where it was defined. */
  location: SourceLocation;
}

/** Type of a data group: what `class type` reports as `ip`, `string` or `value`. */
export type DataGroupType = 'ip' | 'string' | 'integer';

/** One data-group record. */
export interface DataGroupRecord {
  /** The key: for `ip` groups the canonical network `addr[%rd]/prefix` (`172.16.51.21/32`). */
  key: string;
  /** The data value ('' when the record has none). */
  data: string;
  /** Where the key was written (in the config text, or in the external file for external groups). */
  range?: Range;
}

/** An internal (`ltm data-group internal`, v10 `class`) or external data group. */
export interface DataGroup extends ConfigObjectBase {
  /** Discriminant. */
  kind: 'dataGroup';
  /** `ip`, `string` or `integer`. */
  type: DataGroupType;
  /** True for `ltm data-group external` (records come from the provided file content). */
  external: boolean;
  /** For external groups: the `external-file-name` as written (or v10 `filename`). */
  externalFileName?: string;
  /** For external groups: whether the file content was provided and read. */
  loaded?: boolean;
  /** Records in file order (duplicates removed: the first one wins, as a warning says). */
  records: DataGroupRecord[];
}

/** A `sys file data-group` object: the file behind an external data group. */
export interface DataGroupFile extends ConfigObjectBase {
  /** Discriminant. */
  kind: 'dataGroupFile';
  /** Declared type (`ip`, `string`, `integer`), if any. */
  type?: DataGroupType;
  /** `source-path` as written (e.g. `file:/var/tmp/x.txt`), if any. */
  sourcePath?: string;
}

/** A pool member. */
export interface PoolMember {
  /** Member name as written in full path form, e.g. `/Common/web1:80` or `/Common/dead:beef::1.80`. */
  name: string;
  /** Full path of the node part, e.g. `/Common/web1`. */
  node: string;
  /** Canonical address (route domain included) when known from `address`, the name, or the node. */
  address?: string;
  /** Port number (service names such as `smtp` are mapped). */
  port: number;
  /** `state` as written (`up`, `down`, `user-down`, `unchecked`, `checking`), if any. */
  state?: string;
  /** `session` as written (`user-enabled`, `user-disabled`, `monitor-enabled`), if any. */
  session?: string;
  /** True unless the session is `user-disabled` or the state `user-down` (forced offline). */
  enabled: boolean;
  /** Member-level monitor names, if any. */
  monitor?: string[];
  /** `priority-group`, if set. */
  priorityGroup?: number;
  /** `ratio`, if set. */
  ratio?: number;
  /** `connection-limit`, if set. */
  connectionLimit?: number;
  /** Where the member was written. */
  range: Range;
}

/** `ltm pool` (v10 `pool`). */
export interface Pool extends ConfigObjectBase {
  /** Discriminant. */
  kind: 'pool';
  /** `load-balancing-mode` (default `round-robin`; v10 `lb method least conn` becomes `least-conn`). */
  loadBalancingMode: string;
  /** Members in written order. */
  members: PoolMember[];
  /** Monitor names (`/Common/http and /Common/tcp` gives two); empty when none. */
  monitor: string[];
  /** `min-active-members` (default 0). */
  minActiveMembers: number;
  /** `allow-snat` (default true). */
  allowSnat: boolean;
  /** `allow-nat` (default true). */
  allowNat: boolean;
}

/** `ltm node` (v10 `node`). */
export interface LtmNode extends ConfigObjectBase {
  /** Discriminant. */
  kind: 'node';
  /** Canonical address, if given (an FQDN node has none). */
  address?: string;
  /** FQDN name for FQDN nodes. */
  fqdn?: string;
  /** Monitor names; empty when none. */
  monitor: string[];
  /** `state` as written, if any. */
  state?: string;
  /** `session` as written, if any. */
  session?: string;
}

/** `ltm monitor TYPE NAME` (v10 `monitor NAME { defaults from TYPE }`). */
export interface Monitor extends ConfigObjectBase {
  /** Discriminant. */
  kind: 'monitor';
  /** Monitor type, e.g. `http`, `smtp`, `tcp`, `gateway-icmp`. */
  type: string;
  /** `defaults-from` as a full path, if any. */
  defaultsFrom?: string;
  /** `interval` in seconds, if set. */
  interval?: number;
  /** `timeout` in seconds, if set. */
  timeout?: number;
  /** `destination` as written (`*:25`), if set. */
  destination?: string;
  /** Every simple `key value` property as written (send, recv, …). */
  properties: Record<string, string>;
}

/** `ltm snatpool` (v10 `snatpool`). */
export interface Snatpool extends ConfigObjectBase {
  /** Discriminant. */
  kind: 'snatpool';
  /** Member names as full paths (`/Common/10.0.2.100`), in order. */
  members: string[];
  /** Member addresses (canonical), resolved through `ltm snat-translation` objects or the names themselves. */
  addresses: string[];
}

/** `ltm snat-translation` (a SNAT address object). */
export interface SnatTranslation extends ConfigObjectBase {
  /** Discriminant. */
  kind: 'snatTranslation';
  /** Canonical address. */
  address?: string;
  /** Traffic group full path, if set. */
  trafficGroup?: string;
}

/** `ltm snat` (a standalone SNAT, not on a virtual). */
export interface Snat extends ConfigObjectBase {
  /** Discriminant. */
  kind: 'snat';
  /** What the SNAT translates to. */
  translation: { type: 'automap' } | { type: 'snatpool'; pool: string } | { type: 'translation'; address: string } | { type: 'none' };
  /** Origin networks (canonical `addr/prefix`). */
  origins: string[];
  /** VLAN names (full paths). */
  vlans: string[];
  /** True when `vlans-enabled` (the list is where it applies), false when `vlans-disabled`. */
  vlansEnabled: boolean;
}

/** Profile context on a virtual. */
export type ProfileContext = 'all' | 'clientside' | 'serverside';

/** A profile attached to a virtual. */
export interface VirtualProfile {
  /** Profile full path. */
  name: string;
  /** Which side it applies to (default `all`). */
  context: ProfileContext;
}

/** A persistence profile attached to a virtual. */
export interface VirtualPersistence {
  /** Profile full path (`/Common/source_addr`). */
  name: string;
  /** True for the default persistence profile (`default yes`). */
  default: boolean;
}

/** `source-address-translation` of a virtual (v11.0–11.4 `snat automap` / `snatpool` forms too). */
export interface SourceAddressTranslation {
  /** `automap`, `snat` (a SNAT pool), `lsn` or `none`. */
  type: 'automap' | 'snat' | 'lsn' | 'none';
  /** The SNAT or LSN pool (full path) when `type` is `snat` or `lsn`. */
  pool?: string;
}

/** The destination of a virtual server. */
export interface VirtualDestination {
  /** As written, e.g. `/Common/172.16.51.174:25`. */
  raw: string;
  /** Full path of the virtual-address part (`/Common/172.16.51.174`, or a named virtual address). */
  addressName: string;
  /** Canonical address with `%N` when written, e.g. `172.16.51.174`; undefined if the name did not resolve. */
  address?: string;
  /** Route domain, when written (or inherited from a named virtual address). */
  routeDomain?: number;
  /** Port (0 for `any`). */
  port: number;
  /** Address family, when the address is known. */
  family?: 4 | 6;
}

/** `ltm virtual` (v10 `virtual`). */
export interface VirtualServer extends ConfigObjectBase {
  /** Discriminant. */
  kind: 'virtual';
  /** Destination, when present and valid. */
  destination?: VirtualDestination;
  /** Destination mask (default all ones); `any` becomes the zero mask. */
  mask?: string;
  /** Prefix length of the mask. */
  maskPrefix?: number;
  /** `source` network (canonical), default `0.0.0.0/0` / `::/0`. */
  source?: string;
  /** `ip-protocol` (`tcp`, `udp`, `any`, …), if set. */
  ipProtocol?: string;
  /** Default pool full path, if any. */
  pool?: string;
  /** Attached iRules, full paths, in attach order. */
  rules: string[];
  /** SNAT setting (`none` when absent). */
  sourceAddressTranslation: SourceAddressTranslation;
  /** Persistence profiles (at most one should be `default`). */
  persist: VirtualPersistence[];
  /** `fallback-persistence` full path, if any. */
  fallbackPersistence?: string;
  /** Attached profiles. */
  profiles: VirtualProfile[];
  /** VLAN names (full paths). */
  vlans: string[];
  /** True with `vlans-enabled` (listen only on `vlans`); false means all VLANs except `vlans`. */
  vlansEnabled: boolean;
  /** False when `disabled`. */
  enabled: boolean;
  /** Virtual type: `standard`, `ip-forward`, `l2-forward`, `reject`, `stateless`, `internal`, `dhcp-relay`. */
  virtualType: string;
  /** `translate-address` (default true). */
  translateAddress: boolean;
  /** `translate-port` (default true). */
  translatePort: boolean;
}

/** `ltm virtual-address` (v10 `virtual address`). */
export interface VirtualAddress extends ConfigObjectBase {
  /** Discriminant. */
  kind: 'virtualAddress';
  /** Canonical address (from `address`, else from the name). */
  address?: string;
  /** `mask`, if set. */
  mask?: string;
  /** `arp` enabled (default true). */
  arp: boolean;
  /** `icmp-echo` enabled (default true). */
  icmpEcho: boolean;
  /** `enabled` (default true; false with `enabled no` / `disabled`). */
  enabled: boolean;
  /** Traffic group full path, if set. */
  trafficGroup?: string;
  /** True unless the traffic group is `traffic-group-local-only`. */
  floating: boolean;
}

/** `net self` (v10 `self`). */
export interface SelfIp extends ConfigObjectBase {
  /** Discriminant. */
  kind: 'selfIp';
  /** Canonical address without prefix (route domain included). */
  address?: string;
  /** The subnet, canonical `addr[%rd]/prefix` (host bits cleared). */
  network?: string;
  /** Prefix length of the subnet. */
  prefixLength?: number;
  /** VLAN full path. */
  vlan?: string;
  /** Traffic group full path (default `/Common/traffic-group-local-only`). */
  trafficGroup: string;
  /** True unless the traffic group is `traffic-group-local-only` (v10: `floating enable`). */
  floating: boolean;
  /** `allow-service`: `[]` for none, `['all']`, `['default']`, or `proto:port` entries. */
  allowService: string[];
}

/** A VLAN interface. */
export interface VlanInterface {
  /** Interface name, e.g. `1.1`. */
  name: string;
  /** True when tagged. */
  tagged: boolean;
}

/** `net vlan` (v10 `vlan`). */
export interface Vlan extends ConfigObjectBase {
  /** Discriminant. */
  kind: 'vlan';
  /** Interfaces. */
  interfaces: VlanInterface[];
  /** 802.1Q tag, if set. */
  tag?: number;
}

/** `net route-domain`. */
export interface RouteDomain extends ConfigObjectBase {
  /** Discriminant. */
  kind: 'routeDomain';
  /** Numeric id (the `%N` in addresses). */
  id?: number;
  /** Parent route domain full path, if any. */
  parent?: string;
  /** `strict` (default true). */
  strict: boolean;
  /** VLAN names (full paths). */
  vlans: string[];
}

/**
 * `net route`: a static route. BIG-IP sends traffic for `network` to `gateway` (the next hop),
 * out of `vlan` (an `interface` route), or to one of the members of `pool` (a gateway pool).
 */
export interface NetRoute extends ConfigObjectBase {
  /** Discriminant. */
  kind: 'route';
  /** Destination network, canonical `addr[%rd]/prefix` (`default` is `0.0.0.0/0`, `default-inet6` is `::/0`). */
  network?: string;
  /** Next-hop address (`gw`), canonical, route domain included when written. */
  gateway?: string;
  /** Egress VLAN or tunnel full path (`interface`), for routes without a gateway. */
  vlan?: string;
  /** Gateway pool full path (`pool`): its members are the next hops. */
  pool?: string;
  /** True for a `blackhole` route (traffic is dropped). */
  blackhole: boolean;
}

/** A tmsh profile (`ltm profile TYPE NAME`) or persistence profile (`ltm persistence TYPE NAME`). */
export interface Profile extends ConfigObjectBase {
  /** Discriminant. */
  kind: 'profile';
  /** `profile` or `persistence`. */
  category: 'profile' | 'persistence';
  /** Profile type as written (`http`, `client-ssl`, `tcp`, `source-addr`, …). */
  type: string;
  /** `defaults-from` full path, if any. */
  defaultsFrom?: string;
}

/** An iRule object (`ltm rule`, v10 `rule`) with its text as written. */
export interface IRule extends ConfigObjectBase {
  /** Discriminant. */
  kind: 'rule';
  /** The raw iRule text between the braces, verbatim (trailing signature lines excluded). */
  text: string;
  /** Range of `text` in the config text: offset 0 of `text` is `textRange.start` there. */
  textRange: Range;
  /** 1-based line in the config text where `text` starts. */
  textLine: number;
  /** 1-based column in the config text where `text` starts. */
  textColumn: number;
  /** Trailing `definition-signature`, `verification-status` … lines, split off the text. */
  metadata: Record<string, string>;
}

/** An `auth partition` object. */
export interface Partition {
  /** Partition name (no slashes). */
  name: string;
  /** `default-route-domain`, if set: addresses written without `%N` in this partition are in it. */
  defaultRouteDomain?: number;
}

/** The parsed configuration. Every map is keyed by full path. */
export interface BigipConfig {
  /** Version from a `#TMSH-VERSION: x` header, if present. */
  version?: string;
  /** `v11` for tmsh syntax, `v10` for bigpipe syntax, `mixed` if both occur, `unknown` when empty. */
  syntax: 'v11' | 'v10' | 'mixed' | 'unknown';
  /** Data groups (internal and external). */
  dataGroups: Record<string, DataGroup>;
  /** `sys file data-group` objects. */
  dataGroupFiles: Record<string, DataGroupFile>;
  /** Pools. */
  pools: Record<string, Pool>;
  /** Nodes. */
  nodes: Record<string, LtmNode>;
  /** Monitors. */
  monitors: Record<string, Monitor>;
  /** SNAT pools. */
  snatpools: Record<string, Snatpool>;
  /** SNAT translation address objects. */
  snatTranslations: Record<string, SnatTranslation>;
  /** Standalone SNATs. */
  snats: Record<string, Snat>;
  /** Virtual servers. */
  virtuals: Record<string, VirtualServer>;
  /** Virtual addresses. */
  virtualAddresses: Record<string, VirtualAddress>;
  /** Self IPs. */
  selfIps: Record<string, SelfIp>;
  /** VLANs. */
  vlans: Record<string, Vlan>;
  /** Route domains. */
  routeDomains: Record<string, RouteDomain>;
  /** Profiles and persistence profiles. */
  profiles: Record<string, Profile>;
  /** iRules. */
  rules: Record<string, IRule>;
  /** Partitions (`auth partition`), keyed by name (`Common` is always there). */
  partitions: Record<string, Partition>;
  /** Static routes (`net route`), by full path; absent when the configuration has none. */
  routes?: Record<string, NetRoute>;
  /** `sys global-settings { hostname … }`, if given. */
  hostname?: string;
}

/** Maps a kind name (as used by `resolveName`) to its object type. */
export interface ConfigKindMap {
  dataGroup: DataGroup;
  dataGroupFile: DataGroupFile;
  pool: Pool;
  node: LtmNode;
  monitor: Monitor;
  snatpool: Snatpool;
  snatTranslation: SnatTranslation;
  snat: Snat;
  virtual: VirtualServer;
  virtualAddress: VirtualAddress;
  selfIp: SelfIp;
  vlan: Vlan;
  routeDomain: RouteDomain;
  profile: Profile;
  rule: IRule;
}

/** A kind of config object. */
export type ConfigKind = keyof ConfigKindMap;

/** Any config object. */
export type ConfigObject = ConfigKindMap[ConfigKind];

/** Which `BigipConfig` map holds each kind. */
export const KIND_MAP_KEY = {
  dataGroup: 'dataGroups',
  dataGroupFile: 'dataGroupFiles',
  pool: 'pools',
  node: 'nodes',
  monitor: 'monitors',
  snatpool: 'snatpools',
  snatTranslation: 'snatTranslations',
  snat: 'snats',
  virtual: 'virtuals',
  virtualAddress: 'virtualAddresses',
  selfIp: 'selfIps',
  vlan: 'vlans',
  routeDomain: 'routeDomains',
  profile: 'profiles',
  rule: 'rules',
} as const satisfies Record<ConfigKind, keyof BigipConfig>;

/** An empty configuration (only the `Common` partition). */
export function emptyConfig(): BigipConfig {
  return {
    syntax: 'unknown',
    dataGroups: {},
    dataGroupFiles: {},
    pools: {},
    nodes: {},
    monitors: {},
    snatpools: {},
    snatTranslations: {},
    snats: {},
    virtuals: {},
    virtualAddresses: {},
    selfIps: {},
    vlans: {},
    routeDomains: {},
    profiles: {},
    rules: {},
    partitions: { Common: { name: 'Common' } },
  };
}

/**
 * IPv4/IPv6 address utilities for the BIG-IP model: parsing with `%N` route domains, CIDR
 * networks, dotted masks, containment and longest-prefix match. Pure functions on plain data;
 * addresses are held as bigints so IPv4 and IPv6 share one code path.
 */

/** Address family: 4 or 6. */
export type IpFamily = 4 | 6;

/** A parsed IP address. */
export interface IpAddress {
  /** 4 or 6. */
  family: IpFamily;
  /** The address as an unsigned integer (32 or 128 bits). */
  value: bigint;
  /** The route domain written after `%`, if any (`10.0.0.1%2` → 2). */
  routeDomain?: number;
}

/** A parsed network: an address with its host bits cleared plus a prefix length. */
export interface IpNetwork {
  /** The network address (host bits zero), carrying the route domain if written. */
  address: IpAddress;
  /** Prefix length: 0–32 for IPv4, 0–128 for IPv6. */
  prefix: number;
}

/** Options for comparisons that involve route domains. */
export interface RouteDomainOptions {
  /** Compare addresses regardless of their route domains (default false). */
  ignoreRouteDomain?: boolean;
  /** The route domain assumed for an address written without `%N` (default 0). */
  defaultRouteDomain?: number;
}

/** Number of bits in an address of the family. */
export function familyBits(family: IpFamily): number {
  return family === 4 ? 32 : 128;
}

const HEX_GROUP_RE = /^[0-9a-fA-F]{1,4}$/;

/** Set by each `readDottedQuad` that succeeds: where the quad ends, and whether a group has a leading zero. */
let quadEnd = 0;
let quadLeadingZero = false;

/**
 * Reads the dotted quad at the start of `text` by character codes (no regular expression or
 * bigint): four groups of one to three decimal digits, each at most 255 (leading zeros allowed,
 * read as decimal), joined by dots. Returns its 32-bit value and sets `quadEnd` and
 * `quadLeadingZero`, or returns -1. What follows the quad is the caller's to check.
 */
function readDottedQuad(text: string): number {
  let i = 0;
  let value = 0;
  let leadingZero = false;
  for (let octet = 0; octet < 4; octet++) {
    if (octet > 0) {
      if (text.charCodeAt(i) !== 46 /* . */) return -1;
      i++;
    }
    const start = i;
    let v = 0;
    for (let c = text.charCodeAt(i); c >= 48 && c <= 57 && i - start < 4; c = text.charCodeAt(++i)) v = v * 10 + (c - 48);
    if (i === start || i - start > 3 || v > 255) return -1;
    if (i - start > 1 && text.charCodeAt(start) === 48) leadingZero = true;
    value = value * 256 + v;
  }
  quadEnd = i;
  quadLeadingZero = leadingZero;
  return value;
}

/**
 * Parses a dotted-quad IPv4 address (no route domain) to its 32-bit value: the whole text is one
 * quad (`readDottedQuad`; every simulated client parses its addresses several times).
 */
function parseIpv4Value(text: string): bigint | undefined {
  if (text.length < 7 || text.length > 15) return undefined;
  const value = readDottedQuad(text);
  return value >= 0 && quadEnd === text.length ? BigInt(value) : undefined;
}

/** Parses an IPv6 address (no route domain, optional embedded IPv4 tail) to its 128-bit value. */
function parseIpv6Value(text: string): bigint | undefined {
  if (text.length === 0 || text.length > 45) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parseGroups = (part: string): number[] | undefined => {
    if (part === '') return [];
    const groups: number[] = [];
    const pieces = part.split(':');
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i];
      if (i === pieces.length - 1 && piece.includes('.')) {
        const v4 = parseIpv4Value(piece);
        if (v4 === undefined) return undefined;
        groups.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      } else if (HEX_GROUP_RE.test(piece)) {
        groups.push(parseInt(piece, 16));
      } else {
        return undefined;
      }
    }
    return groups;
  };
  const head = parseGroups(halves[0]);
  const tail = halves.length === 2 ? parseGroups(halves[1]) : [];
  if (!head || !tail) return undefined;
  let groups: number[];
  if (halves.length === 2) {
    const missing = 8 - head.length - tail.length;
    if (missing < 1) return undefined;
    groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  } else {
    groups = head;
  }
  if (groups.length !== 8) return undefined;
  let value = 0n;
  for (const g of groups) value = (value << 16n) | BigInt(g);
  return value;
}

/** Splits `addr%rd` into the address text and the route domain (undefined if absent or bad). */
function splitRouteDomain(text: string): { addr: string; routeDomain?: number; bad: boolean } {
  const pct = text.indexOf('%');
  if (pct === -1) return { addr: text, bad: false };
  const rd = text.slice(pct + 1);
  if (!/^\d{1,5}$/.test(rd)) return { addr: text.slice(0, pct), bad: true };
  return { addr: text.slice(0, pct), routeDomain: Number(rd), bad: false };
}

/** Parses an IPv4 or IPv6 address with an optional `%N` route domain; undefined if invalid. */
export function parseAddress(text: string): IpAddress | undefined {
  const { addr, routeDomain, bad } = splitRouteDomain(text.trim());
  if (bad) return undefined;
  const v4 = parseIpv4Value(addr);
  if (v4 !== undefined) return withRd({ family: 4, value: v4 }, routeDomain);
  if (addr.includes(':')) {
    const v6 = parseIpv6Value(addr);
    if (v6 !== undefined) return withRd({ family: 6, value: v6 }, routeDomain);
  }
  return undefined;
}

/** Adds a route domain to an address object only when it is defined (keeps objects minimal). */
function withRd(addr: IpAddress, routeDomain: number | undefined): IpAddress {
  if (routeDomain !== undefined) addr.routeDomain = routeDomain;
  return addr;
}

/** True when the text is a valid IPv4 or IPv6 address (route domain allowed). */
export function isAddress(text: string): boolean {
  return parseAddress(text) !== undefined;
}

/** Masks by prefix length, per family (index = prefix). */
const MASKS: Record<IpFamily, bigint[]> = { 4: makeMasks(32), 6: makeMasks(128) };

/** All prefix masks of a `bits`-wide address. */
function makeMasks(bits: number): bigint[] {
  const all = (1n << BigInt(bits)) - 1n;
  const out: bigint[] = [];
  for (let p = 0; p <= bits; p++) out.push(p === 0 ? 0n : (all >> BigInt(bits - p)) << BigInt(bits - p));
  return out;
}

/** The mask of `prefix` leading one bits for the family. */
function prefixMask(family: IpFamily, prefix: number): bigint {
  const masks = MASKS[family];
  return masks[Math.max(0, Math.min(prefix, masks.length - 1))];
}

/** Turns a dotted IPv4 mask or an IPv6 mask into a prefix length; undefined if not contiguous. */
export function maskToPrefix(mask: string): number | undefined {
  const m = parseAddress(mask);
  if (!m || m.routeDomain !== undefined) return undefined;
  const prefix = MASKS[m.family].indexOf(m.value);
  return prefix === -1 ? undefined : prefix;
}

/** Formats a prefix length as a mask (`24` → `255.255.255.0`, or an IPv6 mask). */
export function prefixToMask(prefix: number, family: IpFamily): string {
  return formatAddress({ family, value: prefixMask(family, prefix) });
}

/**
 * Parses a network: `addr`, `addr/len`, `addr%rd/len` or `addr/dotted-mask`. A bare address is a
 * host network (/32 or /128). Host bits are cleared; `hostBitsSet` says whether any were set.
 */
export function parseNetworkDetailed(
  text: string,
): { network: IpNetwork; hostBitsSet: boolean } | undefined {
  const t = text.trim();
  const slash = t.indexOf('/');
  const addr = parseAddress(slash === -1 ? t : t.slice(0, slash));
  if (!addr) return undefined;
  const bits = familyBits(addr.family);
  let prefix = bits;
  if (slash !== -1) {
    const p = t.slice(slash + 1);
    if (/^\d{1,3}$/.test(p)) prefix = Number(p);
    else {
      const fromMask = maskToPrefix(p);
      if (fromMask === undefined) return undefined;
      if (parseAddress(p)?.family !== addr.family) return undefined;
      prefix = fromMask;
    }
    if (prefix > bits) return undefined;
  }
  const mask = prefixMask(addr.family, prefix);
  const network = { address: withRd({ family: addr.family, value: addr.value & mask }, addr.routeDomain), prefix };
  return { network, hostBitsSet: (addr.value & mask) !== addr.value };
}

/** Parses a network (see `parseNetworkDetailed`); undefined if invalid. */
export function parseNetwork(text: string): IpNetwork | undefined {
  return parseNetworkDetailed(text)?.network;
}

/** Builds a network from an address and a dotted mask (`10.0.0.0`, `255.0.0.0`); undefined if invalid. */
export function networkFromMask(address: string, mask: string): IpNetwork | undefined {
  const a = parseAddress(address);
  const prefix = maskToPrefix(mask);
  if (!a || prefix === undefined || parseAddress(mask)?.family !== a.family) return undefined;
  return toNetwork(a, prefix);
}

/** The network of `prefix` bits that contains the address (host bits cleared). */
export function toNetwork(address: IpAddress, prefix: number): IpNetwork {
  const p = Math.max(0, Math.min(prefix, familyBits(address.family)));
  const value = address.value & prefixMask(address.family, p);
  return { address: withRd({ family: address.family, value }, address.routeDomain), prefix: p };
}

/**
 * Formats an address: dotted quad, or RFC 5952 IPv6 (lower case, longest zero run as `::`),
 * followed by `%N` when it carries a route domain and `withRouteDomain` is not false.
 */
export function formatAddress(address: IpAddress, withRouteDomain = true): string {
  let text: string;
  if (address.family === 4) {
    const v = Number(address.value);
    text = `${Math.floor(v / 16777216) & 255}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
  } else {
    const groups: number[] = [];
    for (let i = 7; i >= 0; i--) groups.push(Number((address.value >> BigInt(i * 16)) & 0xffffn));
    let bestStart = -1;
    let bestLen = 0;
    for (let i = 0; i < 8; ) {
      if (groups[i] !== 0) {
        i++;
        continue;
      }
      let j = i;
      while (j < 8 && groups[j] === 0) j++;
      if (j - i > bestLen && j - i >= 2) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    const hex = groups.map((g) => g.toString(16));
    if (bestStart === -1) text = hex.join(':');
    else {
      text = `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
    }
  }
  return withRouteDomain && address.routeDomain !== undefined ? `${text}%${address.routeDomain}` : text;
}

/** Formats a network as `addr[%rd]/prefix`. */
export function formatNetwork(network: IpNetwork): string {
  return `${formatAddress(network.address)}/${network.prefix}`;
}

/** The route domain an address is in, applying the default for addresses written without `%N`. */
function effectiveRd(address: IpAddress, options: RouteDomainOptions | undefined): number {
  return address.routeDomain ?? options?.defaultRouteDomain ?? 0;
}

/** True when both addresses are the same (family, value and, unless ignored, route domain). */
export function addressEquals(a: IpAddress, b: IpAddress, options?: RouteDomainOptions): boolean {
  if (a.family !== b.family || a.value !== b.value) return false;
  return options?.ignoreRouteDomain === true || effectiveRd(a, options) === effectiveRd(b, options);
}

/**
 * True when the network contains the address: same family, same route domain (an address without
 * `%N` is in `defaultRouteDomain`, 0 unless given) and the same leading `prefix` bits.
 */
export function networkContains(network: IpNetwork, address: IpAddress, options?: RouteDomainOptions): boolean {
  if (network.address.family !== address.family) return false;
  if (!options?.ignoreRouteDomain && effectiveRd(network.address, options) !== effectiveRd(address, options)) {
    return false;
  }
  const mask = prefixMask(address.family, network.prefix);
  return (address.value & mask) === (network.address.value & mask);
}

/** True when `outer` contains every address of `inner`. */
export function networkContainsNetwork(outer: IpNetwork, inner: IpNetwork, options?: RouteDomainOptions): boolean {
  return outer.prefix <= inner.prefix && networkContains(outer, inner.address, options);
}

/** Accepts either text or a parsed address; undefined when the text is not an address. */
function toAddress(address: IpAddress | string): IpAddress | undefined {
  return typeof address === 'string' ? parseAddress(address) : address;
}

/**
 * The entry whose network contains the address with the longest prefix (the first such entry on
 * a tie), or undefined. `networkOf` returns an entry's network (undefined entries are skipped).
 */
export function longestPrefixMatch<T>(
  entries: Iterable<T>,
  address: IpAddress | string,
  networkOf: (entry: T) => IpNetwork | undefined,
  options?: RouteDomainOptions,
): T | undefined {
  const addr = toAddress(address);
  if (!addr) return undefined;
  let best: T | undefined;
  let bestPrefix = -1;
  for (const entry of entries) {
    const net = networkOf(entry);
    if (net && net.prefix > bestPrefix && networkContains(net, addr, options)) {
      best = entry;
      bestPrefix = net.prefix;
    }
  }
  return best;
}

/**
 * A network as a lookup key: IPv4 values are numbers (no bigint to allocate for the common case),
 * IPv6 values bigints; `routeDomain` as written.
 */
export interface NetworkKey {
  /** 4 or 6. */
  family: IpFamily;
  /** The network address with host bits cleared: a number for IPv4, a bigint for IPv6. */
  value: number | bigint;
  /** Prefix length. */
  prefix: number;
  /** The route domain written after `%`, if any. */
  routeDomain?: number;
  /** True when the text had host bits set (they are cleared in `value`). */
  hostBitsSet: boolean;
  /** True when the text is already the canonical `addr[%rd]/prefix` that `formatNetworkKey` would give. */
  exact?: boolean;
}

/** The 32-bit mask of `prefix` leading one bits, as an unsigned number. */
function v4Mask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/**
 * Reads `a.b.c.d`, `a.b.c.d/len` or `a.b.c.d%rd/len` (what `parseNetworkDetailed` accepts for
 * IPv4 with a numeric prefix) by character codes, without a regular expression or a bigint: the
 * fast path for million-record data groups. Undefined for anything else (IPv6, dotted masks,
 * blanks, bad numbers): the caller then takes the general path, which gives the same answer.
 */
export function parseIpv4NetworkKey(text: string): NetworkKey | undefined {
  const n = text.length;
  const value = readDottedQuad(text);
  if (value < 0) return undefined;
  let i = quadEnd;
  let leadingZero = quadLeadingZero;
  let routeDomain: number | undefined;
  if (i < n && text.charCodeAt(i) === 37 /* % */) {
    const start = ++i;
    let rd = 0;
    while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) rd = rd * 10 + (text.charCodeAt(i++) - 48);
    if (i === start || i - start > 5) return undefined;
    if (i - start > 1 && text.charCodeAt(start) === 48) leadingZero = true;
    routeDomain = rd;
  }
  let prefix = 32;
  const slash = i < n;
  if (slash) {
    if (text.charCodeAt(i) !== 47 /* / */) return undefined;
    const start = ++i;
    prefix = 0;
    while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) prefix = prefix * 10 + (text.charCodeAt(i++) - 48);
    if (i !== n || i === start || i - start > 3 || prefix > 32) return undefined;
    if (i - start > 1 && text.charCodeAt(start) === 48) leadingZero = true;
  }
  const network = (value & v4Mask(prefix)) >>> 0;
  const key: NetworkKey = { family: 4, value: network, prefix, hostBitsSet: network !== value, exact: slash && !leadingZero && network === value };
  if (routeDomain !== undefined) key.routeDomain = routeDomain;
  return key;
}

/** The key of a network text: the IPv4 fast path, else `parseNetworkDetailed`; undefined if invalid. */
export function networkKey(text: string): NetworkKey | undefined {
  const fast = parseIpv4NetworkKey(text);
  if (fast) return fast;
  const parsed = parseNetworkDetailed(text);
  return parsed ? keyOfNetwork(parsed.network, parsed.hostBitsSet) : undefined;
}

/** The key of a parsed network. */
function keyOfNetwork(net: IpNetwork, hostBitsSet = false): NetworkKey {
  const a = net.address;
  const key: NetworkKey = { family: a.family, value: a.family === 4 ? Number(a.value) : a.value, prefix: net.prefix, hostBitsSet };
  if (a.routeDomain !== undefined) key.routeDomain = a.routeDomain;
  return key;
}

/** Formats a network key as `addr[%rd]/prefix` (as `formatNetwork` does). */
export function formatNetworkKey(key: NetworkKey): string {
  let text: string;
  if (key.family === 4) {
    const v = key.value as number;
    text = `${Math.floor(v / 16777216) & 255}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
  } else text = formatAddress({ family: 6, value: key.value as bigint }, false);
  return `${text}${key.routeDomain !== undefined ? `%${key.routeDomain}` : ''}/${key.prefix}`;
}

/** Route domain key of a table: a number, or -1 when route domains are ignored. */
type RdKey = number;

/**
 * A longest-prefix-match index for large sets of networks (e.g. an `ip` data group with a million
 * records): one hash lookup per distinct prefix length instead of a scan of every entry. Keys are
 * numbers for IPv4, so building it allocates no string or bigint per entry.
 */
export class PrefixTable<T> {
  /** Entries by family, then route domain, then prefix length, then network value (first entry wins on duplicates). */
  private readonly tables: Record<IpFamily, Map<RdKey, Map<number, Map<number | bigint, T>>>> = { 4: new Map(), 6: new Map() };
  /** Distinct prefix lengths per family, longest first. */
  private readonly prefixes: Record<IpFamily, number[]> = { 4: [], 6: [] };

  /** Builds the table; `networkOf` returns an entry's network or network key (undefined entries are skipped). */
  constructor(
    entries: Iterable<T>,
    networkOf: (entry: T) => IpNetwork | NetworkKey | undefined,
    private readonly options: RouteDomainOptions = {},
  ) {
    const seen: Record<IpFamily, Set<number>> = { 4: new Set(), 6: new Set() };
    // The map of the previous entry: records in a row mostly share family, route domain and prefix.
    let last: { family: IpFamily; rd: RdKey; prefix: number; values: Map<number | bigint, T> } | undefined;
    for (const entry of entries) {
      const got = networkOf(entry);
      if (!got) continue;
      const key = 'address' in got ? keyOfNetwork(got) : got;
      const rd = this.rdKey(key.routeDomain);
      if (!last || last.family !== key.family || last.rd !== rd || last.prefix !== key.prefix) {
        const byPrefix = this.byPrefix(key.family, rd, true) as Map<number, Map<number | bigint, T>>;
        let values = byPrefix.get(key.prefix);
        if (!values) byPrefix.set(key.prefix, (values = new Map()));
        seen[key.family].add(key.prefix);
        last = { family: key.family, rd, prefix: key.prefix, values };
      }
      // IPv4 values as int32, which V8 hashes as small integers (an unsigned value past 2^31 is a heap number).
      const v = key.family === 4 ? (key.value as number) | 0 : key.value;
      if (!last.values.has(v)) last.values.set(v, entry);
    }
    for (const family of [4, 6] as const) this.prefixes[family] = [...seen[family]].sort((a, b) => b - a);
  }

  /** The entry with the longest prefix containing the address, or undefined. */
  lookup(address: IpAddress | string): T | undefined {
    const addr = toAddress(address);
    if (!addr) return undefined;
    const byPrefix = this.byPrefix(addr.family, this.rdKey(addr.routeDomain), false);
    if (!byPrefix) return undefined;
    const v4 = addr.family === 4 ? Number(addr.value) : 0;
    for (const prefix of this.prefixes[addr.family]) {
      const values = byPrefix.get(prefix);
      if (!values) continue;
      const hit = values.get(addr.family === 4 ? v4 & v4Mask(prefix) : addr.value & prefixMask(6, prefix));
      if (hit !== undefined) return hit;
    }
    return undefined;
  }

  /** The table key of a route domain as written (the default applies to none; -1 when ignored). */
  private rdKey(routeDomain: number | undefined): RdKey {
    return this.options.ignoreRouteDomain ? -1 : routeDomain ?? this.options.defaultRouteDomain ?? 0;
  }

  /** The prefix map of a family and route domain, made when `create` is set. */
  private byPrefix(family: IpFamily, rd: RdKey, create: boolean): Map<number, Map<number | bigint, T>> | undefined {
    const byRd = this.tables[family];
    let m = byRd.get(rd);
    if (!m && create) byRd.set(rd, (m = new Map()));
    return m;
  }
}

/** An address and port as written in a destination or pool member name. */
export interface HostPort {
  /** The address (or node / virtual-address name) part, route domain included. */
  host: string;
  /** The port part as written (number or service name), empty if absent. */
  port: string;
}

/**
 * Splits `host:port` (IPv4 or a name) or `v6addr.port` (IPv6: the port follows the last `.`,
 * as tmsh writes `dead:beef::1.80`). `any6.any` is also accepted. Returns undefined if there is
 * no port separator.
 */
export function splitHostPort(text: string): HostPort | undefined {
  const colons = text.split(':').length - 1;
  if (colons >= 2) {
    const dot = text.lastIndexOf('.');
    if (dot === -1) return undefined;
    const host = text.slice(0, dot);
    // An embedded IPv4 tail (`::ffff:1.2.3.4.80`) keeps its dots: only the last one is the port.
    return { host, port: text.slice(dot + 1) };
  }
  if (colons === 1) {
    const i = text.indexOf(':');
    return { host: text.slice(0, i), port: text.slice(i + 1) };
  }
  const dot = text.lastIndexOf('.');
  if (dot !== -1 && text.slice(0, dot).split('%')[0] === 'any6') {
    return { host: text.slice(0, dot), port: text.slice(dot + 1) };
  }
  return undefined;
}

/** Parses tmsh's wildcard address words: `any` → 0.0.0.0, `any6` → ::, with optional `%N`. */
export function parseAddressOrAny(text: string): IpAddress | undefined {
  const { addr, routeDomain, bad } = splitRouteDomain(text);
  if (bad) return undefined;
  if (addr === 'any') return withRd({ family: 4, value: 0n }, routeDomain);
  if (addr === 'any6') return withRd({ family: 6, value: 0n }, routeDomain);
  return parseAddress(text);
}

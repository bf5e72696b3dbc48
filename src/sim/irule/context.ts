/**
 * The mocked BIG-IP state the iRule commands read and change: the simulated virtual server, the
 * configuration, load-balancing and persistence state shared by all connections, the session
 * table, the simulated clock, and the current connection with its effects (SNAT, pool, action,
 * response, logs). Builtins receive the `SimContext` in `install(interp, ctx)`.
 */
import { type IpAddress, parseAddress } from '../../bigip/address.js';
import type { BigipConfig, DataGroup, Pool, PoolMember, Snatpool, VirtualServer } from '../../bigip/model.js';
import { resolveName } from '../../bigip/resolve.js';
import { atLeast } from '../../catalog/version.js';
import { type DataGroupView, viewOf, viewOfList } from '../bigip/datagroups.js';
import { LbState, PersistStore } from '../bigip/lb.js';
import { SessionTable } from '../bigip/session-table.js';
import type { SnatDecision } from '../bigip/snat.js';
import type { Budget, Frame, Interp } from '../interp.js';
import type { HttpMessage } from './http.js';
import type { LoadedRule } from './load.js';
import { positionOf } from './load.js';
import type { DecisionSite, EgressResult, ErrorResult, ResponseResult, SnatResult } from './types.js';
import type { Word } from '../../syntax/ast.js';

/** Persistence as a virtual server's default profile or a `persist` command sets it. */
export interface PersistSetting {
  /** `source_addr`, `dest_addr`, `uie`, `hash`, `carp`, `cookie`, `none` ... */
  mode: string;
  /** Key for `uie`/`hash`/`carp`. */
  key?: string;
  /** Mask or prefix for `source_addr`/`dest_addr`. */
  mask?: string;
  /** Timeout in seconds. */
  timeout?: number;
  /** Cookie name for cookie persistence. */
  cookie?: string;
}

/** The simulated virtual server. */
export interface SimVirtual {
  /** Full path. */
  name: string;
  /** Destination address (canonical, `%N` included). */
  address: string;
  /** Destination port (0 = any). */
  port: number;
  /** The default pool, if any. */
  pool?: string;
  /** Its own source address translation. */
  snat: SnatDecision;
  /** Its default persistence. */
  persist?: PersistSetting;
  /** Catalog profile names (`TCP`, `HTTP`, `CLIENTSSL` ...). */
  profiles: Set<string>;
  /** Transport. */
  transport: 'tcp' | 'udp';
  /** The configured object (undefined for the default virtual server). */
  config?: VirtualServer;
}

/** Where a connection is load balanced to. */
export interface LbTarget {
  /** Pool full path, or null for `node`. */
  pool: string | null;
  /** Server address. */
  address: string;
  /** Server port. */
  port: number;
  /** The pool member, when chosen from a pool. */
  member?: PoolMember;
}

/** A scheduled `after` script. */
export interface AfterJob {
  id: string;
  due: number;
  script: string;
  rule: LoadedRule;
  event: string;
  periodic: boolean;
}

/** One client connection and everything the iRules did to it. */
export class Connection {
  /** Variables of the connection (shared by all its events and rules). */
  readonly frame: Frame;
  /** Parsed client address. */
  readonly clientIp: IpAddress;
  /** The pool the connection will be load balanced to (the rule's choice or the virtual's default). */
  pool: string | undefined;
  /** Whether an iRule chose the pool. */
  poolByRule = false;
  /** A member pinned with `pool <p> member <addr> [<port>]`. */
  pinned: { address: string; port?: number } | undefined;
  /** A node chosen with `node`. */
  node: { address: string; port: number } | undefined;
  /** Set once load balancing picked a server. */
  target: LbTarget | undefined;
  /** Load balancing ran (successfully or not). */
  lbDone = false;
  /** An iRule changed the pool/node after load balancing (it is redone). */
  lbDirty = false;
  /** `LB::reselect` without arguments: pick another member of the same pool. */
  reselect = false;
  /** The translation the server-side connection got. */
  snatResult: SnatResult | undefined;
  /** The route to the server (undefined without routing in the configuration). */
  egress: EgressResult | undefined;
  /** SNAT setting made by an iRule. */
  snat: SnatDecision | undefined;
  /** Persistence set by an iRule (`persist none` gives mode `none`). */
  persist: PersistSetting | undefined;
  /** What BIG-IP does with the connection. */
  action: 'forward' | 'reject' | 'drop' | 'respond' = 'forward';
  /** The response BIG-IP sends itself. */
  response: ResponseResult | undefined;
  /** The client's HTTP request (HTTP virtual servers). */
  request: HttpMessage | undefined;
  /** The server's HTTP response, once received. */
  serverResponse: HttpMessage | undefined;
  /** Client payload (`TCP::payload` on the client side). */
  payload: string;
  /** Server payload. */
  serverPayload = '';
  /** `TCP::collect` / `HTTP::collect` were called on each side. */
  collect = { client: false, server: false, httpRequest: false, httpResponse: false };
  /** Events disabled with `event ... disable`. */
  readonly disabled = new Set<string>();
  /** `event disable all`. */
  allDisabled = false;
  /** Events whose handlers ran. */
  readonly events: string[] = [];
  /** Logged lines. */
  readonly logs: string[] = [];
  /** Commands not modelled. */
  readonly notModelled = new Set<string>();
  /** Remarks. */
  readonly notes: string[] = [];
  /** The uncaught error. */
  error: ErrorResult | null = null;
  /** The server-side connection is being opened (source address translated at SA_PICKED). */
  serverConnected = false;
  /** The server-side connection is established (SERVER_CONNECTED reached): `IP::server_addr` answers from here on. */
  serverEstablished = false;
  /** `after` scripts waiting to run. */
  readonly afterJobs: AfterJob[] = [];
  /** The client's limits, shared by all its event runs and `after` jobs. */
  readonly budget: Budget;
  /** Translations from `translate address|port disable`. */
  translate = { address: true, port: true };
  /** The iRule commands that last decided the pool, the SNAT and the action. */
  readonly decidedBy: { pool?: DecisionSite; snat?: DecisionSite; action?: DecisionSite } = {};

  constructor(
    interp: Interp,
    /** Client address as given (canonical, `%N` included). */
    readonly clientAddress: string,
    /** Client source port. */
    readonly clientPort: number,
    payload: string,
    /** The address the client connected to (`IP::local_addr` on the client side). */
    readonly destAddress: string,
    /** The port the client connected to (`TCP::local_port` on the client side; 0 when unknown). */
    readonly destPort: number,
  ) {
    this.frame = interp.newFrame();
    this.budget = interp.newBudget();
    this.clientIp = parseAddress(clientAddress)!;
    this.payload = payload;
  }

  /** Ends the connection: no further events except the closing ones. */
  terminate(action: 'reject' | 'drop'): void {
    if (this.action === 'forward' || this.action === 'respond') this.action = action;
    this.terminated = true;
  }

  /** Whether the connection was ended (`reject`, `drop`, a reset after an error). */
  terminated = false;

  /** Adds a remark once. */
  note(text: string): void {
    if (!this.notes.includes(text)) this.notes.push(text);
  }
}

/** Where output goes while no connection runs (RULE_INIT). */
export interface GlobalSink {
  logs: string[];
  notModelled: Set<string>;
  notes: string[];
}

/** The state shared by the simulation and its command implementations. */
export class SimContext {
  /** Load balancing state. */
  readonly lb: LbState;
  /** Persistence records. */
  readonly persistStore = new PersistStore();
  /** The session table. */
  readonly table = new SessionTable();
  /** Simulated time of the current connection, in ms. */
  clock = 0;
  /** Wall-clock ms when the current run started (the simulated clock runs on from there). */
  runStart = 0;
  /** The connection being simulated (undefined during RULE_INIT). */
  conn: Connection | undefined;
  /** The event running. */
  event = '';
  /** The rule running. */
  rule: LoadedRule | undefined;
  /** `clientside {...}` / `serverside {...}` override the side of the event. */
  sideOverride: 'client' | 'server' | undefined;
  /** Message of the last error raised by an iRule operation (logged by BIG-IP with "(line N) invoked from within"). */
  tmmError: string | undefined;
  /** Output during RULE_INIT. */
  readonly global: GlobalSink = { logs: [], notModelled: new Set(), notes: [] };
  /** The loaded rules, in attach order. */
  rules: LoadedRule[] = [];
  /** iRule commands the simulator implements (registered through `defineCommand`). */
  readonly implemented = new Set<string>();
  /** Sides of events, by name (from the catalog). */
  readonly eventSide = new Map<string, string>();
  /** Counter for `after` ids and `class startsearch` ids. */
  idCounter = 0;
  /** Open `class startsearch` iterations. */
  readonly searches = new Map<string, { view: DataGroupView; next: number }>();
  /** Words of the iRule command running (set by `defineCommand`), for {@link SimContext.site}. */
  words: readonly Word[] | undefined;
  private readonly versionCache = new Map<string, boolean>();
  private readonly listViews = new Map<string, DataGroupView | undefined>();
  /** Configured data groups by the name a rule gave (null: none of that name). */
  private readonly groupViews = new Map<string, DataGroupView | null>();

  constructor(
    /** The interpreter. */
    readonly interp: Interp,
    /** The configuration. */
    readonly config: BigipConfig,
    /** BIG-IP version simulated. */
    readonly version: string,
    /** The simulated virtual server. */
    readonly virtual: SimVirtual,
  ) {
    this.lb = new LbState(config);
  }

  /** Whether the simulated version is `floor` or newer. */
  atLeast(floor: string): boolean {
    let v = this.versionCache.get(floor);
    if (v === undefined) this.versionCache.set(floor, (v = atLeast(this.version, floor)));
    return v;
  }

  /** The side (`client`/`server`) of the running code. */
  side(): 'client' | 'server' {
    if (this.sideOverride) return this.sideOverride;
    return this.eventSide.get(this.event) === 'server' ? 'server' : 'client';
  }

  /** Adds a remark to the connection (or to the run, during RULE_INIT). */
  note(text: string): void {
    if (this.conn) this.conn.note(text);
    else if (!this.global.notes.includes(text)) this.global.notes.push(text);
  }

  /** Records a log line. */
  log(line: string): void {
    (this.conn ? this.conn.logs : this.global.logs).push(line);
  }

  /** Records a command the simulator does not model. */
  notModelled(name: string): void {
    (this.conn ? this.conn.notModelled : this.global.notModelled).add(name);
  }

  /**
   * A data group named in a `class` command: bare names are in `/Common` (as on 11.x), full paths
   * as written. Before 11.0, with `allowList`, the argument may also be the list value of `$::dg`.
   */
  dataGroup(name: string, allowList = false): DataGroupView | undefined {
    // Rules name the same groups for every client: each name is resolved once (the configuration does not change).
    let view = this.groupViews.get(name);
    if (view === undefined) {
      const g: DataGroup | undefined = resolveName(this.config, 'dataGroup', name, 'Common');
      if (this.groupViews.size >= 1000) this.groupViews.clear();
      this.groupViews.set(name, (view = g ? viewOf(g) : null));
    }
    if (view) return view;
    if (!allowList || this.atLeast('11.0')) return undefined;
    if (this.listViews.has(name)) return this.listViews.get(name);
    const list = viewOfList(name);
    if (this.listViews.size > 1000) this.listViews.clear();
    this.listViews.set(name, list);
    return list;
  }

  /** A pool by name (bare names resolve in the rule's partition, then `/Common`). */
  pool(name: string): Pool | undefined {
    return resolveName(this.config, 'pool', name, this.partition());
  }

  /** A SNAT pool by name. */
  snatpool(name: string): Snatpool | undefined {
    return resolveName(this.config, 'snatpool', name, this.partition());
  }

  /** Where the running iRule command is written (undefined for code built at run time, e.g. `eval`). */
  site(): DecisionSite | undefined {
    const start = this.words?.[0]?.range.start;
    const src = this.interp.src;
    const rule = start === undefined ? undefined : this.rules.find((r) => r.text === src);
    if (!rule || start === undefined) return undefined;
    const line = positionOf(rule.text, start).line;
    return { rule: rule.name, line, at: `${rule.origin}:${line + rule.firstLine - 1}` };
  }

  /** The partition of the running rule. */
  partition(): string {
    const n = this.rule?.name ?? '/Common/x';
    return n.slice(1, n.indexOf('/', 1));
  }
}

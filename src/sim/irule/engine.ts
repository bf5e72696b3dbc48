/**
 * The iRule simulator: loads the rules, picks the virtual server, runs RULE_INIT once, then walks
 * each client connection through the event flow of the virtual server, firing the handlers of
 * every rule by priority, load balancing before LB_SELECTED, translating the source address at
 * SA_PICKED, and recording what happened as a `ClientResult`.
 *
 *   const sim = prepareSimulation({ rules, config, version: '11.1', clients });
 *   if ('error' in sim) ...;
 *   const report = sim.run();
 */
import { formatAddress, maskToPrefix, parseAddress, toNetwork } from '../../bigip/address.js';
import { type BigipConfig, emptyConfig, type VirtualServer } from '../../bigip/model.js';
import { matchVirtual, profileType, virtualTakes } from '../../bigip/query.js';
import { resolveName } from '../../bigip/resolve.js';
import { getEvent } from '../../catalog/load.js';
import { createTclInterp } from '../index.js';
import { Code, type Interp } from '../interp.js';
import { formatList } from '../values.js';
import { v10ListValue } from '../bigip/datagroups.js';
import { egressFor, resolveSnat, type SnatDecision } from '../bigip/snat.js';
import { Connection, type LbTarget, type PersistSetting, SimContext, type SimVirtual } from './context.js';
import { unknownCommandHook } from './dispatch.js';
import { errorResult } from './errors.js';
import { catalogProfile, flowFor, handlersByEvent, profilesForRules, type SimStep } from './flow.js';
import { defaultRequest, defaultResponse, HttpMessage } from './http.js';
import { IRULE_BUILTINS } from './install.js';
import { type Handler, type LoadedRule, type LoadProblem, loadRuleCached } from './load.js';
import type { ClientResult, ClientSpec, Endpoint, HttpMessageSpec, RuleInitResult, RuleSource, SimulateOptions, SimulationReport } from './types.js';
import { formatEndpoint, sameAddress } from './util.js';
import { decodePersistCookie } from '../builtins/irule-persist.js';

/** Default simulated time of the first connection: 2024-01-01T00:00:00Z. */
export const DEFAULT_START_TIME = Date.UTC(2024, 0, 1);

/** `info hostname` when the configuration has no `sys global-settings hostname` (BIG-IP's factory host name). */
export const DEFAULT_HOSTNAME = 'bigip1';

/** Name of the virtual server simulated when the configuration has none. */
export const DEFAULT_VIRTUAL = '/Common/irule-sim_vs';

/** Events whose handlers run only when a collect command (or `--event`) asks for them. */
const COLLECT_EVENTS: Readonly<Record<string, 'client' | 'server' | 'httpRequest' | 'httpResponse'>> = {
  CLIENT_DATA: 'client',
  SERVER_DATA: 'server',
  HTTP_REQUEST_DATA: 'httpRequest',
  HTTP_RESPONSE_DATA: 'httpResponse',
};

/** Persistence profile types and the `persist` mode they stand for. */
const PERSIST_MODES: Readonly<Record<string, string>> = {
  'source-addr': 'source_addr',
  'dest-addr': 'dest_addr',
  cookie: 'cookie',
  universal: 'uie',
  hash: 'hash',
  ssl: 'ssl',
  msrdp: 'msrdp',
  sip: 'sip',
  carp: 'carp',
};

/** A problem that stops the simulation before it starts (reported with exit code 2 by the CLI). */
export interface SimSetupError {
  /** One line saying what is wrong. */
  error: string;
  /** Set when BIG-IP itself would refuse the rules (load problems), not the simulator's input. */
  refused?: true;
}

/** Most load problems listed one by one; the rest are counted. */
export const MAX_LOAD_PROBLEMS = 50;

/** Formats load problems, one line each (`file:line:column: BIG-IP's message`), at most {@link MAX_LOAD_PROBLEMS}. */
function loadError(problems: LoadProblem[]): string {
  const lines = problems.slice(0, MAX_LOAD_PROBLEMS).map((p) => `${p.origin}:${p.line}:${p.column}: ${p.message}`);
  if (problems.length > MAX_LOAD_PROBLEMS) lines.push(`... and ${problems.length - MAX_LOAD_PROBLEMS} more load problems`);
  return lines.join('\n');
}

/** Whether a virtual server's `rules` name a rule (by full path or last segment). */
function namesRule(vs: VirtualServer, rule: string): boolean {
  const short = rule.slice(rule.lastIndexOf('/') + 1);
  return vs.rules.some((r) => r === rule || r.slice(r.lastIndexOf('/') + 1) === short);
}

/**
 * The virtual server to simulate: the one asked for; else the one whose `rules` name one of the
 * rules; else the only one; else an error listing the candidates. Undefined when the
 * configuration has no virtual server at all (a default one is simulated).
 */
export function chooseVirtual(config: BigipConfig, requested: string | undefined, ruleNames: readonly string[]): VirtualServer | undefined | SimSetupError {
  const all = Object.values(config.virtuals);
  const list = (vs: VirtualServer[]): string => vs.map((v) => v.name).join(', ');
  if (requested !== undefined) {
    const vs = resolveName(config, 'virtual', requested);
    if (vs) return vs;
    return { error: all.length > 0 ? `no virtual server named '${requested}' (the configuration has: ${list(all)})` : `no virtual server named '${requested}': the configuration has none` };
  }
  const using = all.filter((vs) => ruleNames.some((r) => namesRule(vs, r)));
  if (using.length === 1) return using[0];
  if (using.length > 1) return { error: `several virtual servers use these rules (${list(using)}); choose one with --virtual` };
  if (all.length === 1) return all[0];
  if (all.length === 0) return undefined;
  return { error: `the configuration has ${all.length} virtual servers and none uses these rules; choose one with --virtual (${list(all)})` };
}

/** Whether a virtual server takes connections from `client` to `dest` (a destination without a port matches any port). */
function takesDestination(vs: VirtualServer, dest: Endpoint, client: string): boolean {
  return virtualTakes(vs, { destination: dest.address, port: dest.port, source: client });
}

/**
 * The virtual server the clients' destinations reach: for each client with a destination, the most
 * specific enabled virtual server that takes it (`matchVirtual`); they must all reach the same one.
 * Undefined when no client has a destination.
 */
export function virtualForDestinations(config: BigipConfig, clients: readonly ClientSpec[]): VirtualServer | undefined | SimSetupError {
  let chosen: VirtualServer | undefined;
  for (const c of clients) {
    if (!c.destination) continue;
    const shown = c.destination.port !== undefined ? formatEndpoint(c.destination.address, c.destination.port) : c.destination.address;
    const vs = matchVirtual(config, { destination: c.destination.address, port: c.destination.port, source: c.address });
    if (!vs) return { error: `no virtual server takes connections from ${c.address} to ${shown}` };
    if (chosen && vs !== chosen) return { error: `the clients' destinations reach different virtual servers (${chosen.name}, ${vs.name}); simulate them separately or choose one with --virtual` };
    chosen = vs;
  }
  return chosen;
}

/** The simulated virtual server for a configured one. */
function simVirtual(config: BigipConfig, vs: VirtualServer, notes: string[]): SimVirtual | SimSetupError {
  const d = vs.destination;
  if (!d?.address) return { error: `virtual server ${vs.name} has no destination address the simulator can use` };
  const profiles = new Set<string>();
  for (const p of vs.profiles) {
    const type = profileType(config, p.name, vs.partition);
    if (type) profiles.add(catalogProfile(type));
    else notes.push(`profile ${p.name} of ${vs.name}: type unknown, ignored`);
  }
  const transport = vs.ipProtocol === 'udp' || profiles.has('UDP') ? 'udp' : 'tcp';
  profiles.add(transport === 'udp' ? 'UDP' : 'TCP');
  let snat: SnatDecision = { type: 'none' };
  const sat = vs.sourceAddressTranslation;
  if (sat.type === 'automap') snat = { type: 'automap' };
  else if (sat.type === 'snat' && sat.pool) snat = { type: 'snatpool', pool: sat.pool };
  else if (sat.type === 'lsn') notes.push(`${vs.name} uses LSN source address translation, which is not modelled (treated as none)`);
  let persist: PersistSetting | undefined;
  const prof = vs.persist.find((p) => p.default) ?? vs.persist[0];
  if (prof) {
    const type = profileType(config, prof.name, vs.partition);
    const mode = type ? PERSIST_MODES[type] : undefined;
    if (mode) persist = { mode, timeout: 180 };
    else notes.push(`persistence profile ${prof.name}: type unknown, ignored`);
  }
  return { name: vs.name, address: d.address, port: d.port, pool: vs.pool, snat, persist, profiles, transport, config: vs };
}

/** The default virtual server when the configuration has none: profiles follow the rules' events. */
function defaultVirtual(rules: readonly LoadedRule[]): SimVirtual {
  const { profiles, transport } = profilesForRules(rules);
  profiles.add(transport === 'udp' ? 'UDP' : 'TCP');
  const port = transport === 'udp' ? 53 : profiles.has('CLIENTSSL') ? 443 : 80;
  return { name: DEFAULT_VIRTUAL, address: '192.0.2.1', port, snat: { type: 'none' }, profiles, transport };
}

/** Ready-to-run simulation. */
export class Simulation {
  readonly ctx: SimContext;
  readonly interp: Interp;
  /** The flow each connection walks. */
  readonly steps: SimStep[];
  /** Name of the catalog flow. */
  readonly flowName: string;
  private readonly handlers: Map<string, Handler[]>;
  private requested: Set<string> | undefined;
  private extraEvents: string[];
  private readonly notes: string[];
  private readonly start: number;
  private readonly interval: number;
  private readonly request: HttpMessageSpec | undefined;
  private readonly payload: string;
  /** The route domain of the virtual server's address (given to client and destination addresses written without one). */
  private readonly virtualRd: number | undefined;
  /** The request of the connection running (its own, else the simulation's). */
  private clientRequest: HttpMessageSpec | undefined;
  private ruleInitResult: RuleInitResult | undefined;

  constructor(
    readonly options: SimulateOptions,
    config: BigipConfig,
    virtual: SimVirtual,
    readonly rules: LoadedRule[],
    notes: string[],
  ) {
    this.notes = notes;
    // The interpreter's own clock is the wall clock (its time limit must not see simulated
    // time); `clock` reads the simulated time: the connection's moment plus the real time the
    // run has taken, so `after <ms>` (which advances the simulated clock) shows in it.
    const interp = createTclInterp({ dialect: 'irule', limits: options.limits, randomSeed: 1, now: Date.now });
    this.interp = interp;
    const ctx = new SimContext(interp, config, options.version, virtual);
    this.ctx = ctx;
    const clock = interp.getCommand('clock');
    if (clock) {
      interp.register('clock', (it, argv, words) => {
        const wall = it.now;
        it.now = () => ctx.clock + (wall() - ctx.runStart);
        try {
          return clock.handler(it, argv, words);
        } finally {
          it.now = wall;
        }
      });
    }
    ctx.rules = rules;
    interp.data.set('hostname', config.hostname ?? DEFAULT_HOSTNAME);
    for (const install of IRULE_BUILTINS) install(interp, ctx);
    interp.onUnknownCommand = unknownCommandHook(ctx);
    for (const r of rules) interp.noteDiagnostics(r.ast, r.diagnostics, r.text);
    this.handlers = handlersByEvent(rules);
    for (const ev of this.handlers.keys()) ctx.eventSide.set(ev, getEvent(ev)?.side ?? 'client');
    const flow = flowFor(virtual.profiles, virtual.transport);
    this.flowName = flow.name;
    this.steps = flow.steps;
    this.requested = options.events && options.events.length > 0 ? new Set(options.events.filter((e) => e !== 'RULE_INIT')) : undefined;
    this.extraEvents = [];
    if (virtual.config) {
      const others = virtual.config.rules.filter((r) => !rules.some((x) => x.name === r));
      if (others.length > 0) notes.push(`${virtual.name} also has ${others.join(', ')} attached in the configuration; only the given iRules are simulated`);
    }
    if (this.requested) {
      for (const ev of this.requested) {
        if (!this.steps.some((s) => s.event === ev) && ev !== 'LB_FAILED') {
          this.extraEvents.push(ev);
          notes.push(`${ev} is not part of the ${flow.name} flow of ${virtual.name}; it is fired after the other events`);
        }
      }
    }
    this.start = options.startTime ?? DEFAULT_START_TIME;
    this.interval = options.interval ?? 1000;
    this.payload = options.payload ?? '';
    this.virtualRd = parseAddress(virtual.address)?.routeDomain;
    this.request = virtual.profiles.has('HTTP') || virtual.profiles.has('FASTHTTP') ? (options.request ?? defaultRequest(virtual.address.includes(':') ? `[${virtual.address}]` : virtual.address)) : undefined;
    if (options.request && !this.request) notes.push(`${virtual.name} has no HTTP profile; the request is used as the client's TCP payload`);
    if (options.request && !this.request && options.payload === undefined) this.payload = requestText(options.request);
    this.setV10Globals(config);
  }

  /** Before 11.0, data groups are also global Tcl lists named after them (`$::dg`). */
  private setV10Globals(config: BigipConfig): void {
    if (this.ctx.atLeast('11.0') || !this.ctx.atLeast('9.4.4')) return;
    for (const dg of Object.values(config.dataGroups)) {
      if (dg.partition !== 'Common') continue;
      this.interp.writeVar(dg.shortName, formatList(v10ListValue(dg), 'irule'), this.interp.globalFrame);
    }
  }

  /** Runs RULE_INIT (once) and every client. */
  run(): SimulationReport {
    this.runRuleInit();
    return this.report(this.options.clients.map((c, i) => this.runClient(c, i)));
  }

  /**
   * For output written as it goes (200,000 clients): runs RULE_INIT (once) and returns the report
   * with no results yet; `clientResults()` then runs the clients one at a time and keeps none, and
   * `report([])` gives the notes as they stand at the end.
   */
  begin(): SimulationReport {
    this.runRuleInit();
    return this.report([]);
  }

  /** Runs each client in order, yielding its result (see `begin`). */
  *clientResults(): Generator<ClientResult> {
    const clients = this.options.clients;
    for (let i = 0; i < clients.length; i++) yield this.runClient(clients[i], i);
  }

  /** The report with `results` (RULE_INIT must have run). */
  report(results: ClientResult[]): SimulationReport {
    return {
      virtual: this.ctx.virtual.name,
      destination: formatEndpoint(this.ctx.virtual.address, this.ctx.virtual.port),
      version: this.ctx.version,
      rules: this.rules.map((r) => r.name),
      flow: this.steps.map((s) => s.event),
      ruleInit: this.runRuleInit(),
      results,
      notes: [...this.notes, ...this.ctx.global.notes],
    };
  }

  /** Runs the RULE_INIT handlers once, in the global frame, as BIG-IP does when the rules load. */
  runRuleInit(): RuleInitResult {
    if (this.ruleInitResult) return this.ruleInitResult;
    const ctx = this.ctx;
    ctx.conn = undefined;
    ctx.clock = this.start;
    const out: RuleInitResult = { rules: [], logs: ctx.global.logs, error: null, notModelled: [] };
    for (const h of this.handlers.get('RULE_INIT') ?? []) {
      const r = this.runHandler(h, 'RULE_INIT', undefined);
      out.rules.push(h.rule.name);
      if (r && !out.error) out.error = r;
    }
    out.notModelled = [...ctx.global.notModelled];
    this.ruleInitResult = out;
    return out;
  }

  /** Runs one handler; returns the error record when it failed. */
  private runHandler(h: Handler, event: string, conn: Connection | undefined) {
    const ctx = this.ctx;
    ctx.event = event;
    ctx.rule = h.rule;
    ctx.sideOverride = undefined;
    ctx.tmmError = undefined;
    ctx.runStart = Date.now();
    const r = this.interp.run(h.body, conn ? { frame: conn.frame, src: h.rule.text, budget: conn.budget } : { src: h.rule.text });
    if (r.code !== Code.ERROR) return null;
    return errorResult(h, event, r, ctx.tmmError !== undefined && ctx.tmmError === r.value, ctx.atLeast('11.0'));
  }

  /** Fires an event on a connection: every handler by priority, then due `after` scripts. */
  private fire(conn: Connection, event: string): void {
    if (this.requested && !this.requested.has(event)) return;
    const handlers = this.handlers.get(event);
    if (!handlers || conn.allDisabled || conn.disabled.has(event)) return;
    // A client that used up its limits runs no more iRule code.
    if (conn.budget.limit) return;
    let ran = false;
    for (const h of handlers) {
      if (conn.allDisabled || conn.disabled.has(event)) break;
      ran = true;
      const e = this.runHandler(h, event, conn);
      if (e) {
        conn.error = e;
        // The error resets the connection; one that is already closing just ends.
        if (event === 'CLIENT_CLOSED' || event === 'SERVER_CLOSED') conn.terminated = true;
        else conn.terminate('reject');
        break;
      }
    }
    if (ran) conn.events.push(event);
    if (!conn.error) this.runAfterJobs(conn);
  }

  /** Runs scheduled `after` scripts in time order, advancing the simulated clock. */
  private runAfterJobs(conn: Connection): void {
    const ctx = this.ctx;
    let guard = 0;
    while (conn.afterJobs.length > 0 && !conn.error && guard++ < 100) {
      conn.afterJobs.sort((a, b) => a.due - b.due);
      const job = conn.afterJobs.shift()!;
      conn.budget.memory = Math.max(0, conn.budget.memory - job.script.length);
      if (job.periodic) conn.note(`after -periodic ${job.id}: the script runs once in the simulation`);
      ctx.clock = Math.max(ctx.clock, job.due);
      ctx.event = job.event;
      ctx.rule = job.rule;
      ctx.tmmError = undefined;
      ctx.runStart = Date.now();
      const r = this.interp.run(job.script, { frame: conn.frame, budget: conn.budget });
      if (r.code === Code.ERROR) {
        conn.error = errorResult({ rule: job.rule, line: 1 }, job.event, r, ctx.tmmError !== undefined && ctx.tmmError === r.value, ctx.atLeast('11.0'));
        conn.terminate('reject');
      }
    }
  }

  /** The persistence key of a connection for a setting, or undefined when it has none. */
  private persistKey(p: PersistSetting, conn: Connection): string | undefined {
    switch (p.mode) {
      case 'source_addr':
      case 'dest_addr': {
        const a = p.mode === 'source_addr' ? conn.clientIp : parseAddress(conn.destAddress);
        if (!a) return undefined;
        const bits = a.family === 4 ? 32 : 128;
        const prefix = p.mask === undefined ? bits : /^\d+$/.test(p.mask) ? Number(p.mask) : (maskToPrefix(p.mask) ?? bits);
        return formatAddress(toNetwork(a, Math.min(prefix, bits)).address);
      }
      case 'uie':
      case 'hash':
      case 'carp':
        return p.key;
      default:
        return undefined;
    }
  }

  /** Load balances the connection; true when a server was chosen. */
  private loadBalance(conn: Connection): boolean {
    const ctx = this.ctx;
    const note = (t: string): void => conn.note(t);
    const previous = conn.reselect ? conn.target : undefined;
    conn.lbDone = true;
    conn.lbDirty = false;
    conn.reselect = false;
    conn.target = undefined;
    if (conn.node) {
      conn.target = { pool: null, address: conn.node.address, port: conn.node.port };
      return true;
    }
    const poolName = conn.pool;
    if (!poolName && ctx.virtual.config?.virtualType === 'ip-forward') {
      // A forwarding virtual server routes the connection to the address the client asked for.
      conn.target = { pool: null, address: conn.destAddress, port: conn.destPort };
      return true;
    }
    if (!poolName) {
      note('no pool: the virtual server has no default pool and no iRule chose one');
      return false;
    }
    const pool = ctx.config.pools[poolName];
    if (!pool) {
      note(`pool ${poolName} is not in the configuration`);
      return false;
    }
    if (conn.pinned) {
      const pin = conn.pinned;
      const m = pool.members.find((x) => sameAddress(x.address, pin.address) && (pin.port === undefined || x.port === pin.port));
      if (m) {
        conn.target = { pool: pool.name, address: m.address ?? pin.address, port: m.port, member: m };
        return true;
      }
      conn.target = { pool: pool.name, address: pin.address, port: pin.port ?? conn.destPort };
      note(`pool ${pool.name} member ${formatEndpoint(pin.address, conn.target.port)} is not a configured member; BIG-IP uses it as given`);
      return true;
    }
    const p = conn.persist ?? ctx.virtual.persist;
    let key: string | undefined;
    if (p && p.mode !== 'none') {
      if (p.mode === 'cookie') {
        const t = this.cookiePersistTarget(conn, pool.name, p.cookie);
        if (t) {
          conn.target = t;
          return true;
        }
      } else if (['ssl', 'msrdp', 'sip'].includes(p.mode)) {
        conn.notModelled.add(`persist ${p.mode}`);
      } else {
        key = this.persistKey(p, conn);
        if (key !== undefined && !previous) {
          const hit = ctx.persistStore.lookup(p.mode, key, pool.name, ctx.clock);
          const m = hit ? pool.members.find((x) => sameAddress(x.address, hit.address) && x.port === hit.port) : undefined;
          if (m && ctx.lb.available(m)) {
            conn.target = { pool: pool.name, address: m.address ?? hit!.address, port: m.port, member: m };
            return true;
          }
        }
      }
    }
    let member = ctx.lb.pick(pool, note);
    if (previous?.member && member === previous.member && ctx.lb.candidates(pool).length > 1) member = ctx.lb.pick(pool, note);
    if (!member) {
      note(`no member of pool ${pool.name} is available`);
      return false;
    }
    conn.target = { pool: pool.name, address: member.address ?? '', port: member.port, member };
    if (p && key !== undefined && p.mode !== 'none') {
      ctx.persistStore.add(p.mode, key, pool.name, { pool: pool.name, address: conn.target.address, port: member.port }, p.timeout ?? 180, ctx.clock);
    }
    return true;
  }

  /** Cookie persistence: the member named by the request's `BIGipServer<pool>` cookie, if available. */
  private cookiePersistTarget(conn: Connection, poolName: string, cookieName: string | undefined): LbTarget | undefined {
    const name = cookieName ?? `BIGipServer${poolName.slice(poolName.lastIndexOf('/') + 1)}`;
    const value = conn.request?.requestCookies().find((c) => c.name === name)?.value;
    const ep = value !== undefined ? decodePersistCookie(value) : undefined;
    if (!ep) return undefined;
    const pool = this.ctx.config.pools[poolName];
    const m = pool?.members.find((x) => sameAddress(x.address, ep.address) && x.port === ep.port);
    if (!m || !this.ctx.lb.available(m)) return undefined;
    return { pool: poolName, address: m.address ?? ep.address, port: m.port, member: m };
  }

  /** LB failed: fire LB_FAILED (a handler may choose another pool or respond); reset if still no server. */
  private lbFailed(conn: Connection): void {
    this.fire(conn, 'LB_FAILED');
    if (conn.terminated || conn.action === 'respond') return;
    if (conn.lbDirty && this.loadBalance(conn)) return;
    conn.target = undefined;
    conn.terminate('reject');
    conn.note('load balancing failed: BIG-IP resets the connection');
  }

  /** Translates the source address and opens the server-side connection. */
  private connectServer(conn: Connection): void {
    if (conn.serverConnected || !conn.target || conn.terminated || conn.action !== 'forward') return;
    const ctx = this.ctx;
    const pool = conn.target.pool ? ctx.config.pools[conn.target.pool] : undefined;
    let decision = conn.snat ?? ctx.virtual.snat;
    const decidedBy = conn.snat ? 'irule' : 'virtual';
    if (pool && !pool.allowSnat && decision.type !== 'none') {
      conn.note(`pool ${pool.name} does not allow SNAT (allow-snat no): the source address is not translated`);
      decision = { type: 'none' };
    }
    const note = (t: string): void => conn.note(t);
    conn.egress = egressFor(ctx.config, conn.target.address, note);
    conn.snatResult = resolveSnat(ctx.config, decision, decidedBy, conn.target.address, conn.clientAddress, note, conn.egress);
    conn.serverConnected = true;
    // A flow without SERVER_CONNECTED (UDP ...) has its server side as soon as it is opened.
    if (!this.steps.some((s) => s.event === 'SERVER_CONNECTED')) conn.serverEstablished = true;
  }

  /** Simulates one client connection. */
  runClient(client: ClientSpec, index: number): ClientResult {
    const ctx = this.ctx;
    this.runRuleInit();
    ctx.clock = this.start + index * this.interval;
    let address = client.address;
    const vrd = this.virtualRd;
    if (vrd && !address.includes('%')) address = `${address}%${vrd}`;
    const port = client.port ?? 49152 + (index % 16384);
    let destAddress = client.destination?.address ?? ctx.virtual.address;
    if (vrd && !destAddress.includes('%')) destAddress = `${destAddress}%${vrd}`;
    const destPort = client.destination?.port ?? ctx.virtual.port;
    // A connection's own request: parsed at HTTP_REQUEST on HTTP virtual servers, else its TCP payload.
    this.clientRequest = client.request && this.request ? client.request : this.request;
    const payload = client.payload ?? (client.request && !this.request ? requestText(client.request) : this.payload);
    const conn = new Connection(this.interp, address, port, payload, destAddress, destPort);
    if (client.destination && ctx.virtual.config && !takesDestination(ctx.virtual.config, { ...client.destination, address: destAddress }, address)) {
      conn.note(`${ctx.virtual.name} does not take connections to ${formatEndpoint(client.destination.address, client.destination.port ?? 0)}; simulated as given`);
    }
    // A connection's own event list replaces the simulation's for it.
    const shared = { requested: this.requested, extraEvents: this.extraEvents };
    if (client.events && client.events.length > 0) {
      this.requested = new Set(client.events.filter((e) => e !== 'RULE_INIT'));
      this.extraEvents = [...this.requested].filter((ev) => !this.steps.some((s) => s.event === ev) && ev !== 'LB_FAILED');
    }
    try {
      return this.walk(conn, client);
    } finally {
      this.requested = shared.requested;
      this.extraEvents = shared.extraEvents;
    }
  }

  /** Walks a connection through the flow and records its result. */
  private walk(conn: Connection, client: ClientSpec): ClientResult {
    const ctx = this.ctx;
    conn.pool = ctx.virtual.pool;
    ctx.conn = conn;
    let extrasDone = false;
    for (const step of this.steps) {
      const ev = step.event;
      if ((ev === 'SERVER_CLOSED' || ev === 'CLIENT_CLOSED') && !extrasDone) {
        extrasDone = true;
        for (const x of this.extraEvents) if (!conn.terminated) this.fire(conn, x);
      }
      this.step(conn, ev, step.optional);
    }
    if (conn.action === 'forward' && !conn.terminated && !conn.lbDone && !this.steps.some((s) => s.event === 'LB_SELECTED')) {
      if (this.loadBalance(conn)) this.connectServer(conn);
    }
    if (conn.action === 'forward' && conn.target && !conn.serverConnected && !conn.terminated) this.connectServer(conn);
    ctx.conn = undefined;
    // What the server saw: reported once the server-side connection exists, even if it is reset later.
    const served = conn.serverConnected && conn.target !== undefined;
    const t = conn.target;
    const result: ClientResult = {
      client: conn.clientAddress,
      clientPort: conn.clientPort,
      virtual: ctx.virtual.name,
      events: conn.events,
      snat: served ? (conn.snatResult ?? null) : null,
      pool: served && t ? t.pool : null,
      member: served && t ? formatEndpoint(t.address, t.port) : null,
      action: conn.action,
      response: conn.response ?? null,
      request: served && conn.request ? conn.request.toRequestSpec() : null,
      logs: conn.logs,
      error: conn.error,
      notModelled: [...conn.notModelled],
      notes: conn.notes,
      decidedBy: conn.decidedBy,
      egress: served ? (conn.egress ?? null) : null,
    };
    // Only for a client that gave a destination, and last (the key order of the record stays as it was).
    if (client.destination) result.destination = formatEndpoint(conn.destAddress, conn.destPort);
    return result;
  }

  /** One step of the flow. */
  private step(conn: Connection, ev: string, optional: boolean): void {
    const forced = this.requested?.has(ev) === true;
    const live = !conn.terminated && conn.action !== 'respond';
    switch (ev) {
      case 'LB_SELECTED': {
        if (!live) return;
        if (!this.loadBalance(conn)) {
          this.lbFailed(conn);
          if (!conn.target) return;
        }
        this.fire(conn, 'LB_SELECTED');
        if (conn.lbDirty && !conn.terminated && conn.action === 'forward' && !this.loadBalance(conn)) this.lbFailed(conn);
        return;
      }
      case 'SA_PICKED':
      case 'SERVER_INIT':
      case 'SERVER_CONNECTED':
        if (!live || !conn.target) return;
        this.connectServer(conn);
        if (ev === 'SERVER_CONNECTED' && conn.serverConnected) conn.serverEstablished = true;
        this.fire(conn, ev);
        return;
      case 'HTTP_REQUEST':
        if (!live) return;
        // The request exists once it is parsed: HTTP commands before HTTP_REQUEST fail (ERR_NOT_SUPPORTED).
        if (this.clientRequest) conn.request = new HttpMessage(this.clientRequest);
        this.fire(conn, ev);
        return;
      case 'HTTP_RESPONSE':
        if (!live || !conn.serverConnected) return;
        conn.serverResponse = new HttpMessage(defaultResponse());
        this.fire(conn, ev);
        return;
      case 'SERVER_CLOSED':
        if (conn.serverConnected) this.fire(conn, ev);
        return;
      case 'CLIENT_CLOSED':
        this.fire(conn, ev);
        return;
      default: {
        const collect = COLLECT_EVENTS[ev];
        // TCP and HTTP data events are optional steps that a collect turns on (UDP's CLIENT_DATA is not optional).
        if (optional && collect !== undefined && !conn.collect[collect] && !forced) return;
        if (optional && collect === undefined && !forced) return;
        if (!live) return;
        // A server-side event needs the server-side connection; flows without SA_PICKED (DNS) open it here.
        if (getEvent(ev)?.side === 'server' && !conn.serverConnected) {
          if (!conn.target) return;
          this.connectServer(conn);
          if (!conn.serverConnected) return;
        }
        this.fire(conn, ev);
      }
    }
  }
}

/** The raw text of a request (the TCP payload when the virtual server has no HTTP profile). */
function requestText(r: HttpMessageSpec): string {
  return `${r.method ?? 'GET'} ${r.uri ?? '/'} HTTP/${r.version}\r\n${r.headers.map((h) => `${h.name}: ${h.value}\r\n`).join('')}\r\n${r.body}`;
}

/** Loads the rules, picks the virtual server and builds the simulation; or says why it cannot. */
export function prepareSimulation(options: SimulateOptions): Simulation | SimSetupError {
  const notes: string[] = [];
  const badClient = options.clients.find((c) => parseAddress(c.address) === undefined);
  if (badClient) return { error: `bad client address '${badClient.address}'` };
  const config = options.config ?? emptyConfig();
  if (!options.config) notes.push('no bigip.conf given: simulating on an empty default configuration (no data groups, pools, SNAT pools or self IPs)');
  if (options.rules.length === 0 && !options.config) return { error: 'no iRules to simulate' };
  const badDest = options.clients.find((c) => c.destination && parseAddress(c.destination.address) === undefined);
  if (badDest) return { error: `bad destination address '${badDest.destination?.address ?? ''}'` };
  // With no --virtual, the clients' destinations pick the virtual server, as BIG-IP's listener lookup does.
  const byDestination = options.virtual === undefined && Object.keys(config.virtuals).length > 0 ? virtualForDestinations(config, options.clients) : undefined;
  if (byDestination && 'error' in byDestination) return byDestination;
  const vs = byDestination ?? chooseVirtual(config, options.virtual, options.rules.map((r) => r.name));
  if (vs && 'error' in vs) return vs;
  if (byDestination) notes.push(`${byDestination.name} chosen by destination: the most specific virtual server that takes it`);
  let sources: RuleSource[];
  if (options.rules.length > 0) {
    // A rule the virtual server names by its last segment takes that full path.
    sources = options.rules.map((r) => {
      const short = r.name.slice(r.name.lastIndexOf('/') + 1);
      const full = vs?.rules.find((x) => x.slice(x.lastIndexOf('/') + 1) === short);
      return full && full !== r.name ? { ...r, name: full } : r;
    });
  } else {
    // No rule files: the rules the virtual server has in the configuration.
    if (!vs) return { error: 'no iRules given and the configuration has no virtual server to take them from' };
    sources = [];
    for (const name of vs.rules) {
      const rule = config.rules[name];
      if (!rule) return { error: `${vs.name} uses rule ${name}, which is not in the configuration` };
      sources.push({ name, text: rule.text, origin: rule.location.source ?? 'bigip.conf', firstLine: rule.textLine });
    }
    if (sources.length === 0) return { error: `${vs.name} has no iRules in the configuration; give iRule files` };
    notes.push(`simulating the iRules ${vs.name} has in the configuration: ${vs.rules.join(', ')}`);
  }
  // Attach order: the virtual server's `rules` order for the rules it names, then the others.
  if (vs) {
    const pos = (r: RuleSource): number => {
      const i = vs.rules.indexOf(r.name);
      return i < 0 ? vs.rules.length : i;
    };
    sources.sort((a, b) => pos(a) - pos(b));
  }
  const rules: LoadedRule[] = [];
  for (let i = 0; i < sources.length; i++) {
    const { rule, problems } = loadRuleCached(sources[i], i, options.version, options.ruleCache, options.config);
    if (problems.length > 0) return { error: loadError(problems), refused: true };
    rules.push(rule);
  }
  let virtual: SimVirtual;
  if (vs) {
    const v = simVirtual(config, vs, notes);
    if ('error' in v) return v;
    virtual = v;
  } else {
    virtual = defaultVirtual(rules);
    if (options.config) notes.push(`the configuration has no virtual server: simulating a default one (${DEFAULT_VIRTUAL}, ${formatEndpoint(virtual.address, virtual.port)})`);
    else notes.push(`simulating a default virtual server ${DEFAULT_VIRTUAL} at ${formatEndpoint(virtual.address, virtual.port)} with no pool`);
  }
  if (virtual.port === 0 && options.clients.some((c) => c.destination?.port === undefined)) {
    notes.push(`${virtual.name} takes any port: without a destination port (--destination <addr:port>) TCP::local_port is 0`);
  }
  if (/^(0\.0\.0\.0|::)(%\d+)?$/.test(virtual.address) && options.clients.some((c) => !c.destination)) {
    notes.push(`${virtual.name} is a wildcard virtual server: without --destination, IP::local_addr is ${virtual.address}`);
  }
  return new Simulation(options, config, virtual, rules, notes);
}

/** Runs a whole simulation; returns the report, or why it could not start. */
export function simulate(options: SimulateOptions): SimulationReport | SimSetupError {
  const sim = prepareSimulation(options);
  if ('error' in sim) return sim;
  return sim.run();
}


/**
 * The work behind `irule-sim`: read the rule files, clients, bigip.conf (with its external data
 * group files), the HTTP request; check the options; run the simulation; format the report.
 * Loaded lazily by run.ts, so `--help` and usage errors never build the parser.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type ConfigDiagnostic, configProblems } from '../../bigip/diagnostic.js';
import { parseBigipConf } from '../../bigip/parse-config.js';
import { excerpt } from '../../diagnostics.js';
import type { BigipConfig } from '../../bigip/model.js';
import { allEvents, getEvent } from '../../catalog/load.js';
import { closest } from '../../lint/config.js';
import { checkVersion, compareVersions, defaultVersion, newerVersionWarning, parseVersion, type BigipVersion } from '../../lint/version.js';
import { simJsonWriter } from '../../report/sim-json.js';
import { simTextWriter } from '../../report/sim-text.js';
import { parseClient, parseClientList, parseDestination } from '../../sim/irule/clients.js';
import { unreadExternalNotes } from '../../sim/bigip/datagroups.js';
import { prepareSimulation, type Simulation } from '../../sim/irule/engine.js';
import { parseHttpRequest } from '../../sim/irule/http.js';
import type { ClientSpec, ConfigProblemsReport, HttpMessageSpec, RuleSource, SimulateOptions, SimulationReport } from '../../sim/irule/types.js';
import { bigipConfProblem } from '../bigip-conf.js';
import { decodeText } from '../decode.js';
import { describeFsError, UsageError } from '../errors.js';
import { findFiles } from '../inputs.js';
import type { CliIo } from '../run.js';
import type { SimCliOptions } from './run.js';

/** The client simulated when none is given (TEST-NET-1, RFC 5737). */
export const DEFAULT_CLIENT = '192.0.2.10';

/** A path as shown in messages: relative to the working directory when inside it. */
function shown(cwd: string, abs: string): string {
  const rel = path.relative(cwd, abs);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs;
}

/** Reads a file as text, or fails with a usage error naming what it is. */
export async function readText(io: Pick<CliIo, 'cwd'>, file: string, what: string): Promise<{ text: string; abs: string; name: string }> {
  const abs = path.resolve(io.cwd, file);
  const name = shown(io.cwd, abs);
  const bytes = await readFile(abs).catch((err: unknown) => {
    throw new UsageError(`cannot read ${what} '${name}': ${describeFsError(err)}`);
  });
  return { text: decodeText(bytes), abs, name };
}

/** The clients given parsed, then those from `--client` and `--clients`. */
async function readClients(io: Pick<CliIo, 'cwd'>, opts: SimCliOptions): Promise<{ clients: ClientSpec[]; defaulted: boolean }> {
  const clients: ClientSpec[] = [...(opts.parsedClients ?? [])];
  for (const c of opts.client) {
    const p = parseClient(c);
    if ('error' in p) throw new UsageError(`--client: ${p.error}`);
    clients.push(p);
  }
  if (opts.clients !== undefined) {
    const f = await readText(io, opts.clients, 'clients file');
    const list = parseClientList(f.text);
    if ('error' in list) throw new UsageError(`${f.name}:${list.line}: ${list.error}`);
    for (const c of list) clients.push(c);
  }
  let destination: ClientSpec['destination'];
  if (opts.destination !== undefined) {
    const d = parseDestination(opts.destination);
    if ('error' in d) throw new UsageError(`--destination: ${d.error}`);
    destination = d;
  }
  // --destination applies to every client that does not name its own.
  const withDest = (c: ClientSpec): ClientSpec => (destination && !c.destination ? { ...c, destination } : c);
  if (clients.length > 0) return { clients: clients.map(withDest), defaulted: false };
  return { clients: [withDest({ address: DEFAULT_CLIENT })], defaulted: true };
}

/** Reads and parses bigip.conf; a syntax error in it is an input error naming file, line and column, its other problems go to `problems`. */
export async function readConfig(
  io: Pick<CliIo, 'cwd'>,
  opts: SimCliOptions,
  notes: string[],
  problems: ConfigDiagnostic[],
): Promise<BigipConfig | undefined> {
  if (opts.bigipConf === undefined) return undefined;
  const f = await readText(io, opts.bigipConf, 'bigip.conf');
  const explicit = new Map<string, string>();
  for (const spec of opts.external) {
    const eq = spec.indexOf('=');
    if (eq <= 0) throw new UsageError(`--external expects <name>=<file>, not '${spec}'`);
    const ext = await readText(io, spec.slice(eq + 1), 'external data group file');
    explicit.set(spec.slice(0, eq), ext.text);
  }
  const dir = path.dirname(f.abs);
  const reader = (name: string, dataGroup: string): string | undefined => {
    // --external wins over files found next to bigip.conf, whichever name it was given by.
    const hit = explicit.get(name) ?? explicit.get(dataGroup) ?? explicit.get(dataGroup.slice(dataGroup.lastIndexOf('/') + 1));
    if (hit !== undefined) return hit;
    const base = path.basename(name.replace(/^file:/, ''));
    if (base === '' || base === '.' || base === '..') return undefined;
    const candidate = path.join(dir, base);
    try {
      return existsSync(candidate) ? decodeText(readFileSync(candidate)) : undefined;
    } catch {
      return undefined;
    }
  };
  const { config, diagnostics } = parseBigipConf(f.text, { source: f.name, externalFiles: reader });
  const problem = bigipConfProblem(config, diagnostics, f.name);
  if (problem) throw new UsageError(problem);
  for (const d of diagnostics) problems.push(d.source === undefined ? { ...d, source: f.name } : d);
  notes.push(...unreadExternalNotes(config, (dg) => `pass --external ${excerpt(dg.shortName)}=<file>`));
  return config;
}

/** Reads the `--request` file. */
async function readRequest(io: Pick<CliIo, 'cwd'>, opts: SimCliOptions): Promise<HttpMessageSpec | undefined> {
  if (opts.request === undefined) return undefined;
  const f = await readText(io, opts.request, 'request file');
  const r = parseHttpRequest(f.text);
  if ('error' in r) throw new UsageError(`${f.name}: ${r.error}`);
  return r;
}

/**
 * Simulates the rules `loadRules` reads (files, or an editor's buffer) with the clients,
 * bigip.conf, request and version of `opts`, exactly as `irule-sim` does; paths are resolved
 * against `io.cwd`. Throws a `UsageError` for bad input.
 */
export async function simulateSources(
  loadRules: () => Promise<RuleSource[]>,
  opts: SimCliOptions,
  io: Pick<CliIo, 'cwd' | 'stderr'>,
): Promise<SimulationReport> {
  const { sim, finish } = await prepareSources(loadRules, opts, io);
  return finish(sim.run());
}

/** A simulation ready to run, and what the CLI adds to any report it makes (its notes, the bigip.conf problems). */
interface PreparedRun {
  sim: Simulation;
  finish(report: SimulationReport): SimulationReport;
}

/** Reads and checks everything `simulateSources` needs and sets the simulation up (see there). */
async function prepareSources(
  loadRules: () => Promise<RuleSource[]>,
  opts: SimCliOptions,
  io: Pick<CliIo, 'cwd' | 'stderr'>,
): Promise<PreparedRun> {
  const { options, notes, defaulted, configProblems: problems } = await simulationOptions(loadRules, opts, io);
  const sim = prepareSimulation(options);
  if ('error' in sim) throw new UsageError(sim.error);
  if (defaulted) notes.push(`no --client or --clients given: simulating one client, ${DEFAULT_CLIENT}`);
  const finish = (report: SimulationReport): SimulationReport => {
    report.notes.push(...notes);
    if (problems) report.configProblems = problems;
    return report;
  };
  return { sim, finish };
}

/**
 * Reads and checks everything a simulation needs (clients, bigip.conf, request, rules, version)
 * as `irule-sim` does; `notes` are remarks for the report, `defaulted` whether the default client
 * was chosen, `configProblems` the bigip.conf's problems to list. Throws a `UsageError` for bad input.
 */
export async function simulationOptions(
  loadRules: () => Promise<RuleSource[]>,
  opts: SimCliOptions,
  io: Pick<CliIo, 'cwd' | 'stderr'>,
): Promise<{ options: SimulateOptions; notes: string[]; defaulted: boolean; configProblems: SimulationReport['configProblems'] }> {
  let cliVersion: BigipVersion | undefined;
  if (opts.bigipVersion !== undefined) {
    const checked = checkVersion(opts.bigipVersion);
    if ('error' in checked) throw new UsageError(`--bigip-version ${checked.error}`);
    cliVersion = checked.version;
  }
  for (const ev of opts.event) {
    if (getEvent(ev)) continue;
    const hint = closest(ev, allEvents().map((e) => e.name));
    throw new UsageError(`--event: unknown event '${ev}'${hint ? ` (did you mean ${hint}?)` : ''}`);
  }
  const notes: string[] = [];
  const { clients, defaulted } = await readClients(io, opts);
  const confDiagnostics: ConfigDiagnostic[] = [];
  const config = await readConfig(io, opts, notes, confDiagnostics);
  const request = await readRequest(io, opts);
  const rules = await loadRules();
  const version = simulatedVersion(cliVersion, config, io);
  const options: SimulateOptions = {
    rules,
    config,
    virtual: opts.virtual,
    version,
    events: opts.event.length > 0 ? opts.event : undefined,
    clients,
    request,
  };
  return { options, notes, defaulted, configProblems: configProblemsReport(confDiagnostics, rules) };
}

/**
 * The bigip.conf problems a report lists (see `configProblems`), or undefined when there are none;
 * a virtual server's reference to an iRule that one of `rules` gives (by short name) is no problem.
 */
export function configProblemsReport(diagnostics: readonly ConfigDiagnostic[], rules: readonly RuleSource[]): ConfigProblemsReport | undefined {
  const problems = configProblems(diagnostics, new Set(rules.map((r) => r.name.slice(r.name.lastIndexOf('/') + 1))));
  const listed = problems.listed.map((d) => ({ file: d.source ?? '', line: d.line, column: d.column, severity: d.severity, ruleId: d.ruleId, message: d.message }));
  return listed.length > 0 ? { listed, omitted: problems.omitted } : undefined;
}

/**
 * The version to simulate: the one asked for, else the bigip.conf's `#TMSH-VERSION:` line, else
 * the newest known; warns on stderr when it is newer than the catalog knows.
 */
export function simulatedVersion(asked: BigipVersion | undefined, config: BigipConfig | undefined, io: Pick<CliIo, 'stderr'>): string {
  const fromConf = config?.version !== undefined ? parseVersion(config.version) : undefined;
  const chosen = asked ?? fromConf;
  if (chosen && compareVersions(chosen, defaultVersion()) > 0) io.stderr(`irule-sim: warning: ${newerVersionWarning(chosen)}\n`);
  return (chosen ?? defaultVersion()).text;
}

/**
 * Simulates and writes the report to `io.stdout` as it goes: the header once RULE_INIT has run,
 * then each client as it is simulated (no client result is kept), in pieces of about 64 KB, waiting
 * for standard output to drain when it asks to. Usage problems are thrown before anything is written.
 */
export async function simulateFiles(files: string[], opts: SimCliOptions, io: CliIo): Promise<void> {
  if (files.length === 0 && opts.bigipConf === undefined) throw new UsageError('no iRule files given (or give --bigip-conf to simulate the rules a virtual server has there)');
  const { sim, finish } = await prepareSources(ruleFileLoader(files, io), opts, io);
  const out = new OutputBuffer(io);
  const writer = (opts.format === 'json' ? simJsonWriter : simTextWriter)((text) => out.write(text));
  writer.start(finish(sim.begin()));
  for (const r of sim.clientResults()) {
    writer.result(r);
    await out.pause();
  }
  writer.end(finish(sim.report([])));
  out.flush();
  await out.pause();
}

/** Gathers output pieces into writes of about 64 KB, and waits for standard output to drain between them. */
class OutputBuffer {
  /** Size of a write. */
  static readonly SIZE = 64 * 1024;
  private pieces: string[] = [];
  private size = 0;

  constructor(private readonly io: Pick<CliIo, 'stdout' | 'drain'>) {}

  /** Adds a piece, writing when a write's worth is gathered. */
  write(text: string): void {
    this.pieces.push(text);
    this.size += text.length;
    if (this.size >= OutputBuffer.SIZE) this.flush();
  }

  /** Writes what is gathered. */
  flush(): void {
    if (this.pieces.length === 0) return;
    this.io.stdout(this.pieces.join(''));
    this.pieces = [];
    this.size = 0;
  }

  /** Waits until standard output can take more (at once when it can). */
  async pause(): Promise<void> {
    await this.io.drain?.();
  }
}

/** Reads the rule files (folders searched as irule-lint searches them) for a simulation. */
export function ruleFileLoader(files: string[], io: Pick<CliIo, 'cwd'>): () => Promise<RuleSource[]> {
  return async () => {
    // Folders are searched as irule-lint searches them (*.irule, *.irul, *.tcl, in name order).
    const found = files.length > 0 ? await findFiles(files, io.cwd) : [];
    if (files.length > 0 && found.length === 0) throw new UsageError(`no *.irule, *.irul or *.tcl files found in ${files.map((p) => `'${p}'`).join(', ')}`);
    const rules: RuleSource[] = [];
    for (const file of found) {
      const f = await readText(io, file.absPath, 'iRule file');
      rules.push({ name: ruleNameOf(f.abs), text: f.text, origin: f.name });
    }
    return rules;
  };
}

/** The rule name `irule-sim` gives a file: its name without the extension. */
export function ruleNameOf(file: string): string {
  return path.basename(file).replace(/\.[^.]*$/, '');
}

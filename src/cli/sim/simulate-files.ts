/**
 * The work behind `irule-sim`: read the rule files, clients, bigip.conf (with its external data
 * group files), the HTTP request; check the options; run the simulation; format the report.
 * Loaded lazily by run.ts, so `--help` and usage errors never build the parser.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseBigipConf } from '../../bigip/parse-config.js';
import type { BigipConfig } from '../../bigip/model.js';
import { allEvents, getEvent } from '../../catalog/load.js';
import { closest } from '../../lint/config.js';
import { checkVersion, compareVersions, defaultVersion, newerVersionWarning, parseVersion, type BigipVersion } from '../../lint/version.js';
import { formatSimJson } from '../../report/sim-json.js';
import { formatSimText } from '../../report/sim-text.js';
import { parseClient, parseClientList } from '../../sim/irule/clients.js';
import { simulate } from '../../sim/irule/engine.js';
import { parseHttpRequest } from '../../sim/irule/http.js';
import type { ClientSpec, HttpMessageSpec, RuleSource, SimulateOptions, SimulationReport } from '../../sim/irule/types.js';
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

/** The clients from `--client` and `--clients`. */
async function readClients(io: Pick<CliIo, 'cwd'>, opts: SimCliOptions): Promise<{ clients: ClientSpec[]; defaulted: boolean }> {
  const clients: ClientSpec[] = [];
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
  if (clients.length > 0) return { clients, defaulted: false };
  return { clients: [{ address: DEFAULT_CLIENT }], defaulted: true };
}

/** Reads and parses bigip.conf; a syntax error in it is an input error naming file, line and column. */
async function readConfig(io: Pick<CliIo, 'cwd'>, opts: SimCliOptions, notes: string[]): Promise<BigipConfig | undefined> {
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
  for (const dg of Object.values(config.dataGroups)) {
    if (dg.external && !dg.loaded) notes.push(`external data group ${dg.name}: its file was not found (pass --external ${dg.shortName}=<file>); treated as empty`);
  }
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
  const { options, notes, defaulted } = await simulationOptions(loadRules, opts, io);
  const report = simulate(options);
  if ('error' in report) throw new UsageError(report.error);
  if (defaulted) notes.push(`no --client or --clients given: simulating one client, ${DEFAULT_CLIENT}`);
  report.notes.push(...notes);
  return report;
}

/**
 * Reads and checks everything a simulation needs (clients, bigip.conf, request, rules, version)
 * as `irule-sim` does; `notes` are remarks for the report, `defaulted` whether the default client
 * was chosen. Throws a `UsageError` for bad input.
 */
export async function simulationOptions(
  loadRules: () => Promise<RuleSource[]>,
  opts: SimCliOptions,
  io: Pick<CliIo, 'cwd' | 'stderr'>,
): Promise<{ options: SimulateOptions; notes: string[]; defaulted: boolean }> {
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
  const config = await readConfig(io, opts, notes);
  const request = await readRequest(io, opts);
  const rules = await loadRules();
  // The version: --bigip-version, else the bigip.conf's `#TMSH-VERSION:` line, else the newest known.
  const fromConf = config?.version !== undefined ? parseVersion(config.version) : undefined;
  const chosen = cliVersion ?? fromConf;
  if (chosen && compareVersions(chosen, defaultVersion()) > 0) io.stderr(`irule-sim: warning: ${newerVersionWarning(chosen)}\n`);
  const version = (chosen ?? defaultVersion()).text;
  const options: SimulateOptions = {
    rules,
    config,
    virtual: opts.virtual,
    version,
    events: opts.event.length > 0 ? opts.event : undefined,
    clients,
    request,
  };
  return { options, notes, defaulted };
}

/** Simulates and returns the formatted report. */
export async function simulateFiles(files: string[], opts: SimCliOptions, io: CliIo): Promise<string> {
  if (files.length === 0 && opts.bigipConf === undefined) throw new UsageError('no iRule files given (or give --bigip-conf to simulate the rules a virtual server has there)');
  const report = await simulateSources(ruleFileLoader(files, io), opts, io);
  return opts.format === 'json' ? formatSimJson(report) : formatSimText(report);
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

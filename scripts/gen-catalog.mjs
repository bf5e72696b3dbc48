#!/usr/bin/env node
// Generates the command and event catalog in grammar/ from the team's reference facts
// (/work/shared/reference/irules-commands.json and irules-events.json) plus the hand-curated tables
// in scripts/gen-catalog.{curated,events,summaries}.mjs. Deterministic: the same inputs give the
// same files.
//
//   node scripts/gen-catalog.mjs [--ref <dir>] [--check]
//
// --ref    folder holding the reference JSON (default: ../shared/reference next to the repo)
// --check  write nothing; exit 1 when grammar/ differs from what the generator would write
//
// The generator produced the initial catalog. Hand edits to grammar/ are allowed (one JSON entry
// per command, see docs in src/catalog/types.ts), but re-running overwrites them: port lasting
// changes into the tables here, or retire the generator once grammar/ is edited by hand.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildForm, parseLine, tmshLiterals } from './gen-catalog.synopsis.mjs';
import {
  CMP, DEPRECATED, EXISTING, GLOBAL_EVENT_SETS, GTM_BARE, IMPLICIT_RELEASE, IRULE_FORMS, NOTES, SENDS_RESPONSE, SINCE, SUSPENDS, TCL_ABSENT, TCL_DISABLED_ABSENT,
  TCL_DISABLED_PRESENT, TCL_EXTRA, TCL_FORMS, TCL_NEWER, TCL_PRESENT, TERMINATES_FLOW, TOP_LEVEL,
} from './gen-catalog.curated.mjs';
import { EVENT_INFO, EVENT_SETS, FLOWS, NAMESPACES } from './gen-catalog.events.mjs';
import { SUMMARIES } from './gen-catalog.summaries.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const refDir = argv.includes('--ref') ? argv[argv.indexOf('--ref') + 1] : join(root, '..', 'shared', 'reference');
const check = argv.includes('--check');

const refCommands = JSON.parse(readFileSync(join(refDir, 'irules-commands.json'), 'utf8'));
const refEvents = JSON.parse(readFileSync(join(refDir, 'irules-events.json'), 'utf8'));

const problems = [];
const fail = (msg) => problems.push(msg);

// ------------------------------------------------------------------------------------------------
// Events
// ------------------------------------------------------------------------------------------------

const SIDES = { client: 'client', 'client/server': 'server', 'client+server': 'both', global: 'global' };

function clouddocsUrl(sources) {
  return sources.find((s) => /^https:\/\/clouddocs\.f5\.com\/api\/irules\//.test(s));
}

const events = [...refEvents]
  .sort((a, b) => (a.name < b.name ? -1 : 1))
  .map((r) => {
    const info = EVENT_INFO[r.name] ?? {};
    if (!info.summary) fail(`event ${r.name} has no summary`);
    const e = { name: r.name, summary: info.summary, profiles: [...(r.profile ?? [])], side: SIDES[r.side] ?? 'unknown' };
    const transport = /transport=(tcp|udp)/.exec(r.notes ?? '')?.[1];
    if (transport) e.transport = transport;
    const since = info.since ?? r.since;
    if (since) e.since = since;
    if (info.deprecated || /\bdeprecated\b/.test(r.notes ?? '')) e.deprecated = { ...(info.deprecated ?? {}) };
    if (info.product) e.product = info.product;
    if (info.highFrequency) e.highFrequency = true;
    if (info.perRequest) e.perRequest = true;
    if (info.triggeredBy) e.triggeredBy = info.triggeredBy;
    const url = clouddocsUrl(r.source);
    if (url) e.docUrl = url;
    if (info.notes) e.notes = info.notes;
    return e;
  });
const eventNames = new Set(events.map((e) => e.name));
for (const name of Object.keys(EVENT_INFO)) if (!eventNames.has(name)) fail(`EVENT_INFO names unknown event ${name}`);

const sets = EVENT_SETS.map((s) => {
  const out = { name: s.name, summary: s.summary };
  if (s.sides) out.sides = s.sides;
  if (s.profiles) out.profiles = [...new Set(s.profiles)];
  if (s.events) out.events = s.events;
  for (const ev of s.events ?? []) if (!eventNames.has(ev)) fail(`event set ${s.name} names unknown event ${ev}`);
  return out;
});
const setNames = new Set(sets.map((s) => s.name));

/** The events of a named set (same rule as src/catalog/load.ts). */
function expandSet(name) {
  const s = sets.find((x) => x.name === name);
  return events
    .filter((e) => s.sides?.includes(e.side) || e.profiles.some((p) => s.profiles?.includes(p)) || s.events?.includes(e.name))
    .map((e) => e.name);
}

const flows = FLOWS.map((f) => ({
  name: f.name,
  summary: f.summary,
  profiles: f.profiles,
  steps: f.steps.map((s) => {
    const m = /^([A-Z0-9_]+)(\?)?(\*)?$/.exec(s);
    if (!m) throw new Error(`bad flow step ${s}`);
    if (!eventNames.has(m[1])) fail(`flow ${f.name} names unknown event ${m[1]}`);
    const step = { event: m[1] };
    if (m[2]) step.optional = true;
    if (m[3]) step.perRequest = true;
    return step;
  }),
  ...(f.notes ? { notes: f.notes } : {}),
}));

// ------------------------------------------------------------------------------------------------
// Commands
// ------------------------------------------------------------------------------------------------

const TCL_NAMES = new Set([...TCL_PRESENT, ...TCL_DISABLED_ABSENT, ...TCL_DISABLED_PRESENT, ...TCL_ABSENT, ...Object.keys(TCL_NEWER), 'history']);
const IRULE_OVERRIDES_TCL = new Set(['after', 'close']);
const existing = new Map([...EXISTING.tcl, ...EXISTING.global].map((c) => [c.name, c]));

function namespaceOf(name) {
  const i = name.indexOf('::');
  return i > 0 && i + 2 < name.length ? name.slice(0, i) : undefined;
}

function fileOf(name) {
  const ns = namespaceOf(name);
  if (ns) return ns;
  if (TCL_NAMES.has(name) && !IRULE_OVERRIDES_TCL.has(name)) return 'tcl';
  return 'global';
}

function tclDocUrl(name) {
  const v = TCL_NEWER[name];
  if (v) return `https://www.tcl.tk/man/tcl${v}/TclCmd/${name}.htm`;
  if (/^auto_/.test(name)) return 'https://www.tcl.tk/man/tcl8.4/TclCmd/library.htm';
  if (name === 'tclLog' || name === 'case') return 'https://www.tcl.tk/man/tcl8.4/TclCmd/contents.htm';
  return `https://www.tcl.tk/man/tcl8.4/TclCmd/${name}.htm`;
}

/** Lower-case first words of a command's usage lines when they differ: subcommands in Tcl notation. */
function firstWords(name, lines) {
  const words = new Set();
  for (const line of lines ?? []) {
    const m = /^\S+\s+([a-z][a-z_]*)\b/.exec(line.trim());
    if (m && line.trim().startsWith(name)) words.add(m[1]);
  }
  return words.size > 1 ? words : new Set();
}

/** Synopsis lines worth showing: the usage lines that start with the name, without prose or examples. */
function cleanSynopsis(name, lines) {
  const tclLiterals = firstWords(name, lines);
  const out = [];
  for (const line of lines ?? []) {
    const r = parseLine(name, line, { tclLiterals });
    if (r.status === 'junk') continue;
    const t = line.trim().replace(/\s+/g, ' ');
    if (!out.includes(t)) out.push(t);
  }
  return out;
}

/** The argument form from the synopsis lines, or undefined when a line cannot be read. */
function formFromSynopsis(name, lines) {
  const tclLiterals = firstWords(name, lines);
  const knownLiterals = tmshLiterals(name, lines);
  const forms = [];
  let usable = 0;
  for (const line of lines ?? []) {
    const r = parseLine(name, line, { tclLiterals, knownLiterals });
    if (r.status === 'junk' || r.status === 'generic') continue;
    if (r.status === 'broken') return { reason: `unreadable usage line: ${line.trim()}` };
    usable++;
    forms.push(...r.forms);
  }
  if (!usable) return { reason: 'no usage line' };
  const { form, approx } = buildForm(forms);
  return { form, loose: approx };
}

/** Key order of a command entry in the JSON files. */
const KEY_ORDER = [
  'name', 'summary', 'synopsis', 'args', 'argsSource', 'argsLoose', 'events', 'eventSet', 'eventsSource', 'eventsInvalid', 'eventsInvalidSource',
  'since', 'deprecated', 'removed', 'disabled', 'absent', 'tclVersion', 'topLevel', 'sendsResponse', 'implicitRelease', 'terminatesFlow', 'suspends', 'demotesCmp',
  'kind', 'docUrl', 'notes',
];
function ordered(c) {
  const out = {};
  for (const k of KEY_ORDER) if (c[k] !== undefined) out[k] = c[k];
  for (const k of Object.keys(c)) if (!(k in out)) throw new Error(`unordered key ${k}`);
  return out;
}

function provenanceSource(text) {
  if (!text) return undefined;
  if (/measured \(appliance/.test(text) || /measured present/.test(text)) return 'measured';
  if (/documented/.test(text)) return 'documented';
  return 'derived';
}

const stats = { parsed: 0, curated: 0, loose: 0, unknown: 0 };
const unknownForms = [];

function buildCommand(r) {
  const name = r.name;
  const ns = namespaceOf(name);
  const file = fileOf(name);
  const c = { name };
  const prior = existing.get(name);
  const summary = prior?.summary ?? SUMMARIES[name] ?? (r.gtmName ? SUMMARIES[r.gtmName] : undefined);
  if (summary) c.summary = summary;

  // argument forms
  const curated = TCL_FORMS[name] ?? IRULE_FORMS[name];
  const synopsis = prior?.synopsis ?? curated?.synopsis ?? cleanSynopsis(name, r.synopsis);
  if (synopsis.length) c.synopsis = synopsis;
  const isTcl = file === 'tcl';
  const disabled = TCL_DISABLED_ABSENT.includes(name) || TCL_DISABLED_PRESENT.includes(name);
  const absent = TCL_ABSENT.includes(name) || name in TCL_NEWER;
  if (prior?.args) {
    c.args = prior.args;
    c.argsSource = 'curated';
    stats.curated++;
  } else if (curated?.args) {
    c.args = curated.args;
    c.argsSource = 'curated';
    if (curated.loose) c.argsLoose = true;
    stats.curated++;
  } else if (!disabled && !absent && name !== 'static::' && !isTcl) {
    const got = formFromSynopsis(name, r.synopsis);
    if (got.form) {
      c.args = got.form;
      c.argsSource = 'synopsis';
      if (got.loose) c.argsLoose = true;
      stats.parsed++;
      if (got.loose) stats.loose++;
    } else {
      stats.unknown++;
      unknownForms.push(`${name}: ${got.reason}`);
    }
  } else if (!disabled && !absent && name !== 'static::') {
    stats.unknown++;
    unknownForms.push(`${name}: Tcl command without a curated form`);
  }

  // events
  const topLevel = TOP_LEVEL[name];
  if (isTcl && !disabled && !absent) {
    c.events = '*';
    c.eventsSource = TCL_PRESENT.includes(name) ? 'measured' : 'documented';
  } else if (!disabled && !absent && !GLOBAL_EVENT_SETS.none.includes(name)) {
    const valid = r.events_valid;
    const source = provenanceSource(r.events_provenance);
    if (valid && valid.length === 1 && valid[0] === 'ANY_EVENT') {
      c.events = '*';
      c.eventsSource = source;
    } else {
      const set = ns ? NAMESPACES[ns]?.eventSet : Object.entries(GLOBAL_EVENT_SETS).find(([, names]) => names.includes(name))?.[0] ?? 'flow';
      if (ns && !NAMESPACES[ns]) fail(`namespace ${ns} has no entry in NAMESPACES`);
      if (set === 'any') {
        c.events = '*';
        c.eventsSource = valid && valid.length ? source : 'derived';
      } else if (valid && valid.length) {
        c.events = [...valid];
        c.eventsSource = source;
      } else if (set === 'any') {
        c.events = '*';
        c.eventsSource = 'derived';
      } else {
        c.eventsSource = 'derived';
      }
      if (set && set !== 'any' && c.events !== '*') c.eventSet = set;
    }
    if (r.events_invalid && r.events_invalid.length) {
      c.eventsInvalid = [...r.events_invalid];
      c.eventsInvalidSource = /inferred/.test(r.events_provenance ?? '') ? 'derived' : 'measured';
    }
    if (c.events === '*' && c.eventsInvalid) {
      // "any event but these": keep the list explicit
      c.events = events.map((e) => e.name).filter((n) => !c.eventsInvalid.includes(n));
    }
    for (const ev of [...(Array.isArray(c.events) ? c.events : []), ...(c.eventsInvalid ?? [])]) {
      if (!eventNames.has(ev)) fail(`${name} names unknown event ${ev}`);
    }
  }

  // versions and status
  if (SINCE[name]) c.since = SINCE[name];
  if (DEPRECATED[name]) c.deprecated = DEPRECATED[name];
  else if (r.deprecated) c.deprecated = { note: 'listed as deprecated by third-party iRule linters' };
  if (disabled) c.disabled = true;
  if (absent) c.absent = true;
  if (TCL_NEWER[name]) c.tclVersion = TCL_NEWER[name];
  if (topLevel) c.topLevel = topLevel;
  if (SENDS_RESPONSE.includes(name)) c.sendsResponse = true;
  if (IMPLICIT_RELEASE[name]) c.implicitRelease = IMPLICIT_RELEASE[name];
  if (TERMINATES_FLOW.includes(name)) c.terminatesFlow = true;
  const notes = [...(NOTES[name] ?? []), ...(curated?.notes ?? [])];
  if (SUSPENDS[name]) {
    c.suspends = SUSPENDS[name][0];
    notes.push(`suspension: ${SUSPENDS[name][1]}`);
  }
  if (CMP[name]) {
    c.demotesCmp = CMP[name][0];
    notes.push(`CMP: ${CMP[name][1]}`);
  }
  if (TCL_DISABLED_ABSENT.includes(name)) notes.push('refused at load (command is disabled) and missing from the TMM interpreter');
  if (TCL_DISABLED_PRESENT.includes(name)) notes.push('refused at load (command is disabled) but present in the TMM interpreter, so eval can still reach it at run time');
  if (TCL_ABSENT.includes(name)) notes.push('missing in iRules: a literal use fails at load with undefined procedure');
  if (name === 'static::') c.kind = 'namespace';
  c.docUrl = clouddocsUrl(r.source) ?? (isTcl || TCL_NAMES.has(name) ? tclDocUrl(name) : undefined);
  if (!c.docUrl) delete c.docUrl;
  if (notes.length) c.notes = notes;
  return { file, spec: ordered(c) };
}


const files = new Map();
const seen = new Set();
for (const r of refCommands) {
  if (seen.has(r.name)) fail(`duplicate reference command ${r.name}`);
  seen.add(r.name);
  const { file, spec } = buildCommand(r);
  if (!files.has(file)) files.set(file, []);
  files.get(file).push(spec);
}
for (const name of TCL_EXTRA) {
  if (seen.has(name)) continue;
  const { file, spec } = buildCommand({ name, synopsis: [], events_valid: null, events_invalid: null, source: [] });
  files.get(file).push(spec);
}
// GTM commands as wide-IP rules write them: without the namespace of their reference page names.
for (const bare of GTM_BARE) {
  const r = refCommands.find((x) => x.name === `GTM::${bare}`);
  if (!r) fail(`GTM_BARE names ${bare}, but the reference has no GTM::${bare}`);
  else if (seen.has(bare)) fail(`GTM_BARE names ${bare}, which is an LTM command too: give its LTM entry the GTM forms instead`);
  else {
    seen.add(bare);
    const { file, spec } = buildCommand({ ...r, name: bare, gtmName: r.name });
    files.get(file).push(spec);
  }
}
for (const name of Object.keys({ ...SUMMARIES, ...TCL_FORMS, ...IRULE_FORMS })) {
  if (!seen.has(name) && !TCL_EXTRA.includes(name)) fail(`curated entry ${name} is not a reference command`);
}
for (const list of files.values()) list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

const namespaces = Object.entries(NAMESPACES)
  .filter(([ns]) => files.has(ns))
  .map(([ns, v]) => {
    if (!setNames.has(v.eventSet)) fail(`namespace ${ns} uses unknown event set ${v.eventSet}`);
    const out = { name: ns };
    if (v.summary) out.summary = v.summary;
    if (v.profiles) out.profiles = v.profiles;
    out.eventSet = v.eventSet;
    out.commands = files.get(ns).length;
    return out;
  });
for (const ns of files.keys()) if (ns !== 'tcl' && ns !== 'global' && !NAMESPACES[ns]) fail(`no NAMESPACES entry for ${ns}`);
for (const list of files.values()) for (const c of list) if (c.eventSet && !setNames.has(c.eventSet)) fail(`${c.name}: unknown event set ${c.eventSet}`);

if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(2);
}

// ------------------------------------------------------------------------------------------------
// Output: compact JSON (short objects and arrays on one line) with stable key order.
// ------------------------------------------------------------------------------------------------

function pretty(value, indent = '', width = 120) {
  const flat = JSON.stringify(value);
  if (flat === undefined) return 'null';
  if (typeof value !== 'object' || value === null || flat.length + indent.length <= width) return flat;
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    return `[\n${value.map((v) => inner + pretty(v, inner, width)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${pretty(v, inner, width)}`).join(',\n')}\n${indent}}`;
}

const outputs = new Map();
for (const [file, list] of files) outputs.set(join('grammar', 'commands', `${file}.json`), pretty(list) + '\n');
{
  // The loader's list of command files (a bundler needs static imports).
  const names = [...files.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const ident = (n) => `ns_${n.replace(/[^A-Za-z0-9_]/g, '_')}`;
  const lines = [
    '// Generated by scripts/gen-catalog.mjs: one import per grammar/commands/*.json file.',
    '// A test checks that every file there is listed; add a line when you add a namespace file.',
    ...names.map((n) => `import ${ident(n)} from '../../grammar/commands/${n}.json' with { type: 'json' };`),
    '',
    '/** The command files by name (namespace, `global` or `tcl`), as parsed JSON. */',
    'export const commandFiles: Record<string, unknown> = {',
    ...names.map((n) => `  ${/^[A-Za-z_][A-Za-z0-9_]*$/.test(n) ? n : JSON.stringify(n)}: ${ident(n)},`),
    '};',
    '',
  ];
  outputs.set(join('src', 'catalog', 'command-files.ts'), lines.join('\n'));
}
outputs.set(join('grammar', 'events.json'), pretty({ events, sets, flows }) + '\n');
// The reference's command names, so a test can check coverage without the reference folder.
outputs.set(
  join('test', 'catalog', 'reference-commands.txt'),
  refCommands.map((r) => r.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join('\n') + '\n',
);
outputs.set(join('grammar', 'namespaces.json'), pretty(namespaces) + '\n');

let differs = false;
const wanted = new Set([...outputs.keys()].map((p) => join(root, p)));
for (const [rel, text] of outputs) {
  const path = join(root, rel);
  const old = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  if (old === text) continue;
  differs = true;
  if (check) console.error(`differs: ${rel}`);
  else {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
  }
}
for (const f of readdirSync(join(root, 'grammar', 'commands'))) {
  const path = join(root, 'grammar', 'commands', f);
  if (f.endsWith('.json') && !wanted.has(path)) {
    differs = true;
    if (check) console.error(`extra: grammar/commands/${f}`);
    else unlinkSync(path);
  }
}

const all = [...files.values()].flat();
const count = (pred) => all.filter(pred).length;
const report = {
  files: outputs.size,
  commands: all.length,
  events: events.length,
  namespaces: namespaces.length,
  argsCurated: stats.curated,
  argsFromSynopsis: stats.parsed - stats.loose,
  argsFromSynopsisLoose: stats.loose,
  argsUnknown: stats.unknown,
  withSummary: count((c) => c.summary),
  eventsMeasured: count((c) => c.eventsSource === 'measured'),
  eventsDocumented: count((c) => c.eventsSource === 'documented'),
  eventsDerived: count((c) => c.eventsSource === 'derived'),
};
if (argv.includes('--verbose')) console.log(unknownForms.join('\n'));
if (check) {
  if (differs) process.exit(1);
} else {
  console.log(JSON.stringify(report));
}
// keep expandSet referenced for debugging sessions (node -e import)
export { expandSet };

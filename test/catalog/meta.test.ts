/**
 * Meta tests of the catalog data: every event a command or set names exists, every command of the
 * team's reference list is present, names are unique across files, every file is bundled, every
 * handler exists, and the forms the parser depends on did not change.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commandFiles } from '../../src/catalog/command-files.js';
import { allCommands, allEvents, allNamespaces, checkCatalog, eventsInSet, getCommand, getEventSet } from '../../src/catalog/load.js';
import { specialHandlers } from '../../src/catalog/special/index.js';
import type { ArgForm, CommandSpec, EventCatalog } from '../../src/catalog/types.js';

const ROOT = new URL('../../', import.meta.url);
const readJson = <T>(path: string): T => JSON.parse(readFileSync(new URL(path, ROOT), 'utf8')) as T;
const files = readdirSync(new URL('grammar/commands/', ROOT)).filter((f) => f.endsWith('.json')).sort();
const raw = files.flatMap((f) => readJson<CommandSpec[]>(`grammar/commands/${f}`).map((c) => ({ file: f, c })));
const eventCatalog = readJson<EventCatalog>('grammar/events.json');
const eventNames = new Set(eventCatalog.events.map((e) => e.name));

/** Every form and subform of a command. */
function forms(form: ArgForm | undefined, out: ArgForm[] = []): ArgForm[] {
  if (!form) return out;
  out.push(form);
  for (const sub of Object.values(form.subcommands ?? {})) forms(sub, out);
  return out;
}

describe('catalog meta', () => {
  it('loads and checks without error', () => {
    expect(() => checkCatalog()).not.toThrow();
  });

  it('lists 179 events, each once', () => {
    expect(eventCatalog.events).toHaveLength(179);
    expect(eventNames.size).toBe(179);
    expect(allEvents()).toHaveLength(179);
  });

  it('names only existing events in commands (events, eventsInvalid)', () => {
    const unknown = raw.flatMap(({ c }) =>
      [...(Array.isArray(c.events) ? c.events : []), ...(c.eventsInvalid ?? [])].filter((e) => !eventNames.has(e)).map((e) => `${c.name}: ${e}`),
    );
    expect(unknown).toEqual([]);
  });

  it('names only existing events in event sets, flows and deprecation replacements', () => {
    const named = [
      ...eventCatalog.sets.flatMap((s) => s.events ?? []),
      ...eventCatalog.flows.flatMap((f) => f.steps.map((s) => s.event)),
      ...eventCatalog.events.flatMap((e) => (e.deprecated?.replacement ? [e.deprecated.replacement] : [])),
    ];
    expect(named.filter((e) => !eventNames.has(e))).toEqual([]);
  });

  it('uses only existing event sets, and every set holds events', () => {
    const sets = new Set(eventCatalog.sets.map((s) => s.name));
    expect(raw.filter(({ c }) => c.eventSet && !sets.has(c.eventSet)).map(({ c }) => c.name)).toEqual([]);
    expect(allNamespaces().filter((ns) => !sets.has(ns.eventSet)).map((ns) => ns.name)).toEqual([]);
    for (const s of sets) expect(eventsInSet(s).size, s).toBeGreaterThan(0);
    expect(getEventSet('flow')).toBeDefined();
    expect(eventsInSet('flow').has('RULE_INIT')).toBe(false);
    expect(eventsInSet('any').has('RULE_INIT')).toBe(true);
  });

  it('names only existing commands as event triggers and replacements', () => {
    const triggers = eventCatalog.events.flatMap((e) => e.triggeredBy ?? []);
    expect(triggers.filter((c) => !getCommand(c))).toEqual([]);
    const replacements = raw.flatMap(({ c }) => (c.deprecated?.replacement ? [c.deprecated.replacement.split(' ')[0]] : []));
    expect(replacements.filter((c) => !getCommand(c))).toEqual([]);
  });

  it('has every command of the reference list', () => {
    const reference = readFileSync(new URL('test/catalog/reference-commands.txt', ROOT), 'utf8').split('\n').filter(Boolean);
    expect(reference.length).toBe(1386);
    expect(reference.filter((name) => !getCommand(name))).toEqual([]);
  });

  it.runIf(existsSync(new URL('../shared/reference/irules-commands.json', ROOT)))('keeps the reference list in step with the shared reference', () => {
    const shared = readJson<{ name: string }[]>('../shared/reference/irules-commands.json').map((c) => c.name).sort();
    const listed = readFileSync(new URL('test/catalog/reference-commands.txt', ROOT), 'utf8').split('\n').filter(Boolean);
    expect(listed).toEqual(shared);
  });

  it('has no duplicate command names across files', () => {
    const seen = new Map<string, string>();
    const dups: string[] = [];
    for (const { file, c } of raw) {
      if (seen.has(c.name)) dups.push(`${c.name} in ${seen.get(c.name)} and ${file}`);
      seen.set(c.name, file);
    }
    expect(dups).toEqual([]);
    expect(allCommands()).toHaveLength(raw.length);
  });

  it('keeps each namespaced command in the file of its namespace', () => {
    const misplaced = raw.filter(({ file, c }) => {
      const ns = /^([A-Za-z0-9_]+)::./.exec(c.name)?.[1];
      return ns ? file !== `${ns}.json` : file !== 'global.json' && file !== 'tcl.json';
    });
    expect(misplaced.map(({ file, c }) => `${c.name} in ${file}`)).toEqual([]);
  });

  it('bundles every file of grammar/commands', () => {
    expect(Object.keys(commandFiles).map((f) => `${f}.json`).sort()).toEqual(files);
  });

  it('uses only existing special handlers', () => {
    const used = raw.flatMap(({ c }) => forms(c.args).flatMap((f) => (f.handler ? [`${c.name}:${f.handler}`] : [])));
    expect(used.filter((u) => !specialHandlers[u.split(':').pop()!])).toEqual([]);
    expect(used.sort()).toEqual(['after:after', 'if:if', 'switch:switch', 'uplevel:uplevel', 'when:when']);
  });

  it('keeps the forms the parser was built on', () => {
    // These entries existed before the catalog was generated; the parser's expansion depends on them.
    expect(getCommand('while')?.args).toEqual({ positionals: [{ name: 'test', type: 'expr' }, { name: 'body', type: 'body' }] });
    expect(getCommand('for')?.args?.positionals?.map((p) => p.type)).toEqual(['script', 'expr', 'script', 'body']);
    expect(getCommand('foreach')?.args).toEqual({ positionals: [{ name: 'varlist list', type: 'any', repeat: true }, { name: 'body', type: 'body' }] });
    expect(getCommand('catch')?.args?.positionals?.map((p) => p.type)).toEqual(['body', 'varName']);
    expect(getCommand('proc')?.args?.positionals?.map((p) => p.type)).toEqual(['procName', 'params', 'body']);
    expect(getCommand('expr')?.args).toEqual({ positionals: [{ name: 'arg', type: 'expr', repeat: true }] });
    expect(getCommand('eval')?.args).toEqual({ positionals: [{ name: 'arg', type: 'script', repeat: true }] });
    for (const name of ['if', 'switch', 'uplevel', 'when', 'after']) expect(getCommand(name)?.args).toEqual({ handler: name });
  });

  it('types code arguments (script, body, expr) only where the data was written by hand', () => {
    const code = new Set(['script', 'body', 'expr', 'switchBody']);
    const withCode = raw
      .filter(({ c }) => forms(c.args).some((f) => f.positionals?.some((p) => code.has(p.type))))
      .map(({ c }) => `${c.name}:${c.argsSource}`);
    expect(withCode.filter((x) => !x.endsWith(':curated'))).toEqual([]);
  });
});

describe('catalog content', () => {
  it('marks the 31 disabled Tcl commands and the Tcl 8.5/8.6 ones', () => {
    const disabled = raw.filter(({ c }) => c.disabled).map(({ c }) => c.name);
    expect(disabled).toHaveLength(31);
    expect(disabled).toEqual(expect.arrayContaining(['namespace', 'rename', 'time', 'exec', 'open', 'file', 'socket', 'vwait', 'interp']));
    for (const name of ['dict', 'lassign', 'apply', 'lrepeat', 'lreverse', 'chan']) {
      expect(getCommand(name), name).toMatchObject({ absent: true, tclVersion: '8.5' });
    }
    expect(getCommand('try')).toMatchObject({ absent: true, tclVersion: '8.6' });
    expect(getCommand('auto_load_index')).toMatchObject({ absent: true });
    expect(getCommand('set')).toMatchObject({ events: '*', eventsSource: 'measured' });
  });

  it('records flags for responses, flow ends, suspension and CMP', () => {
    expect(getCommand('HTTP::respond')?.sendsResponse).toBe(true);
    expect(getCommand('HTTP::redirect')?.sendsResponse).toBe(true);
    for (const n of ['drop', 'reject', 'discard']) expect(getCommand(n)?.terminatesFlow, n).toBe(true);
    expect(getCommand('after')?.suspends).toBe('conditional');
    expect(getCommand('RESOLV::lookup')?.suspends).toBe('always');
    expect(getCommand('global')?.demotesCmp).toBe('always');
    expect(getCommand('matchclass')?.deprecated).toEqual({ since: '10.0.0', replacement: 'class match' });
    expect(getCommand('http_uri')?.deprecated?.replacement).toBe('HTTP::uri');
    expect(getCommand('when')?.topLevel).toBe('only');
  });

  it('gives every command used by the fixtures a summary', () => {
    const dir = new URL('fixtures/', ROOT);
    const texts = ['seed/', 'parser/', 'parser/tcl/'].flatMap((d) =>
      readdirSync(new URL(d, dir)).filter((f) => /\.(irule|tcl)$/.test(f)).map((f) => readFileSync(new URL(d + f, dir), 'utf8')),
    );
    const names = new Set<string>();
    for (const t of texts) for (const m of t.matchAll(/(?:^|[[{;])\s*([A-Za-z_][A-Za-z0-9_]*(?:::[A-Za-z0-9_]+)*)/gm)) names.add(m[1]);
    const missing = [...names].filter((n) => getCommand(n) && !getCommand(n)?.summary);
    expect(missing).toEqual([]);
  });

  it('gives every event a summary and a side', () => {
    expect(eventCatalog.events.filter((e) => !e.summary || !e.side).map((e) => e.name)).toEqual([]);
    expect(eventCatalog.events.find((e) => e.name === 'RULE_INIT')).toMatchObject({ side: 'global', since: '9.0.0' });
    expect(eventCatalog.events.find((e) => e.name === 'AUTH_SUCCESS')?.deprecated?.replacement).toBe('AUTH_RESULT');
  });

  it('orders the HTTP flow as BIG-IP fires its events', () => {
    const http = eventCatalog.flows.find((f) => f.name === 'http')!;
    const order = http.steps.map((s) => s.event);
    const at = (e: string) => order.indexOf(e);
    expect(at('CLIENT_ACCEPTED')).toBeLessThan(at('HTTP_REQUEST'));
    expect(at('HTTP_REQUEST')).toBeLessThan(at('LB_SELECTED'));
    expect(at('SERVER_CONNECTED')).toBeLessThan(at('HTTP_RESPONSE'));
    expect(order[order.length - 1]).toBe('CLIENT_CLOSED');
  });
});

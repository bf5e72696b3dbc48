/** The loader's lookups: commands, events, namespaces, event validity with its evidence. */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  allCommands,
  CatalogError,
  linesTable,
  commandInEvent,
  eventFlows,
  getCommand,
  getEvent,
  getNamespace,
  namespaceOf,
  requiredProfiles,
  validEvents,
} from '../../src/catalog/load.js';

const cmd = (name: string) => {
  const spec = getCommand(name);
  if (!spec) throw new Error(`no ${name} in the catalog`);
  return spec;
};

describe('getCommand', () => {
  it('finds commands by exact name, with or without a leading ::', () => {
    expect(getCommand('HTTP::header')?.name).toBe('HTTP::header');
    expect(getCommand('::set')?.name).toBe('set');
    expect(getCommand('::HTTP::uri')?.name).toBe('HTTP::uri');
    expect(getCommand('static::')?.kind).toBe('namespace');
  });

  it('returns undefined for unknown names and wrong case', () => {
    expect(getCommand('HTTP::nosuch')).toBeUndefined();
    expect(getCommand('NOSUCH::thing')).toBeUndefined();
    expect(getCommand('http::uri')).toBeUndefined();
    expect(getCommand('')).toBeUndefined();
  });

  it('finds no command in a namespace named like a property of plain objects', () => {
    // `toString::x` once reached Object.prototype.toString as if it were a command file.
    for (const name of ['toString::x', 'constructor::y', '__proto__::z', 'hasOwnProperty::a', 'valueOf::b']) {
      expect(getCommand(name)).toBeUndefined();
    }
  });

  it('lists about 1,400 commands', () => {
    const all = allCommands();
    expect(all.length).toBeGreaterThanOrEqual(1386);
    expect(new Set(all.map((c) => c.name)).size).toBe(all.length);
  });
});

describe('namespaces', () => {
  it('splits a command name into its namespace', () => {
    expect(namespaceOf('HTTP::uri')).toBe('HTTP');
    expect(namespaceOf('PSM::FTP::enable')).toBe('PSM');
    expect(namespaceOf('set')).toBeUndefined();
    expect(namespaceOf('static::')).toBeUndefined();
  });

  it('knows the profiles a namespace needs', () => {
    expect(getNamespace('HTTP')).toMatchObject({ profiles: ['HTTP'], eventSet: 'http' });
    expect(requiredProfiles(cmd('HTTP::uri'))).toEqual(['HTTP']);
    expect(requiredProfiles(cmd('IP::client_addr'))).toEqual([]);
    expect(requiredProfiles(cmd('set'))).toEqual([]);
  });
});

describe('events', () => {
  it('finds events with their profile, side and docs', () => {
    expect(getEvent('HTTP_REQUEST')).toMatchObject({ profiles: ['FASTHTTP', 'HTTP'], side: 'client', perRequest: true });
    expect(getEvent('HTTP_RESPONSE')?.side).toBe('server');
    expect(getEvent('RULE_INIT')?.side).toBe('global');
    expect(getEvent('CLIENT_DATA')?.triggeredBy).toContain('TCP::collect');
    expect(getEvent('HTTP_REQUEST')?.docUrl).toBe('https://clouddocs.f5.com/api/irules/HTTP_REQUEST.html');
    expect(getEvent('NOT_A_REAL_EVENT')).toBeUndefined();
  });

  it('has flows whose steps are events', () => {
    const names = eventFlows().map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['tcp', 'http', 'https', 'udp-dns']));
    for (const f of eventFlows()) for (const s of f.steps) expect(getEvent(s.event), s.event).toBeDefined();
  });
});

describe('commandInEvent', () => {
  it('reports measured refusals as invalid', () => {
    expect(commandInEvent(cmd('HTTP::uri'), 'HTTP_RESPONSE')).toEqual({ verdict: 'invalid', source: 'measured' });
    expect(commandInEvent(cmd('HTTP::status'), 'HTTP_REQUEST')).toEqual({ verdict: 'invalid', source: 'measured' });
    expect(commandInEvent(cmd('pool'), 'RULE_INIT')).toEqual({ verdict: 'invalid', source: 'measured' });
    expect(commandInEvent(cmd('SSL::cipher'), 'CLIENT_ACCEPTED')).toEqual({ verdict: 'invalid', source: 'measured' });
  });

  it('reports measured and documented uses as valid with their source', () => {
    expect(commandInEvent(cmd('HTTP::uri'), 'HTTP_REQUEST')).toEqual({ verdict: 'valid', source: 'measured' });
    expect(commandInEvent(cmd('HTTP::header'), 'HTTP_RESPONSE')).toEqual({ verdict: 'valid', source: 'documented' });
    expect(commandInEvent(cmd('set'), 'RULE_INIT')).toEqual({ verdict: 'valid', source: 'measured' });
    expect(commandInEvent(cmd('class'), 'RULE_INIT')).toMatchObject({ verdict: 'valid' });
  });

  it('falls back to the event set derived from the profile', () => {
    // APM rules use HTTP commands in ACCESS_ACL_ALLOWED: valid, but only by derivation.
    expect(commandInEvent(cmd('HTTP::uri'), 'ACCESS_ACL_ALLOWED')).toEqual({ verdict: 'valid', source: 'derived' });
    expect(commandInEvent(cmd('HTTP::uri'), 'DNS_REQUEST')).toEqual({ verdict: 'unlikely', source: 'derived' });
    expect(commandInEvent(cmd('HTTP::cookie'), 'CLIENT_ACCEPTED')).toEqual({ verdict: 'unlikely', source: 'derived' });
    expect(commandInEvent(cmd('DNS::question'), 'HTTP_REQUEST')).toEqual({ verdict: 'unlikely', source: 'derived' });
    expect(commandInEvent(cmd('TCP::rto'), 'RULE_INIT')).toEqual({ verdict: 'unlikely', source: 'derived' });
    expect(commandInEvent(cmd('TCP::rto'), 'SERVER_CONNECTED')).toEqual({ verdict: 'valid', source: 'derived' });
  });

  it('says unknown for unknown events and for commands without event facts', () => {
    expect(commandInEvent(cmd('HTTP::uri'), 'NOT_AN_EVENT')).toEqual({ verdict: 'unknown' });
    expect(commandInEvent(cmd('when'), 'HTTP_REQUEST')).toEqual({ verdict: 'unknown' });
    expect(commandInEvent(cmd('exec'), 'HTTP_REQUEST')).toEqual({ verdict: 'unknown' });
  });

  it('expands the valid events of a command', () => {
    const pool = validEvents(cmd('pool'));
    expect(pool.has('LB_FAILED')).toBe(true);
    expect(pool.has('RULE_INIT')).toBe(false);
    expect(validEvents(cmd('set')).size).toBe(179);
    expect(validEvents(cmd('HTTP::uri')).has('HTTP_RESPONSE')).toBe(false);
  });
});

describe('command files in lines (the executables read dist/cli/catalog/*.jsonl)', () => {
  const grammar = fileURLToPath(new URL('../../grammar/commands/', import.meta.url));
  const built = fileURLToPath(new URL('../../dist/cli/catalog/', import.meta.url));
  const lines = (specs: { name: string }[], extra = ''): string => [JSON.stringify(specs.map((s) => s.name)), ...specs.map((s) => JSON.stringify(s))].join('\n') + '\n' + extra;
  const ip = JSON.parse(readFileSync(`${grammar}IP.json`, 'utf8')) as { name: string }[];

  it('gives every command of every built file exactly as grammar/ has it, names in order', () => {
    const files = readdirSync(grammar).filter((f) => f.endsWith('.json'));
    expect(readdirSync(built).sort()).toEqual(files.map((f) => f.replace(/\.json$/, '.jsonl')).sort());
    for (const f of files) {
      const name = f.replace(/\.json$/, '');
      const source = JSON.parse(readFileSync(grammar + f, 'utf8')) as { name: string }[];
      const table = linesTable(name, readFileSync(`${built}${name}.jsonl`, 'utf8'));
      expect([...table.keys()]).toEqual(source.map((s) => s.name));
      for (const spec of source) expect(table.get(spec.name)).toEqual(spec);
      expect(table.get(`${name}::no_such_command`)).toBeUndefined();
    }
  });

  it('parses a command only when it is asked for: a broken line fails only its own command', () => {
    const text = lines(ip).replace(JSON.stringify(ip[1]), '{"name": broken');
    const table = linesTable('IP', text);
    expect(table.has(ip[1].name)).toBe(true);
    expect(table.get(ip[0].name)).toEqual(ip[0]);
    expect(table.get(ip[2].name)).toEqual(ip[2]);
    expect(() => table.get(ip[1].name)).toThrow(/grammar\/commands\/IP\.json: the line of command IP::client_addr is not JSON/);
  });

  it('refuses a file that does not hold what its first line says', () => {
    const fails = (text: string, message: RegExp) => {
      let err: unknown;
      try {
        const table = linesTable('IP', text);
        for (const n of table.keys()) table.get(n);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(CatalogError);
      expect((err as Error).message).toMatch(message);
    };
    fails('{"IP::addr": 1}\n', /the first line is not a JSON list of command names/);
    fails('not json\n', /the first line is not a JSON list of command names/);
    fails(lines([ip[0], ip[0]]), /command IP::addr is listed twice/);
    fails(lines(ip.slice(0, 2)).replace(/\n[^\n]*\n$/, '\n'), /2 command names but 1 or more command lines/);
    fails(lines(ip.slice(0, 2), '{"name":"IP::extra"}\n'), /2 command names but 3 or more command lines/);
    fails([JSON.stringify([ip[0].name, ip[1].name]), JSON.stringify(ip[1]), JSON.stringify(ip[0])].join('\n'), /the line of command IP::addr holds IP::client_addr/);
    fails(lines([{ ...ip[0], name: 'HTTP::uri' }]), /command HTTP::uri belongs in grammar\/commands\/HTTP\.json/);
    fails(lines([{ ...ip[0], events: ['NO_SUCH_EVENT'] } as { name: string }]), /command IP::addr names unknown event NO_SUCH_EVENT/);
  });
});

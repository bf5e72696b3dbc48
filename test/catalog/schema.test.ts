/**
 * The grammar files satisfy the schemas of src/catalog/schema.ts (checked with ajv compiled here,
 * independently of the validator the loader uses), the loader's compiled validator is up to date,
 * and bad data is refused with a message naming the file, the entry and the field.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { commandFileProblem } from '../../src/catalog/load.js';
import { commandFileSchema, eventFileSchema, namespaceFileSchema } from '../../src/catalog/schema.js';

const ROOT = new URL('../../', import.meta.url);
const readJson = (path: string): unknown => JSON.parse(readFileSync(new URL(path, ROOT), 'utf8'));
const commandFiles = readdirSync(new URL('grammar/commands/', ROOT)).filter((f) => f.endsWith('.json')).sort();

const ajv = new Ajv({ strict: true, allErrors: true });
const validateCommands = ajv.compile(commandFileSchema);
const validateEvents = ajv.compile(eventFileSchema);
const validateNamespaces = ajv.compile(namespaceFileSchema);

describe('grammar files against the schema', () => {
  it('has one command file per namespace plus global.json and tcl.json', () => {
    expect(commandFiles).toContain('global.json');
    expect(commandFiles).toContain('tcl.json');
    expect(commandFiles).toContain('HTTP.json');
    expect(commandFiles.length).toBeGreaterThan(100);
  });

  it.each(commandFiles)('grammar/commands/%s fits the command schema', (file) => {
    const data = readJson(`grammar/commands/${file}`);
    const ok = validateCommands(data);
    expect(ok ? [] : validateCommands.errors).toEqual([]);
  });

  it('grammar/events.json fits the event schema', () => {
    const ok = validateEvents(readJson('grammar/events.json'));
    expect(ok ? [] : validateEvents.errors).toEqual([]);
  });

  it('grammar/namespaces.json fits the namespace schema', () => {
    const ok = validateNamespaces(readJson('grammar/namespaces.json'));
    expect(ok ? [] : validateNamespaces.errors).toEqual([]);
  });
});

describe('the compiled validator of the loader', () => {
  it('is up to date with schema.ts', () => {
    // Exits 1 with a message when src/catalog/validate.generated.ts would change.
    expect(() => execFileSync(process.execPath, ['scripts/gen-catalog.validator.mjs', '--check'], { cwd: ROOT, stdio: 'pipe' })).not.toThrow();
  });

  it('accepts the real files', () => {
    for (const file of commandFiles) expect(commandFileProblem(file.replace(/\.json$/, ''), readJson(`grammar/commands/${file}`))).toBeUndefined();
  });

  it('names the file, the command and the field of a misspelt key', () => {
    const bad = [{ name: 'set' }, { name: 'HTTP::uri', sumary: 'typo' }];
    expect(commandFileProblem('HTTP', bad)).toBe('grammar/commands/HTTP.json (HTTP::uri) at /1: must NOT have additional properties "sumary"');
  });

  it('refuses an argument type outside the closed set', () => {
    const bad = [{ name: 'pool', args: { positionals: [{ name: 'pool', type: 'poolName' }] } }];
    expect(commandFileProblem('global', bad)).toMatch(/^grammar\/commands\/global\.json \(pool\) at \/0\/args\/positionals\/0\/type: must be equal to one of the allowed values/);
  });

  it('refuses a positional without a type and a malformed version', () => {
    expect(commandFileProblem('global', [{ name: 'x', args: { positionals: [{ name: 'a' }] } }])).toMatch(/must have required property 'type'/);
    expect(commandFileProblem('global', [{ name: 'x', since: 'v10' }])).toMatch(/\/0\/since: must match pattern/);
  });

  it('refuses an events value that is neither "*" nor a list of event names', () => {
    expect(commandFileProblem('global', [{ name: 'x', events: 'any' }])).toMatch(/\/0\/events/);
    expect(commandFileProblem('global', [{ name: 'x', events: ['http_request'] }])).toMatch(/\/0\/events/);
  });
});

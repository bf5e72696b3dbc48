/**
 * The linter and the simulator agree on what BIG-IP refuses at load: the simulator refuses a rule
 * (with BIG-IP's message) exactly when the linter reports a load error for it. Run over rules
 * written for this test and over every iRule fixture of the repository.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LOAD_RULE_IDS } from '../../src/load/check.js';
import { lint } from '../../src/lint/run.js';
import { defaultVersion } from '../../src/lint/version.js';
import { simulate } from '../../src/sim/irule/engine.js';

const LOAD_RULES = new Set<string>([...LOAD_RULE_IDS, 'syntax-error']);

/** Whether the linter (default settings) reports an error that makes BIG-IP refuse the rule. */
function lintRefuses(text: string, version: string): boolean {
  return lint(text, { version: { ...defaultVersion(), text: version } }).diagnostics.some(
    (d) => d.severity === 'error' && LOAD_RULES.has(d.ruleId) && !d.message.includes('is not a comment in Tcl'),
  );
}

/** The simulator's load refusal, or undefined when it loads the rule. */
function simRefusal(text: string, version: string): string | undefined {
  const r = simulate({ rules: [{ name: 'r', text, origin: 'r.irule' }], version, clients: [{ address: '192.0.2.10' }] });
  return 'error' in r ? r.error : undefined;
}

/** Rules written for this test: [name, text, refused by BIG-IP]. */
const RULES: [string, string, boolean][] = [
  ['unknown command', 'when CLIENT_ACCEPTED {\n  snat_helper 1\n}', true],
  ['HTTP::uri in CLIENT_ACCEPTED', 'when CLIENT_ACCEPTED {\n  log local0. "uri [HTTP::uri]"\n}', true],
  ['HTTP::uri in HTTP_REQUEST', 'when HTTP_REQUEST {\n  log local0. "uri [HTTP::uri]"\n}', false],
  ['proc called with call', 'proc norm {u} { return [string tolower $u] }\nwhen HTTP_REQUEST {\n  HTTP::uri [call norm [HTTP::uri]]\n}', false],
  ['proc called directly', 'proc norm {u} { return [string tolower $u] }\nwhen HTTP_REQUEST {\n  HTTP::uri [norm [HTTP::uri]]\n}', true],
  ['proc invalid in its caller', 'proc u {} { return [HTTP::uri] }\nwhen CLIENT_ACCEPTED { log local0. [call u] }', true],
  ['proc valid in its caller', 'proc u {} { return [HTTP::uri] }\nwhen HTTP_REQUEST { log local0. [call u] }', false],
  ['disabled command', 'when HTTP_REQUEST {\n  set f [open /etc/passwd]\n}', true],
  ['unknown event', 'when HTTP_REQEST {\n  pool web_pool\n}', true],
  ['same event, two priorities', 'when HTTP_REQUEST priority 100 {\n  set a 1\n}\nwhen HTTP_REQUEST {\n  set b 2\n}', false],
  ['same event, same priority', 'when HTTP_REQUEST {\n  set a 1\n}\nwhen HTTP_REQUEST {\n  set b 2\n}', true],
  ['rule-level priority', 'priority 700\nwhen HTTP_REQUEST { set a 1 }\npriority 400\nwhen HTTP_REQUEST { set b 1 }', false],
  ['priority out of range', 'when HTTP_REQUEST priority 1001 { set a 1 }', true],
  ['top-level command', 'set limit 10\nwhen HTTP_REQUEST { set a 1 }', true],
  ['nested when', 'when HTTP_REQUEST {\n  when HTTP_RESPONSE { set a 1 }\n}', true],
  ['proc inside when', 'when HTTP_REQUEST {\n  proc p {} { return 1 }\n}', true],
  ['junk after when', 'when HTTP_REQUEST { set a 1 } junk', true],
  ['when without body', 'when HTTP_REQUEST', true],
  ['syntax error', 'when HTTP_REQUEST {\n  if { [HTTP::uri] eq "/" } {\n    set a 1\n}', true],
  ['unknown command in catch', 'when HTTP_REQUEST {\n  catch { no_such_cmd }\n}', true],
  ['computed command name', 'when HTTP_REQUEST {\n  set c log\n  $c local0. hi\n}', false],
  ['same-line comment', 'when HTTP_REQUEST {\n  set a 1 # note\n}', false],
  ['RULE_INIT with a connection command', 'when RULE_INIT {\n  set static::a [IP::client_addr]\n}', true],
];

describe('linter and simulator agree on load refusal', () => {
  it.each(RULES)('%s', (_name, text, refused) => {
    const version = defaultVersion().text;
    expect(lintRefuses(text, version)).toBe(refused);
    expect(simRefusal(text, version) !== undefined).toBe(refused);
  });

  it('follows the version in both tools (table arrived in 10.1.0)', () => {
    const text = 'when CLIENT_ACCEPTED {\n  table set k v\n}';
    for (const [version, refused] of [['10.0.1', true], ['10.1.0', false]] as const) {
      expect(lintRefuses(text, version)).toBe(refused);
      expect(simRefusal(text, version) !== undefined).toBe(refused);
    }
  });

  it('agrees on every iRule fixture of the repository', () => {
    const root = fileURLToPath(new URL('../../fixtures/', import.meta.url));
    const files: string[] = [];
    const visit = (dir: string): void => {
      for (const e of readdirSync(dir)) {
        const abs = path.join(dir, e);
        if (statSync(abs).isDirectory()) visit(abs);
        else if (/\.irule$/.test(e)) files.push(abs);
      }
    };
    visit(root);
    expect(files.length).toBeGreaterThan(20);
    const version = defaultVersion().text;
    const disagree = files.filter((f) => {
      const text = readFileSync(f, 'utf8');
      return lintRefuses(text, version) !== (simRefusal(text, version) !== undefined);
    });
    expect(disagree.map((f) => path.relative(root, f))).toEqual([]);
  });
});

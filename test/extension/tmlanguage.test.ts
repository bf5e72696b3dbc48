/**
 * The TextMate grammar (grammar/irule.tmLanguage.json): the committed file is what the generator
 * writes from grammar/ today, and it highlights real iRules as intended when run by
 * vscode-textmate with Oniguruma (the engine VS Code uses).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, parseRawGrammar, Registry, type IGrammar } from 'vscode-textmate';
// @ts-expect-error: a plain ES module script without type declarations
import { OUT, tmLanguageText } from '../../scripts/gen-tmlanguage.mjs';

const require = createRequire(import.meta.url);
const seed = (name: string) => readFileSync(new URL(`../../fixtures/seed/${name}`, import.meta.url), 'utf8');

let grammar: IGrammar;

beforeAll(async () => {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p) => new oniguruma.OnigScanner(p), createOnigString: (s) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scope) => (scope === 'source.irule' ? parseRawGrammar(readFileSync(OUT as string, 'utf8'), OUT as string) : null),
  });
  const g = await registry.loadGrammar('source.irule');
  if (!g) throw new Error('grammar did not load');
  grammar = g;
});

/** Each token of `text` as `text => innermost scope`, blanks left out. */
function tokens(text: string): string[] {
  let state = INITIAL;
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const r = grammar.tokenizeLine(line, state);
    for (const t of r.tokens) {
      const s = line.slice(t.startIndex, t.endIndex);
      if (s.trim() !== '') out.push(`${s.trim()} => ${t.scopes[t.scopes.length - 1]}`);
    }
    state = r.ruleStack;
  }
  return out;
}

/** The innermost scope of the first token equal to `word` in `text`. */
function scopeOf(text: string, word: string): string | undefined {
  return tokens(text)
    .find((t) => t.startsWith(`${word} => `))
    ?.split(' => ')[1];
}

describe('grammar/irule.tmLanguage.json', () => {
  it('is in sync with scripts/gen-tmlanguage.mjs (run it after changing grammar/)', async () => {
    expect(readFileSync(OUT as string, 'utf8')).toBe(await tmLanguageText());
  });

  it('highlights the seed v10 iRule: event, commands, global variable, iRule operator', () => {
    const t = tokens(seed('smtp_irule_v10.irule'));
    expect(t).toContain('when => keyword.control.when.irule');
    expect(t).toContain('CLIENT_ACCEPTED => entity.name.function.event.irule');
    expect(t).toContain('class => support.function.irule');
    expect(t).toContain('IP::client_addr => support.function.irule');
    expect(t).toContain('equals => keyword.operator.word.irule');
    expect(t).toContain('::smtp_relay_allowed => variable.other.global.irule');
    expect(t).toContain('if => keyword.control.irule');
    expect(t).toContain('set => support.function.builtin.tcl');
    expect(t).toContain('172.16.51.174 => string.quoted.double.irule');
  });

  it('takes # as a comment only where a command starts', () => {
    expect(scopeOf('# a comment\nset a 1', 'a comment')).toBe('comment.line.number-sign.irule');
    expect(scopeOf('set a 1 ;# trailing', 'trailing')).toBe('comment.line.number-sign.irule');
    expect(tokens('set url http://x/#frag').join('\n')).not.toContain('comment');
  });

  it('marks commands BIG-IP disables, names options, procs and else branches', () => {
    expect(scopeOf('when HTTP_REQUEST {\n  exec ls\n}', 'exec')).toBe('invalid.deprecated.unavailable.irule');
    expect(scopeOf('switch -glob -- [HTTP::uri] { default {} }', '-glob')).toBe('variable.parameter.option.irule');
    expect(scopeOf('switch -glob -- [HTTP::uri] { default {} }', '--')).toBe('variable.parameter.option.irule');
    expect(scopeOf('proc check_ip { addr } { return 1 }', 'check_ip')).toBe('entity.name.function.irule');
    expect(scopeOf('if { $a } { } elseif { $b } { } else { }', 'elseif')).toBe('keyword.control.irule');
  });

  it('highlights a command name only where a command starts', () => {
    expect(scopeOf('log local0. "pool is down"', 'log')).toBe('support.function.irule');
    expect(tokens('log local0. "pool is down"').join('\n')).not.toContain('pool => support');
    expect(scopeOf('set x [HTTP::header value Host]', 'HTTP::header')).toBe('support.function.irule');
  });
});

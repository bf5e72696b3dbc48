import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { handlerKeywords, specialHandlers } from '../../../src/catalog/special/index.js';
import { allCommands, getCommand } from '../../../src/catalog/load.js';
import { matchCall } from '../../../src/catalog/match.js';
import type { ArgForm, CommandSpec } from '../../../src/catalog/types.js';
import { formsOf, OPAQUE_LENGTH, specOf, typedCommand } from '../../../src/lint/utils/args.js';
import { walk } from '../../../src/lint/walk.js';
import type { Command } from '../../../src/syntax/ast.js';
import { parse } from '../../../src/syntax/index.js';
import { literalValue } from '../../../src/syntax/words.js';

const catalog = {
  command: getCommand,
  event: () => undefined,
  eventNames: () => [],
  commandInEvent: () => ({ verdict: 'unknown' as const }),
};

/** Every command of a text. */
function commandsOf(text: string): Command[] {
  const out: Command[] = [];
  walk(parse(text).ast, {
    enter(n) {
      if (n.type === 'Command') out.push(n);
    },
  });
  return out;
}

/** The words a matcher may compare argument words with: subcommands, options, keywords. */
function vocabulary(spec: CommandSpec): string[] {
  const out: string[] = [];
  for (const f of formsOf(spec) as ArgForm[]) {
    out.push(...Object.keys(f.subcommands ?? {}));
    for (const s of f.switches ?? []) out.push(s.name);
    for (const p of f.positionals ?? []) out.push(...(p.literal ?? []));
  }
  return out;
}

const fixtureFiles = ['fixtures/parser', 'fixtures/seed', 'fixtures/lint/correct'].flatMap((dir) =>
  readdirSync(dir)
    .filter((n) => n.endsWith('.irule'))
    .map((n) => join(dir, n)),
);

describe('typedCommand', () => {
  it('treats long literal words as opaque only where no catalog word is that long', () => {
    // The shape cache counts such words as "some literal": sound only while no subcommand,
    // option or keyword is longer than OPAQUE_LENGTH.
    const longest = Math.max(...allCommands().flatMap((s) => vocabulary(s).map((w) => w.length)));
    expect(longest).toBeGreaterThan(5);
    expect(longest).toBeLessThanOrEqual(OPAQUE_LENGTH);
  });

  it('gives, for every command of the fixtures, the types a fresh match gives', () => {
    let checked = 0;
    for (const file of fixtureFiles) {
      for (const cmd of commandsOf(readFileSync(file, 'utf8'))) {
        const spec = specOf(cmd, catalog);
        const typed = typedCommand(cmd, catalog);
        if (!spec) {
          expect(typed).toBeUndefined();
          continue;
        }
        const args = cmd.words.slice(1).map((w) => (w.type === 'ExpandWord' ? undefined : literalValue(w)));
        const fresh = matchCall(spec, args);
        expect({ file, types: typed!.types.slice(1), arity: typed!.arity, path: typed!.path, unknown: typed!.unknownSubcommandAt !== undefined }).toEqual({
          file,
          types: fresh.types,
          arity: fresh.arity,
          path: fresh.path,
          unknown: fresh.unknownSubcommand !== undefined,
        });
        if (fresh.unknownSubcommand !== undefined) expect(literalValue(cmd.words[typed!.unknownSubcommandAt!])).toBe(fresh.unknownSubcommand);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('shares one match between commands of the same shape, and tells different shapes apart', () => {
    const body = `log local0. "${'x'.repeat(OPAQUE_LENGTH + 10)}"`;
    const [a, b, c, d] = commandsOf(
      `if {$x} {\n  ${body}\n}\nif {$x} {\n  ${body} ;# other body\n}\nif {$x} {\n  ${body}\n} else {\n  log local0. z\n}\nif {$x} then {\n  ${body}\n}`,
    ).filter((cmd) => literalValue(cmd.words[0]) === 'if');
    expect(typedCommand(a, catalog)).toBe(typedCommand(b, catalog));
    expect(typedCommand(c, catalog)?.types).toEqual([undefined, 'expr', 'body', undefined, 'body']);
    expect(typedCommand(d, catalog)?.types).toEqual([undefined, 'expr', undefined, 'body']);
  });

  it('gives cached matches equal to fresh ones for generated calls with options, subcommands and keywords', () => {
    // Shapes are keyed by a number when every word that matters is known to the spec, else by a
    // string; either way a shared match must equal a fresh one. Words from the commands' own
    // vocabulary (options, subcommands, keywords) mixed with plain, computed and unknown ones.
    const names = ['regexp', 'regsub', 'switch', 'table', 'class', 'string', 'clock', 'array', 'info', 'lsort', 'after', 'if', 'HTTP::header', 'HTTP::cookie', 'persist'];
    const specs = names.map((n) => getCommand(n)).filter((s): s is CommandSpec => s !== undefined);
    expect(specs.length).toBe(names.length);
    const wordsOf = (spec: CommandSpec): fc.Arbitrary<string> =>
      fc.oneof(
        fc.constantFrom(...vocabulary(spec), '--', '-bogus', '#1', '2', ''),
        // Abbreviations, which name a subcommand where prefixes are allowed (string, clock).
        fc.constantFrom('x', ...vocabulary(spec)).map((w) => w.slice(0, Math.max(1, w.length - 2))),
        fc.constantFrom('x', 'a.b', '{y z}', '$v', '[c]', '"q $r"'),
      );
    let checked = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...specs).chain((spec) => fc.tuple(fc.constant(spec), fc.array(wordsOf(spec), { maxLength: 7 }))),
        ([spec, words]) => {
          const text = [spec.name, ...words].join(' ');
          // Twice, so the second command takes its match from the cache the first one filled.
          for (const cmd of commandsOf(`${text}\n${text}`).filter((c) => literalValue(c.words[0]) === spec.name)) {
            const typed = typedCommand(cmd, catalog)!;
            const fresh = matchCall(spec, cmd.words.slice(1).map((w) => (w.type === 'ExpandWord' ? undefined : literalValue(w))));
            const got = { text, types: typed.types.slice(1), arity: typed.arity, path: typed.path, unknown: typed.unknownSubcommandAt !== undefined, ambiguous: typed.ambiguousWith };
            expect(got).toEqual({ text, types: fresh.types, arity: fresh.arity, path: fresh.path, unknown: fresh.unknownSubcommand !== undefined, ambiguous: fresh.ambiguousWith });
            checked++;
          }
        },
      ),
      { numRuns: 1500 },
    );
    expect(checked).toBeGreaterThan(1500);
  });

  it('names the unknown subcommand of each command, not of the first command of its shape', () => {
    const [a, b] = commandsOf('class bogus dg\nclass other dg');
    expect(typedCommand(a, catalog)?.unknownSubcommandAt).toBe(1);
    expect(literalValue(b.words[typedCommand(b, catalog)!.unknownSubcommandAt!])).toBe('other');
  });
});

describe('handlerKeywords', () => {
  // Shapes are cached on the assumption that a handler treats every literal word alike unless it
  // is one of its keywords, an option (a leading -) or a level (a leading # or digit).
  const plain = fc.constantFrom('x', 'foo', '{a b}', '$v', 'automap', 'match', 'body text');
  // Words a handler might look for, listed here (not read from handlerKeywords, so a keyword missing there is noticed).
  const special = fc.constantFrom('-', '--', '-glob', '-periodic', '#1', '2', '10', 'then', 'elseif', 'else', 'cancel', 'info', 'default', 'priority', 'timing', 'on');
  const word = fc.oneof(plain, special, fc.constant(undefined));
  it('lists every word a special handler compares arguments with', () => {
    for (const [name, handler] of Object.entries(specialHandlers)) {
      expect(handlerKeywords[name], name).toBeDefined();
      fc.assert(
        fc.property(fc.array(word, { maxLength: 9 }), fc.array(plain, { minLength: 9, maxLength: 9 }), (args, others) => {
          const replaced = args.map((a, i) => (a !== undefined && !/^[-#0-9]/.test(a) && !handlerKeywords[name].includes(a) ? others[i] : a));
          expect(handler(replaced)).toEqual(handler(args));
        }),
        { numRuns: 500 },
      );
    }
  });
});

/**
 * Building the parser at start-up. The parser records its grammar through a layer of recording methods under the instance
 * (TclParser.enableRecording in parser.ts) instead of Chevrotain's own way, which puts them on
 * the instance and deletes them after. Both must record the same grammar (which the lookahead
 * is computed from) and leave the parser as it was; every parser test then parses with ours.
 */
import { EmbeddedActionsParser, serializeGrammar, tokenMatcher, type IToken, type TokenType } from 'chevrotain';
import { describe, expect, it } from 'vitest';
import { exprCategories } from '../../src/syntax/expr-tokens.js';
import { snapshotOf } from '../../src/syntax/grammar-snapshot.js';
import { kindTable, TclParser, tclParser } from '../../src/syntax/parser.js';
import { allTokens } from '../../src/syntax/tokens.js';

/** Chevrotain 11's recording, unchanged (the methods live on its parser prototype, outside its typings). */
const chevrotain = EmbeddedActionsParser.prototype as unknown as { enableRecording(): void; disableRecording(): void };

class ChevrotainRecording extends TclParser {
  override enableRecording(): void {
    chevrotain.enableRecording.call(this);
  }

  override disableRecording(): void {
    chevrotain.disableRecording.call(this);
  }
}

const grammarOf = (p: TclParser): unknown => serializeGrammar(Object.values(p.getGAstProductions()));

describe('grammar recording', () => {
  const reference = new ChevrotainRecording();

  it('records the grammar Chevrotain records', () => {
    const ours = grammarOf(tclParser);
    expect((ours as unknown[]).length).toBeGreaterThan(5);
    expect(ours).toEqual(grammarOf(reference));
  });

  it('leaves the parser out of recording, with its own prototype and no recording methods of its own', () => {
    expect((tclParser as unknown as { RECORDING_PHASE: boolean }).RECORDING_PHASE).toBe(false);
    expect(Object.getPrototypeOf(tclParser)).toBe(TclParser.prototype);
    for (const name of ['CONSUME', 'CONSUME1', 'OR', 'OR9', 'MANY', 'SUBRULE', 'ACTION', 'LA', 'consume', 'or']) {
      expect(Object.hasOwn(tclParser, name), name).toBe(false);
    }
  });
});

describe('the shortcut tables by token type', () => {
  /** The definition: for each lexed type, the first kind whose category a token of that type matches. */
  const byMatcher = <K extends string>(kinds: [TokenType, K][]): (K | undefined)[] => {
    const table: (K | undefined)[] = [];
    for (const type of allTokens) {
      const token = { tokenTypeIdx: type.tokenTypeIdx!, tokenType: type } as IToken;
      const kind = kinds.find(([category]) => tokenMatcher(token, category));
      if (kind) table[type.tokenTypeIdx!] = kind[1];
    }
    return table;
  };

  it('give each token type the first kind whose category it matches, as tokenMatcher says', () => {
    const categories = [...new Set([...allTokens, ...exprCategories])];
    expect(categories.length).toBeGreaterThan(20);
    // Every category alone, every pair in both orders (which kind wins), and all of them.
    const kinds = categories.map((c, i) => [c, `k${i}`] as [TokenType, string]);
    for (const one of kinds) expect(kindTable([one])).toEqual(byMatcher([one]));
    for (const a of kinds) for (const b of kinds) expect(kindTable([a, b])).toEqual(byMatcher([a, b]));
    expect(kindTable(kinds)).toEqual(byMatcher(kinds));
    expect(kindTable([...kinds].reverse())).toEqual(byMatcher([...kinds].reverse()));
  });
});

describe('building the parser from a grammar snapshot (what the bundles do)', () => {
  /** Every own field of every node, children and links included, compared with the recording's. */
  const sameNodes = (a: unknown, b: unknown, at: string): void => {
    expect(Object.getPrototypeOf(a), at).toBe(Object.getPrototypeOf(b));
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    expect(Object.keys(ra), at).toEqual(Object.keys(rb));
    for (const key of Object.keys(ra)) {
      const va = ra[key];
      const vb = rb[key];
      if (key === 'orgText') expect(va, at).toBe('');
      else if (key === 'referencedRule') expect((va as { name: string }).name, at).toBe((vb as { name: string }).name);
      else if (key === '_definition') {
        const la = va as unknown[];
        const lb = vb as unknown[];
        expect(la.length, `${at}.${key}`).toBe(lb.length);
        la.forEach((child, i) => sameNodes(child, lb[i], `${at}.${key}[${i}]`));
      } else expect(va, `${at}.${key}`).toBe(vb);
    }
  };

  const recorded = Object.values(tclParser.getGAstProductions());
  const snapshot = snapshotOf(recorded);
  const built = new TclParser(snapshot);

  it('rebuilds every rule and node as recorded, field by field, in the same order', () => {
    const rules = Object.values(built.getGAstProductions());
    expect(rules.map((r) => r.name)).toEqual(recorded.map((r) => r.name));
    expect(rules.length).toBeGreaterThan(5);
    rules.forEach((r, i) => sameNodes(r, recorded[i], r.name));
  });

  it('survives JSON (the build passes it as JSON) and gives the same statement table and lookahead', () => {
    const fromJson = new TclParser(JSON.parse(JSON.stringify(snapshot)) as typeof snapshot);
    expect(grammarOf(fromJson)).toEqual((grammarOf(tclParser) as { orgText: string }[]).map((r) => ({ ...r, orgText: '' })));
    const table = (p: TclParser) => (p as unknown as { statementStarts: unknown[] }).statementStarts;
    expect(table(fromJson)).toEqual(table(tclParser));
    expect(fromJson.computeContentAssist('word', [])).toEqual(tclParser.computeContentAssist('word', []));
  });

  it('does not run a rule to record it, and leaves the parser as a recorded one is left', () => {
    expect((built as unknown as { RECORDING_PHASE: boolean }).RECORDING_PHASE).toBe(false);
    expect(Object.getPrototypeOf(built)).toBe(TclParser.prototype);
    expect(Object.keys(built).sort()).toEqual(Object.keys(tclParser).sort());
  });

  it('refuses a snapshot that names an unknown token type or node kind, or lacks a rule', () => {
    const json = JSON.stringify(snapshot);
    expect(() => new TclParser(JSON.parse(json.replace(/"token":"SimpleWord"/, '"token":"NoSuchToken"')) as typeof snapshot)).toThrow(/unknown token type NoSuchToken/);
    expect(() => new TclParser(JSON.parse(json.replace(/"kind":"Option"/, '"kind":"Optional"')) as typeof snapshot)).toThrow(/unknown node kind Optional/);
    expect(() => new TclParser(snapshot.slice(1))).toThrow(/the grammar snapshot has no rule script/);
  });
});

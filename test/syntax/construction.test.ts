/**
 * Building the parser at start-up. The parser records its grammar through a layer of recording methods under the instance
 * (TclParser.enableRecording in parser.ts) instead of Chevrotain's own way, which puts them on
 * the instance and deletes them after. Both must record the same grammar (which the lookahead
 * is computed from) and leave the parser as it was; every parser test then parses with ours.
 */
import { EmbeddedActionsParser, serializeGrammar, tokenMatcher, type IToken, type TokenType } from 'chevrotain';
import { describe, expect, it } from 'vitest';
import { exprCategories } from '../../src/syntax/expr-tokens.js';
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

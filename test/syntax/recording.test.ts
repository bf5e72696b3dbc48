/**
 * The parser records its grammar through a layer of recording methods under the instance
 * (TclParser.enableRecording in parser.ts) instead of Chevrotain's own way, which puts them on
 * the instance and deletes them after. Both must record the same grammar (which the lookahead
 * is computed from) and leave the parser as it was; every parser test then parses with ours.
 */
import { EmbeddedActionsParser, serializeGrammar } from 'chevrotain';
import { describe, expect, it } from 'vitest';
import { TclParser, tclParser } from '../../src/syntax/parser.js';

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

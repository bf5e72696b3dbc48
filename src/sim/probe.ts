/**
 * A probe watching how values are tested while a script runs. `irule-sim --explain`
 * (src/sim/explain/) installs one on the interpreter (`interp.probe`) to learn which tests the
 * client address went through; an ordinary simulation has none, and every call site is a single
 * `probe !== undefined` check. Builtins that compare values report the comparison they made
 * (the operands as given and the answer), so the probe never re-implements a command.
 */
import type { DataGroupView } from './bigip/datagroups.js';
import type { TclResult } from './result.js';

/** String tests reported by `string match`, `string equal`, `switch` and `expr`. */
export type TextTest = 'equal' | 'glob';

/** What a `class match|search|lookup` / `matchclass` answer is made of. */
export type ClassAnswer = 'bool' | 'index' | 'name' | 'value' | 'element';

/** Receives the tests a run makes. */
export interface ValueProbe {
  /** A command ran (its words after substitution and its result); not called for arity errors. */
  command(argv: readonly string[], result: TclResult): void;
  /** A string test: `subject` against `pattern` (a constant text for `equal`, a glob for `glob`). */
  text(test: TextTest, subject: string, pattern: string, nocase: boolean, result: boolean): void;
  /** An `expr` operator the probe may need to see (`<`, `+`, `matches_regex` ...), with its operands. */
  exprOp(op: string, a: unknown, b: unknown): void;
  /** `IP::addr <a> equals <b>` with the operands as written. */
  addrEquals(a: string, b: string, result: boolean): void;
  /** `IP::addr <a> mask <m>`: the operand, the prefix applied and the text returned. */
  addrMask(a: string, prefix: number, result: string): void;
  /** A data-group match: `item` tested with `op` (`search`: applied to the key), answer form and all-flag. */
  classMatch(view: DataGroupView, item: string, op: string, search: boolean, all: boolean, answer: ClassAnswer): void;
}

/**
 * Completion codes and command results of the Tcl evaluator. Every command returns a
 * `TclResult`; loops and `proc` translate the codes. JS exceptions are only for simulator bugs.
 */

/** Tcl completion codes (`return -code N` may produce other integers too). */
export const Code = {
  /** Normal completion. */
  OK: 0,
  /** An error; `value` is the message. */
  ERROR: 1,
  /** `return` was invoked. */
  RETURN: 2,
  /** `break` was invoked. */
  BREAK: 3,
  /** `continue` was invoked. */
  CONTINUE: 4,
} as const;

/** A completion code: one of {@link Code}, or any integer given to `return -code`. */
export type CompletionCode = number;

/** What every command (and every script evaluation) returns. */
export interface TclResult {
  /** Completion code. */
  code: CompletionCode;
  /** The result string, or the error message when `code` is ERROR. */
  value: string;
}

/** The shared empty OK result (results are never mutated). */
export const OK_EMPTY: TclResult = Object.freeze({ code: Code.OK, value: '' }) as TclResult;

/** An OK result carrying `value`. */
export function ok(value: string): TclResult {
  return value === '' ? OK_EMPTY : { code: Code.OK, value };
}

/** An ERROR result carrying `message`. */
export function err(message: string): TclResult {
  return { code: Code.ERROR, value: message };
}

/** Tcl's `wrong # args: should be "<usage>"` error. */
export function wrongArgs(usage: string): TclResult {
  return err(`wrong # args: should be "${usage}"`);
}

/** The name Tcl uses for a code in messages and in `catch` results. */
export function codeName(code: CompletionCode): string {
  switch (code) {
    case Code.OK:
      return 'ok';
    case Code.ERROR:
      return 'error';
    case Code.RETURN:
      return 'return';
    case Code.BREAK:
      return 'break';
    case Code.CONTINUE:
      return 'continue';
    default:
      return String(code);
  }
}

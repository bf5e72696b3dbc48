// Types of scripts/gen-catalog.synopsis.mjs, for the tests in test/catalog.
import type { ArgForm, ArgType } from '../src/catalog/types.js';

/** One element of a flattened usage form. */
export type Elem =
  | { kind: 'lit'; choices: string[]; optional?: boolean; repeat?: boolean }
  | { kind: 'ph'; name: string; type: ArgType; optional?: boolean; repeat?: boolean }
  | { kind: 'switch'; name: string; value?: ArgType; optional: true }
  | { kind: 'eoo'; optional: true };

/** The argument type a placeholder name implies. */
export function typeOf(name: string): ArgType;

/** Reads one usage line of command `name`. */
export function parseLine(
  name: string,
  line: string,
  context?: { tclLiterals?: Set<string>; knownLiterals?: Set<string> },
): { status: 'ok'; forms: Elem[][]; notation: string } | { status: 'junk' | 'generic' | 'broken'; reason: string };

/** Builds an argument form from the forms of all usable lines of one command. */
export function buildForm(forms: Elem[][]): { form: ArgForm; approx: boolean };

/** The literal words of a command's tmsh-notation usage lines, or undefined when it has none. */
export function tmshLiterals(name: string, lines: string[] | undefined): Set<string> | undefined;

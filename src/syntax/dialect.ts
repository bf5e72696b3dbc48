/**
 * Which dialect a text is analysed in when the user did not say: one function shared by the CLI
 * and the language server, so both always agree.
 */
import type { Dialect } from './ast.js';

/**
 * The dialect for a text named `name` (a path or file name; may be empty for unnamed input).
 * Today: `.tcl` is plain Tcl, anything else is an iRule.
 */
export function chooseDialect(name: string, _text: string): Dialect {
  return name.toLowerCase().endsWith('.tcl') ? 'tcl' : 'irule';
}

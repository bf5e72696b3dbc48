/**
 * The Tcl 8.4 evaluator of the simulator: an `Interp` with every Tcl builtin installed.
 * The iRule layer adds its commands (`src/sim/builtins/irule*.ts`, `bigip*.ts`) on top.
 */
import { Interp, type InterpOptions } from './interp.js';
import { install as installControl } from './builtins/tcl-control.js';
import { install as installLists } from './builtins/tcl-lists.js';
import { install as installMisc } from './builtins/tcl-misc.js';
import { install as installRegexp } from './builtins/tcl-regexp.js';
import { install as installStrings } from './builtins/tcl-strings.js';
import { install as installVars } from './builtins/tcl-vars.js';

export * from './interp.js';
export { Code, ok, err, wrongArgs, codeName, type TclResult } from './result.js';
export { formatList, parseList, quoteElement } from './values.js';

/** Every Tcl builtin installer, in a fixed order. */
export const TCL_BUILTINS: readonly ((interp: Interp) => void)[] = [installControl, installVars, installLists, installStrings, installRegexp, installMisc];

/** A new interpreter with all Tcl 8.4 builtins the simulator models. */
export function createTclInterp(options: InterpOptions = {}): Interp {
  const interp = new Interp(options);
  for (const install of TCL_BUILTINS) install(interp);
  return interp;
}

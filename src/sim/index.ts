/**
 * The Tcl 8.4 evaluator of the simulator: an `Interp` with every Tcl builtin installed. The iRule
 * layer (`src/sim/builtins/irule*.ts`, `bigip*.ts`, `src/sim/bigip/`) registers its commands on
 * top, keeps one `Frame` per connection and runs `when` bodies with `interp.run(body, { frame, src })`.
 *
 * Tcl builtins: after is left to the iRule layer; modelled are append array binary break catch
 * clock concat continue error eval expr for foreach format global if incr info join lappend
 * lindex linsert list llength lrange lreplace lsearch lset lsort proc regexp regsub return scan
 * set split string subst switch unset uplevel upvar while, plus the iRule `call`.
 *
 * Not modelled (they fail with Tcl's `invalid command name`, or a message naming the gap):
 * namespaces (`namespace`, `variable`), `trace`, `rename`, `case`, `encoding`, I/O and process
 * commands (disabled on BIG-IP anyway), `clock scan`, array searches (`array startsearch` ...),
 * host `info` subcommands. Local time in `clock format` is UTC. Regular expressions are translated
 * to JS: the overall match follows Tcl's leftmost-longest/shortest rules, but capture groups follow
 * JS preferences when several splits give the same overall match, and patterns mixing greedy and
 * non-greedy quantifiers follow the documented re_syntax rules where Tcl's engine sometimes does
 * not; a pathological pattern can backtrack for long (bounded by the input length).
 */
import { Interp, type InterpOptions } from './interp.js';
import { install as installControl } from './builtins/tcl-control.js';
import { install as installLists } from './builtins/tcl-lists.js';
import { install as installMisc } from './builtins/tcl-misc.js';
import { install as installRegexp } from './builtins/tcl-regexp.js';
import { install as installStrings } from './builtins/tcl-strings.js';
import { install as installVars } from './builtins/tcl-vars.js';

export * from './interp.js';
export { ok, err, wrongArgs, codeName, OK_EMPTY } from './result.js';
export { formatList, parseList, quoteElement, getBoolean, scanInt, formatDouble } from './values.js';
export { globMatch } from './tcl/glob.js';
export { compileRegex, execRegex } from './tcl/regexp.js';

/** Every Tcl builtin installer, in a fixed order. */
export const TCL_BUILTINS: readonly ((interp: Interp) => void)[] = [installControl, installVars, installLists, installStrings, installRegexp, installMisc];

/** A new interpreter with all Tcl 8.4 builtins the simulator models. */
export function createTclInterp(options: InterpOptions = {}): Interp {
  const interp = new Interp(options);
  for (const install of TCL_BUILTINS) install(interp);
  return interp;
}

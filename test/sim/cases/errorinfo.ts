/** errorInfo traces (Tcl 8.4 bytecode style: one "while executing" per compiled unit). */
import type { Row } from '../table.js';

export const rows: Row[] = [
  ['errorinfo.1', 'catch {set x $nope}; set errorInfo', 'can\'t read "nope": no such variable\n    while executing\n"set x $nope"'],
  ['errorinfo.2', 'proc f {} {\n    set a 1\n    set b $nope\n}\ncatch f; set errorInfo', 'can\'t read "nope": no such variable\n    while executing\n"set b $nope"\n    (procedure "f" line 3)\n    invoked from within\n"f"'],
  ['errorinfo.3', 'catch {foreach a {1 2} {\n  set q [error boom]\n}}; set errorInfo', 'boom\n    while executing\n"error boom"', '8.4'], // 8.6: 0 "boom\n    while executing\n\"error boom\"\n    (\"foreach\" body line 2)\n    i
  ['errorinfo.4', 'catch {error msg myinfo}; set errorInfo', 'myinfo'],
  ['errorinfo.5', 'catch {eval {set a $zz}}; set errorInfo', 'can\'t read "zz": no such variable\n    while executing\n"set a $zz"\n    ("eval" body line 1)\n    invoked from within\n"eval {set a $zz}"'],
  ['errorinfo.6', 'proc f {} {error inner}; proc g {} {f}; catch g; set errorInfo', 'inner\n    while executing\n"error inner"\n    (procedure "f" line 1)\n    invoked from within\n"f"\n    (procedure "g" line 1)\n    invoked from within\n"g"'],
  ['errorinfo.7', 'catch {while 1 {error x}}; set errorInfo', 'x\n    while executing\n"error x"'],
  ['errorinfo.8', 'catch {expr {1/0}}; set errorInfo', 'divide by zero\n    while executing\n"expr {1/0}"', '8.4'], // 8.6: 0 "divide by zero\n    invoked from within\n\"expr {1/0}\""
  ['errorinfo.9', 'proc f {} {return -code error -errorinfo custom boom}; catch f m; list $m $errorInfo', 'boom {custom\n    invoked from within\n"f"}'],
  ['errorinfo.10', 'proc f {} {return -code error boom}; catch {f} m; set errorInfo', 'boom\n    while executing\n"f"'],
  ['errorinfo.11', 'catch {uplevel #0 {error up}}; set errorInfo', 'up\n    while executing\n"error up"\n    ("uplevel" body line 1)\n    invoked from within\n"uplevel #0 {error up}"'],
  ['errorinfo.12', 'catch {switch a {a {error sw}}}; set errorInfo', 'sw\n    while executing\n"error sw"'],
  ['errorinfo.13', 'catch {for {set i 0} {$i < 1} {incr i} {error f}}; set errorInfo', 'f\n    while executing\n"error f"'],
  ['errorinfo.14', 'catch {error [string repeat x 200]}; set errorInfo', 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n    while executing\n"error [string repeat x 200]"'],
  ['errorinfo.15', 'set a [catch {list [error inner]}]; set errorInfo', 'inner\n    while executing\n"error inner"'],
  ['errorinfo.16', 'catch {set a [set b [error deep]]}; set errorInfo', 'deep\n    while executing\n"error deep"'],
];

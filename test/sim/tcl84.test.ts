/**
 * Where Tcl 8.4 (what BIG-IP runs, and what the simulator follows) differs from the Tcl 8.5/8.6 a
 * developer has locally. Run in the irule dialect, as the iRule layer does. differential.test.ts
 * checks that the tagged table rows really differ from tclsh 8.6; these rows document the gaps.
 */
import { describe, expect, it } from 'vitest';
import { outcome, type Row } from './table.js';

const STRING_OPTIONS =
  'bytelength, compare, equal, first, index, is, last, length, map, match, range, repeat, replace, tolower, toupper, totitle, trim, trimleft, trimright, wordend, or wordstart';
const IS_CLASSES = 'alnum, alpha, ascii, control, boolean, digit, double, false, graph, integer, lower, print, punct, space, true, upper, wordchar, or xdigit';

const rows: Row[] = [
  ['tcl84-escape.1', 'set x "\\x414"; string length $x', '1'],
  ['tcl84-string.1', 'string reverse abc', { error: `bad option "reverse": must be ${STRING_OPTIONS}` }],
  ['tcl84-string.2', 'string cat a b', { error: `bad option "cat": must be ${STRING_OPTIONS}` }],
  ['tcl84-string.3', 'string is wideinteger 1', { error: `bad class "wideinteger": must be ${IS_CLASSES}` }],
  ['tcl84-string.4', 'string is list {a b}', { error: `bad class "list": must be ${IS_CLASSES}` }],
  ['tcl84-string.5', 'string length [string trim "\\0a"]', '2'],
  ['tcl84-incr.1', 'incr nope', { error: `can't read "nope": no such variable` }],
  ['tcl84-proc.1', 'proc f {a b} {}; f 1', { error: 'no value given for parameter "b" to "f"' }],
  ['tcl84-proc.2', 'proc f {} {}; f 1', { error: 'called "f" with too many arguments' }],
  ['tcl84-lsort.1', 'lsort -indices {b a}', { error: 'bad option "-indices": must be -ascii, -command, -decreasing, -dictionary, -increasing, -index, -integer, -real, or -unique' }],
  ['tcl84-lsearch.1', 'lsearch -nocase {A} a', { error: 'bad option "-nocase": must be -all, -ascii, -decreasing, -dictionary, -exact, -glob, -increasing, -inline, -integer, -not, -real, -regexp, -sorted, or -start' }],
  ['tcl84-switch.1', 'switch -nocase A {a {set r 1}}', { error: 'bad option "-nocase": must be -exact, -glob, -regexp, or --' }],
  ['tcl84-expr.1', 'expr {2**3}', { error: 'syntax error in expression "2**3": the "**" operator is Tcl 8.5+; BIG-IP runs Tcl 8.4' }],
  ['tcl84-expr.2', 'expr {1 in {1 2}}', { error: 'syntax error in expression "1 in {1 2}": the "in" operator is Tcl 8.5+; BIG-IP runs Tcl 8.4' }],
  ['tcl84-expr.3', 'expr {min(1,2)}', { error: 'unknown math function "min"' }],
  ['tcl84-expr.4', 'expr {1/0.0}', { error: 'divide by zero' }],
  ['tcl84-expr.5', 'expr {1e15}', '1e+15'],
  ['tcl84-expr.6', 'expr {0x7fffffffffffffff + 1}', '-9223372036854775808'],
  ['tcl84-expr.7', 'expr {int(1e20)}', { error: 'integer value too large to represent' }],
  ['tcl84-expr.8', 'expr {sqrt(-1)}', { error: 'domain error: argument not in valid range' }],
  ['tcl84-expr.9', 'expr {abs()}', { error: 'too few arguments for math function' }],
  ['tcl84-expr.10', 'expr {1 ? 0x10 : 2}', '16'],
  ['tcl84-cmd.1', 'lassign {a b} x y', { error: 'invalid command name "lassign"' }],
  ['tcl84-cmd.2', 'dict create a 1', { error: 'invalid command name "dict"' }],
  ['tcl84-cmd.3', 'lrepeat 2 a', { error: 'invalid command name "lrepeat"' }],
  ['tcl84-cmd.4', 'lreverse {a b}', { error: 'invalid command name "lreverse"' }],
  ['tcl84-cmd.5', 'apply {{} {}}', { error: 'invalid command name "apply"' }],
  ['tcl84-info.1', 'info patchlevel', '8.4.6'],
  ['tcl84-list.1', 'lreplace {a b} 5 5 x', { error: `list doesn't contain element 5` }],
  ['tcl84-list.2', 'list #a b', '#a b'],
  ['tcl84-list.3', 'lindex {a b c} end+1', { error: 'bad index "end+1": must be integer or end?-integer?' }],
  ['tcl84-format.1', 'format %b 5', { error: 'bad field specifier "b"' }],
  ['tcl84-binary.1', 'binary format n 1', { error: 'bad field specifier "n"' }],
  ['tcl84-regexp.1', 'regexp -start end a aaa', { error: 'expected integer but got "end"' }],
  ['tcl84-return.1', 'return -level 0 x', { error: 'bad option "-level": must be -code, -errorcode, or -errorinfo' }],
  ['tcl84-catch.1', 'catch {error a} m opts', { error: 'wrong # args: should be "catch command ?varName?"' }],
  ['tcl84-clock.1', 'clock format 0 -format %D -gmt 1', '01/01/70'],
  ['tcl84-irule.1', 'list {*}{a b}', '* {a b}'],
  ['tcl84-irule.2', 'expr {"abc" contains "b" and not ("abc" ends_with "x")}', '1'],
];

describe('tcl84', () => {
  it.each(rows.map((r) => [r[0], r] as const))('%s', (_id, row) => {
    expect(outcome(row[1], { dialect: 'irule' })).toEqual(row[2]);
  });
});

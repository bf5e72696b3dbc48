/**
 * fast-check generators of Tcl programs for the differential tests, restricted to the subset
 * where Tcl 8.4 (what BIG-IP runs, what the simulator models) and the tclsh 8.6 we test against
 * agree. Kept out on purpose:
 * - list elements starting with `#` (8.5+ quotes a leading `#`), `\x` and `\u` escapes;
 * - integers outside ±2^31 and doubles of magnitude ≥ 1e12 (8.6 has bignums, and prints large
 *   doubles without an exponent where 8.4's `%.12g` uses one), Inf/NaN (8.4 raises errors);
 * - `incr` of unset variables, wrong argument counts, bad indices, bad options and the other
 *   error messages whose wording changed after 8.4;
 * - `lreplace` past the end, `-start end`, `lsearch -nocase`, `string reverse`, `**`, `in`, min/max.
 * Every statement runs under `catch` and its message is logged, so errors are compared too.
 */
import fc from 'fast-check';

type Arb = fc.Arbitrary<string>;

/** Characters a generated string value may contain. */
const valueChar = fc.constantFrom(...'abcAB xy0129-_.,;:{}[]"$\\/*?\t\n'.split(''), 'é');

/** Encodes a value as a bare word both Tcl versions read back exactly (backslash every non-alphanumeric). */
export function word(value: string): string {
  if (value === '') return '{}';
  let out = '';
  for (const c of value) {
    if (/[A-Za-z0-9é]/.test(c)) out += c;
    else if (c === '\n') out += '\\n';
    else if (c === '\t') out += '\\t';
    else out += '\\' + c;
  }
  return out;
}

/** A string value (never starting with `#`). */
export const value: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.array(valueChar, { maxLength: 8 }).map((a) => a.join('')) },
  { weight: 2, arbitrary: fc.constantFrom('', 'a b c', '{a b} c', 'x {y {z}}', '1 2 3', '10 9 100', 'a1 a10 a2 B', 'foo.bar', '/api/v1/x', 'a\\b', '{', '}', '"q"', ' lead', 'trail ', '12', '-3', '0x1f', '1.5', 'abc', 'ABC') },
);

const small = fc.integer({ min: -20, max: 20 });
const vars = ['v0', 'v1', 'v2', 'v3'];
const v = fc.constantFrom(...vars);
const ref = v.map((n) => `$${n}`);
const ints = ['i0', 'i1', 'i2'];
const iv = fc.constantFrom(...ints);
const iref = iv.map((n) => `$${n}`);

/** A list index valid in 8.4 and 8.6: an integer or end-N. */
const index: Arb = fc.oneof(fc.integer({ min: -2, max: 6 }).map(String), fc.integer({ min: 0, max: 3 }).map((n) => (n === 0 ? 'end' : `end-${n}`)));

// Octal and hex literals are wrapped in arithmetic: as a bare result 8.4 canonicalises them, 8.6 may not.
const operand: Arb = fc.oneof(small.map(String), iref, fc.constantFrom('1.5', '0.25', '2.0', '(010 + 0)', '(0x10 + 0)', '"7"', '(" 3 " + 0)', 'true', 'no'));

/** An `expr` expression over small numbers. */
const expression: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    operand,
    fc.tuple(tie('e'), fc.constantFrom('+', '-', '*', '/', '%', '<', '>', '<=', '>=', '==', '!=', '&&', '||', '&', '|', '^', '<<', '>>'), tie('e')).map(([a, op, b]) => `(${a} ${op} ${b})`),
    fc.tuple(fc.constantFrom('-', '!', '~', '+'), tie('e')).map(([op, a]) => `${op}(${a})`),
    fc.tuple(tie('e'), tie('e'), tie('e')).map(([a, b, c]) => `(${a} ? ${b} : ${c})`),
    fc.tuple(fc.constantFrom('abs', 'int', 'double', 'round', 'wide', 'floor', 'ceil', 'sqrt'), tie('e')).map(([f, a]) => `${f}(${a})`),
    fc.tuple(ref, fc.constantFrom('eq', 'ne', '==', '<'), fc.oneof(ref, value.map((x) => `"${x.replace(/[\\"$[\]{}]/g, '')}"`))).map(([a, op, b]) => `(${a} ${op} ${b})`),
  ),
})).e;

const pattern = fc.constantFrom('a*', '*b*', '?', '*.*', '[a-c]*', '\\*', '*', 'x*y', '[]]', '*1');
const regex = fc.constantFrom('a', 'a+', '(a|b)+', '^a', 'b$', '[0-9]+', '(\\w+)\\s+(\\w+)', '\\.', '[^ ]+', 'x*', '(a)(b)?', '[[:alpha:]]+', '\\d', 'a.c', '(ab|a)(c|bcd)?');
const fmt = fc.constantFrom('%s', '%5s|', '%-5s|', '%d', '%05d', '%x', '%X', '%o', '%+d', '%.2s', '%3d%%', '%s-%s');

/** One statement assigning or modifying a variable. */
const statement: Arb = fc.oneof(
  fc.tuple(v, value).map(([a, x]) => `set ${a} ${word(x)}`),
  fc.tuple(iv, small).map(([a, n]) => `set ${a} ${n}`),
  fc.tuple(v, ref, ref, value).map(([a, b, c, x]) => `set ${a} [list ${b} ${c} ${word(x)}]`),
  fc.tuple(v, ref).map(([a, b]) => `lappend ${a} ${b}`),
  fc.tuple(v, ref, index).map(([a, b, i]) => `set ${a} [lindex ${b} ${i}]`),
  fc.tuple(v, ref, index, index).map(([a, b, i, j]) => `set ${a} [lrange ${b} ${i} ${j}]`),
  fc.tuple(iv, ref).map(([a, b]) => `set ${a} [llength ${b}]`),
  fc.tuple(v, fc.constantFrom('', '-decreasing', '-dictionary', '-unique', '-integer', '-index 0'), ref).map(([a, o, b]) => `set ${a} [lsort ${o} ${b}]`),
  fc.tuple(iv, fc.constantFrom('', '-exact', '-regexp', '-all'), ref, pattern).map(([a, o, b, p]) => `set ${a} [lsearch ${o} ${b} ${word(p)}]`),
  fc.tuple(v, ref, index, value).map(([a, b, i, x]) => `set ${a} [linsert ${b} ${i} ${word(x)}]`),
  fc.tuple(v, ref, ref).map(([a, b, c]) => `set ${a} [concat ${b} ${c}]`),
  fc.tuple(v, ref, fc.constantFrom(' ', ',', '', '-', ', ')).map(([a, b, s]) => `set ${a} [join ${b} ${word(s)}]`),
  fc.tuple(v, ref, fc.constantFrom(' ', ',', '', 'a', '{}', ' {')).map(([a, b, s]) => `set ${a} [split ${b} ${word(s)}]`),
  fc.tuple(v, fc.constantFrom('length', 'tolower', 'toupper', 'totitle', 'trim', 'trimleft', 'trimright', 'bytelength'), ref).map(([a, s, b]) => `set ${a} [string ${s} ${b}]`),
  fc.tuple(v, fc.constantFrom('index', 'wordstart', 'wordend'), ref, index).map(([a, s, b, i]) => `set ${a} [string ${s} ${b} ${i}]`),
  fc.tuple(v, ref, index, index).map(([a, b, i, j]) => `set ${a} [string range ${b} ${i} ${j}]`),
  fc.tuple(v, ref, index, index, value).map(([a, b, i, j, x]) => `set ${a} [string replace ${b} ${i} ${j} ${word(x)}]`),
  fc.tuple(iv, fc.constantFrom('first', 'last'), value, ref).map(([a, s, x, b]) => `set ${a} [string ${s} ${word(x.slice(0, 2))} ${b}]`),
  fc.tuple(iv, fc.constantFrom('equal', 'compare', 'equal -nocase', 'compare -nocase', 'compare -length 2'), ref, ref).map(([a, s, b, c]) => `set ${a} [string ${s} ${b} ${c}]`),
  fc.tuple(iv, fc.constantFrom('', '-nocase'), pattern, ref).map(([a, o, p, b]) => `set ${a} [string match ${o} ${word(p)} ${b}]`),
  fc.tuple(v, value, value, ref).map(([a, k, x, b]) => `set ${a} [string map [list ${word(k.slice(0, 2))} ${word(x)}] ${b}]`),
  fc.tuple(v, ref, fc.integer({ min: 0, max: 3 })).map(([a, b, n]) => `set ${a} [string repeat ${b} ${n}]`),
  fc.tuple(iv, fc.constantFrom('integer', 'double', 'alpha', 'digit', 'alnum', 'space', 'upper', 'lower', 'boolean', 'true', 'false', 'xdigit', 'wordchar', 'punct'), ref).map(([a, c, b]) => `set ${a} [string is ${c} ${b}]`),
  fc.tuple(v, fmt, ref, ref).map(([a, f, b, c]) => `set ${a} [format ${word(f)} ${b} ${c}]`),
  fc.tuple(v, fmt, iref, iref).map(([a, f, b, c]) => `set ${a} [format ${word(f)} ${b} ${c}]`),
  fc.tuple(v, fc.integer({ min: 36, max: 126 })).map(([a, n]) => `set ${a} [format %c ${n}]`),
  fc.tuple(v, fc.constantFrom('%d %s', '%s', '%[a-z]%d', '%x', '%c%s', '%d%n'), ref).map(([a, f, b]) => `set ${a} [scan ${b} ${word(f)}]`),
  fc.tuple(iv, expression).map(([a, e]) => `set ${a} [expr {${e}}]`),
  fc.tuple(v, expression).map(([a, e]) => `set ${a} [expr {${e}}]`),
  fc.tuple(iv, fc.constantFrom('', '5', '-2')).map(([a, n]) => `incr ${a} ${n}`),
  fc.tuple(v, ref, value).map(([a, b, x]) => `append ${a} ${b} ${word(x)}`),
  fc.tuple(v, fc.constantFrom('', '-nocase', '-all', '-indices'), regex, ref).map(([a, o, r, b]) => `set ${a} [regexp -inline ${o} ${word(r)} ${b}]`),
  fc.tuple(iv, regex, ref).map(([a, r, b]) => `set ${a} [regexp ${word(r)} ${b} m1 m2]`),
  fc.tuple(v, fc.constantFrom('', '-all', '-nocase -all'), regex, ref, fc.constantFrom('X', '<&>', '\\1', '[\\0]', '')).map(([a, o, r, b, s]) => `set ${a} [regsub ${o} ${word(r)} ${b} ${word(s)}]`),
  fc.tuple(v, ref, value).map(([a, b, x]) => `if {${b} eq "${x.replace(/[\\"$[\]{}\n]/g, '')}"} {set ${a} yes} elseif {[string length ${b}] > 3} {set ${a} long} else {set ${a} no}`),
  fc.tuple(v, ref).map(([a, b]) => `set ${a} {}; foreach x ${b} {append ${a} <$x>}`),
  fc.tuple(v, ref).map(([a, b]) => `set ${a} {}; foreach {x y} ${b} {lappend ${a} $y $x}`),
  fc.tuple(v, fc.constantFrom('-exact', '-glob', '-regexp'), ref, pattern).map(([a, m, b, p]) => `switch ${m} -- ${b} ${word(p)} {set ${a} hit} {a b} - c {set ${a} abc} default {set ${a} none}`),
  fc.tuple(v, iref).map(([a, n]) => `set ${a} {}; for {set k 0} {$k < ${n}} {incr k} {if {$k == 3} continue; if {$k > 6} break; lappend ${a} $k}`),
  fc.tuple(v, ref).map(([a, b]) => `set ${a} [subst {<${b}> [string length ${b}]}]`),
  fc.tuple(v, ref).map(([a, b]) => `array set arr [list k ${b}]; set ${a} [array get arr]`),
  fc.tuple(v, ref).map(([a, b]) => `proc p {x {y d} args} {return [list $x $y $args]}; set ${a} [p ${b} 1 2]`),
  fc.tuple(v, ref).map(([a, b]) => `set ${a} [lindex [list ${b}] 0 0]`),
  fc.tuple(v, iv).map(([a, n]) => `proc gp {} {global ${a} ${n}; append ${a} g; incr ${n}}; gp`),
  fc.tuple(v, iv).map(([a, n]) => `proc up {x y} {upvar 1 $x s $y k; lappend s $k; set k [llength $s]}; up ${a} ${n}`),
  fc.tuple(v, ref).map(([a, b]) => `proc uv {} {uplevel 1 {set ${a} [string length ${b}]}}; uv`),
  // Only well-formed scripts: 8.6 runs the commands before a syntax error, 8.4's compiler rejects the whole script.
  fc.tuple(v, fc.constantFrom('a b c', '{a b} c', 'x {y {z}}', '1 2 3', '"q r" s', 'a\\ b c', '\\{ x')).map(([a, b]) => `set ${a} [eval list ${word(b)}]`),
);

/** A whole program: initialisation, statements under `catch`, and the final state as a list. */
export const program: fc.Arbitrary<string> = fc
  .tuple(fc.array(value, { minLength: 4, maxLength: 4 }), fc.array(small, { minLength: 3, maxLength: 3 }), fc.array(statement, { minLength: 1, maxLength: 8 }))
  .map(([vals, nums, stmts]) => {
    const init = [...vars.map((n, k) => `set ${n} ${word(vals[k])}`), ...ints.map((n, k) => `set ${n} ${nums[k]}`), 'set log {}'];
    const body = stmts.map((s) => `lappend log [catch {${s}} e] $e`);
    return [...init, ...body, `list $log ${vars.map((n) => `$${n}`).join(' ')} ${ints.map((n) => `$${n}`).join(' ')}`].join('\n');
  });

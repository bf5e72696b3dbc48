/**
 * The probe of one `--explain` run: it knows the client address `a` of the run and follows the
 * texts that stand for it (the address itself, and `IP::addr ... mask` results of it; a value is
 * recognised by its text, so one kept in a variable, a header or a table and read back is still
 * recognised). Each test such a text goes through adds the exact set of addresses that pass the
 * test as `a` does; their intersection is the set of clients that take the same path, so get
 * the same outcome. A use the analysis cannot follow exactly (a regular expression, arithmetic,
 * `string length`, a command that turns the address into some other text) is recorded as a
 * reason, and the run's class is then only approximate.
 *
 * One text may stand for several tracked values: the address itself and a masked value of it
 * whose host bits are zero read alike (`10.1.0.0` and its /16 network). A test on such a text
 * records the addresses that answer alike under every reading.
 *
 * A constant that happens to read like a tracked text is taken for it. That only makes classes
 * smaller than they need be: a test with one tracked operand records a subset of what the test
 * on a constant would (every address), and a test between two tracked texts records only the
 * addresses that answer alike however each operand is read. Every recorded set holds only
 * addresses for which the test gives the run's answer.
 */
import { familyBits, formatAddress, type IpFamily, parseAddress, toNetwork } from '../../bigip/address.js';
import { getCommand } from '../../catalog/load.js';
import type { ArgForm, CommandSpec } from '../../catalog/types.js';
import type { DataGroupView } from '../bigip/datagroups.js';
import type { Interp } from '../interp.js';
import type { ClassAnswer, TextTest, ValueProbe } from '../probe.js';
import type { TclResult } from '../result.js';
import { globMatch, globQuote } from '../tcl/glob.js';
import { parseMasked } from '../builtins/irule-ip.js';
import type { Connection, SimContext } from '../irule/context.js';
import { prefixPartition } from './datagroup-sets.js';
import { type AddrSet, blockSet, complement, emptySet, expandMasked, hasValue, intersect, pointSet, union, universe } from './intervals.js';
import { equalitySet, globMatchSet, globSet, type Taint } from './text-sets.js';

/** Most string-type data-group keys turned into glob sets for one `class match` before giving up. */
const MAX_CLASS_GLOB_KEYS = 256;

/** Argument types whose text a command runs as code. */
const CODE_TYPES = new Set(['script', 'body', 'expr', 'procName']);

const runsCodeCache = new Map<string, boolean>();

/** Whether a form (or one of its subcommands) takes code, or has special syntax (`if`, `switch`, `uplevel`, `after`). */
function formRunsCode(form: ArgForm | undefined): boolean {
  if (!form) return false;
  if (form.handler !== undefined) return true;
  if (form.positionals?.some((p) => CODE_TYPES.has(p.type))) return true;
  return Object.values(form.subcommands ?? {}).some(formRunsCode);
}

/** Whether the catalog says a command runs code given as arguments (its own tests are watched then). */
function runsCode(name: string, spec: CommandSpec | undefined): boolean {
  let hit = runsCodeCache.get(name);
  if (hit === undefined) runsCodeCache.set(name, (hit = formRunsCode(spec?.args)));
  return hit;
}

/** Splits an `IP::addr` operand into its address text (what may be a tracked value). */
function addressPart(text: string): string {
  const t = text.trim();
  const m = /^(\S+)\s+mask\s+\S+$/.exec(t);
  if (m) return m[1];
  const slash = t.indexOf('/');
  return slash >= 0 ? t.slice(0, slash) : t;
}

/** The probe for one run with client address `value`. */
export class AddressTracker implements ValueProbe {
  /** The addresses known to take the same path (the intersection of every recorded set). */
  cls: AddrSet;
  /** Why the class is not exact (empty: exact). */
  readonly approximations = new Set<string>();
  /** The connection of the run (seen while its commands run). */
  conn: Connection | undefined;
  /** Tracked texts, each with every value it may stand for. */
  private readonly taints = new Map<string, Taint[]>();
  private consumedAt = -1;
  private readonly full: number;

  constructor(
    private readonly interp: Interp,
    private readonly ctx: SimContext,
    readonly family: IpFamily,
    readonly value: bigint,
    /** The route domain of the client (0: none), which `IP::client_addr` shows as `%N`. */
    readonly routeDomain: number,
  ) {
    this.full = familyBits(family);
    this.cls = universe(family);
    const suffix = routeDomain !== 0 ? `%${routeDomain}` : '';
    this.clientText = this.textOf(this.full, suffix);
    this.taints.set(this.clientText, [{ family, prefix: this.full, suffix }]);
  }

  /** The client text the run uses (what `IP::client_addr` returns). */
  readonly clientText: string;

  private textOf(prefix: number, suffix: string): string {
    return formatAddress(toNetwork({ family: this.family, value: this.value }, prefix).address, false) + suffix;
  }

  private record(set: AddrSet): void {
    this.cls = intersect(this.cls, set);
  }

  /** The intersection of `f` over every reading of a text (sound whichever the rule meant); undefined if one is. */
  private everyReading(readings: Taint[], f: (t: Taint) => AddrSet): AddrSet;
  private everyReading(readings: Taint[], f: (t: Taint) => AddrSet | undefined): AddrSet | undefined;
  private everyReading(readings: Taint[], f: (t: Taint) => AddrSet | undefined): AddrSet | undefined {
    let out = universe(this.family);
    for (const t of readings) {
      const set = f(t);
      if (!set) return undefined;
      out = intersect(out, set);
    }
    return out;
  }

  private approx(reason: string): void {
    this.approximations.add(reason);
  }

  /** Whether a text contains a tracked value without being one (a derived text the analysis cannot follow). */
  private mentions(text: string): boolean {
    for (const k of this.taints.keys()) if (text.includes(k)) return true;
    return false;
  }

  private consumed(): void {
    this.consumedAt = this.interp.steps;
  }

  command(argv: readonly string[], result: TclResult): void {
    if (this.conn === undefined) this.conn = this.ctx.conn;
    // A test reported while this very command ran (same step: no command ran inside it) covered it.
    // Cleared at every command, so a mark cannot outlive its command (step counts restart per run).
    const covered = this.consumedAt === this.interp.steps;
    this.consumedAt = -1;
    let tainted = false;
    for (let i = 1; i < argv.length && !tainted; i++) tainted = this.mentions(argv[i]);
    if (!tainted) return;
    const name = argv[0].startsWith('::') ? argv[0].slice(2) : argv[0];
    if (covered) return;
    if (this.interp.getCommand(name)?.proc) return;
    const spec = getCommand(name);
    if (runsCode(name, spec)) return;
    // Passed through unchanged, or kept inside a larger text (still recognised where it is tested).
    if (this.mentions(result.value)) return;
    if (spec?.emitsArguments) return;
    this.approx(`${name}${argv.length > 1 && /^[a-z]+$/.test(argv[1]) ? ` ${argv[1]}` : ''} on the client address (not followed exactly)`);
  }

  text(test: TextTest, subject: string, pattern: string, nocase: boolean, result: boolean): void {
    const ts = this.taints.get(subject);
    const tp = this.taints.get(pattern);
    if (!ts && !tp) {
      if (this.mentions(subject) || this.mentions(pattern)) this.approx(`a ${test === 'glob' ? 'pattern match' : 'comparison'} on a text built from the client address`);
      return;
    }
    this.consumed();
    const low = (x: string): string => (nocase ? x.toLowerCase() : x);
    if (ts && tp) {
      // Both texts are tracked, but either may be a constant that happens to read the same: keep
      // only the addresses that answer alike however each is read (both functions of the address:
      // constant on the smaller block; one of them constant: the other's equality set).
      this.record(
        this.everyReading(ts, (s) =>
          this.everyReading(tp, (p) => {
            const set = intersect(blockSet(this.family, this.value, Math.min(s.prefix, p.prefix)), equalitySet(s, this.value, low(subject), low(pattern)));
            return intersect(set, equalitySet(p, this.value, low(pattern), low(subject)));
          }),
        ),
      );
      return;
    }
    if (test === 'equal' || tp) {
      // An address text has no glob characters, so a tracked pattern is a plain comparison.
      const mine = ts ? subject : pattern;
      const other = ts ? pattern : subject;
      this.record(this.everyReading((ts ?? tp)!, (t) => equalitySet(t, this.value, low(mine), low(other))));
      return;
    }
    const set = this.everyReading(ts!, (t) => globSet(t, pattern, nocase, result));
    if (set) this.record(set);
    else this.approx(`the pattern "${pattern}" on the client address${this.family === 6 ? ' (IPv6 text)' : ' (too fragmented to list)'}`);
  }

  exprOp(op: string, a: unknown, b: unknown): void {
    const sa = typeof a === 'string' ? a : String(a);
    const sb = typeof b === 'string' ? b : String(b);
    if (!this.mentions(sa) && !this.mentions(sb)) return;
    switch (op) {
      case 'eq':
      case 'ne':
      case '==':
      case '!=':
      case 'equals':
        // An address text is never a number, so == compares texts.
        this.text('equal', sa, sb, false, sa === sb);
        return;
      case 'starts_with':
      case 'ends_with':
      case 'contains':
      case 'matches_glob': {
        const q = globQuote(sb);
        const pattern = op === 'starts_with' ? `${q}*` : op === 'ends_with' ? `*${q}` : op === 'contains' ? `*${q}*` : sb;
        if (this.taints.has(sb) && op !== 'matches_glob') {
          this.approx(`the client address as the right operand of ${op}`);
          return;
        }
        this.text('glob', sa, pattern, false, globMatch(pattern, sa));
        return;
      }
      default:
        this.consumed();
        this.approx(op === 'regexp' || op.startsWith('matches') ? 'a regular expression on the client address' : `the expr operator ${op} on the client address`);
    }
  }

  addrEquals(aText: string, bText: string, result: boolean): void {
    const ta = this.taints.get(addressPart(aText));
    const tb = this.taints.get(addressPart(bText));
    if (!ta && !tb) {
      if (this.mentions(aText) || this.mentions(bText)) this.approx('IP::addr on a text built from the client address');
      return;
    }
    this.consumed();
    const ma = parseMasked(aText)?.prefix ?? this.full;
    const mb = parseMasked(bText)?.prefix ?? this.full;
    const m = Math.min(ma, mb);
    if (ta && tb) {
      // As for text tests: alike however each operand is read (function of the address, or a constant).
      this.record(
        this.everyReading(ta, (a) =>
          this.everyReading(tb, (b) => {
            const both = blockSet(this.family, this.value, Math.min(a.prefix, b.prefix, m));
            return intersect(intersect(both, this.addrEqualsSet(a, m, bText, result)), this.addrEqualsSet(b, m, aText, result));
          }),
        ),
      );
      return;
    }
    this.record(this.everyReading((ta ?? tb)!, (t) => this.addrEqualsSet(t, m, ta ? bText : aText, result)));
  }

  /** The addresses for which `IP::addr <tracked t>/m equals <other>` answers `result` as the run did. */
  private addrEqualsSet(t: Taint, m: number, otherText: string, result: boolean): AddrSet {
    const q = Math.min(t.prefix, m);
    if (result) return blockSet(this.family, this.value, q);
    // Only addresses in the other operand's block can compare equal. When the run's own address is
    // in that block and still compared unequal (host bits of the other operand beyond the masked
    // prefix, another route domain), no address compares equal.
    const other = parseAddress(addressPart(otherText));
    if (!other || other.family !== this.family) return universe(this.family);
    const block = blockSet(this.family, other.value, q);
    return hasValue(block, this.value) ? universe(this.family) : complement(block);
  }

  addrMask(aText: string, prefix: number, result: string): void {
    const t = this.taints.get(addressPart(aText));
    if (!t) {
      if (this.mentions(aText)) this.approx('IP::addr mask on a text built from the client address');
      return;
    }
    this.consumed();
    for (const r of t) {
      const p = Math.min(r.prefix, prefix);
      if (this.textOf(p, r.suffix) !== result) {
        this.approx('IP::addr mask gave a text the analysis does not follow');
        continue;
      }
      // Kept beside any other reading of the same text (the address itself when its host bits are zero).
      const known = this.taints.get(result) ?? [];
      if (!known.some((k) => k.prefix === p && k.suffix === r.suffix)) this.taints.set(result, [...known, { family: this.family, prefix: p, suffix: r.suffix }]);
    }
  }

  classMatch(view: DataGroupView, item: string, op: string, search: boolean, all: boolean, answer: ClassAnswer): void {
    const t = this.taints.get(item);
    if (!t) {
      if (this.mentions(item)) this.approx(`class ${search ? 'search' : 'match'} on a text built from the client address`);
      return;
    }
    this.consumed();
    // A masked value is its network's text: answer for the network, then take the networks' blocks.
    const set = this.everyReading(t, (r) => {
      const net = toNetwork({ family: this.family, value: this.value }, r.prefix).address.value;
      const s = this.classSet(view, item, op, search, all, answer, r, net);
      return s && expandMasked(s, r.prefix);
    });
    if (set) this.record(set);
    else this.approx(`class ${search ? 'search' : 'match'} ${op} on ${view.type} data group ${view.name} with the client address`);
  }

  /** The addresses `y` (unmasked) for which the data-group test answers as for `v`; undefined when not computable. */
  private classSet(view: DataGroupView, item: string, op: string, search: boolean, all: boolean, answer: ClassAnswer, t: Taint, v: bigint): AddrSet | undefined {
    if (view.type === 'integer') return universe(this.family); // an address text is never an integer key: no client matches
    if (view.type === 'ip' && op === 'equals') {
      const part = prefixPartition(view.records, this.family, this.routeDomain);
      const records = view.records;
      if (answer === 'bool') return part.sameAnswer(v, 'bool', (l) => (l >= 0 ? '1' : '0'));
      if (answer === 'value' && !all) return part.sameAnswer(v, 'value', (l) => (l >= 0 ? `=${records[l].data}` : ''));
      return part.sameAnswer(v, 'record', String);
    }
    if (view.type === 'string' && op === 'equals') {
      let points = emptySet(this.family);
      for (const r of view.records) {
        const k = r.key;
        if (!k.endsWith(t.suffix)) continue;
        const addr = parseAddress(k.slice(0, k.length - t.suffix.length));
        if (addr && addr.family === this.family && formatAddress(addr, false) + t.suffix === k) points = union(points, pointSet(this.family, addr.value));
      }
      const hit = view.records.some((r) => r.key === item);
      if (!hit) return complement(points);
      return answer === 'bool' ? points : pointSet(this.family, v);
    }
    if (view.type === 'string' && !search && answer === 'bool' && op !== 'equals' && view.records.length <= MAX_CLASS_GLOB_KEYS) {
      const full: Taint = { ...t, prefix: this.full };
      let yes = emptySet(this.family);
      for (const r of view.records) {
        const q = globQuote(r.key);
        const set = globMatchSet(full, op === 'starts_with' ? `${q}*` : op === 'ends_with' ? `*${q}` : `*${q}*`, false);
        if (!set) return undefined;
        yes = union(yes, set);
      }
      const hit = view.records.some((r) => (op === 'starts_with' ? item.startsWith(r.key) : op === 'ends_with' ? item.endsWith(r.key) : item.includes(r.key)));
      return hit ? yes : complement(yes);
    }
    return undefined;
  }
}

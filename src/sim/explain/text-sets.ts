/**
 * The exact sets of addresses whose text passes a string test: equality with a constant, and
 * Tcl glob patterns (`string match`, `switch -glob`, the `starts_with` / `ends_with` /
 * `contains` / `matches_glob` operators, all written as globs). For IPv4 a glob is decided by a
 * walk over the four octets with the pattern's state set (a small NFA), memoised per octet and
 * state set, so `10.*`, `*.1?` or `192.168.[1-3].*` give their exact interval sets. For IPv6 the
 * canonical text (RFC 5952, as `formatAddress` writes it) is only decided when the pattern cannot
 * match any such text or matches every text; other IPv6 globs return undefined (the caller then
 * samples and says so).
 */
import { formatAddress, type IpFamily, parseAddress, toNetwork } from '../../bigip/address.js';
import { type AddrSet, blockSet, complement, emptySet, expandMasked, type Interval, universe } from './intervals.js';

/** How a tracked value depends on the client address `x`: its text is `format(network(x, prefix)) + suffix`. */
export interface Taint {
  /** Family of the client address. */
  family: IpFamily;
  /** Prefix the address was masked to (the family's bit count for the address itself). */
  prefix: number;
  /** Text after the address (`%N` for a route domain), usually empty. */
  suffix: string;
}

/** Most intervals a glob set may have before the answer is given up as not exact. */
export const MAX_GLOB_INTERVALS = 65536;

/**
 * The addresses `x` for which `text(x) === constant` gives the same answer as for `a` (whose
 * text is `aText`). Exact for the address itself; a sound subset for masked values.
 */
export function equalitySet(t: Taint, a: bigint, aText: string, constant: string): AddrSet {
  if (constant === aText) return blockSet(t.family, a, t.prefix);
  if (!constant.endsWith(t.suffix)) return universe(t.family);
  const other = parseAddress(constant.slice(0, constant.length - t.suffix.length));
  if (!other || other.family !== t.family) return universe(t.family);
  // Only a network's own text can be produced (canonical, host bits zero): by the addresses of that block.
  const net = toNetwork({ family: t.family, value: other.value }, t.prefix).address;
  if (formatAddress(net, false) + t.suffix !== constant) return universe(t.family);
  return complement(blockSet(t.family, other.value, t.prefix));
}

/** One element of a glob pattern. */
type GlobToken = { kind: 'star' } | { kind: 'any' } | { kind: 'char'; ch: string } | { kind: 'set'; ranges: [string, string][]; unclosed: boolean } | { kind: 'never' };

/** Splits a glob as `globMatch` reads it (src/sim/tcl/glob.ts): `*`, `?`, `[a-z...]`, `\x`, literal. */
function tokenize(pat: string, nocase: boolean): GlobToken[] {
  const low = (c: string): string => (nocase ? c.toLowerCase() : c);
  const out: GlobToken[] = [];
  let p = 0;
  while (p < pat.length) {
    const c = pat[p];
    if (c === '*') {
      out.push({ kind: 'star' });
      p++;
    } else if (c === '?') {
      out.push({ kind: 'any' });
      p++;
    } else if (c === '\\') {
      if (p + 1 >= pat.length) {
        out.push({ kind: 'never' });
        p++;
      } else {
        out.push({ kind: 'char', ch: low(pat[p + 1]) });
        p += 2;
      }
    } else if (c === '[') {
      const ranges: [string, string][] = [];
      let i = p + 1;
      let broken = false;
      while (i < pat.length && pat[i] !== ']') {
        const start = low(pat[i]);
        i++;
        if (pat[i] === '-') {
          i++;
          if (i >= pat.length) {
            broken = true;
            break;
          }
          const end = low(pat[i]);
          i++;
          ranges.push(start <= end ? [start, end] : [end, start]);
        } else ranges.push([start, start]);
      }
      const unclosed = i >= pat.length;
      out.push(broken ? { kind: 'never' } : { kind: 'set', ranges, unclosed });
      // An unclosed set ends the pattern once it matched (as globMatch skips to the end).
      p = unclosed ? pat.length : i + 1;
    } else {
      out.push({ kind: 'char', ch: low(c) });
      p++;
    }
  }
  return out;
}

/** Whether a non-star token takes the character. */
function takes(tok: GlobToken, ch: string): boolean {
  switch (tok.kind) {
    case 'any':
      return true;
    case 'char':
      return tok.ch === ch;
    case 'set':
      return tok.ranges.some(([a, b]) => a <= ch && ch <= b);
    default:
      return false;
  }
}

/** A glob as a set-of-positions automaton. */
class GlobNfa {
  readonly tokens: GlobToken[];
  constructor(pattern: string, nocase: boolean) {
    this.tokens = tokenize(pattern, nocase);
  }
  /** Adds the positions reachable through stars. */
  private close(states: Set<number>): number[] {
    const out = new Set<number>();
    for (const s of states) {
      let i = s;
      out.add(i);
      while (i < this.tokens.length && this.tokens[i].kind === 'star') out.add(++i);
    }
    return [...out].sort((a, b) => a - b);
  }
  start(): number[] {
    return this.close(new Set([0]));
  }
  step(states: readonly number[], ch: string): number[] {
    const next = new Set<number>();
    const n = this.tokens.length;
    for (const s of states) {
      if (s >= n) continue;
      const tok = this.tokens[s];
      if (tok.kind === 'star') next.add(s);
      else if (takes(tok, ch)) next.add(tok.kind === 'set' && tok.unclosed ? n : s + 1);
    }
    return this.close(next);
  }
  run(states: readonly number[], text: string): readonly number[] {
    let q = states;
    for (const ch of text) {
      if (q.length === 0) return q;
      q = this.step(q, ch);
    }
    return q;
  }
  accepts(states: readonly number[]): boolean {
    return states.includes(this.tokens.length);
  }
}

/** Thrown inside the walk when the set grows past {@link MAX_GLOB_INTERVALS}. */
class TooMany extends Error {}

/** The IPv4 addresses whose dotted text followed by `suffix` matches the glob (undefined when too fragmented). */
function ipv4GlobSet(pattern: string, nocase: boolean, suffix: string): Interval[] | undefined {
  const nfa = new GlobNfa(pattern, nocase);
  const suffixText = nocase ? suffix.toLowerCase() : suffix;
  const memo = new Map<string, Interval[]>();
  let total = 0;
  const walk = (k: number, q: readonly number[]): Interval[] => {
    const key = `${k}|${q.join(',')}`;
    const hit = memo.get(key);
    if (hit) return hit;
    const out: Interval[] = [];
    if (q.length > 0) {
      const shift = BigInt(8 * (3 - k));
      for (let v = 0; v < 256; v++) {
        const after = nfa.run(q, k < 3 ? `${v}.` : `${v}${suffixText}`);
        const base = BigInt(v) << shift;
        const parts: Interval[] = k < 3 ? walk(k + 1, after) : nfa.accepts(after) ? [{ lo: 0n, hi: 0n }] : [];
        for (const r of parts) {
          const lo = base + r.lo;
          const hi = base + r.hi;
          const last = out[out.length - 1];
          if (last && last.hi + 1n === lo) last.hi = hi;
          else {
            out.push({ lo, hi });
            if (++total > MAX_GLOB_INTERVALS) throw new TooMany();
          }
        }
      }
    }
    memo.set(key, out);
    return out;
  };
  try {
    return walk(0, nfa.start());
  } catch (e) {
    if (e instanceof TooMany) return undefined;
    throw e;
  }
}

/** Characters an IPv6 address text (RFC 5952, lower case) is made of. */
const IPV6_CHARS = '0123456789abcdef:';

/** For IPv6: true/false when the glob matches every / no address text, undefined when it depends. */
function ipv6GlobConstant(pattern: string, nocase: boolean, suffix: string): boolean | undefined {
  const nfa = new GlobNfa(pattern, nocase);
  const toks = nfa.tokens;
  if (suffix === '' && toks.every((t) => t.kind === 'star')) return toks.length > 0;
  // A token that must consume a character no IPv6 text (or its suffix) has: nothing matches.
  const chars = IPV6_CHARS + (nocase ? suffix.toLowerCase() : suffix);
  for (const t of toks) {
    if (t.kind === 'star') continue;
    if (![...chars].some((c) => takes(t, c))) return false;
  }
  return undefined;
}

/**
 * `2001:db8:*`: whole non-zero leading groups, then a star. Such a text starts so exactly when
 * the address's first groups are these (a non-zero group is never compressed), so the set is the
 * block `2001:db8::/32`.
 */
function ipv6LeadingGroups(pattern: string): AddrSet | undefined {
  const m = /^((?:[1-9a-f][0-9a-f]{0,3}:){1,7})\*$/.exec(pattern);
  if (!m) return undefined;
  const groups = m[1].slice(0, -1).split(':');
  let value = 0n;
  for (let i = 0; i < 8; i++) value = (value << 16n) | (i < groups.length ? BigInt(parseInt(groups[i], 16)) : 0n);
  return blockSet(6, value, 16 * groups.length);
}

/** The addresses (of a taint with the family's full prefix) whose text matches the glob; undefined when not computable exactly. */
export function globMatchSet(t: Taint, pattern: string, nocase: boolean): AddrSet | undefined {
  let set: AddrSet;
  if (t.family === 4) {
    const ranges = ipv4GlobSet(pattern, nocase, t.suffix);
    if (!ranges) return undefined;
    set = { family: 4, ranges };
  } else {
    const leading = ipv6LeadingGroups(nocase ? pattern.toLowerCase() : pattern);
    if (leading) set = leading;
    else {
      const constant = ipv6GlobConstant(pattern, nocase, t.suffix);
      if (constant === undefined) return undefined;
      set = constant ? universe(6) : emptySet(6);
    }
  }
  // A masked value's text is that of its network.
  return expandMasked(set, t.prefix);
}

/**
 * The addresses `x` whose text passes the glob exactly as `a`'s does (`matched` is the concrete
 * answer); undefined when that set cannot be computed exactly.
 */
export function globSet(t: Taint, pattern: string, nocase: boolean, matched: boolean): AddrSet | undefined {
  const yes = globMatchSet(t, pattern, nocase);
  if (!yes) return undefined;
  return matched ? yes : complement(yes);
}

/**
 * "Did you mean" for any closed set of names (catalog commands and events, configuration keys,
 * test-file keys): the candidate within a banded edit distance of a misspelt name. Shared by the
 * linter, the simulator and the CLIs (`src/lint/config.ts` re-exports it).
 */

/**
 * Edit distance with adjacent transpositions (optimal string alignment: `sant` is one edit from
 * `snat`), when it is at most `bound`; otherwise some number above `bound`. Only the diagonal band
 * |i - j| <= bound is computed (cells outside it are above the bound), and the loop stops once a
 * whole row is above it: a row's minimum never decreases (a transposition costs no less than the
 * substitution path through the cell before it). Cost O(bound * length) instead of O(length^2).
 */
function boundedDistance(a: string, b: string, bound: number): number {
  const m = a.length;
  const n = b.length;
  const over = bound + 1;
  if (Math.abs(m - n) > bound) return over;
  // Rows for candidates up to ROW_CAPACITY - 1 characters are reused; longer ones get their own.
  const own = n >= ROW_CAPACITY;
  let prev2 = own ? new Int32Array(n + 1) : rows[0];
  let prev = own ? new Int32Array(n + 1) : rows[1];
  let cur = own ? new Int32Array(n + 1) : rows[2];
  prev2.fill(over, 0, n + 1);
  prev.fill(over, 0, n + 1);
  for (let j = 0; j <= Math.min(n, bound); j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    const lo = Math.max(1, i - bound);
    const hi = Math.min(n, i + bound);
    cur.fill(over, 0, n + 1);
    cur[0] = i <= bound ? i : over;
    let rowMin = cur[0];
    for (let j = lo; j <= hi; j++) {
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur[j] = d > over ? over : d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > bound) return over;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[n];
}

/** The three rows of {@link boundedDistance}, reused from call to call. */
const ROW_CAPACITY = 256;
const rows = [new Int32Array(ROW_CAPACITY), new Int32Array(ROW_CAPACITY), new Int32Array(ROW_CAPACITY)];

/**
 * The distance when it is below `limit`, else `limit`: bounds 1, 2, 4 ... up to `limit - 1`, so a
 * near match of a long word costs about its distance times its length.
 */
function distanceBelow(a: string, b: string, limit: number): number {
  for (let bound = 1; ; bound = Math.min(bound * 2, limit - 1)) {
    const d = boundedDistance(a, b, bound);
    if (d <= bound) return d;
    if (bound >= limit - 1) return limit;
  }
}

/**
 * The characters of a lower-cased word as a set of 32 groups: a bit per letter, one for digits,
 * one each for `:`, `_`, `-` and `.`, one for everything else.
 */
function charGroups(word: string): number {
  let mask = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    const group = c >= 97 && c <= 122 ? c - 97 : c >= 48 && c <= 57 ? 26 : c === 58 ? 27 : c === 95 ? 28 : c === 45 ? 29 : c === 46 ? 30 : 31;
    mask |= 1 << group;
  }
  return mask;
}

/** The number of bits set. */
function bitCount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/**
 * A candidate list made ready for searching: the lower-cased names and their character groups.
 * Every edit (insertion, deletion, substitution, transposition) adds at most one character to
 * what one word has and the other lacks, on either side; so the groups one word has and the
 * other lacks, counted on the side with more, never exceed the distance. A candidate whose
 * count reaches the best distance found so far is skipped without computing a distance.
 */
interface Index {
  lowered: string[];
  groups: Int32Array;
}

function indexOf(list: readonly string[]): Index {
  const lowered = list.map((c) => c.toLowerCase());
  const groups = new Int32Array(lowered.length);
  for (let k = 0; k < lowered.length; k++) groups[k] = charGroups(lowered[k]);
  return { lowered, groups };
}

/** Indexes of candidate lists (the catalog's names are asked for on every unknown word). */
const indexes = new WeakMap<readonly string[], Index>();
/** Answers per candidate list and name (files repeat the same unknown words); cleared when large. */
const answers = new WeakMap<readonly string[], Map<string, string | undefined>>();
const MAX_ANSWERS = 4096;

/**
 * The candidate closest to `name`, when it is close enough to be a likely typo: up to a third of
 * the name may differ (two edits for names of four or more characters), so a one-letter name is
 * not "corrected" into an unrelated two-letter one. Ties go to the earlier candidate.
 * Candidates whose length differs by more than the edits allowed (or than the best distance found
 * so far), or whose characters differ too much (see {@link Index}), are skipped without computing
 * a distance, so a long word costs one pass over the list.
 */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  if (!Array.isArray(candidates)) {
    const list = [...candidates];
    return closestIn(name, list, indexOf(list));
  }
  const list = candidates as readonly string[];
  let memo = answers.get(list);
  if (memo === undefined) answers.set(list, (memo = new Map()));
  if (memo.has(name)) return memo.get(name);
  let index = indexes.get(list);
  if (index === undefined) indexes.set(list, (index = indexOf(list)));
  const hint = closestIn(name, list, index);
  if (memo.size >= MAX_ANSWERS) memo.clear();
  memo.set(name, hint);
  return hint;
}

function closestIn(name: string, list: readonly string[], { lowered, groups }: Index): string | undefined {
  const lower = name.toLowerCase();
  const mine = charGroups(lower);
  const limit = Math.max(name.length >= 4 ? 2 : 1, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestD = limit + 1;
  for (let k = 0; k < lowered.length; k++) {
    const c = lowered[k];
    if (Math.abs(c.length - lower.length) >= bestD) continue;
    const theirs = groups[k];
    if (bitCount(mine & ~theirs) >= bestD || bitCount(theirs & ~mine) >= bestD) continue;
    const d = distanceBelow(lower, c, bestD);
    if (d < bestD) {
      bestD = d;
      best = list[k];
    }
  }
  return best;
}

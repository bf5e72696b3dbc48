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
  let prev2 = new Int32Array(n + 1).fill(over);
  let prev = new Int32Array(n + 1).fill(over);
  let cur = new Int32Array(n + 1).fill(over);
  for (let j = 0; j <= Math.min(n, bound); j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    const lo = Math.max(1, i - bound);
    const hi = Math.min(n, i + bound);
    cur.fill(over);
    cur[0] = i <= bound ? i : over;
    let rowMin = cur[0];
    for (let j = lo; j <= hi; j++) {
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur[j] = d > over ? over : d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > bound) return over;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n];
}

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

/** Lower-cased copies of candidate lists (the catalog's names are asked for on every unknown word). */
const loweredLists = new WeakMap<readonly string[], string[]>();
/** Answers per candidate list and name (files repeat the same unknown words); cleared when large. */
const answers = new WeakMap<readonly string[], Map<string, string | undefined>>();
const MAX_ANSWERS = 4096;

/**
 * The candidate closest to `name`, when it is close enough to be a likely typo: up to a third of
 * the name may differ (two edits for names of four or more characters), so a one-letter name is
 * not "corrected" into an unrelated two-letter one. Ties go to the earlier candidate.
 * Candidates whose length differs by more than the edits allowed (or than the best distance found
 * so far) are skipped without computing a distance, so a long word costs one pass over the list.
 */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  if (!Array.isArray(candidates)) return closestIn(name, [...candidates], undefined);
  const list = candidates as readonly string[];
  let memo = answers.get(list);
  if (memo === undefined) answers.set(list, (memo = new Map()));
  if (memo.has(name)) return memo.get(name);
  let lowered = loweredLists.get(list);
  if (lowered === undefined) loweredLists.set(list, (lowered = list.map((c) => c.toLowerCase())));
  const hint = closestIn(name, list, lowered);
  if (memo.size >= MAX_ANSWERS) memo.clear();
  memo.set(name, hint);
  return hint;
}

function closestIn(name: string, list: readonly string[], lowered: readonly string[] | undefined): string | undefined {
  const lower = name.toLowerCase();
  const limit = Math.max(name.length >= 4 ? 2 : 1, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestD = limit + 1;
  for (let k = 0; k < list.length; k++) {
    const c = lowered ? lowered[k] : list[k].toLowerCase();
    if (Math.abs(c.length - lower.length) >= bestD) continue;
    const d = distanceBelow(lower, c, bestD);
    if (d < bestD) {
      bestD = d;
      best = list[k];
    }
  }
  return best;
}

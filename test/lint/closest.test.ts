// The "did you mean" search (closest) gives the same answers as the plain full search it replaced,
// on names shaped like real typos of catalog commands and events, on every word of the fixtures,
// and on random words; and long words finish.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allCommands, allEvents } from '../../src/catalog/load.js';
import { closest } from '../../src/lint/config.js';

/** The previous implementation, kept here as the oracle: full distance against every candidate. */
function distanceOracle(a: string, b: string): number {
  const n = b.length;
  let prev2: number[] = [];
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) {
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur.push(d);
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[n];
}

function closestOracle(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  const lower = name.toLowerCase();
  for (const c of candidates) {
    const d = distanceOracle(lower, c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  const limit = Math.max(name.length >= 4 ? 2 : 1, Math.floor(name.length / 3));
  return best !== undefined && bestD <= limit ? best : undefined;
}

/** A seeded generator (mulberry32), so failures reproduce. */
function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz_:ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** `word` with 1-4 random edits (insert, delete, substitute, swap neighbours). */
function typo(word: string, next: () => number): string {
  let w = word;
  const edits = 1 + Math.floor(next() * 4);
  for (let e = 0; e < edits; e++) {
    const i = Math.floor(next() * (w.length + 1));
    const ch = ALPHABET[Math.floor(next() * ALPHABET.length)];
    const kind = Math.floor(next() * 4);
    if (kind === 0) w = w.slice(0, i) + ch + w.slice(i);
    else if (kind === 1 && w.length > 1) w = w.slice(0, i) + w.slice(i + 1);
    else if (kind === 2) w = w.slice(0, i) + ch + w.slice(i + 1);
    else if (i + 1 < w.length) w = w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
  }
  return w;
}

function fixtureWords(): string[] {
  const words = new Set<string>();
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (/\.(irule|tcl)$/.test(entry.name)) for (const w of readFileSync(path, 'utf8').split(/[\s{}[\]"$;]+/)) if (w) words.add(w);
    }
  };
  visit(join(__dirname, '..', '..', 'fixtures'));
  return [...words];
}

describe('closest (did you mean)', () => {
  const commands = allCommands().filter((c) => c.kind !== 'namespace' && !c.absent && !c.disabled).map((c) => c.name);
  const events = allEvents().map((e) => e.name);

  it('answers as the full search does on typos of catalog names, fixture words and random words', { timeout: 240_000 }, () => {
    const next = rng(0x5eed);
    // The oracle is slow (every distance in full): a sample of each kind, about 2,000 names.
    const words = fixtureWords().filter((w) => w.length <= 60);
    const names: string[] = words.filter((_, i) => i % Math.ceil(words.length / 600) === 0);
    commands.forEach((c, i) => names.push(typo(i % 3 === 0 ? c.toUpperCase() : c, next)));
    for (const e of events) names.push(typo(e, next));
    for (let i = 0; i < 200; i++) names.push(typo('', next) + typo('x', next) + typo('HTTP::', next));
    expect(names.length).toBeGreaterThan(2000);
    let suggested = 0;
    for (const name of names) {
      const expected = closestOracle(name, commands);
      expect(closest(name, commands), name).toBe(expected);
      if (expected !== undefined) suggested += 1;
      // A second list (and the memo of the first) must not mix answers up.
      expect(closest(name, events), name).toBe(closestOracle(name, events));
    }
    // The comparison is meaningful only if many names do get a suggestion.
    expect(suggested).toBeGreaterThan(1000);
  });

  it('answers as the full search does on lists that are not arrays and on long candidates', () => {
    const next = rng(7);
    const long = Array.from({ length: 200 }, (_, i) => `pool_${'ab'.repeat(i % 40)}_${i}`);
    for (let i = 0; i < 150; i++) {
      const name = typo(long[Math.floor(next() * long.length)], next);
      expect(closest(name, new Set(long)), name).toBe(closestOracle(name, long));
    }
  });

  it('keeps ties on the earlier candidate and the edit limit', () => {
    expect(closest('sant', ['send', 'snat', 'set'])).toBe('snat');
    expect(closest('ab', ['ax', 'xb'])).toBe('ax');
    expect(closest('x', ['fi', 'if', 'set'])).toBeUndefined();
    expect(closest('HTTP::hots', commands)).toBe('HTTP::host');
  });

  it('finishes on very long words', () => {
    expect(closest('x'.repeat(8 * 1024), commands)).toBeUndefined();
    expect(closest('HTTP::uri'.repeat(230_000), commands)).toBeUndefined();
    // A long word against long candidates: the band keeps it linear in the length.
    const word = 'a'.repeat(20_000);
    expect(closest(word, [word.slice(1) + 'b', 'a'.repeat(19_999)])).toBe(word.slice(1) + 'b');
  });
});

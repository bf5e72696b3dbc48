/**
 * Tcl's `string match` glob matching (Tcl 8.4 semantics): `*` any run, `?` one character,
 * `[chars]` a set with `a-z` ranges (reversed ranges allowed, no negation), `\x` a literal x.
 * Matching is iterative with one backtrack point per star, so hostile patterns such as
 * `*a*a*a*a*b` stay linear-times-pattern instead of exponential.
 */

function lower(c: string, nocase: boolean): string {
  return nocase ? c.toLowerCase() : c;
}

/**
 * Matches one pattern element starting at `p` (not a star) against character `ch`; returns the
 * pattern position after the element, or -1 when it does not match.
 */
function matchElement(pat: string, p: number, ch: string, nocase: boolean): number {
  const c = pat[p];
  if (c === '?') return p + 1;
  if (c === '[') {
    let i = p + 1;
    const ch1 = lower(ch, nocase);
    for (;;) {
      if (i >= pat.length || pat[i] === ']') return -1;
      const start = lower(pat[i], nocase);
      i++;
      if (pat[i] === '-') {
        i++;
        if (i >= pat.length) return -1;
        const end = lower(pat[i], nocase);
        i++;
        if ((start <= ch1 && ch1 <= end) || (end <= ch1 && ch1 <= start)) break;
      } else if (start === ch1) break;
    }
    // Skip to the closing bracket (an unclosed set simply ends the pattern).
    while (i < pat.length && pat[i] !== ']') i++;
    return i < pat.length ? i + 1 : pat.length;
  }
  if (c === '\\') {
    if (p + 1 >= pat.length) return -1;
    return lower(pat[p + 1], nocase) === lower(ch, nocase) ? p + 2 : -1;
  }
  return lower(c, nocase) === lower(ch, nocase) ? p + 1 : -1;
}

let lastPattern = '';
let lastSpecial = false;

/** Whether a pattern has glob characters; remembered for the last pattern, which `lsearch` and `switch` test many times. */
function hasSpecial(pat: string): boolean {
  if (pat !== lastPattern) {
    lastPattern = pat;
    lastSpecial = /[*?[\\]/.test(pat);
  }
  return lastSpecial;
}

/** Whether `str` matches the glob `pat`. */
export function globMatch(pat: string, str: string, nocase = false): boolean {
  // Fast paths for the commonest iRule patterns.
  if (!nocase && !hasSpecial(pat)) return pat === str;
  let p = 0;
  let s = 0;
  let starP = -1;
  let starS = 0;
  const pn = pat.length;
  const sn = str.length;
  for (;;) {
    if (p < pn && pat[p] === '*') {
      while (p < pn && pat[p] === '*') p++;
      if (p === pn) return true;
      starP = p;
      starS = s;
      continue;
    }
    if (p === pn) {
      if (s === sn) return true;
    } else if (s < sn) {
      const next = matchElement(pat, p, str[s], nocase);
      if (next >= 0) {
        p = next;
        s++;
        continue;
      }
    }
    // Mismatch: let the last star absorb one more character.
    if (starP < 0 || starS >= sn) return false;
    starS++;
    s = starS;
    p = starP;
  }
}

/** Escapes glob special characters so the text matches only itself. */
export function globQuote(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}

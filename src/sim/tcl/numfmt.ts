/**
 * Exact C-style formatting of doubles (`%e`, `%f`, `%g`), as glibc's printf does it: the exact
 * binary value is expanded to decimal and rounded half-to-even. JS `toFixed`/`toPrecision` round
 * ties away from zero, which differs from C on values such as 0.5 or 2.5.
 */

/** An exact decimal expansion: value = 0.`digits` × 10^`point` (digits has no leading zero). */
interface Decimal {
  /** Significant digits; "" for zero. */
  digits: string;
  /** Position of the decimal point relative to the first digit. */
  point: number;
}

const TWO52 = 2 ** 52;

/** The exact decimal expansion of a finite, non-negative double. */
function decompose(v: number): Decimal {
  if (v === 0) return { digits: '', point: 0 };
  if (Number.isSafeInteger(v)) {
    const s = String(v);
    return trimZeros({ digits: s, point: s.length });
  }
  // v = mant × 2^exp with an integer mantissa.
  let exp = Math.floor(Math.log2(v)) - 52;
  let mant = v / 2 ** exp;
  // Math.log2 can be off by one near powers of two; adjust until the mantissa is a 53-bit integer.
  while (mant >= 2 * TWO52) {
    exp++;
    mant = v / 2 ** exp;
  }
  while (mant < TWO52 && exp > -1074) {
    exp--;
    mant = v / 2 ** exp;
  }
  if (!Number.isInteger(mant)) {
    // Subnormal edge: fall back to the minimum exponent.
    exp = -1074;
    mant = v / 2 ** exp;
  }
  let digits: string;
  let point: number;
  if (exp >= 0) {
    digits = (BigInt(mant) << BigInt(exp)).toString();
    point = digits.length;
  } else {
    digits = (BigInt(mant) * 5n ** BigInt(-exp)).toString();
    point = digits.length + exp;
  }
  return trimZeros({ digits, point });
}

function trimZeros(d: Decimal): Decimal {
  let end = d.digits.length;
  while (end > 0 && d.digits.charCodeAt(end - 1) === 48) end--;
  return { digits: d.digits.slice(0, end), point: d.point };
}

/** Rounds to `keep` leading digits (may be <= 0), half to even. */
function roundTo(d: Decimal, keep: number): Decimal {
  const { digits } = d;
  if (keep >= digits.length) return d;
  if (keep < 0) return { digits: '', point: d.point };
  const first = digits.charCodeAt(keep) - 48;
  let up: boolean;
  if (first > 5) up = true;
  else if (first < 5) up = false;
  else if (keep + 1 < digits.length) up = true; // more non-zero digits follow (zeros were trimmed)
  else up = keep > 0 ? (digits.charCodeAt(keep - 1) - 48) % 2 === 1 : false; // exact tie
  let kept = digits.slice(0, keep);
  if (!up) return trimZeros({ digits: kept, point: d.point });
  // Add one at the last kept position.
  let i = kept.length - 1;
  const arr = kept.split('');
  while (i >= 0) {
    if (arr[i] === '9') {
      arr[i] = '0';
      i--;
    } else {
      arr[i] = String.fromCharCode(arr[i].charCodeAt(0) + 1);
      break;
    }
  }
  kept = arr.join('');
  if (i < 0) return trimZeros({ digits: '1' + kept, point: d.point + 1 });
  return trimZeros({ digits: kept, point: d.point });
}

function digitAt(d: Decimal, i: number): string {
  return i < d.digits.length ? d.digits[i] : '0';
}

function expString(e: number, upper: boolean): string {
  const a = Math.abs(e);
  return (upper ? 'E' : 'e') + (e < 0 ? '-' : '+') + (a < 10 ? '0' : '') + a;
}

/** `%.<prec>e` of a finite non-negative value (no sign). */
export function formatExp(v: number, prec: number, upper = false, alt = false): string {
  let d = decompose(v);
  d = roundTo(d, prec + 1);
  const e = d.digits === '' ? 0 : d.point - 1;
  let s = digitAt(d, 0);
  if (prec > 0 || alt) s += '.';
  for (let i = 1; i <= prec; i++) s += digitAt(d, i);
  return s + expString(e, upper);
}

/** `%.<prec>f` of a finite non-negative value (no sign). */
export function formatFixed(v: number, prec: number, alt = false): string {
  let d = decompose(v);
  d = roundTo(d, d.point + prec);
  let s = '';
  if (d.point <= 0 || d.digits === '') s = '0';
  else for (let i = 0; i < d.point; i++) s += digitAt(d, i);
  if (prec > 0 || alt) s += '.';
  for (let i = 0; i < prec; i++) {
    const pos = d.point + i;
    s += pos < 0 ? '0' : digitAt(d, pos);
  }
  return s;
}

/** `%.<prec>g` of a finite non-negative value (no sign). */
export function formatGeneral(v: number, prec: number, upper = false, alt = false): string {
  const p = prec === 0 ? 1 : prec;
  let d = decompose(v);
  d = roundTo(d, p);
  const x = d.digits === '' ? 0 : d.point - 1;
  let s: string;
  if (x < -4 || x >= p) {
    s = formatExp(v, p - 1, upper, alt);
    if (!alt) {
      const epos = s.indexOf(upper ? 'E' : 'e');
      let mant = s.slice(0, epos);
      if (mant.includes('.')) mant = mant.replace(/0+$/, '').replace(/\.$/, '');
      s = mant + s.slice(epos);
    }
  } else {
    s = formatFixed(v, p - 1 - x, alt);
    if (!alt && s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  }
  return s;
}

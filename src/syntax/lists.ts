/**
 * Splits a Tcl list into elements with exact positions (Tcl's list syntax: white space separates
 * elements; an element may be braced, quoted or bare; backslashes are substituted).
 */
import type { Dialect, ListItem, Range } from './ast.js';
import { escapeLength, escapeValue, scanBraced } from './scan.js';

/** A problem in list syntax. */
export interface ListProblem {
  /** Message, in Tcl's words where Tcl has them. */
  message: string;
  /** Where. */
  range: Range;
}

function isListSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 11 || c === 12 || c === 13;
}

/** Unescapes a quoted or bare list element. */
function unescape(text: string, start: number, end: number, dialect: Dialect): string {
  let out = '';
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 92) {
      const len = Math.min(escapeLength(text, i, dialect), end - i);
      out += escapeValue(text.slice(i, i + len));
      i += len;
    } else {
      out += text[i];
      i++;
    }
  }
  return out;
}

/** Splits `text[start, end)` as a list; offsets in the result are absolute (`base` added). */
export function splitList(text: string, base: number, dialect: Dialect): { items: ListItem[]; problems: ListProblem[] } {
  const items: ListItem[] = [];
  const problems: ListProblem[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    while (i < n && isListSpace(text.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    const c = text.charCodeAt(i);
    if (c === 123) {
      const r = scanBraced(text, i);
      const contentEnd = r.closed ? r.end - 1 : r.end;
      items.push({
        type: 'ListItem',
        range: { start: base + start, end: base + r.end },
        contentRange: { start: base + start + 1, end: base + contentEnd },
        delim: 'brace',
        value: text.slice(start + 1, contentEnd),
      });
      if (!r.closed) problems.push({ message: 'unmatched open brace in list', range: { start: base + start, end: base + start + 1 } });
      i = r.end;
      if (r.closed && i < n && !isListSpace(text.charCodeAt(i))) {
        problems.push({ message: 'list element in braces followed by a character other than space', range: { start: base + i, end: base + i + 1 } });
        while (i < n && !isListSpace(text.charCodeAt(i))) i++;
      }
    } else if (c === 34) {
      let j = i + 1;
      while (j < n && text.charCodeAt(j) !== 34) j += text.charCodeAt(j) === 92 ? 2 : 1;
      const closed = j < n;
      const contentEnd = Math.min(j, n);
      items.push({
        type: 'ListItem',
        range: { start: base + start, end: base + (closed ? j + 1 : n) },
        contentRange: { start: base + start + 1, end: base + contentEnd },
        delim: 'quote',
        value: unescape(text, start + 1, contentEnd, dialect),
      });
      if (!closed) problems.push({ message: 'unmatched open quote in list', range: { start: base + start, end: base + start + 1 } });
      i = closed ? j + 1 : n;
      if (closed && i < n && !isListSpace(text.charCodeAt(i))) {
        problems.push({ message: 'list element in quotes followed by a character other than space', range: { start: base + i, end: base + i + 1 } });
        while (i < n && !isListSpace(text.charCodeAt(i))) i++;
      }
    } else {
      let j = i;
      while (j < n && !isListSpace(text.charCodeAt(j))) j += text.charCodeAt(j) === 92 ? escapeLength(text, j, dialect) : 1;
      j = Math.min(j, n);
      items.push({
        type: 'ListItem',
        range: { start: base + start, end: base + j },
        contentRange: { start: base + start, end: base + j },
        delim: 'none',
        value: unescape(text, start, j, dialect),
      });
      i = j;
    }
  }
  return { items, problems };
}

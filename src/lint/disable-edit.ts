/**
 * Where and how to insert a comment directive that silences one finding on its line (the editor's
 * "Disable <rule> for this line"). The directive must be a real Tcl comment where it lands and
 * must not change what the code means, so the syntax tree decides:
 *
 * - `;# irule-lint-disable-line id` at the end of the line, when the line ends between commands
 *   of a script (the top level, or a braced body the catalog parses as a script): `;` ends the
 *   command and `#` then starts a comment.
 * - otherwise `# irule-lint-disable-next-line id` on a line of its own above, when the line starts
 *   between commands of a script: e.g. the line ends inside a multi-line quoted word, or is a
 *   comment line (appending to a comment only lengthens the comment).
 * - an existing directive that already covers the line gets the id added instead.
 *
 * Anywhere else (inside an expression, a list, a quoted word or a continued command) a `#` is
 * data, not a comment, and no edit is offered. In a text with syntax errors the tree is a
 * recovery guess (an unclosed brace runs to the end of the text), so there the edit is also
 * checked by parsing the result: {@link checkDirectiveEdit}. Pure: no I/O.
 */
import type { Range, TextEdit } from '../diagnostics.js';
import type { Comment, Dialect, Script, Statement, Word } from '../syntax/ast.js';
import { parse } from '../syntax/index.js';
import { LineIndex } from '../syntax/line-index.js';
import { parseDirective } from './suppress.js';

/**
 * Whether offset `p` lies between commands of `script` (at a place where a new command or a
 * comment may start, or just after a command's last word). `endOfLine` says `p` is where text
 * would be appended to a line, so the end of a comment does not count.
 */
function atBoundary(script: Script, p: number, endOfLine: boolean): boolean {
  for (const stmt of script.body) {
    const r = stmt.range;
    if (stmt.type === 'Comment') {
      if (r.start < p && (p < r.end || (endOfLine && p === r.end))) return false;
      continue;
    }
    if (p <= r.start || p >= r.end) continue;
    return insideStatement(stmt, p, endOfLine);
  }
  return true;
}

/** `p` is strictly inside a command: only a braced script (or script list item) word can take a comment. */
function insideStatement(stmt: Exclude<Statement, Comment>, p: number, endOfLine: boolean): boolean {
  const body = stmt.type === 'Command' ? undefined : stmt.body;
  if (body && body.range.start <= p && p <= body.range.end) return atBoundary(body, p, endOfLine);
  for (const w of stmt.words) {
    if (w.range.start < p && p < w.range.end) return insideWord(w, p, endOfLine);
  }
  // Between two words of one command: the command goes on over a backslash-newline.
  return false;
}

/** `p` is inside word `w`. */
function insideWord(w: Word, p: number, endOfLine: boolean): boolean {
  if (w.type !== 'BracedWord' || !w.parsed) return false;
  const inContent = (c: Range): boolean => c.start <= p && p <= c.end;
  if (w.parsed.type === 'Script') return inContent(w.contentRange) && atBoundary(w.parsed, p, endOfLine);
  if (w.parsed.type === 'List') {
    for (const item of w.parsed.items) {
      if (item.parsed?.type === 'Script' && item.delim === 'brace' && inContent(item.contentRange)) return atBoundary(item.parsed, p, endOfLine);
    }
  }
  return false;
}

/** Every comment of a script, nested bodies included. */
function commentsOf(script: Script, out: Comment[] = []): Comment[] {
  const visitScript = (s: Script): void => {
    for (const stmt of s.body) {
      if (stmt.type === 'Comment') out.push(stmt);
      else if (stmt.type !== 'Command' && stmt.body) visitScript(stmt.body);
      else for (const w of stmt.words) visitWord(w);
    }
  };
  const visitWord = (w: Word): void => {
    if (w.type !== 'BracedWord' || !w.parsed) return;
    if (w.parsed.type === 'Script') visitScript(w.parsed);
    else if (w.parsed.type === 'List') for (const item of w.parsed.items) if (item.parsed?.type === 'Script') visitScript(item.parsed);
  };
  visitScript(script);
  return out;
}

/** The offset just past the ids of a directive comment (before any `-- reason` and trailing blanks). */
function idsEnd(comment: Comment): number {
  const dashes = comment.text.search(/\s--(\s|$)/);
  const head = dashes >= 0 ? comment.text.slice(0, dashes) : comment.text;
  return comment.range.start + head.trimEnd().length;
}

/** The offset of the end of 0-based `line`, before its `\n` or `\r\n`. */
function lineEnd(text: string, lines: LineIndex, line: number): number {
  if (line + 1 >= lines.lineCount) return text.length;
  const nl = lines.lineStart(line + 1) - 1;
  return nl > 0 && text[nl - 1] === '\r' ? nl - 1 : nl;
}

/**
 * The edit that silences rule `ruleId` on the line where offset `at` is, or undefined when no
 * comment can go there without changing the code.
 */
export function disableLineEdit(text: string, ast: Script, ruleId: string, at: number): TextEdit | undefined {
  const lines = new LineIndex(text);
  const line = lines.position(at).line;
  const start = lines.lineStart(line);
  const end = lineEnd(text, lines, line);

  // A directive already covering the line: add the id to it.
  for (const c of commentsOf(ast)) {
    const d = parseDirective(c);
    if (!d || d.ids.length === 0) continue;
    const cLine = lines.position(c.range.start).line;
    if ((d.kind === 'disable-line' && cLine === line) || (d.kind === 'disable-next-line' && cLine === line - 1)) {
      return { range: { start: idsEnd(c), end: idsEnd(c) }, text: `, ${ruleId}` };
    }
  }

  if (atBoundary(ast, end, true)) {
    const gap = end > start && /[ \t]/.test(text[end - 1]) ? '' : ' ';
    return { range: { start: end, end }, text: `${gap};# irule-lint-disable-line ${ruleId}` };
  }
  if (atBoundary(ast, start, false)) {
    const indent = /^[ \t]*/.exec(text.slice(start, end))?.[0] ?? '';
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    return { range: { start, end: start }, text: `${indent}# irule-lint-disable-next-line ${ruleId}${eol}` };
  }
  return undefined;
}

/**
 * Whether `edit` (from {@link disableLineEdit}) really adds a directive comment to `text`: the
 * result parses with no more errors, and the directive's `#` starts a comment there.
 */
export function checkDirectiveEdit(text: string, edit: TextEdit, dialect: Dialect): boolean {
  const out = text.slice(0, edit.range.start) + edit.text + text.slice(edit.range.end);
  const errors = (t: string): number => parse(t, { dialect }).diagnostics.filter((d) => d.severity === 'error').length;
  const after = parse(out, { dialect });
  if (after.diagnostics.filter((d) => d.severity === 'error').length > errors(text)) return false;
  const hash = edit.text.indexOf('#');
  // Adding an id to an existing directive: that comment must still parse as one covering the id.
  const at = hash >= 0 ? edit.range.start + hash : undefined;
  return commentsOf(after.ast).some((c) =>
    at !== undefined ? c.range.start === at : c.range.start < edit.range.start && edit.range.start <= c.range.end,
  );
}

/**
 * Compares our parse of a script (tcl dialect) with what Tcl itself says, and lists every
 * disagreement as a readable line. An empty list means the two agree.
 *
 * What is compared, per "scope" (the whole script, and every braced body our parser parsed as
 * a script, which Tcl is asked about separately):
 * - completeness: `info complete` false because of a parse error ⇔ we report a `missing close-…`
 *   (or `missing )`) syntax error; false because the text ends in a backslash-newline (a
 *   continued line, no parse error) ⇔ nothing to report;
 * - when Tcl parses the scope without error: no syntax error (severity `error`) directly in the
 *   scope; the same
 *   comments; the same commands; per command the same words (start, end, kind of delimiter);
 *   for words Tcl can give a literal value for, the same value; for other words the same
 *   sequence of literal runs, variable references (range, name range, index) and command
 *   substitutions (range, and their scripts compared recursively);
 * - when Tcl stops on a parse error: we report a syntax error with Tcl's message (for
 *   `extra characters after close-brace/-quote`, near Tcl's offset), and the commands before
 *   the error match as above.
 *
 * Known, documented differences (see test/syntax/oracle.test.ts): a comment's end is compared
 * without a final CR (Tcl ends comments at LF only; we stop before CRLF).
 *
 * "Directly in the scope" means not inside the content of a braced word that our parser parsed
 * further (script, expression or list): Tcl's parser never looks inside braces.
 */
import type { Diagnostic, Range } from '../../src/diagnostics.js';
import type { Command, Part, Script, Statement, Word } from '../../src/syntax/ast.js';
import type { TclAnswer, TclCommand, TclPart, TclWord } from './types.js';

/** What our `parse` returns. */
export interface OurParse {
  ast: Script;
  diagnostics: Diagnostic[];
}

/** A script-typed braced body that our parser parsed: Tcl is asked about its content. */
export interface Body {
  /** The content between the braces. */
  contentRange: Range;
  /** Our parse of it. */
  script: Script;
}

type Node = Record<string, unknown>;

function isNode(x: unknown): x is Node {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Visits every AST object (the AST is plain data, so a generic walk reaches everything). */
function visit(x: unknown, f: (n: Node) => void): void {
  if (Array.isArray(x)) {
    for (const y of x) visit(y, f);
  } else if (isNode(x)) {
    if (typeof x.type === 'string') f(x);
    for (const [k, v] of Object.entries(x)) if (k !== 'range' && k !== 'contentRange') visit(v, f);
  }
}

/** Content ranges of all braced words and list items that our parser parsed further. */
export function parsedContentRanges(ast: Script): Range[] {
  const out: Range[] = [];
  visit(ast, (n) => {
    if (n.parsed && isNode(n.contentRange)) out.push(n.contentRange as unknown as Range);
  });
  return out;
}

/** Every braced body (or list item) our parser parsed as a script. */
export function parsedBodies(ast: Script): Body[] {
  const out: Body[] = [];
  visit(ast, (n) => {
    const parsed = n.parsed as Node | undefined;
    if (parsed && parsed.type === 'Script' && isNode(n.contentRange)) {
      out.push({ contentRange: n.contentRange as unknown as Range, script: parsed as unknown as Script });
    }
  });
  return out;
}

const inside = (r: Range, c: Range): boolean => r.start >= c.start && r.end <= c.end;

/**
 * Syntax errors (severity `error`) that belong to the scope `scope` itself rather than to a body
 * parsed within it. Warnings and notes with rule id `syntax-error` (such as the note on a `}`
 * where a command starts, which Tcl simply runs as a command named `}`) are not parse errors.
 */
export function directSyntaxErrors(ours: OurParse, scope: Range, nested: Range[]): Diagnostic[] {
  const deeper = nested.filter((c) => inside(c, scope) && !(c.start === scope.start && c.end === scope.end));
  return ours.diagnostics.filter(
    (d) =>
      d.ruleId === 'syntax-error' &&
      d.severity === 'error' &&
      inside(d.range, scope) &&
      !deeper.some((c) => inside(d.range, c)),
  );
}

/** Our message for each Tcl error type that makes a script incomplete. */
const MISSING: Record<string, RegExp> = {
  MISSING_BRACE: /missing close-brace/,
  MISSING_VAR_BRACE: /missing close-brace/,
  MISSING_BRACKET: /missing close-bracket/,
  MISSING_QUOTE: /missing (close-quote|")/,
  MISSING_PAREN: /missing (\)|close-paren)/,
};
const ANY_MISSING = /missing (close-brace|close-bracket|close-quote|close-paren|"|\))/;

/** Literal value of one of our words, or undefined when it has substitutions. */
export function literalOf(w: Word): string | undefined {
  switch (w.type) {
    case 'BracedWord':
      return w.text;
    case 'ExpandWord':
      return literalOf(w.word);
    default: {
      let s = '';
      for (const p of w.parts) {
        if (p.type === 'Text' || p.type === 'Escape') s += p.value;
        else return undefined;
      }
      return s;
    }
  }
}

/** A word as a flat sequence: literal runs, variable references and command substitutions. */
type Item =
  | { k: 'lit'; v: string }
  | { k: 'var'; at: string; name: string; index?: Item[] }
  | { k: 'cmd'; at: string; tcl?: TclCommand[]; ours?: Script };

const at = (s: number, e: number): string => `${s}-${e}`;

function pushLit(out: Item[], v: string): void {
  const last = out[out.length - 1];
  if (last && last.k === 'lit') last.v += v;
  else out.push({ k: 'lit', v });
}

/** Drops empty literal runs (Tcl reports `$a()` with an empty text token for the index). */
const nonEmpty = (items: Item[]): Item[] => items.filter((i) => i.k !== 'lit' || i.v !== '');

function tclItems(text: string, parts: TclPart[]): Item[] {
  const out: Item[] = [];
  for (const p of parts) {
    if (p.type === 'text') pushLit(out, text.slice(p.start, p.end));
    else if (p.type === 'bs') pushLit(out, p.value ?? '');
    else if (p.type === 'var') {
      out.push({ k: 'var', at: at(p.start, p.end), name: at(...(p.name ?? [0, 0])), index: p.index && tclItems(text, p.index) });
    } else out.push({ k: 'cmd', at: at(p.start, p.end), tcl: p.commands });
  }
  return nonEmpty(out);
}

function ourItems(parts: Part[]): Item[] {
  const out: Item[] = [];
  for (const p of parts) {
    if (p.type === 'Text' || p.type === 'Escape') pushLit(out, p.value);
    else if (p.type === 'VarRef') {
      out.push({ k: 'var', at: at(p.range.start, p.range.end), name: at(p.nameRange.start, p.nameRange.end), index: p.index && ourItems(p.index) });
    } else out.push({ k: 'cmd', at: at(p.range.start, p.range.end), ours: p.script });
  }
  return nonEmpty(out);
}

const show = (items: Item[] | undefined): string =>
  JSON.stringify(items?.map((i) => (i.k === 'lit' ? i.v : i.k === 'var' ? `$${i.at}(name ${i.name})${i.index ? `[${show(i.index)}]` : ''}` : `[${i.at}]`)));

/** Collects disagreements; `where` prefixes each line with its context. */
class Report {
  readonly lines: string[] = [];
  constructor(readonly text: string) {}
  add(where: string, what: string): void {
    this.lines.push(`${where}: ${what}`);
  }
  quote(s: number, e: number): string {
    return JSON.stringify(this.text.slice(s, e));
  }
}

function compareItems(r: Report, where: string, tcl: Item[], ours: Item[]): void {
  if (tcl.length !== ours.length || tcl.some((t, i) => t.k !== ours[i].k)) {
    r.add(where, `word pieces differ: Tcl ${show(tcl)}, ours ${show(ours)}`);
    return;
  }
  tcl.forEach((t, i) => {
    const o = ours[i];
    if (t.k === 'lit' && o.k === 'lit') {
      if (t.v !== o.v) r.add(where, `literal run differs: Tcl ${JSON.stringify(t.v)}, ours ${JSON.stringify(o.v)}`);
    } else if (t.k === 'var' && o.k === 'var') {
      if (t.at !== o.at || t.name !== o.name) r.add(where, `variable differs: Tcl $${t.at} (name ${t.name}), ours $${o.at} (name ${o.name})`);
      else if (!!t.index !== !!o.index) r.add(where, `variable ${t.at}: Tcl index ${show(t.index)}, ours ${show(o.index)}`);
      else if (t.index && o.index) compareItems(r, `${where} index of $${t.at}`, t.index, o.index);
    } else if (t.k === 'cmd' && o.k === 'cmd') {
      if (t.at !== o.at) r.add(where, `command substitution differs: Tcl [${t.at}], ours [${o.at}]`);
      else if (t.tcl && o.ours) compareCommands(r, `${where} [${t.at}]`, t.tcl, o.ours.body, false);
    }
  });
}

const expectedType = (t: TclWord): string =>
  t.delim === 'brace' ? 'BracedWord' : t.delim === 'quote' ? 'QuotedWord' : 'BareWord';

function compareWord(r: Report, where: string, t: TclWord, o: Word): void {
  if (t.start !== o.range.start || t.end !== o.range.end) {
    r.add(where, `word range differs: Tcl ${t.start}-${t.end} ${r.quote(t.start, t.end)}, ours ${o.range.start}-${o.range.end} ${r.quote(o.range.start, o.range.end)}`);
    return;
  }
  const inner = o.type === 'ExpandWord' ? o.word : o;
  if ((t.kind === 'expand') !== (o.type === 'ExpandWord') || expectedType(t) !== inner.type) {
    r.add(where, `word kind differs for ${r.quote(t.start, t.end)}: Tcl ${t.kind}/${t.delim}, ours ${o.type}${o.type === 'ExpandWord' ? `/${inner.type}` : ''}`);
    return;
  }
  const ourLiteral = literalOf(o);
  if (t.literal !== undefined || inner.type === 'BracedWord') {
    if (t.literal !== ourLiteral) {
      r.add(where, `literal value of ${r.quote(t.start, t.end)} differs: Tcl ${JSON.stringify(t.literal)}, ours ${JSON.stringify(ourLiteral)}`);
    }
    return;
  }
  compareItems(r, `${where} ${r.quote(t.start, t.end)}`, tclItems(r.text, t.parts), ourItems(inner.parts));
}

/** Compares one command's words, allowing Tcl's parse-time expansion of `{*}literal`. */
function compareCommand(r: Report, where: string, t: TclCommand, o: Command | Statement): void {
  if (o.type === 'Comment') return;
  const words = o.words;
  if (o.range.start !== t.start) r.add(where, `command start differs: Tcl ${t.start}, ours ${o.range.start}`);
  const last = words[words.length - 1];
  if (last && o.range.end !== last.range.end) r.add(where, `command range ${o.range.start}-${o.range.end} does not end at its last word (${last.range.end})`);
  let j = 0;
  for (const [i, ow] of words.entries()) {
    const tw = t.words[j];
    if (ow.type === 'ExpandWord' && (!tw || tw.start !== ow.range.start)) {
      // Tcl 8.6 expanded the literal after {*} into zero or more words lying inside ours.
      while (j < t.words.length && t.words[j].start >= ow.range.start && t.words[j].end <= ow.range.end) j++;
      continue;
    }
    if (!tw) {
      r.add(where, `we have an extra word ${i} ${r.quote(ow.range.start, ow.range.end)}`);
      return;
    }
    compareWord(r, `${where} word ${i}`, tw, ow);
    j++;
  }
  for (; j < t.words.length; j++) r.add(where, `we miss Tcl's word ${r.quote(t.words[j].start, t.words[j].end)}`);
}

/** Tcl commands that stand for a command of ours (`{*}{}` alone leaves Tcl with no words). */
function tclCommandsWithWords(r: Report, cmds: TclCommand[]): TclCommand[] {
  return cmds.filter((c) => c.words.length > 0 || r.text.startsWith('{*}', c.start));
}

function compareCommands(r: Report, where: string, tcl: TclCommand[], ours: Statement[], prefixOnly: boolean, limit = Infinity): void {
  // Known difference: with CRLF line ends Tcl's comment includes the CR (only LF ends it),
  // ours stops before it. Comment ends are compared without a final CR.
  const end = (e: number): number => (r.text[e - 1] === '\r' ? e - 1 : e);
  const tclComments = tcl.flatMap((c) => c.comments).filter(([s]) => s < limit).map(([s, e]) => at(s, end(e)));
  const ourComments = ours.filter((s) => s.type === 'Comment' && s.range.start < limit).map((s) => at(s.range.start, end(s.range.end)));
  if (tclComments.join() !== ourComments.join()) {
    r.add(where, `comments differ: Tcl ${JSON.stringify(tclComments)}, ours ${JSON.stringify(ourComments)}`);
  }
  const t = tclCommandsWithWords(r, tcl);
  const o = ours.filter((s) => s.type !== 'Comment');
  if (prefixOnly ? o.length < t.length : o.length !== t.length) {
    r.add(where, `command count differs: Tcl ${t.length} ${JSON.stringify(t.map((c) => r.text.slice(c.start, c.end)))}, ours ${o.length} ${JSON.stringify(o.map((c) => r.text.slice(c.range.start, c.range.end)))}`);
  }
  for (let i = 0; i < Math.min(t.length, o.length); i++) compareCommand(r, `${where} command ${i}`, t[i], o[i]);
}

/**
 * Compares one scope: `scope` is where the scope's text lies in the whole script, `answer` is
 * Tcl's answer for that text with offsets already shifted to the whole script.
 */
export function compareScope(
  text: string,
  name: string,
  scope: Range,
  body: Statement[],
  answer: TclAnswer,
  ours: OurParse,
  nested: Range[],
): string[] {
  const r = new Report(text);
  const direct = directSyntaxErrors(ours, scope, nested);
  const err = answer.parse.error;
  if (answer.complete !== !(err ? err.incomplete : answer.parse.incomplete)) {
    r.add(name, `oracle inconsistency: info complete ${answer.complete}, parse error ${JSON.stringify(err)}`);
  }
  const describe = (ds: Diagnostic[]): string => JSON.stringify(ds.map((d) => `${d.range.start}-${d.range.end} ${d.message}`));

  if (!err) {
    // `info complete` is also false, with no parse error, when the text ends in a
    // backslash-newline: the last line is continued. That is valid code, not a syntax error,
    // so it is compared like any clean parse.
    if (direct.length > 0) r.add(name, `Tcl parses it without error, we report ${describe(direct)}`);
    compareCommands(r, name, answer.parse.commands, body, false);
  } else if (err.incomplete) {
    // Tcl stops at the first problem; a missing close-X anywhere (even in a body we parsed
    // further, since the body then runs to the end of the text) is the same finding.
    const all = ours.diagnostics.filter((d) => d.ruleId === 'syntax-error' && inside(d.range, scope));
    const want = MISSING[err.type] ?? ANY_MISSING;
    if (!all.some((d) => want.test(d.message))) {
      r.add(name, `Tcl: incomplete (${err.message} at ${err.term}), we report ${describe(all)}`);
    }
    compareCommands(r, name, answer.parse.commands, body, true, lastEnd(answer.parse.commands));
  } else {
    const near = direct.filter((d) => d.message.includes(err.message) && d.range.start <= err.term + 1 && d.range.end >= err.term - 1);
    if (near.length === 0) r.add(name, `Tcl: ${err.message} at ${err.term}, we report ${describe(direct)}`);
    compareCommands(r, name, answer.parse.commands, body, true, lastEnd(answer.parse.commands));
  }
  return r.lines;
}

const lastEnd = (cmds: TclCommand[]): number => (cmds.length ? cmds[cmds.length - 1].end : 0);

/** Adds `delta` to every offset of an answer (for a body parsed on its own). */
export function shiftAnswer(a: TclAnswer, delta: number): TclAnswer {
  const part = (p: TclPart): TclPart => ({
    ...p,
    start: p.start + delta,
    end: p.end + delta,
    ...(p.name ? { name: [p.name[0] + delta, p.name[1] + delta] as [number, number] } : {}),
    ...(p.index ? { index: p.index.map(part) } : {}),
    ...(p.commands ? { commands: p.commands.map(cmd) } : {}),
  });
  const word = (w: TclWord): TclWord => ({ ...w, start: w.start + delta, end: w.end + delta, parts: w.parts.map(part) });
  const cmd = (c: TclCommand): TclCommand => ({
    comments: c.comments.map(([s, e]) => [s + delta, e + delta] as [number, number]),
    start: c.start + delta,
    end: c.end + delta,
    words: c.words.map(word),
  });
  return {
    complete: a.complete,
    parse: {
      commands: a.parse.commands.map(cmd),
      error: a.parse.error && { ...a.parse.error, term: a.parse.error.term + delta },
      incomplete: a.parse.incomplete,
    },
  };
}

/** Every word in an answer, including words of command substitutions at any depth. */
export function allTclWords(answer: TclAnswer): TclWord[] {
  const out: TclWord[] = [];
  const fromParts = (parts: TclPart[]): void => {
    for (const p of parts) {
      if (p.index) fromParts(p.index);
      if (p.commands) fromCommands(p.commands);
    }
  };
  const fromCommands = (cmds: TclCommand[]): void => {
    for (const c of cmds) {
      for (const w of c.words) {
        out.push(w);
        fromParts(w.parts);
      }
    }
  };
  fromCommands(answer.parse.commands);
  return out;
}

/** The literal text pieces of a word, including those inside a variable's index. */
export function textParts(parts: TclPart[]): TclPart[] {
  return parts.flatMap((p) => (p.type === 'text' ? [p] : p.index ? textParts(p.index) : []));
}

/**
 * Procs across files: the procs and event handlers a file defines, the words that name a proc
 * (`call p`, `call rule::p`, `call /Common/rule::p`, `info body p`: any word the catalog types
 * `procName`), and which definition such a word reaches. An iRule is named after its file (without
 * the extension), so `call other::p` reaches proc `p` of `other.irule`; a name without a rule part
 * reaches the calling file's own proc, as on BIG-IP. Pure.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { walk } from '../lint/walk.js';
import { literalValue } from '../syntax/words.js';
import type { Proc, Range, Script, When, Word } from '../syntax/ast.js';
import { typedOf } from './expect.js';
import { spanOf, type CommandLike } from './locate.js';

/** A file as the cross-file features see it. */
export interface SourceFile {
  /** Its URI. */
  uri: string;
  /** Its text (for positions). */
  doc: TextDocument;
  /** Its syntax tree. */
  ast: Script;
}

/** A word naming a proc. */
export interface ProcRef {
  /** The command it is in. */
  command: CommandLike;
  /** The word. */
  word: Word;
  /** The name as written, e.g. `rule::p`. */
  target: string;
  /** The rule part (`rule` of `/Common/rule::p`), when there is one. */
  rule?: string;
  /** The proc part (`p`). */
  proc: string;
  /** Where the proc part is written, when the word is written literally. */
  procRange?: Range;
}

/** What a file defines and names. */
export interface FileOutline {
  /** Procs in source order. */
  procs: Proc[];
  /** Event handlers in source order. */
  whens: When[];
  /** Words naming procs. */
  refs: ProcRef[];
}

/** A proc's parameter list as written, defaults included (`{a {b 2}}`). */
export function paramsText(proc: Proc): string {
  const w = proc.words[2];
  const text = w ? literalValue(w) : undefined;
  return `{${text ?? proc.params.join(' ')}}`;
}

/** The iRule name of a file: its base name without `.irule`, `.irul` or `.tcl`. */
export function ruleNameOf(uri: string): string {
  const base = decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
  return base.replace(/\.(irule|irul|tcl)$/i, '');
}

/** Splits a proc target: `/Common/rule::p` is rule `rule`, proc `p`; a leading `::` is dropped. */
export function splitTarget(target: string): { rule?: string; proc: string } {
  const t = target.startsWith('::') ? target.slice(2) : target;
  const i = t.lastIndexOf('::');
  if (i < 0) return { proc: t };
  const rulePath = t.slice(0, i);
  return { rule: rulePath.slice(rulePath.lastIndexOf('/') + 1), proc: t.slice(i + 2) };
}

/** The proc reference word `i` of a command is, when the catalog types it `procName` and it is written literally. */
export function procRefAt(command: CommandLike, i: number, source: string): ProcRef | undefined {
  if (command.type !== 'Command' || typedOf(command)?.types[i] !== 'procName') return undefined;
  const word = command.words[i];
  const span = spanOf(word, source);
  if (!span || span.text === '' || /\s/.test(span.text)) return undefined;
  const { rule, proc } = splitTarget(span.text);
  const ref: ProcRef = { command, word, target: span.text, proc };
  if (rule !== undefined) ref.rule = rule;
  ref.procRange = { start: span.start + span.text.length - proc.length, end: span.start + span.text.length };
  return ref;
}

const outlines = new WeakMap<Script, FileOutline>();

/** The procs, handlers and proc references of a file (cached per tree). */
export function outlineOf(ast: Script, source: string): FileOutline {
  const done = outlines.get(ast);
  if (done) return done;
  const out: FileOutline = { procs: [], whens: [], refs: [] };
  walk(ast, {
    enter(node) {
      if (node.type === 'Proc') out.procs.push(node);
      else if (node.type === 'When') out.whens.push(node);
      else if (node.type === 'Command') {
        for (let i = 1; i < node.words.length; i++) {
          const ref = procRefAt(node, i, source);
          if (ref) out.refs.push(ref);
        }
      }
    },
  });
  outlines.set(ast, out);
  return out;
}

/** A proc definition in a file. */
export interface ProcDef {
  /** The file. */
  file: SourceFile;
  /** The proc. */
  proc: Proc;
}

/** The procs a reference made in `from` reaches among `files`. */
export function resolveRef(ref: Pick<ProcRef, 'target' | 'rule' | 'proc'>, from: SourceFile, files: readonly SourceFile[]): ProcDef[] {
  const out: ProcDef[] = [];
  const own = outlineOf(from.ast, from.doc.getText()).procs;
  const plain = ref.target.startsWith('::') ? ref.target.slice(2) : ref.target;
  // A proc defined with a qualified name in the same file (`proc ns::p`, plain Tcl).
  for (const p of own) if (p.name === plain || p.name === ref.target) out.push({ file: from, proc: p });
  if (out.length > 0) return out;
  if (ref.rule === undefined) return out;
  for (const f of files) {
    if (ruleNameOf(f.uri) !== ref.rule) continue;
    for (const p of outlineOf(f.ast, f.doc.getText()).procs) if (p.name === ref.proc) out.push({ file: f, proc: p });
  }
  return out;
}

/** Every reference in `files` that reaches `def`. */
export function refsTo(def: ProcDef, files: readonly SourceFile[]): { file: SourceFile; ref: ProcRef }[] {
  const out: { file: SourceFile; ref: ProcRef }[] = [];
  for (const f of files) {
    for (const ref of outlineOf(f.ast, f.doc.getText()).refs) {
      if (resolveRef(ref, f, files).some((d) => d.proc === def.proc)) out.push({ file: f, ref });
    }
  }
  return out;
}

/** The files with `current` in place of any older version of the same URI (and added when missing). */
export function withCurrent(current: SourceFile, files: readonly SourceFile[]): SourceFile[] {
  const out = files.filter((f) => f.uri !== current.uri);
  out.push(current);
  return out;
}

/**
 * Reading a YAML document (parsed by the `yaml` package) as typed values while keeping where each
 * one was written: every problem (a YAML syntax error, an unknown key with a did-you-mean, a
 * wrong type) is recorded with file:line:column and reading goes on, so one run lists them all.
 */
import { type Document, isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, type Scalar } from 'yaml';
import { closest } from '../../catalog/closest.js';
import type { FileProblem, SourcePos } from '../../sim/scenario/types.js';

/** A YAML value node (aliases resolved), or undefined for an empty value. */
export type YNode = Node | undefined;

/** The entries of a mapping, by key, with the key node for positions. */
export type Entries = Map<string, { key: Scalar; value: YNode }>;

/** Reads one YAML file's nodes; problems accumulate in {@link YamlReader.problems}. */
export class YamlReader {
  readonly problems: FileProblem[] = [];
  readonly root: YNode;
  private readonly lines = new LineCounter();
  private readonly doc: Document;

  constructor(
    /** The file as shown in messages. */
    readonly file: string,
    text: string,
  ) {
    this.doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false });
    for (const e of this.doc.errors) {
      const message = e.code === 'MULTIPLE_DOCS' ? 'a test file holds one YAML document; this starts a second one' : e.message.replace(/ at line \d+, column \d+:?[^]*$/, '');
      this.problems.push({ at: this.posAt(e.pos[0]), message });
    }
    this.root = this.doc.errors.length > 0 ? undefined : this.deref(this.doc.contents ?? undefined);
  }

  /** The position of an offset. */
  posAt(offset: number): SourcePos {
    const p = this.lines.linePos(offset);
    return { file: this.file, line: p.line, column: p.col };
  }

  /** The position of a node (the start of the file when there is none). */
  pos(node: YNode | Scalar): SourcePos {
    return this.posAt(node?.range?.[0] ?? 0);
  }

  /** Records a problem at a node. */
  problem(node: YNode | Scalar, message: string): undefined {
    this.problems.push({ at: this.pos(node), message });
    return undefined;
  }

  /** Resolves an alias to the node it names. */
  deref(node: unknown): YNode {
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      if (!target) return this.problem(undefined, `unknown alias *${node.source}`);
      return target as Node;
    }
    return (node ?? undefined) as YNode;
  }

  /** Whether a node is an explicit `null` (or `~`, or nothing). */
  isNull(node: YNode): boolean {
    return node === undefined || (isScalar(node) && node.value === null);
  }

  /** A mapping's entries; unknown keys are problems with a did-you-mean from `keys`. */
  map(node: YNode, what: string, keys: readonly string[]): Entries | undefined {
    if (!isMap(node)) return this.problem(node, `${what} must be a mapping (key: value)`);
    const out: Entries = new Map();
    for (const pair of node.items) {
      const key = pair.key as Scalar;
      const name = isScalar(key) ? String(key.value) : undefined;
      if (name === undefined) {
        this.problem(key as YNode, `${what}: keys must be plain names`);
        continue;
      }
      if (!keys.includes(name)) {
        const hint = closest(name, keys);
        this.problem(key, `unknown key '${name}' in ${what}${hint ? ` (did you mean '${hint}'?)` : ''}; known keys: ${keys.join(', ')}`);
        continue;
      }
      out.set(name, { key, value: this.deref(pair.value) });
    }
    return out;
  }

  /** Any mapping's entries (names chosen by the user, e.g. header names). */
  anyMap(node: YNode, what: string): { name: string; key: Scalar; value: YNode }[] | undefined {
    if (!isMap(node)) return this.problem(node, `${what} must be a mapping (name: value)`);
    return node.items.map((p) => ({ name: String((p.key as Scalar).value), key: p.key as Scalar, value: this.deref(p.value) }));
  }

  /** A scalar as text: numbers and booleans as written (`11.10` stays `11.10`). */
  text(node: YNode, what: string): string | undefined {
    if (!isScalar(node) || node.value === null || typeof node.value === 'object') return this.problem(node, `${what} must be a text value`);
    return typeof node.value === 'string' ? node.value : (node.source ?? String(node.value));
  }

  /** A list of texts; a single text counts as a list of one. */
  texts(node: YNode, what: string): string[] | undefined {
    return this.items(node, what)?.map((n) => this.text(n, `each entry of ${what}`) ?? '');
  }

  /** The nodes of a list; a single value counts as a list of one. */
  items(node: YNode, what: string): Node[] | undefined {
    if (isSeq(node)) {
      const out: Node[] = [];
      for (const item of node.items) {
        const n = this.deref(item);
        if (n === undefined) this.problem(node, `${what}: empty entry`);
        else out.push(n);
      }
      return out;
    }
    if (node === undefined || this.isNull(node)) return this.problem(node, `${what} must be a list`);
    return [node];
  }

  /** An integer. */
  int(node: YNode, what: string): number | undefined {
    if (!isScalar(node) || typeof node.value !== 'number' || !Number.isInteger(node.value)) return this.problem(node, `${what} must be a whole number`);
    return node.value;
  }

  /** One of a closed set of words. */
  oneOf<T extends string>(node: YNode, what: string, choices: readonly T[]): T | undefined {
    const t = this.text(node, what);
    if (t === undefined) return undefined;
    if ((choices as readonly string[]).includes(t)) return t as T;
    const hint = closest(t, choices);
    return this.problem(node, `${what} must be one of ${choices.join(', ')}, not '${t}'${hint ? ` (did you mean '${hint}'?)` : ''}`);
  }
}

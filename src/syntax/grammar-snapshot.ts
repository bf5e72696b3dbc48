/**
 * The parser's grammar as data, for building the parser without recording it. Chevrotain learns
 * a grammar by running every rule once in a recording mode at construction, creating each node
 * through constructors that copy their options with lodash; cold, that was one of the largest
 * steps of a small file's start-up. The build (scripts/build.mjs) records it once, turns it into
 * this plain form with {@link snapshotOf}, and puts it in the bundles; the parser there rebuilds
 * the same grammar objects from it with {@link rulesFromSnapshot}. Unbundled (sources, tests) the
 * parser records as usual.
 *
 * A node is rebuilt with its class's prototype and the own fields the recording gave it, in the
 * same order, without running the constructor (Chevrotain 11's `AbstractProduction` keeps its
 * children in `_definition`); a test compares every field of every node with a recording. Each
 * rule's `orgText`, the source of its function, which Chevrotain keeps only for error messages
 * and diagrams, is left empty.
 */
import { Alternation, Alternative, NonTerminal, Option, Repetition, RepetitionMandatory, RepetitionMandatoryWithSeparator, RepetitionWithSeparator, Rule, Terminal, type IProduction, type TokenType } from 'chevrotain';

/** One grammar node: its kind, its own fields in order (token types by name), its children. */
export interface SnapshotNode {
  kind: Kind;
  /** Own fields other than the children, the source text and links, in order: numbers, booleans, strings and token types (by name). */
  fields: [string, number | boolean | string | { token: string }][];
  definition?: SnapshotNode[];
}

type Kind = keyof typeof classes;

/** The node classes by the kind written for them (not by class name, which a minifier may change). */
const classes = {
  Rule,
  Alternative,
  NonTerminal,
  Option,
  RepetitionMandatory,
  RepetitionMandatoryWithSeparator,
  Repetition,
  RepetitionWithSeparator,
  Alternation,
  Terminal,
};
const kindList = Object.keys(classes) as Kind[];

/** Fields a snapshot does not copy: children (below), a rule's source (left empty), the link a non-terminal gets when the grammar is resolved. */
const skipped = new Set(['_definition', 'orgText', 'referencedRule']);

/** The snapshot of recorded grammar nodes (rules, or any node below one). */
export function snapshotOf(nodes: readonly IProduction[]): SnapshotNode[] {
  return nodes.map((node) => {
    const kind = kindList.find((k) => node.constructor === classes[k]);
    if (!kind) throw new Error(`grammar snapshot: unknown node ${node.constructor.name}`);
    const out: SnapshotNode = { kind, fields: [] };
    const own = node as unknown as Record<string, unknown>;
    for (const key of Object.keys(own)) {
      if (skipped.has(key)) continue;
      const value = own[key];
      if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') out.fields.push([key, value]);
      else if (value !== null && typeof value === 'object' && typeof (value as TokenType).name === 'string' && 'tokenTypeIdx' in value) out.fields.push([key, { token: (value as TokenType).name }]);
      else throw new Error(`grammar snapshot: field ${key} of a ${kind} holds something it cannot keep`);
    }
    const children = own._definition;
    if (kind !== 'NonTerminal' && Array.isArray(children)) out.definition = snapshotOf(children as IProduction[]);
    return out;
  });
}

/** Grammar objects rebuilt from a snapshot, token types found by name in `tokens`; throws on a name it does not know. */
export function rulesFromSnapshot(snapshot: readonly SnapshotNode[], tokens: ReadonlyMap<string, TokenType>): IProduction[] {
  const out: IProduction[] = [];
  for (let i = 0; i < snapshot.length; i++) {
    const s = snapshot[i];
    const cls = classes[s.kind];
    if (!cls) throw new Error(`grammar snapshot: unknown node kind ${String(s.kind)}`);
    const node = Object.create(cls.prototype) as Record<string, unknown>;
    if (s.kind === 'NonTerminal') node._definition = [];
    else if (s.definition) node._definition = rulesFromSnapshot(s.definition, tokens);
    if (s.kind === 'Rule') node.orgText = '';
    for (const [key, value] of s.fields) {
      if (typeof value !== 'object') {
        node[key] = value;
        continue;
      }
      const t = tokens.get(value.token);
      if (!t) throw new Error(`grammar snapshot: unknown token type ${value.token}`);
      node[key] = t;
    }
    out.push(node as unknown as IProduction);
  }
  return out;
}

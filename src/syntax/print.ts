/**
 * A compact, readable AST dump: one line per node, two spaces of indentation per level up to
 * {@link MAX_INDENT} levels; deeper lines also show their depth as a number (`<41> `), so the dump
 * stays linear in the input however deep the nesting.
 * Used by `irule-lint --debug-ast` and by parser snapshot tests. Iterative, so deep trees
 * cannot overflow the call stack.
 *
 * Line format: `<Type> <key fields>` and, with `ranges: true`, ` [start,end)`. Free text
 * (word text, comments, literal values) is JSON-quoted so whitespace and escapes stay visible;
 * names (commands, variables, events, operators) are printed bare unless they contain spaces,
 * quotes or Tcl specials, in which case they are JSON-quoted too.
 */
import type { Node, Part, Range } from './ast.js';
import { literalValue } from './words.js';

/** Options for {@link printAst}. */
export interface PrintOptions {
  /** Append each node's `[start,end)` offset range. Default false. */
  ranges?: boolean;
}

/** One pending line: a node at a depth, with an optional role prefix such as `else:`. */
interface Pending {
  node: Node;
  depth: number;
  role?: string;
}

/**
 * Dump a node and everything below it, one line per node.
 *
 * Compactions: a bare or quoted word (or expression string) whose only part is a `Text` prints
 * its value on its own line instead of a `Text` child; a `BracedWord` whose content was parsed
 * prints the parsed tree instead of its text; `When` and `Proc` print their lifted fields and
 * their body (falling back to their words when there is no body).
 */
export function printAst(root: Node, options: PrintOptions = {}): string {
  const out: string[] = [];
  const stack: Pending[] = [{ node: root, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth, role } = stack.pop()!;
    const [label, children] = describe(node);
    let line = indent(depth) + (role ? `${role}: ` : '') + label;
    if (options.ranges) {
      line += ` ${fmtRange(node.range)}`;
      if ('contentRange' in node) line += ` content=${fmtRange(node.contentRange)}`;
    }
    out.push(line);
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (Array.isArray(child)) stack.push({ node: child[1], depth: depth + 1, role: child[0] });
      else stack.push({ node: child, depth: depth + 1 });
    }
  }
  return out.join('\n') + '\n';
}

/** Deepest level that is shown by indentation alone. */
export const MAX_INDENT = 40;

/** Indentation for a depth: two spaces a level, capped, plus the depth itself when capped. */
function indent(depth: number): string {
  return depth <= MAX_INDENT ? '  '.repeat(depth) : `${'  '.repeat(MAX_INDENT)}<${depth}> `;
}

/** A child to print, optionally with a role label. */
type Child = Node | [role: string, node: Node];

/** The label line (without indentation or range) and the children of a node. */
function describe(node: Node): [string, Child[]] {
  switch (node.type) {
    case 'Script':
      return [node.wrapper ? `Script in-rule=${id(node.wrapper.name)}` : 'Script', node.body];
    case 'Comment':
      return [`Comment ${q(node.text)}`, []];
    case 'Command': {
      const name = node.words.length > 0 ? literalValue(node.words[0]) : undefined;
      return [name === undefined ? 'Command' : `Command ${id(name)}`, node.words];
    }
    case 'When': {
      let label = `When ${id(node.event)}`;
      if (node.priority !== undefined) label += ` priority=${node.priority}`;
      if (node.timing !== undefined) label += ` timing=${id(node.timing)}`;
      return [label, node.body ? [node.body] : node.words];
    }
    case 'Proc': {
      const label = `Proc ${id(node.name)} params=(${node.params.map(id).join(' ')})`;
      return [label, node.body ? [node.body] : node.words];
    }
    case 'BareWord':
    case 'QuotedWord':
    case 'ExprQuoted':
      return partsNode(node.type, node.parts);
    case 'BracedWord':
      return node.parsed ? ['BracedWord', [node.parsed]] : [`BracedWord ${q(node.text)}`, []];
    case 'ExpandWord':
      return ['ExpandWord', [node.word]];
    case 'Text':
      return [`Text ${q(node.value)}`, []];
    case 'Escape':
      return [`Escape ${q(node.raw)} -> ${q(node.value)}`, []];
    case 'VarRef': {
      let label = `VarRef ${id(node.name)}`;
      if (node.braced) label += ' braced';
      if (node.index) label += ' (index)';
      return [label, node.index ?? []];
    }
    case 'CmdSubst':
      return ['CmdSubst', [node.script]];
    case 'Expr':
      return node.root ? ['Expr', [node.root]] : ['Expr (empty)', []];
    case 'ExprLiteral':
      return [`ExprLiteral ${node.kind} ${q(node.value)}`, []];
    case 'ExprUnary':
      return [`ExprUnary ${id(node.op)}`, [node.operand]];
    case 'ExprBinary':
      return [`ExprBinary ${id(node.op)}`, [node.left, node.right]];
    case 'ExprTernary':
      return ['ExprTernary', [['if', node.cond], ['then', node.then], ['else', node.else]]];
    case 'ExprCall':
      return [`ExprCall ${id(node.name)}`, node.args];
    case 'List':
      return ['List', node.items];
    case 'ListItem':
      return node.parsed
        ? [`ListItem ${node.delim}`, [node.parsed]]
        : [`ListItem ${node.delim} ${q(node.value)}`, []];
    default: {
      // A node type added to ast.ts after this printer: show its type rather than fail.
      const unknown: { type?: unknown } = node;
      return [`${String(unknown.type)} (unknown node type)`, []];
    }
  }
}

/** Label and children for a node made of parts, inlining a lone `Text` part. */
function partsNode(type: string, parts: Part[]): [string, Child[]] {
  if (parts.length === 0) return [`${type} ""`, []];
  if (parts.length === 1 && parts[0].type === 'Text') return [`${type} ${q(parts[0].value)}`, []];
  return [type, parts];
}

/** `[start,end)`. */
function fmtRange(r: Range): string {
  return `[${r.start},${r.end})`;
}

/** JSON-quote free text. */
function q(s: string): string {
  return JSON.stringify(s);
}

/** Print a name bare when it is a plain token, JSON-quoted otherwise (including when empty). */
function id(s: string): string {
  return /^[^\s"\\{}[\]$;]+$/.test(s) ? s : q(s);
}

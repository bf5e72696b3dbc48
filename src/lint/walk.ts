/**
 * A generic walker over the AST that passes the ancestor chain (nodes hold no parent links).
 * Iterative, so long expression chains or deep nesting cannot overflow the call stack.
 * A `When` or `Proc` is walked through its words: its body is the last word's parsed script.
 */
import type { Node } from '../syntax/ast.js';

/** Callbacks of {@link walk}. `ancestors` is live: copy it to keep it. */
export interface WalkVisitor {
  /** Called before `enter` for every node but the root: returning true skips the node, its children and its `leave`. */
  skip?(node: Node): boolean;
  /** Called before a node's children. Returning `false` skips them (and the matching `leave`). */
  enter?(node: Node, ancestors: readonly Node[]): void | boolean;
  /** Called after a node's children. */
  leave?(node: Node, ancestors: readonly Node[]): void;
}

/** The direct children of a node, in source order. */
export function childrenOf(node: Node): readonly Node[] {
  switch (node.type) {
    case 'Script':
      return node.body;
    case 'Command':
    case 'When':
    case 'Proc':
      return node.words;
    case 'BareWord':
    case 'QuotedWord':
    case 'ExprQuoted':
      return node.parts;
    case 'BracedWord':
      return node.parsed ? [node.parsed] : [];
    case 'ExpandWord':
      return [node.word];
    case 'VarRef':
      return node.index ?? [];
    case 'CmdSubst':
      return [node.script];
    case 'Expr':
      return node.root ? [node.root] : [];
    case 'ExprUnary':
      return [node.operand];
    case 'ExprBinary':
      return [node.left, node.right];
    case 'ExprTernary':
      return [node.cond, node.then, node.else];
    case 'ExprCall':
      return node.args;
    case 'List':
      return node.items;
    case 'ListItem':
      return node.parsed ? [node.parsed] : [];
    case 'Comment':
    case 'Text':
    case 'Escape':
    case 'ExprLiteral':
      return [];
  }
}

/** The number of children of a node (see {@link childAt}); no allocation. */
export function childCount(node: Node): number {
  switch (node.type) {
    case 'Script':
      return node.body.length;
    case 'Command':
    case 'When':
    case 'Proc':
      return node.words.length;
    case 'BareWord':
    case 'QuotedWord':
    case 'ExprQuoted':
      return node.parts.length;
    case 'BracedWord':
    case 'ListItem':
      return node.parsed ? 1 : 0;
    case 'Expr':
      return node.root ? 1 : 0;
    case 'VarRef':
      return node.index ? node.index.length : 0;
    case 'ExpandWord':
    case 'CmdSubst':
    case 'ExprUnary':
      return 1;
    case 'ExprBinary':
      return 2;
    case 'ExprTernary':
      return 3;
    case 'ExprCall':
      return node.args.length;
    case 'List':
      return node.items.length;
    default:
      return 0;
  }
}

/** The `i`-th child of a node, in source order (`i` below {@link childCount}). */
export function childAt(node: Node, i: number): Node {
  switch (node.type) {
    case 'Script':
      return node.body[i];
    case 'Command':
    case 'When':
    case 'Proc':
      return node.words[i];
    case 'BareWord':
    case 'QuotedWord':
    case 'ExprQuoted':
      return node.parts[i];
    case 'BracedWord':
    case 'ListItem':
      return node.parsed!;
    case 'Expr':
      return node.root!;
    case 'VarRef':
      return node.index![i];
    case 'ExpandWord':
      return node.word;
    case 'CmdSubst':
      return node.script;
    case 'ExprUnary':
      return node.operand;
    case 'ExprBinary':
      return i === 0 ? node.left : node.right;
    case 'ExprTernary':
      return i === 0 ? node.cond : i === 1 ? node.then : node.else;
    case 'ExprCall':
      return node.args[i];
    case 'List':
      return node.items[i];
    default:
      throw new Error(`${node.type} has no children`);
  }
}

/**
 * Visits `root` and everything below it depth-first, in source order. The stack of open nodes is
 * the ancestor chain passed to the callbacks; nothing is allocated per node.
 */
export function walk(root: Node, visitor: WalkVisitor): void {
  const ancestors: Node[] = [];
  const next: number[] = [];
  const { enter, leave, skip } = visitor;
  if (enter?.(root, ancestors) === false) return;
  ancestors.push(root);
  next.push(0);
  while (ancestors.length > 0) {
    const top = ancestors.length - 1;
    const node = ancestors[top];
    const i = next[top];
    if (i < childCount(node)) {
      next[top] = i + 1;
      const child = childAt(node, i);
      if (skip?.(child)) continue;
      if (enter?.(child, ancestors) === false) continue;
      if (childCount(child) === 0) {
        // A leaf: no need to open a frame for it.
        leave?.(child, ancestors);
        continue;
      }
      ancestors.push(child);
      next.push(0);
      continue;
    }
    ancestors.pop();
    next.pop();
    leave?.(node, ancestors);
  }
}

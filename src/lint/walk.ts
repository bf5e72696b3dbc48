/**
 * A generic walker over the AST that passes the ancestor chain (nodes hold no parent links).
 * Iterative, so long expression chains or deep nesting cannot overflow the call stack.
 * A `When` or `Proc` is walked through its words: its body is the last word's parsed script.
 */
import type { Node } from '../syntax/ast.js';

/** Callbacks of {@link walk}. `ancestors` is live: copy it to keep it. */
export interface WalkVisitor {
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

/** One node being walked and the index of its next child. */
interface Frame {
  node: Node;
  children: readonly Node[];
  next: number;
}

/** Visits `root` and everything below it depth-first, in source order. */
export function walk(root: Node, visitor: WalkVisitor): void {
  const ancestors: Node[] = [];
  const frames: Frame[] = [];
  const open = (node: Node): void => {
    if (visitor.enter?.(node, ancestors) === false) return;
    frames.push({ node, children: childrenOf(node), next: 0 });
    ancestors.push(node);
  };
  open(root);
  while (frames.length > 0) {
    const top = frames[frames.length - 1];
    if (top.next < top.children.length) {
      open(top.children[top.next++]);
      continue;
    }
    frames.pop();
    ancestors.pop();
    visitor.leave?.(top.node, ancestors);
  }
}

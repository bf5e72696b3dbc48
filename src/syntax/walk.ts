/**
 * Walking the AST depth-first in source order, with the ancestor chain (nodes hold no parent
 * links). Iterative, so long expression chains or deep nesting cannot overflow the call stack.
 * A `When` or `Proc` is walked through its words: its body is the last word's parsed script.
 * {@link pushChildren} is the one place that knows which children each node type has; the lint
 * runner's own walk (run.ts) uses it too.
 */
import type { Node } from './ast.js';

/** Callbacks of {@link walk}. `ancestors` is live: copy it to keep it. */
export interface WalkVisitor {
  /** Called before a node's children. Returning `false` skips them (and the matching `leave`). */
  enter?(node: Node, ancestors: readonly Node[]): void | boolean;
  /** Called after a node's children. */
  leave?(node: Node, ancestors: readonly Node[]): void;
}

/** A stack of nodes still to visit, last first; `null` stands for "leave the innermost open node". */
export type WalkStack = (Node | null)[];

/** Which children to leave out; none when absent. */
export type ChildFilter = ((node: Node) => boolean) | undefined;

function pushAll(nodes: readonly Node[], todo: WalkStack, skip: ChildFilter): void {
  for (let i = nodes.length - 1; i >= 0; i--) if (skip === undefined || !skip(nodes[i])) todo.push(nodes[i]);
}

function pushOne(node: Node | undefined, todo: WalkStack, skip: ChildFilter): void {
  if (node !== undefined && (skip === undefined || !skip(node))) todo.push(node);
}

/**
 * Pushes a node's children that `skip` does not leave out, last first (so they come off the
 * stack in source order), and says whether the node type has children at all.
 */
export function pushChildren(node: Node, todo: WalkStack, skip?: ChildFilter): boolean {
  switch (node.type) {
    case 'Script':
      pushAll(node.body, todo, skip);
      return true;
    case 'Command':
    case 'When':
    case 'Proc':
      pushAll(node.words, todo, skip);
      return true;
    case 'BareWord':
    case 'QuotedWord':
    case 'ExprQuoted':
      pushAll(node.parts, todo, skip);
      return true;
    case 'BracedWord':
    case 'ListItem':
      pushOne(node.parsed, todo, skip);
      return true;
    case 'ExpandWord':
      pushOne(node.word, todo, skip);
      return true;
    case 'VarRef':
      if (node.index) pushAll(node.index, todo, skip);
      return true;
    case 'CmdSubst':
      pushOne(node.script, todo, skip);
      return true;
    case 'Expr':
      pushOne(node.root, todo, skip);
      return true;
    case 'ExprUnary':
      pushOne(node.operand, todo, skip);
      return true;
    case 'ExprBinary':
      pushOne(node.right, todo, skip);
      pushOne(node.left, todo, skip);
      return true;
    case 'ExprTernary':
      pushOne(node.else, todo, skip);
      pushOne(node.then, todo, skip);
      pushOne(node.cond, todo, skip);
      return true;
    case 'ExprCall':
      pushAll(node.args, todo, skip);
      return true;
    case 'List':
      pushAll(node.items, todo, skip);
      return true;
    case 'Comment':
    case 'Text':
    case 'Escape':
    case 'ExprLiteral':
      return false;
  }
}

/**
 * Visits `root` and everything below it depth-first, in source order. The stack of open nodes is
 * the ancestor chain passed to the callbacks; a leaf is left right after it is entered.
 */
export function walk(root: Node, visitor: WalkVisitor): void {
  const { enter, leave } = visitor;
  const ancestors: Node[] = [];
  const todo: WalkStack = [root];
  for (;;) {
    const node = todo.pop();
    if (node === undefined) break;
    if (node === null) {
      const done = ancestors.pop()!;
      leave?.(done, ancestors);
      continue;
    }
    if (enter?.(node, ancestors) === false) continue;
    // The leave marker goes below the children, so it comes off after them.
    todo.push(null);
    if (!pushChildren(node, todo)) {
      todo.pop();
      leave?.(node, ancestors);
      continue;
    }
    ancestors.push(node);
  }
}

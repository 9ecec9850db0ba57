import type { AnyNode } from './ast.js';

function isNode(v: unknown): v is AnyNode {
  return typeof v === 'object' && v !== null && typeof (v as { kind?: unknown }).kind === 'string' && typeof (v as { start?: unknown }).start === 'number';
}

/**
 * Calls `visit` for each direct child node, in source order. Generic over the tree's shape so new node kinds
 * need no walker changes; hot paths (checker, simulator) use their own typed traversals instead.
 */
export function forEachChild(node: AnyNode, visit: (child: AnyNode) => void): void {
  const kids: AnyNode[] = [];
  for (const k in node) {
    const v = (node as unknown as Record<string, unknown>)[k];
    if (isNode(v)) kids.push(v);
    else if (Array.isArray(v)) {
      for (const item of v) {
        if (isNode(item)) kids.push(item);
        else if (item && typeof item === 'object') {
          // Plain records holding nodes, e.g. a TASK parameter { name, value }.
          for (const inner of Object.values(item as Record<string, unknown>)) if (isNode(inner)) kids.push(inner);
        }
      }
    }
  }
  kids.sort((a, b) => a.start - b.start);
  for (const c of kids) visit(c);
}

/** Depth-first pre-order walk; return false from `visit` to skip a node's children. */
export function walk(node: AnyNode, visit: (n: AnyNode, parent: AnyNode | null) => boolean | void, parent: AnyNode | null = null): void {
  if (visit(node, parent) === false) return;
  forEachChild(node, (c) => walk(c, visit, node));
}

/** The innermost node whose span contains `offset`, with its ancestors (outermost first). */
export function nodePath(root: AnyNode, offset: number): AnyNode[] {
  const path: AnyNode[] = [];
  let cur: AnyNode | null = root;
  while (cur) {
    path.push(cur);
    let next: AnyNode | null = null;
    forEachChild(cur, (c) => {
      if (!next && c.start <= offset && offset < c.end) next = c;
    });
    cur = next;
  }
  return path;
}

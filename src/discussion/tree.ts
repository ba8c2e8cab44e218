/**
 * Builds the comment tree from one flat list (one query per thread page). Pure, so it is
 * tested without a database. Replies always read oldest first under their parent; the
 * chosen sort applies to the top-level comments. Removed comments with replies stay as
 * placeholders so the conversation keeps its shape; without replies they disappear.
 *
 * @example
 *   const roots = buildTree(rows, { sort: 'oldest' });
 */
export type CommentSort = 'oldest' | 'newest' | 'liked';
export const COMMENT_SORTS: readonly CommentSort[] = ['oldest', 'newest', 'liked'];

export interface TreeInput {
  id: number;
  parentId: number | null;
  likes: number;
  createdAt: string;
  /** False for removed comments (deleted by their author, rejected): shown as placeholders. */
  visible: boolean;
}

export interface TreeNode<T extends TreeInput> {
  comment: T;
  children: TreeNode<T>[];
}

function compare(sort: CommentSort) {
  return (a: TreeInput, b: TreeInput): number => {
    if (sort === 'liked' && a.likes !== b.likes) return b.likes - a.likes;
    if (sort === 'newest') return b.createdAt.localeCompare(a.createdAt) || b.id - a.id;
    return a.createdAt.localeCompare(b.createdAt) || a.id - b.id;
  };
}

export function buildTree<T extends TreeInput>(comments: readonly T[], options: { sort: CommentSort }): TreeNode<T>[] {
  const nodes = new Map<number, TreeNode<T>>();
  for (const comment of comments) nodes.set(comment.id, { comment, children: [] });
  const roots: TreeNode<T>[] = [];
  for (const node of nodes.values()) {
    const parent = node.comment.parentId === null ? undefined : nodes.get(node.comment.parentId);
    // A reply whose parent is not in the list (not loaded, or gone) is shown at top level
    // rather than lost.
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const byDate = compare('oldest');
  const prune = (list: TreeNode<T>[]): TreeNode<T>[] =>
    list
      .map((node) => ({ ...node, children: prune(node.children) }))
      .filter((node) => node.comment.visible || node.children.length > 0);
  const sortChildren = (list: TreeNode<T>[]) => {
    for (const node of list) {
      node.children.sort((a, b) => byDate(a.comment, b.comment));
      sortChildren(node.children);
    }
  };
  const pruned = prune(roots);
  sortChildren(pruned);
  return pruned.sort((a, b) => compare(options.sort)(a.comment, b.comment));
}

/** Number of visible comments in a tree. */
export function countVisible<T extends TreeInput>(nodes: readonly TreeNode<T>[]): number {
  return nodes.reduce((sum, node) => sum + (node.comment.visible ? 1 : 0) + countVisible(node.children), 0);
}

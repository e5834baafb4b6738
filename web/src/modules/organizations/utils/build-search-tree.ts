export type SearchHit<T extends { id: string }> = { node: T; ancestors: readonly T[] };
export type SearchTreeNode<T extends { id: string }> = {
  node: T;
  /** The node itself matched (else it is shown as an ancestor of a match). */
  match: boolean;
  children: SearchTreeNode<T>[];
};

/**
 * The matches of a search as a forest: every match under its ancestors (root first), each
 * ancestor once however many matches lie under it, in the order the matches came.
 */
export function buildSearchTree<T extends { id: string }>(
  hits: readonly SearchHit<T>[],
): SearchTreeNode<T>[] {
  const roots: SearchTreeNode<T>[] = [];
  const byId = new Map<string, SearchTreeNode<T>>();
  for (const hit of hits) {
    let siblings = roots;
    for (const node of [...hit.ancestors, hit.node]) {
      let entry = byId.get(node.id);
      if (!entry) {
        entry = { node, match: false, children: [] };
        byId.set(node.id, entry);
        siblings.push(entry);
      }
      siblings = entry.children;
    }
    byId.get(hit.node.id)!.match = true;
  }
  return roots;
}

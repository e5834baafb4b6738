type Targeted = {
  organizationLevel?: string | null;
  organizationKind?: string | null;
  sortOrder: number;
};

/**
 * Posts grouped by the bodies they apply to (level × kind; null = every), the general groups
 * first, each group in the posts' order.
 */
export function groupPostsByTarget<T extends Targeted>(
  posts: readonly T[],
): { key: string; posts: T[] }[] {
  const groups = new Map<string, T[]>();
  const sorted = [...posts].sort((a, b) => a.sortOrder - b.sortOrder);
  for (const p of sorted) {
    const key = `${p.organizationLevel ?? ''}|${p.organizationKind ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const specificity = (key: string) => key.split('|').filter((s) => s !== '').length;
  return [...groups.entries()]
    .map(([key, list]) => ({ key, posts: list }))
    .sort((a, b) => specificity(a.key) - specificity(b.key) || a.key.localeCompare(b.key));
}

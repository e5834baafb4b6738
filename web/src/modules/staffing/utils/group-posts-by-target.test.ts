import { describe, expect, it } from 'vitest';
import { groupPostsByTarget } from './group-posts-by-target';

describe(groupPostsByTarget.name, () => {
  it('groups posts by level and kind, general groups first, each in sort order', () => {
    const sut = groupPostsByTarget([
      { id: 'b', organizationLevel: 'DEPARTMENT', organizationKind: '科技局', sortOrder: 3 },
      { id: 'a2', organizationLevel: null, organizationKind: null, sortOrder: 2 },
      { id: 'c', organizationLevel: 'DEPARTMENT', organizationKind: null, sortOrder: 4 },
      { id: 'a1', organizationLevel: null, organizationKind: null, sortOrder: 1 },
    ]);
    expect(sut.map((g) => g.posts.map((p) => p.id))).toEqual([['a1', 'a2'], ['c'], ['b']]);
  });
});

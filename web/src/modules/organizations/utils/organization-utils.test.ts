import { describe, expect, it } from 'vitest';
import { buildSearchTree } from './build-search-tree';
import { groupDirectoryRows, type RosterPreviewRow } from './group-directory-rows';
import { highlightParts } from './highlight-parts';

const n = (id: string) => ({ id });

describe(buildSearchTree.name, () => {
  it('puts each match under its ancestors once, marking only the matches', () => {
    const sut = buildSearchTree([
      { node: n('a1'), ancestors: [n('city'), n('a')] },
      { node: n('a2'), ancestors: [n('city'), n('a')] },
      { node: n('a'), ancestors: [n('city')] },
      { node: n('b1'), ancestors: [n('city'), n('b')] },
    ]);
    expect(sut).toHaveLength(1);
    const city = sut[0]!;
    expect(city.match).toBe(false);
    expect(city.children.map((c) => [c.node.id, c.match])).toEqual([
      ['a', true],
      ['b', false],
    ]);
    expect(city.children[0]!.children.map((c) => c.node.id)).toEqual(['a1', 'a2']);
  });

  it('returns an empty forest for no matches and a root for a root match', () => {
    expect(buildSearchTree([])).toEqual([]);
    expect(buildSearchTree([{ node: n('r'), ancestors: [] }])).toEqual([
      { node: n('r'), match: true, children: [] },
    ]);
  });
});

describe(highlightParts.name, () => {
  it('marks every occurrence, ignoring case', () => {
    expect(highlightParts('Ab科技ab', 'AB')).toEqual([
      { text: 'Ab', match: true },
      { text: '科技', match: false },
      { text: 'ab', match: true },
    ]);
  });

  it('returns the whole text unmarked for an empty query or no match', () => {
    expect(highlightParts('甲县', ' ')).toEqual([{ text: '甲县', match: false }]);
    expect(highlightParts('甲县', '乙')).toEqual([{ text: '甲县', match: false }]);
  });
});

describe(groupDirectoryRows.name, () => {
  const row = (
    line: number,
    action: RosterPreviewRow['action'],
    kinds: RosterPreviewRow['kinds'],
  ) =>
    ({
      line,
      code: `c${line}`,
      name: `n${line}`,
      action,
      kinds,
      changes: [],
      fromParent: null,
      toParent: null,
      lastYear: null,
    }) satisfies RosterPreviewRow;

  it('groups rows by kind in file order, a row in each of its kinds, leaving out errors and unchanged rows', () => {
    const sut = groupDirectoryRows([
      row(4, 'UPDATE', ['CHANGED', 'MOVED']),
      row(2, 'CREATE', ['CREATED']),
      row(3, 'UPDATE', ['CLOSED']),
      row(5, 'UNCHANGED', []),
      row(6, 'ERROR', []),
      row(7, 'UPDATE', ['MOVED']),
    ]);
    expect(
      Object.fromEntries(Object.entries(sut).map(([k, v]) => [k, v.map((r) => r.line)])),
    ).toEqual({
      CREATED: [2],
      CHANGED: [4],
      MOVED: [4, 7],
      CLOSED: [3],
    });
  });
});

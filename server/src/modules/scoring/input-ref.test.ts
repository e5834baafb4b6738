import { describeChanges, diffRefs, inputsHash, refDigest, type InputRef } from './input-ref';

function aRef(overrides: Partial<InputRef> = {}): InputRef {
  return {
    organizationId: 'org-1',
    organizationName: '某县科学技术局',
    regionName: '某县',
    regionPath: ['p', 'c', 'org-1'],
    peerGroup: 'county-department',
    departmentType: '科技局',
    deadline: '2024-01-31T23:59:59.999+08:00',
    status: 'SUBMITTED',
    firstSubmittedAt: '2024-01-20T10:00:00.000+08:00',
    lastSubmittedAt: '2024-01-20T10:00:00.000+08:00',
    returnedAt: null,
    versionId: 'v-1',
    previousVersionId: null,
    roster: null,
    ...overrides,
  };
}

describe(refDigest.name, () => {
  it('ignores key order and undefined fields', () => {
    const ref = aRef();
    const reordered = Object.fromEntries(Object.entries(ref).reverse()) as InputRef;
    expect(refDigest(reordered)).toBe(refDigest(ref));
    expect(refDigest({ ...ref, extra: undefined } as InputRef)).toBe(refDigest(ref));
  });

  it('changes when the scored version changes', () => {
    expect(refDigest(aRef({ versionId: 'v-2' }))).not.toBe(refDigest(aRef()));
  });
});

describe(inputsHash.name, () => {
  it('does not depend on the order of organizations but on every digest', () => {
    const a: [string, string] = ['a', 'x'];
    const b: [string, string] = ['b', 'y'];
    expect(inputsHash([a, b])).toBe(inputsHash([b, a]));
    expect(inputsHash([a, ['b', 'z']])).not.toBe(inputsHash([a, b]));
    expect(inputsHash([a])).not.toBe(inputsHash([a, b]));
  });
});

describe(diffRefs.name, () => {
  it('names the organizations and fields that changed, were added or removed', () => {
    const frozen = [aRef(), aRef({ organizationId: 'org-2', organizationName: '某县财政局' })];
    const current = [
      aRef({ versionId: 'v-2', status: 'RESUBMITTED' }),
      aRef({ organizationId: 'org-3', organizationName: '某县民政局' }),
    ];
    const sut = diffRefs(frozen, current);
    expect(sut).toEqual({
      changed: [{ organizationName: '某县科学技术局', fields: ['状态', '报告版本'] }],
      added: ['某县民政局'],
      removed: ['某县财政局'],
    });
    expect(describeChanges(sut)).toBe(
      '冻结后数据已变化：1个单位数据有变化：某县科学技术局（状态、报告版本）；新增1个单位：某县民政局；减少1个单位：某县财政局',
    );
  });

  it('counts every changed organization when only the first are detailed', () => {
    const changes = diffRefs([aRef()], [aRef({ status: 'RETURNED' })]);
    expect(describeChanges({ ...changes, changedCount: 7 }, 5)).toBe(
      '冻结后数据已变化：7个单位数据有变化：某县科学技术局（状态） 等7个单位',
    );
    expect(describeChanges({ changed: [], changedCount: 2, added: [], removed: [] })).toBe(
      '冻结后数据已变化：2个单位数据有变化',
    );
  });

  it('says nothing when nothing changed', () => {
    expect(describeChanges(diffRefs([aRef()], [aRef()]))).toBeNull();
  });
});

import { refDigest, type InputRef } from './input-ref';
import { RefTable } from './ref-table';

function aRef(overrides: Partial<InputRef> = {}): InputRef {
  return {
    organizationId: '3f2c9a10-5b7e-4c1d-9e2f-0a1b2c3d4e5f',
    organizationName: '某县科学技术局',
    regionName: '某县',
    regionPath: ['p', 'c', '3f2c9a10-5b7e-4c1d-9e2f-0a1b2c3d4e5f'],
    peerGroup: 'county-department',
    departmentType: '科技局',
    deadline: '2024-01-31T23:59:59.999+08:00',
    status: 'SUBMITTED',
    firstSubmittedAt: '2024-01-20T10:00:00.123+08:00',
    lastSubmittedAt: '2024-01-22T08:30:00.000+08:00',
    returnedAt: null,
    versionId: '0d9b1c2e-7f3a-4b5c-8d6e-9f0a1b2c3d4e',
    previousVersionId: null,
    roster: null,
    ...overrides,
  };
}

describe(RefTable.name, () => {
  const refs: InputRef[] = [
    aRef(),
    aRef({
      organizationId: 'b',
      organizationName: '某县教育局',
      departmentType: null,
      regionName: null,
      status: null,
      firstSubmittedAt: null,
      lastSubmittedAt: null,
      versionId: null,
      previousVersionId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
      roster: {
        lastUpdatedAt: '2024-01-02T09:00:00.000+08:00',
        fullTimeStaff: 1,
        partTimeStaff: 2,
        posts: [],
      },
    }),
    // Values that would not survive a compact form are kept as they are.
    aRef({
      organizationId: 'c',
      firstSubmittedAt: '2024-01-20T02:00:00Z',
      returnedAt: '2024-01-25T10:00:00.000+08:00',
      versionId: 'v-1',
      previousVersionId: '00000000-0000-0000-0000-000000000000',
    }),
  ];

  function table(order: number[]): RefTable {
    const builder = RefTable.builder();
    for (const ref of refs) builder.add(ref);
    return builder.build(order);
  }

  it('returns every reference exactly as added, in the order given', () => {
    const sut = table([2, 0, 1]);
    expect(sut.length).toBe(3);
    expect(sut.get(0)).toEqual(refs[2]);
    expect(sut.get(1)).toEqual(refs[0]);
    expect(sut.get(2)).toEqual(refs[1]);
  });

  it('returns single fields without building the reference', () => {
    const sut = table([1, 0, 2]);
    expect(sut.organizationId(0)).toBe('b');
    expect(sut.organizationName(0)).toBe('某县教育局');
    expect(sut.departmentType(0)).toBeNull();
    expect(sut.departmentType(1)).toBe('科技局');
    expect(sut.peerGroup(1)).toBe('county-department');
    expect(sut.versionId(0)).toBeNull();
    expect(sut.versionId(1)).toBe(refs[0]?.versionId);
    expect(sut.versionId(2)).toBe('v-1');
    expect(sut.regionPath(1)).toBe(refs[0]?.regionPath);
    expect(sut.regionName(0)).toBeNull();
    expect(sut.regionName(1)).toBe('某县');
    expect(sut.status(1)).toBe('SUBMITTED');
    expect(sut.firstSubmittedAt(1)).toBe(refs[0]?.firstSubmittedAt);
    expect(sut.firstSubmittedAt(2)).toBe('2024-01-20T02:00:00Z');
  });

  it('returns each row’s refDigest', () => {
    const sut = table([0, 1, 2]);
    refs.forEach((ref, row) => expect(sut.digest(row)).toBe(refDigest(ref)));
  });
});

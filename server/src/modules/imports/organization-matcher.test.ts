import { coreName, matchOrganization, type MatchableOrganization } from './organization-matcher';

const orgs: MatchableOrganization[] = [
  { id: 'county-a', name: '甲县', ancestors: ['测试市'] },
  { id: 'a1', name: '甲县科学技术局', ancestors: ['测试市', '甲县'] },
  { id: 'a2', name: '甲县教育局', ancestors: ['测试市', '甲县'] },
  { id: 'b1', name: '乙县科学技术局', ancestors: ['测试市', '乙县'] },
  { id: 'c1', name: '测试市财政局', ancestors: ['测试市'] },
];

describe('matchOrganization', () => {
  it.each([
    ['甲县教育局', 'a2'],
    [' 甲县 教育局 ', 'a2'],
    ['测试市甲县教育局', 'a2'],
    ['测试市甲县科学技术局', 'a1'],
    ['甲县人民政府', 'county-a'],
    ['测试市财政局', 'c1'],
    ['测试财政局', 'c1'],
  ])('matches %s to one body', (name, id) => {
    const result = matchOrganization(name, orgs);
    expect(result).toEqual({ kind: 'matched', organization: expect.objectContaining({ id }) });
  });

  it('asks for a choice when the name fits several bodies', () => {
    const result = matchOrganization('科学技术局', orgs);
    expect(result.kind).toBe('ambiguous');
    if (result.kind !== 'matched')
      expect(result.candidates.map((c) => c.id).sort()).toEqual(['a1', 'b1']);
  });

  it('knows no body of another name', () => {
    expect(matchOrganization('丙县水利局', orgs)).toEqual({ kind: 'unknown', candidates: [] });
    expect(matchOrganization('', orgs).kind).toBe('unknown');
  });

  it('strips places and the government suffix but keeps the place of a bare county', () => {
    expect(coreName('测试市甲县教育局', ['测试市', '甲县'])).toBe('教育局');
    expect(coreName('甲县人民政府', ['测试市', '甲县'])).toBe('甲县');
  });
});

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

  it('reads names under governments named 人民政府, with or without the city', () => {
    const demo: MatchableOrganization[] = [
      {
        id: 'nl-edu',
        name: '北岭县教育局',
        ancestors: ['演示省', '演示市人民政府', '演示市北岭县人民政府'],
      },
      {
        id: 'dh-edu',
        name: '东湖区教育局',
        ancestors: ['演示省', '演示市人民政府', '演示市东湖区人民政府'],
      },
      { id: 'city-edu', name: '演示市教育局', ancestors: ['演示省', '演示市人民政府'] },
      { id: 'nl', name: '演示市北岭县人民政府', ancestors: ['演示省', '演示市人民政府'] },
    ];
    const id = (name: string) => {
      const r = matchOrganization(name, demo);
      return r.kind === 'matched' ? r.organization.id : r.kind;
    };
    expect(id('演示市北岭县教育局')).toBe('nl-edu');
    expect(id('北岭县 教育局')).toBe('nl-edu');
    expect(id('东湖区教育局')).toBe('dh-edu');
    expect(id('演示市教育局')).toBe('city-edu');
    expect(id('北岭县人民政府')).toBe('nl');
    expect(id('教育局')).toBe('ambiguous');
  });

  it('asks for a choice when the name fits several bodies', () => {
    const result = matchOrganization('科学技术局', orgs);
    expect(result.kind).toBe('ambiguous');
    if (result.kind !== 'matched')
      expect(result.candidates.map((c) => c.id).sort()).toEqual(['a1', 'b1']);
  });

  it('offers the bodies of close names when none fits', () => {
    const result = matchOrganization('丙县教育局', orgs);
    expect(result).toEqual({ kind: 'uncertain', candidates: [{ id: 'a2', name: '甲县教育局' }] });
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

import { describe, expect, it } from 'vitest';
import { memberSummary } from './member-summary';

const members = [
  { organizationName: '南溪县教育局', status: null, included: false },
  { organizationName: '南溪县财政局', status: 'SUBMITTED' as const, included: false },
  { organizationName: '南溪县民政局', status: 'APPROVED' as const, included: false },
  { organizationName: '南溪县科学技术局', status: 'APPROVED' as const, included: true },
  { organizationName: '南溪县卫生健康局', status: null, included: false },
];

describe(memberSummary.name, () => {
  it('counts the missing bodies by state in workflow order', () => {
    const sut = memberSummary(members, { search: '', includedToo: false });
    expect(sut.missing).toBe(4);
    expect(sut.missingByState).toEqual([
      ['NOT_STARTED', 2],
      ['SUBMITTED', 1],
      ['APPROVED', 1],
    ]);
    expect(sut.shown.map((m) => m.organizationName)).not.toContain('南溪县科学技术局');
  });

  it('shows the included ones too on request, and filters by part of a name', () => {
    expect(memberSummary(members, { search: '', includedToo: true }).shown).toHaveLength(5);
    expect(
      memberSummary(members, { search: ' 科学 ', includedToo: true }).shown.map(
        (m) => m.organizationName,
      ),
    ).toEqual(['南溪县科学技术局']);
    expect(memberSummary(members, { search: '科学', includedToo: false }).shown).toEqual([]);
  });
});

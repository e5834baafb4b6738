import { OrganizationLevel } from '../organizations';
import {
  requirementsFor,
  rosterState,
  toRosterSummary,
  type Holding,
  type PostRequirement,
  type RosterRows,
} from './roster-state';

const requirement = (overrides: Partial<PostRequirement> = {}): PostRequirement => ({
  postKey: 'dedicatedStaff',
  labelZh: '专职工作人员',
  labelEn: 'Full-time staff',
  minCount: 1,
  fullTimeRequired: true,
  countsAsStaff: true,
  organizationLevel: null,
  organizationKind: null,
  sortOrder: 1,
  ...overrides,
});

let ids = 0;
const holding = (overrides: Partial<Holding> = {}): Holding => ({
  id: `h${++ids}`,
  postKey: 'dedicatedStaff',
  holderName: `person ${ids}`,
  fullTime: true,
  fromDate: '2020-01-01',
  untilDate: null,
  ...overrides,
});

const rows = (overrides: Partial<RosterRows> = {}): RosterRows => ({
  holdings: [],
  vacancies: [],
  trainingDays: [],
  leadingGroup: null,
  lastUpdatedAt: null,
  ...overrides,
});

describe(rosterState.name, () => {
  it.each([
    ['the day before the first holder', '2020-12-31', true, null],
    ['the first day held', '2021-01-01', false, null],
    ['the last day held', '2021-06-30', false, null],
    ['the day after the last day', '2021-07-01', true, '2021-07-01'],
  ])('on %s (%s) the post is vacant=%s since %s', (_, day, vacant, since) => {
    const sut = rosterState(
      [requirement()],
      rows({ holdings: [holding({ fromDate: '2021-01-01', untilDate: '2021-06-30' })] }),
      day,
      2021,
    );
    expect(sut.posts[0]).toMatchObject({ vacant, vacantSince: since });
  });

  it('dates a shortfall below a minimum of two from the day the second holder left', () => {
    const sut = rosterState(
      [requirement({ minCount: 2 })],
      rows({
        holdings: [
          holding({ fromDate: '2020-01-01' }),
          holding({ fromDate: '2020-03-01', untilDate: '2022-04-30' }),
        ],
      }),
      '2022-05-10',
      2022,
    );
    expect(sut.posts[0]).toMatchObject({ vacant: true, vacantSince: '2022-05-01', daysVacant: 9 });
  });

  it('uses the declared "vacant since" only for a post no recorded holder ever filled', () => {
    const declared = rows({ vacancies: [{ postKey: 'dedicatedStaff', since: '2019-09-01' }] });
    expect(rosterState([requirement()], declared, '2019-08-31', 2019).posts[0]?.vacantSince).toBe(
      null,
    );
    expect(rosterState([requirement()], declared, '2019-09-02', 2019).posts[0]).toMatchObject({
      vacantSince: '2019-09-01',
      daysVacant: 1,
    });
    const left = rows({
      vacancies: [{ postKey: 'dedicatedStaff', since: '2019-09-01' }],
      holdings: [holding({ fromDate: '2019-10-01', untilDate: '2020-02-28' })],
    });
    expect(rosterState([requirement()], left, '2020-03-02', 2020).posts[0]?.vacantSince).toBe(
      '2020-02-29',
    );
  });

  it('counts distinct staff, full-time when full-time anywhere, and unnamed prefilled people apart', () => {
    const sut = rosterState(
      [requirement(), requirement({ postKey: 'liaison', fullTimeRequired: false, sortOrder: 2 })],
      rows({
        holdings: [
          holding({ holderName: '张三', fullTime: true }),
          holding({ postKey: 'liaison', holderName: '张三', fullTime: false }),
          holding({ postKey: 'liaison', holderName: '', fullTime: false }),
          holding({ postKey: 'liaison', holderName: '', fullTime: false }),
          holding({ postKey: 'leaderInCharge', holderName: '局长', fullTime: false }),
        ],
      }),
      '2023-01-01',
      2023,
    );
    expect([sut.fullTimeStaff, sut.partTimeStaff]).toEqual([1, 2]);
  });

  it('reads the leading group and the trainings of the statistics year', () => {
    const at = (day: string) =>
      rosterState(
        [],
        rows({
          leadingGroup: { establishedOn: '2021-03-01', dissolvedOn: '2023-01-01' },
          trainingDays: ['2022-05-01', '2022-11-30', '2023-01-05'],
        }),
        day,
        2022,
      );
    expect(at('2021-02-28').leadingGroup).toBe(false);
    expect(at('2022-12-31')).toMatchObject({ leadingGroup: true, trainingsInYear: 2 });
    expect(at('2023-01-01').leadingGroup).toBe(false);
    expect(rosterState([], rows(), '2023-01-01', 2022).leadingGroup).toBeNull();
  });

  it('gives no summary without a roster, so the report’s prose is used instead', () => {
    expect(toRosterSummary(rosterState([requirement()], rows(), '2023-01-01', 2023))).toBeNull();
    const later = rows({ holdings: [holding({ fromDate: '2024-01-01' })] });
    expect(toRosterSummary(rosterState([requirement()], later, '2023-12-31', 2023))).toBeNull();
    const summary = toRosterSummary(rosterState([requirement()], later, '2024-01-02', 2023));
    expect(summary?.posts[0]).toMatchObject({ holders: 1, fullTimeHolders: 1, vacantSince: null });
  });
});

describe(requirementsFor.name, () => {
  it('takes the most specific row of each post for the organization', () => {
    const sut = requirementsFor(
      [
        requirement({ minCount: 1 }),
        requirement({ minCount: 2, organizationLevel: OrganizationLevel.DEPARTMENT }),
        requirement({ minCount: 3, organizationKind: '公安局' }),
        requirement({ postKey: 'liaison', organizationLevel: OrganizationLevel.TOWNSHIP }),
      ],
      { level: OrganizationLevel.DEPARTMENT, kind: '教育局' },
    );
    expect(sut.map((r) => [r.postKey, r.minCount])).toEqual([['dedicatedStaff', 2]]);
    const police = requirementsFor(
      [
        requirement({ minCount: 2, organizationLevel: OrganizationLevel.DEPARTMENT }),
        requirement({ minCount: 3, organizationKind: '公安局' }),
      ],
      { level: OrganizationLevel.DEPARTMENT, kind: '公安局' },
    );
    expect(police[0]?.minCount).toBe(3);
  });
});

import { createTestApp, type TestApp } from './test-app';
import {
  act,
  clone,
  codeOf,
  gqlOk,
  makeReport,
  saveDraft,
  start,
  submitted,
  buildWorld,
  type World,
} from './support/world';

const FINDINGS = `query($r: ID!, $g: ID!) { findingsByRule(roundId: $r, regionId: $g) {
  roundId regionId reportCount rules { ruleId severity findings submissions descriptionZh } } }`;
const TREND = `query($g: ID!, $s: Boolean) { roundTrend(regionId: $g, withScores: $s) {
  roundId year expected submitted onTime approved submittedRate onTimeRate approvedRate
  averageScore scoredCount } }`;
const MATRIX = `query($r: ID!, $g: ID!, $l: Int) { flagMatrix(roundId: $r, regionId: $g, limit: $l) {
  flaggedCount flagTypes { flagId severity labelZh organizations }
  rows { organizationId organizationName errorCount warningCount infoCount counts } } }`;
const CHOICES = `query($r: ID!, $g: ID!) { peerGroups(roundId: $r, regionId: $g) { value count }
  departmentTypes(roundId: $r, regionId: $g) { value count } }`;

type RuleCount = { ruleId: string; severity: string; findings: number; submissions: number };
type Matrix = {
  flagMatrix: {
    flaggedCount: number;
    flagTypes: { flagId: string; severity: string; organizations: number }[];
    rows: {
      organizationId: string;
      errorCount: number;
      warningCount: number;
      counts: number[];
    }[];
  };
};

describe('overview: findings by rule, trend, flag matrix, filter choices, template', () => {
  let sut: TestApp;
  let w: World;
  const versionIds: Record<string, string> = {};

  beforeAll(async () => {
    sut = await createTestApp();
    w = await buildWorld(sut);
    const a1 = await submitted(w, 'bureauA1', w.org.deptA1.id, '甲县科学技术局', 7);
    const b1 = await submitted(w, 'bureauB1', w.org.deptB1.id, '乙县科学技术局', 7);
    versionIds.deptA1 = a1.submittedVersionId!;
    versionIds.deptB1 = b1.submittedVersionId!;
    // Warnings only: prose contradicts the table, no staff.
    const s = await start(w, 'bureauA2', w.org.deptA2.id);
    const broken = clone(makeReport(8, 2023, '甲县教育局'));
    broken.staffing = { leadingGroup: false, dedicatedStaff: 0, partTimeStaff: 1, trainings: 0 };
    broken.facts = { ...broken.facts, applicationsReceived: 5000 };
    const saved = await saveDraft(w, 'bureauA2', s.id, s.revision, broken);
    if (saved.errors) throw new Error(JSON.stringify(saved.errors));
    const sent = await act(
      w,
      'bureauA2',
      'submitSubmission',
      { submissionId: s.id, expectedRevision: saved.data!.saveDraft.revision },
      'SubmitInput',
    );
    if (sent.errors) throw new Error(JSON.stringify(sent.errors));
    versionIds.deptA2 = sent.data!.submitSubmission!.submittedVersionId!;
    // One report in 2022, for the trend.
    await submitted(w, 'bureauA1', w.org.deptA1.id, '甲县科学技术局', 3, w.round2022.id, 2022);
  }, 120_000);

  afterAll(async () => {
    await sut.close();
  });

  /** Findings of the given versions counted in the test, through the version API. */
  async function expectedCounts(ids: string[]): Promise<Map<string, RuleCount>> {
    const out = new Map<string, RuleCount>();
    for (const id of ids) {
      const data = await gqlOk<{
        submissionVersion: { findings: { rule: string; severity: string }[] };
      }>(
        sut,
        `query($id: ID!) { submissionVersion(id: $id) { findings { rule severity } } }`,
        { id },
        w.cookie.admin,
      );
      const seen = new Set<string>();
      for (const f of data.submissionVersion.findings) {
        const key = `${f.rule}|${f.severity}`;
        const entry = out.get(key) ?? {
          ruleId: f.rule,
          severity: f.severity,
          findings: 0,
          submissions: 0,
        };
        entry.findings += 1;
        if (!seen.has(key)) entry.submissions += 1;
        seen.add(key);
        out.set(key, entry);
      }
    }
    return out;
  }

  it('counts the stored findings of the subtree’s reports by rule and severity', async () => {
    const city = await gqlOk<{ findingsByRule: { reportCount: number; rules: RuleCount[] } }>(
      sut,
      FINDINGS,
      { r: w.round2023.id, g: w.org.city.id },
      w.cookie.supervisor,
    );
    const expected = await expectedCounts([
      versionIds.deptA1!,
      versionIds.deptB1!,
      versionIds.deptA2!,
    ]);
    expect(city.findingsByRule.reportCount).toBe(3);
    expect(city.findingsByRule.rules.length).toBeGreaterThan(0);
    expect(
      city.findingsByRule.rules.map(({ ruleId, severity, findings, submissions }) => ({
        ruleId,
        severity,
        findings,
        submissions,
      })),
    ).toEqual(expect.arrayContaining([...expected.values()]));
    expect(city.findingsByRule.rules).toHaveLength(expected.size);
    const findings = city.findingsByRule.rules.map((r) => r.findings);
    expect(findings).toEqual([...findings].sort((a, b) => b - a));

    const countyA = await gqlOk<{ findingsByRule: { reportCount: number; rules: RuleCount[] } }>(
      sut,
      FINDINGS,
      { r: w.round2023.id, g: w.org.countyA.id },
      w.cookie.reviewerA,
    );
    expect(countyA.findingsByRule.reportCount).toBe(2);
    const expectedA = await expectedCounts([versionIds.deptA1!, versionIds.deptA2!]);
    expect(countyA.findingsByRule.rules).toHaveLength(expectedA.size);
    const countyB = await gqlOk<{ findingsByRule: { reportCount: number; rules: RuleCount[] } }>(
      sut,
      FINDINGS,
      { r: w.round2023.id, g: w.org.countyB.id },
      w.cookie.reviewer,
    );
    expect(countyB.findingsByRule.reportCount).toBe(1);
  });

  it('lists behind each bar of findings by rule exactly the reports it counted', async () => {
    const city = await gqlOk<{ findingsByRule: { rules: RuleCount[] } }>(
      sut,
      FINDINGS,
      { r: w.round2023.id, g: w.org.city.id },
      w.cookie.supervisor,
    );
    expect(city.findingsByRule.rules.length).toBeGreaterThan(0);
    for (const rule of city.findingsByRule.rules) {
      const listed = await gqlOk<{ submissions: { totalCount: number } }>(
        sut,
        `query($r: ID!, $g: ID!, $rule: String) {
           submissions(roundId: $r, withinId: $g, rule: $rule, first: 100) { totalCount } }`,
        { r: w.round2023.id, g: w.org.city.id, rule: rule.ruleId },
        w.cookie.supervisor,
      );
      expect({ rule: rule.ruleId, reports: listed.submissions.totalCount }).toEqual({
        rule: rule.ruleId,
        reports: rule.submissions,
      });
    }
    const none = await gqlOk<{ submissions: { totalCount: number } }>(
      sut,
      `query($r: ID!, $rule: String) { submissions(roundId: $r, rule: $rule) { totalCount } }`,
      { r: w.round2023.id, rule: 'legacy.channelsSum' },
      w.cookie.supervisor,
    );
    expect(none.submissions.totalCount).toBe(0);
    const bad = await sut.graphql(
      `query($r: ID!) { submissions(roundId: $r, rule: "x'; drop") { totalCount } }`,
      { r: w.round2023.id },
      w.cookie.supervisor,
    );
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
  });

  it('gives one trend point per open year with the round stats’ figures and average scores', async () => {
    const data = await gqlOk<{
      roundTrend: {
        roundId: string;
        year: number;
        expected: number;
        submitted: number;
        onTime: number;
        approved: number;
        averageScore: number | null;
        scoredCount: number | null;
      }[];
    }>(sut, TREND, { g: w.org.city.id, s: true }, w.cookie.supervisor);
    // 2024 is planned: no point.
    expect(data.roundTrend.map((p) => p.year)).toEqual([2022, 2023]);
    const [y2022, y2023] = data.roundTrend;
    expect(y2022!.submitted).toBe(1);
    expect(y2023!.submitted).toBe(3);
    for (const point of data.roundTrend) {
      const stats = await gqlOk<{
        roundStats: { expected: number; submitted: number; onTime: number; approved: number };
      }>(
        sut,
        `query($r: ID!, $n: ID!) { roundStats(roundId: $r, nodeId: $n) { expected submitted onTime approved } }`,
        { r: point.roundId, n: w.org.city.id },
        w.cookie.supervisor,
      );
      expect({
        expected: point.expected,
        submitted: point.submitted,
        onTime: point.onTime,
        approved: point.approved,
      }).toEqual(stats.roundStats);
    }
    const ranking = await gqlOk<{ ranking: { edges: { node: { score: number | null } }[] } }>(
      sut,
      `query($i: RankingInput!) { ranking(input: $i) { edges { node { score } } } }`,
      { i: { roundId: w.round2023.id, regionId: w.org.city.id, first: 100 } },
      w.cookie.supervisor,
    );
    const scores = ranking.ranking.edges
      .map((e) => e.node.score)
      .filter((s): s is number => s !== null);
    expect(y2023!.scoredCount).toBe(scores.length);
    expect(y2023!.averageScore).toBeCloseTo(scores.reduce((a, b) => a + b, 0) / scores.length, 1);

    const without = await gqlOk<{ roundTrend: { averageScore: number | null }[] }>(
      sut,
      TREND,
      { g: w.org.countyA.id },
      w.cookie.reviewerA,
    );
    expect(without.roundTrend.every((p) => p.averageScore === null)).toBe(true);
  });

  it('lays out the scoring module’s flags as organizations × flag types, the worst first', async () => {
    const data = await gqlOk<Matrix>(
      sut,
      MATRIX,
      { r: w.round2023.id, g: w.org.city.id, l: 50 },
      w.cookie.supervisor,
    );
    const flags = await gqlOk<{
      flags: { edges: { node: { flagId: string; organizationId: string; severity: string } }[] };
    }>(
      sut,
      `query($i: FlagsInput!) { flags(input: $i) { edges { node { flagId severity organizationId } } } }`,
      { i: { roundId: w.round2023.id, regionId: w.org.city.id, first: 100 } },
      w.cookie.supervisor,
    );
    const m = data.flagMatrix;
    const flagged = new Set(flags.flags.edges.map((e) => e.node.organizationId));
    expect(m.flaggedCount).toBe(flagged.size);
    expect(m.rows).toHaveLength(flagged.size);
    // Every cell equals the number of such flags the flags query lists.
    for (const row of m.rows) {
      m.flagTypes.forEach((type, j) => {
        const n = flags.flags.edges.filter(
          (e) => e.node.organizationId === row.organizationId && e.node.flagId === type.flagId,
        ).length;
        expect(row.counts[j]).toBe(n);
      });
    }
    for (const type of m.flagTypes)
      expect(type.organizations).toBe(
        new Set(
          flags.flags.edges
            .filter((e) => e.node.flagId === type.flagId)
            .map((e) => e.node.organizationId),
        ).size,
      );
    // Worst first: errors, then warnings.
    const keys = m.rows.map((r) => r.errorCount * 1000 + r.warningCount);
    expect(keys).toEqual([...keys].sort((a, b) => b - a));
    const notSubmitted = m.flagTypes.findIndex((t) => t.flagId === 'timeliness.notSubmitted');
    expect(notSubmitted).toBeGreaterThanOrEqual(0);
    const cityDept = m.rows.find((r) => r.organizationId === w.org.cityDept.id)!;
    expect(cityDept.counts[notSubmitted]).toBe(1);
    expect(cityDept.errorCount).toBeGreaterThan(0);

    const one = await gqlOk<Matrix>(
      sut,
      MATRIX,
      { r: w.round2023.id, g: w.org.city.id, l: 1 },
      w.cookie.reviewer,
    );
    expect(one.flagMatrix.rows).toEqual([m.rows[0]]);
    expect(one.flagMatrix.flaggedCount).toBe(m.flaggedCount);
    const tooMany = await sut.graphql(
      MATRIX,
      { r: w.round2023.id, g: w.org.city.id, l: 5000 },
      w.cookie.supervisor,
    );
    expect(codeOf(tooMany)).toBe('BAD_USER_INPUT');
  });

  it('lists the ranking’s peer groups and department types with counts', async () => {
    const data = await gqlOk<{
      peerGroups: { value: string; count: number }[];
      departmentTypes: { value: string; count: number }[];
    }>(sut, CHOICES, { r: w.round2023.id, g: w.org.city.id }, w.cookie.supervisor);
    expect(data.departmentTypes).toEqual([
      { value: '科技局', count: 2 },
      // zh-CN collation: 财 (cái) before 教 (jiào).
      { value: '财政局', count: 1 },
      { value: '教育局', count: 1 },
    ]);
    expect(data.peerGroups.length).toBeGreaterThan(0);
    const ranking = await gqlOk<{ ranking: { totalCount: number } }>(
      sut,
      `query($i: RankingInput!) { ranking(input: $i) { totalCount } }`,
      { i: { roundId: w.round2023.id, regionId: w.org.city.id, first: 100 } },
      w.cookie.supervisor,
    );
    expect(data.peerGroups.reduce((sum, c) => sum + c.count, 0)).toBe(ranking.ranking.totalCount);
    const group = data.peerGroups[0]!;
    const filtered = await gqlOk<{ ranking: { totalCount: number } }>(
      sut,
      `query($i: RankingInput!) { ranking(input: $i) { totalCount } }`,
      {
        i: { roundId: w.round2023.id, regionId: w.org.city.id, peerGroup: group.value, first: 100 },
      },
      w.cookie.supervisor,
    );
    expect(filtered.ranking.totalCount).toBe(group.count);
  });

  it('refuses bureaus and nodes outside the caller’s area', async () => {
    const calls: [string, Record<string, unknown>][] = [
      [FINDINGS, { r: w.round2023.id, g: w.org.countyA.id }],
      [TREND, { g: w.org.countyA.id }],
      [MATRIX, { r: w.round2023.id, g: w.org.countyA.id }],
      [CHOICES, { r: w.round2023.id, g: w.org.countyA.id }],
    ];
    for (const [query, variables] of calls) {
      const bureau = await sut.graphql(query, variables, w.cookie.bureauA1);
      expect(codeOf(bureau)).toBe('FORBIDDEN');
      expect(bureau.data ?? null).toBeNull();
      const outside = await sut.graphql(
        query,
        { ...variables, g: w.org.countyB.id },
        w.cookie.reviewerA,
      );
      expect(codeOf(outside)).toBe('FORBIDDEN');
      expect(outside.data ?? null).toBeNull();
      const anonymous = await sut.graphql(query, variables);
      expect(codeOf(anonymous)).toBe('UNAUTHENTICATED');
    }
  });
});

import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Actor } from '../../src/common/actor';
import { Role } from '../../src/common/permissions';
import {
  figures,
  type RoundStats,
  type RoundStatsFigures,
} from '../../src/modules/submissions/submission-stats.service';
import type { SubmissionsService } from '../../src/modules/submissions/submissions.service';

export type Org = {
  id: string;
  parentId: string | null;
  path: string;
  level: 'PROVINCE' | 'CITY' | 'COUNTY' | 'DEPARTMENT';
  reports: boolean;
  activeFrom: number | null;
  activeTo: number | null;
};

/** Every case `figures()` tells apart, cycled over the bodies and rounds. */
export const CASES = [
  'none',
  'draft',
  'onTime',
  'late',
  'lastSecond',
  'firstSecondAfter',
  'lateButExtended',
  'lateAfterExtension',
  'returned',
  'resubmittedLate',
  'approved',
  'published',
  'approvedWithGaps',
  'submittedWithErrors',
  'extendedMissing',
  'submittedNoVersion',
  'returnedNewDraft',
] as const;

export const GOVERNMENT = new Set(['PROVINCE', 'CITY', 'COUNTY']);

export function admin(root: Org): Actor {
  return {
    userId: randomUUID(),
    username: 'overview-sql-admin',
    role: Role.ADMIN,
    organizationId: root.id,
    organizationPath: root.path,
    sessionId: randomUUID(),
  };
}

/** The former `roundStats`: `figures()` over `latestForSubtree`, children by path in Node. */
export async function reference(
  submissions: SubmissionsService,
  roundId: string,
  node: Org,
): Promise<RoundStats> {
  const { round, rows } = await submissions.latestForSubtree(roundId, node.id);
  const childIds = [
    ...new Set(
      rows
        .map((r) => r.organization.path.slice(node.path.length).split('/')[0])
        .filter((id): id is string => !!id),
    ),
  ];
  const children = childIds.map((id) =>
    figures(
      id,
      rows.filter((r) => r.organization.path.startsWith(`${node.path}${id}/`)),
    ),
  );
  return { roundId: round.id, ...figures(node.id, rows), children };
}

export type OverviewPopulation = {
  orgs: Org[];
  rounds: { id: string; year: number; scope: Org; status: string }[];
  province: Org;
  cities: Org[];
};

/**
 * A province of three cities (one a grouping node) with departments and counties, rounds of
 * 2020–2024, and every case `figures()` tells apart cycled over the bodies and rounds, written
 * directly in one transaction.
 */
export async function seedOverviewPopulation(db: DataSource): Promise<OverviewPopulation> {
  const orgs: Org[] = [];
  const rounds: OverviewPopulation['rounds'] = [];
  function add(parent: Org | null, level: Org['level'], extra: Partial<Org> = {}): Org {
    const id = randomUUID();
    const org: Org = {
      id,
      parentId: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      level,
      reports: true,
      activeFrom: null,
      activeTo: null,
      ...extra,
    };
    orgs.push(org);
    return org;
  }
  const province = add(null, 'PROVINCE');
  const cities = [1, 2, 3].map(() => add(province, 'CITY'));
  // City 3 has no office of its own that reports (a grouping node), and a grouping county.
  cities[2]!.reports = false;
  for (const [c, city] of cities.entries()) {
    for (let d = 0; d < 3; d += 1) add(city, 'DEPARTMENT');
    for (let k = 0; k < 2; k += 1) {
      const county = add(city, 'COUNTY', c === 2 && k === 1 ? { reports: false } : {});
      for (let d = 0; d < 9; d += 1)
        add(county, 'DEPARTMENT', {
          // closed after 2021, opened in 2023: absent from some rounds' rosters
          activeTo: d === 7 ? 2021 : null,
          activeFrom: d === 8 ? 2023 : null,
        });
    }
  }
  // Rounds: the province's for 2021–2023 (and a planned 2024), cities 1 and 2 alone in 2020.
  for (const [year, scope, status] of [
    [2020, cities[0]!, 'CLOSED'],
    [2020, cities[1]!, 'OPEN'],
    [2021, province, 'CLOSED'],
    [2022, province, 'CLOSED'],
    [2023, province, 'OPEN'],
    [2024, province, 'PLANNED'],
  ] as const)
    rounds.push({ id: randomUUID(), year, scope, status });

  await db.transaction(async (m) => {
    for (const o of [...orgs].sort((a, b) => a.path.length - b.path.length))
      await m.query(
        `INSERT INTO organizations (id, code, name, level, parent_id, path, reports,
                                    active_from_year, active_to_year, revision)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1)`,
        [
          o.id,
          `osql-${o.id}`,
          `机构${o.id.slice(0, 6)}`,
          o.level,
          o.parentId,
          o.path,
          o.reports,
          o.activeFrom,
          o.activeTo,
        ],
      );
    for (const r of rounds)
      await m.query(
        `INSERT INTO rounds (id, year, template, scope_organization_id, status,
                             department_deadline, government_deadline, revision)
         VALUES ($1, $2, '2021', $3, $4, $5, $6, 1)`,
        [r.id, r.year, r.scope.id, r.status, `${r.year + 1}-01-31`, `${r.year + 1}-03-31`],
      );
    let n = 0;
    for (const r of rounds) {
      for (const o of orgs) {
        const kind = CASES[n++ % CASES.length]!;
        const deadline = GOVERNMENT.has(o.level) ? `${r.year + 1}-03-31` : `${r.year + 1}-01-31`;
        const at = (offsetDays: number, time = '10:00:00') => {
          const d = new Date(`${deadline}T00:00:00Z`);
          d.setUTCDate(d.getUTCDate() + offsetDays);
          return `${d.toISOString().slice(0, 10)}T${time}+08:00`;
        };
        if (
          kind === 'lateButExtended' ||
          kind === 'lateAfterExtension' ||
          kind === 'extendedMissing'
        )
          await m.query(
            `INSERT INTO round_extensions (round_id, organization_id, deadline, reason)
             VALUES ($1, $2, $3, '延期')`,
            [r.id, o.id, at(kind === 'lateAfterExtension' ? 3 : 10).slice(0, 10)],
          );
        if (kind === 'none' || kind === 'extendedMissing') continue;
        const first: string | null = {
          draft: null,
          onTime: at(-3),
          late: at(5),
          lastSecond: at(0, '23:59:59'),
          firstSecondAfter: at(1, '00:00:00'),
          lateButExtended: at(6),
          lateAfterExtension: at(6),
          returned: at(-1),
          resubmittedLate: at(2),
          approved: at(-10),
          published: at(-20),
          approvedWithGaps: at(-2),
          submittedWithErrors: at(4),
          submittedNoVersion: at(-4),
          returnedNewDraft: at(-5),
        }[kind];
        const status =
          {
            draft: 'DRAFT',
            returned: 'RETURNED',
            returnedNewDraft: 'RETURNED',
            resubmittedLate: 'RESUBMITTED',
            approved: 'APPROVED',
            approvedWithGaps: 'APPROVED',
            published: 'PUBLISHED',
          }[kind as string] ?? 'SUBMITTED';
        const submissionId = randomUUID();
        const submittedVersion = randomUUID();
        const draftVersion = randomUUID();
        const hasSubmitted = first !== null && kind !== 'submittedNoVersion';
        const hasDraft = !hasSubmitted || kind === 'returnedNewDraft';
        await m.query(
          `INSERT INTO submissions (id, round_id, organization_id, status, current_version_id,
                                    submitted_version_id, version_count, first_submitted_at,
                                    last_submitted_at, revision)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, 1)`,
          [
            submissionId,
            r.id,
            o.id,
            status,
            hasDraft ? draftVersion : submittedVersion,
            hasSubmitted ? submittedVersion : null,
            (hasSubmitted ? 1 : 0) + (hasDraft ? 1 : 0),
            first,
          ],
        );
        const version = (id: string, number: number, gaps: number, errors: number) =>
          m.query(
            `INSERT INTO submission_versions (id, submission_id, number, source, report, findings,
               summary, error_count, warning_count, info_count, gap_count, content_hash)
             VALUES ($1, $2, $3, 'MANUAL', '{}', '[]', '{}', $4, 0, 0, $5, $6)`,
            [id, submissionId, number, errors, gaps, id.replace(/-/g, '').padEnd(64, '0')],
          );
        if (hasSubmitted)
          await version(
            submittedVersion,
            1,
            kind === 'approvedWithGaps' ? 2 : 0,
            kind === 'submittedWithErrors' ? 1 : 0,
          );
        // a draft after a return carries gaps: completeness reads the submitted version
        if (hasDraft) await version(draftVersion, hasSubmitted ? 2 : 1, hasSubmitted ? 3 : 0, 0);
      }
    }
  });
  return { orgs, rounds, province, cities };
}

/** The trend point `roundTrend` gives for a year's figures (without scores). */
export const trendPoint = (year: number, roundId: string, f: RoundStatsFigures) => ({
  roundId,
  year,
  expected: f.expected,
  submitted: f.submitted,
  onTime: f.onTime,
  approved: f.approved,
  submittedRate: f.submittedRate,
  onTimeRate: f.onTimeRate,
  approvedRate: f.approvedRate,
  averageScore: null,
  scoredCount: null,
});

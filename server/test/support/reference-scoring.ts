import type { AnnualReport, Finding } from '@gongkai/report-model';
import {
  FLAG_CATALOGUE,
  flagAll,
  rank,
  rowContributionPoints,
  shanghaiEndOfDay,
  toShanghaiIso,
  scoreAll,
  type Flag,
  type RankedEntry,
  type RosterSummary,
  type ScoreBoard,
  type ScoringInput,
  type ScoringModel,
  type SubmissionStatus,
} from '@gongkai/scoring';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { escapeLike } from '../../src/common/actor';
import {
  effectiveDeadlineSql,
  expectedInRoundSql,
} from '../../src/modules/rounds/round-deadline.sql';
import { FrozenRowsStore } from '../../src/modules/scoring/frozen-rows.store';
import { refDigest, type InputRef } from '../../src/modules/scoring/input-ref';
import type { RankingRow } from '../../src/modules/scoring/ranking-row';
import { RankingService } from '../../src/modules/scoring/ranking.service';
import { ScoringModelsService } from '../../src/modules/scoring/scoring-models.service';
import {
  ROSTER_SUMMARY_PROVIDER,
  type RosterSummaryProvider,
} from '../../src/modules/scoring/scoring-source.reader';

/**
 * The definition the SQL paths are tested against: a round's `ScoringInput`s read from the whole
 * reports (this year's submitted version and last year's, prose included), scored, ranked,
 * explained and flagged by `@gongkai/scoring` itself, in memory. Test data only.
 */

/** One expected organization of a round: its input and its input by reference. */
export type ReferenceItem = { readonly input: ScoringInput; readonly ref: InputRef };

/** A round scored by the package. Board rows are ordered by name (zh-CN), then id. */
export type ReferenceRound = {
  readonly items: readonly ReferenceItem[];
  readonly board: ScoreBoard;
  readonly model: ScoringModel;
  readonly asOf: string;
  readonly flags: ReadonlyMap<string, readonly Flag[]>;
};

type Row = {
  id: string;
  name: string;
  path: string;
  kind: string | null;
  peer_group: string | null;
  level: string;
  parent_name: string | null;
  parent_level: string | null;
  deadline: string;
  status: string | null;
  first_submitted_at: Date | null;
  last_submitted_at: Date | null;
  returned_at: Date | null;
  version_id: string | null;
  report: AnnualReport | null;
  findings: Finding[] | null;
  previous_version_id: string | null;
  previous_report: AnnualReport | null;
  previous_errors: number | null;
  previous_warnings: number | null;
};

/**
 * Expected organizations of the round with their submission state, effective deadline, when
 * they were last returned, the submitted version (whole report, stored findings) and last
 * year's version (the one the cross-year rules compared with, else the previous round's
 * submitted version).
 */
const SOURCE_SQL = `
SELECT o.id, o.name, o.path, o.kind, o.peer_group, o.level::text AS level,
       p.name AS parent_name, p.level::text AS parent_level,
       ${effectiveDeadlineSql('r', 'o', 'x')}::text AS deadline,
       s.status::text AS status, s.first_submitted_at, s.last_submitted_at,
       ret.returned_at,
       v.id AS version_id, v.report, v.findings,
       pv.id AS previous_version_id, pv.report AS previous_report,
       pv.error_count AS previous_errors, pv.warning_count AS previous_warnings
  FROM rounds r
  JOIN organizations o ON o.path LIKE $2 AND ${expectedInRoundSql('r', 'o')}
  LEFT JOIN organizations p ON p.id = o.parent_id
  LEFT JOIN round_extensions x ON x.round_id = r.id AND x.organization_id = o.id
  LEFT JOIN submissions s ON s.round_id = r.id AND s.organization_id = o.id
  LEFT JOIN submission_versions v ON v.id = s.submitted_version_id
  LEFT JOIN rounds pr ON pr.scope_organization_id = r.scope_organization_id AND pr.year = r.year - 1
  LEFT JOIN submissions ps ON ps.round_id = pr.id AND ps.organization_id = o.id
  LEFT JOIN submission_versions pv
    ON pv.id = COALESCE(v.previous_year_version_id, ps.submitted_version_id)
  LEFT JOIN LATERAL (
        SELECT max(a.created_at) AS returned_at
          FROM audit_events a
         WHERE a.submission_id = s.id AND a.to_status = 'RETURNED'
       ) ret ON s.status = 'RETURNED'
 WHERE r.id = $1`;

const STATUS: Readonly<Record<string, SubmissionStatus>> = {
  DRAFT: 'draft',
  SUBMITTED: 'submitted',
  RETURNED: 'returned',
  RESUBMITTED: 'resubmitted',
  APPROVED: 'approved',
  PUBLISHED: 'published',
};

const collator = new Intl.Collator('zh-CN');
const instant = (value: Date | null) => (value === null ? null : toShanghaiIso(value.getTime()));

function rosterProvider(app: INestApplicationContext): RosterSummaryProvider | null {
  try {
    return app.get<RosterSummaryProvider>(ROSTER_SUMMARY_PROVIDER, { strict: false });
  } catch {
    return null;
  }
}

function item(row: Row, roster: RosterSummary | null): ReferenceItem {
  const regionPath = row.path.split('/').filter((segment) => segment !== '');
  const own = row.level.toLowerCase();
  const peerGroup =
    row.peer_group ?? (row.parent_level ? `${row.parent_level.toLowerCase()}-${own}` : own);
  const deadline = shanghaiEndOfDay(row.deadline);
  const firstSubmittedAt = instant(row.first_submitted_at);
  const lastSubmittedAt = instant(row.last_submitted_at);
  const returnedAt = instant(row.returned_at);
  const ref: InputRef = {
    organizationId: row.id,
    organizationName: row.name,
    regionName: row.parent_name,
    regionPath,
    peerGroup,
    departmentType: row.kind,
    deadline,
    status: row.status,
    firstSubmittedAt,
    lastSubmittedAt,
    returnedAt,
    versionId: row.version_id,
    previousVersionId: row.previous_version_id,
    roster,
  };
  const input: ScoringInput = {
    organizationId: row.id,
    peerGroup,
    regionPath,
    deadline,
    submission:
      row.status === null
        ? null
        : {
            status: STATUS[row.status] ?? 'draft',
            firstSubmittedAt,
            lastSubmittedAt,
            returnedAt,
          },
    report: row.report,
    findings: row.findings ?? [],
    previous: {
      findingCounts:
        row.previous_version_id === null
          ? null
          : { error: row.previous_errors ?? 0, warning: row.previous_warnings ?? 0 },
      report: row.report === null ? null : row.previous_report,
    },
    roster,
  };
  return { input, ref };
}

/** The round's expected organizations, read from the whole reports, ordered by name then id. */
export async function referenceItems(
  app: INestApplicationContext,
  roundId: string,
): Promise<ReferenceItem[]> {
  const dataSource = app.get(DataSource);
  const [scope] = (await dataSource.query(
    `SELECT o.path FROM rounds r JOIN organizations o ON o.id = r.scope_organization_id
      WHERE r.id = $1`,
    [roundId],
  )) as { path: string }[];
  if (!scope) throw new Error(`no round ${roundId}`);
  const rows = (await dataSource.query(SOURCE_SQL, [
    roundId,
    `${escapeLike(scope.path)}%`,
  ])) as Row[];
  const roster = rosterProvider(app);
  const summaries = roster
    ? await roster.summaries(
        roundId,
        rows.map((row) => row.id),
      )
    : null;
  return rows
    .map((row) => item(row, summaries?.get(row.id) ?? null))
    .sort(
      (a, b) =>
        collator.compare(a.ref.organizationName, b.ref.organizationName) ||
        (a.ref.organizationId < b.ref.organizationId ? -1 : 1),
    );
}

/** The round scored and flagged by the package under a model (its id, or the default) at `asOf`. */
export async function referenceRound(
  app: INestApplicationContext,
  roundId: string,
  modelId: string | null = null,
  asOf: Date = new Date(),
): Promise<ReferenceRound> {
  const model = (await app.get(ScoringModelsService).resolve(modelId)).definition;
  const items = await referenceItems(app, roundId);
  const at = toShanghaiIso(asOf.getTime());
  const inputs = items.map((entry) => entry.input);
  const rosterUpdatedSince = (await rosterProvider(app)?.updatedSince?.(roundId)) ?? null;
  return {
    items,
    model,
    asOf: at,
    board: scoreAll(inputs, model, { asOf: at }),
    flags: flagAll(inputs, { asOf: at, rosterUpdatedSince }),
  };
}

/** Row of the board of an organization, or -1. */
export function rowOf(round: ReferenceRound, organizationId: string): number {
  return round.items.findIndex((entry) => entry.ref.organizationId === organizationId);
}

/** Last year's ranks of a population: the previous round's latest published snapshot. */
export async function previousRanks(
  app: INestApplicationContext,
  round: { id: string; scopeOrganizationId: string; year: number },
  regionId: string,
  peerGroup: string | null,
): Promise<ReadonlyMap<string, number> | null> {
  const id = await app.get(RankingService).previousSnapshotId(round as never, regionId, peerGroup);
  return id === null ? null : app.get(FrozenRowsStore).ranks(id);
}

/** A population (region subtree, optional peer group) ranked by the package. */
export function referenceRanking(
  round: ReferenceRound,
  population: {
    regionPath: string;
    peerGroup?: string | null;
    previousRanks?: ReadonlyMap<string, number> | null;
  },
  board: ScoreBoard = round.board,
): RankedEntry[] {
  const regionPrefix = population.regionPath.split('/').filter((segment) => segment !== '');
  return rank(board, {
    filter: {
      regionPrefix,
      ...(population.peerGroup ? { peerGroup: population.peerGroup } : {}),
    },
    ...(population.previousRanks ? { previousRanks: population.previousRanks } : {}),
  });
}

/** A ranked entry as a ranking row: points, flags and submission state from the package. */
export function referenceRow(round: ReferenceRound, entry: RankedEntry): RankingRow {
  const { ref } = round.items[entry.row] as ReferenceItem;
  return {
    organizationId: ref.organizationId,
    organizationName: ref.organizationName,
    regionName: ref.regionName,
    peerGroup: ref.peerGroup,
    departmentType: ref.departmentType,
    rank: entry.rank,
    tied: entry.tied,
    score: entry.score,
    points: rowContributionPoints(round.board, entry.row),
    flags: (round.flags.get(ref.organizationId) ?? []).map((flag) => ({
      id: flag.id,
      severity: flag.severity,
      labelZh: FLAG_CATALOGUE[flag.id].labelZh,
    })),
    status: ref.status,
    firstSubmittedAt: ref.firstSubmittedAt,
    previousRank: entry.previousRank,
    rankChange: entry.rankChange,
  };
}

/** The digest of each organization's inputs by reference, by organization id. */
export function referenceDigests(round: ReferenceRound): Map<string, string> {
  return new Map(round.items.map(({ ref }) => [ref.organizationId, refDigest(ref)]));
}

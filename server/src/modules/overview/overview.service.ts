import { RULE_CATALOGUE } from '@gongkai/report-model';
import { FLAG_CATALOGUE, type FlagId } from '@gongkai/scoring';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Actor, escapeLike, inScope } from '../../common/actor';
import { badInput, forbidden } from '../../common/domain-error';
import { chargeRequest } from '../../common/request-budget';
import { isUuid } from '../../common/uuid';
import { OrganizationsService } from '../organizations';
import { RoundStatus, type RoundRow, RoundsService, inSubtreeSql } from '../rounds';
import { RankingService, RankingFlagsService, ScoreSummariesService } from '../scoring';
import {
  figuresFromRow,
  type FiguresRow,
  figuresSelectSql,
  rosterJoinsSql,
  rosterWithSql,
} from '../submissions';
import type {
  FilterChoice,
  FindingsByRule,
  FlagMatrix,
  FlagMatrixRow,
  RoundTrendPoint,
} from './overview.model';

export const FLAG_MATRIX_MAX_ROWS = 200;

const SEVERITY_ORDER: Record<string, number> = { error: 0, warning: 1, info: 2 };

/** Choices by count (most first), then by value. */
/** Counted choices, most frequent first, then by name (zh-CN). */
function counted(rows: readonly { value: string | null; count: number }[]): FilterChoice[] {
  return rows
    .filter((row) => row.value)
    .map((row) => ({ value: row.value as string, count: row.count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value, 'zh-CN'));
}

const RULE_DESCRIPTIONS = new Map(RULE_CATALOGUE.map((rule) => [rule.id as string, rule]));

function describe(ruleId: string): { zh: string; en: string } | null {
  return RULE_DESCRIPTIONS.get(ruleId)?.description ?? null;
}

/**
 * Figures behind the overview charts: findings by rule, the trend over years, the gap flag
 * matrix and the ranking's filter choices. Everything is read set-based (a fixed number of
 * queries, whatever the number of organizations) from what other modules already compute:
 * stored findings, the submission stats' SQL aggregates, the scoring module's flags.
 */
@Injectable()
export class OverviewService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsService,
    private readonly rounds: RoundsService,
    private readonly rankings: RankingService,
    private readonly rankingFlags: RankingFlagsService,
    private readonly scores: ScoreSummariesService,
  ) {}

  /** Stored findings of the region's reports in the round, counted by rule and severity (one query). */
  async findingsByRule(
    actor: Actor,
    input: { roundId: string; regionId: string },
  ): Promise<FindingsByRule> {
    const { round, region } = await this.rankings.resolveScope(actor, input);
    const prefix = `${escapeLike(region.path)}%`;
    const rows = (await this.dataSource.query(
      `WITH counted AS (
         SELECT v.id, v.findings
           FROM submission_states s
           JOIN organization_directory o ON o.id = s.organization_id
           JOIN submission_reports v
             ON v.id = COALESCE(s.submitted_version_id, s.current_version_id)
          WHERE s.round_id = $1 AND o.path LIKE $2)
       SELECT f->>'rule' AS rule, f->>'severity' AS severity,
              count(f)::int AS findings, count(DISTINCT c.id)::int AS submissions,
              GROUPING(f->>'rule', f->>'severity') <> 0 AS total
         FROM counted c LEFT JOIN LATERAL jsonb_array_elements(c.findings) f ON TRUE
        GROUP BY GROUPING SETS ((f->>'rule', f->>'severity'), ())`,
      [round.id, prefix],
    )) as {
      rule: string | null;
      severity: string | null;
      findings: number;
      submissions: number;
      total: boolean;
    }[];
    const rules = rows
      .filter(
        (r): r is typeof r & { rule: string; severity: string } => !r.total && r.rule !== null,
      )
      .map((r) => {
        const description = describe(r.rule);
        return {
          ruleId: r.rule,
          severity: r.severity,
          findings: r.findings,
          submissions: r.submissions,
          descriptionZh: description?.zh ?? null,
          descriptionEn: description?.en ?? null,
        };
      })
      .sort(
        (a, b) =>
          b.findings - a.findings ||
          (SEVERITY_ORDER[a.severity] ?? 9) - (SEVERITY_ORDER[b.severity] ?? 9) ||
          a.ruleId.localeCompare(b.ruleId),
      );
    return {
      roundId: round.id,
      regionId: region.id,
      reportCount: rows.find((r) => r.total)?.submissions ?? 0,
      rules,
    };
  }

  /**
   * One point per year. A year's rounds are the one closest to the region among those whose scope
   * contains it (counted for the region), else every round scoped inside the region (counted
   * for their scopes together — a province over its cities' rounds). Figures are the submission
   * stats' aggregates (`figuresSelectSql`) computed by PostgreSQL for every year in one statement
   * over the region's subtree; scores, when asked for, the mean of the scoring module's live
   * rankings.
   */
  async roundTrend(
    actor: Actor,
    input: { regionId: string; withScores?: boolean | null },
  ): Promise<RoundTrendPoint[]> {
    if (!isUuid(input.regionId))
      throw badInput('regionId', 'not an organization id', { key: 'common.notAnId' });
    const region = await this.organizations.get(input.regionId);
    if (!inScope(actor, region))
      throw forbidden('the region is outside the area you supervise', {
        key: 'overview.regionOutsideScope',
      });
    const all = (await this.rounds.list(null, {})).filter((r) => r.status !== RoundStatus.PLANNED);
    const scopes = new Map(
      (await this.organizations.findByIds([...new Set(all.map((r) => r.scopeOrganizationId))])).map(
        (o) => [o.id, o],
      ),
    );
    const years = new Map<number, { above: RoundRow | null; below: RoundRow[] }>();
    for (const round of all) {
      const scope = scopes.get(round.scopeOrganizationId);
      if (!scope) continue;
      const year = years.get(round.year) ?? { above: null, below: [] };
      if (region.path.startsWith(scope.path)) {
        const held = year.above ? scopes.get(year.above.scopeOrganizationId) : undefined;
        if (!held || scope.path.length > held.path.length) year.above = round;
      } else if (scope.path.startsWith(region.path)) year.below.push(round);
      else continue;
      years.set(round.year, year);
    }
    // The cost a trend declares: years × organizations of the region (twice with scores),
    // charged before any year is read so that a request asking too much stops here.
    const organizations = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM organization_directory o WHERE ${inSubtreeSql('o', '$1::text')}`,
      [region.path],
    )) as { n: number }[];
    const population = organizations[0]?.n ?? 0;
    chargeRequest(
      years.size * population * (input.withScores ? 2 : 1),
      `roundTrend over ${years.size} years × ${population} organizations`,
    );
    const chosenByYear = [...years.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([year, found]) => ({
        year,
        chosen: found.above
          ? [{ round: found.above, path: region.path }]
          : found.below.map((round) => ({
              round,
              path: scopes.get(round.scopeOrganizationId)!.path,
            })),
      }));
    // Every year's figures in one aggregate over the chosen rounds' rosters (a round and the
    // subtree it is counted over: the region's, or the round's own scope below the region); every
    // such subtree lies in the region's, which is read once.
    const pairs = chosenByYear.flatMap(({ chosen }) => chosen);
    const counted = (await this.dataSource.query(
      `WITH ${rosterWithSql('$3::text', '$1::uuid[]')}
       SELECT r.year, ${figuresSelectSql({ ids: false, complete: false })}
         FROM unnest($1::uuid[], $2::text[]) AS c(round_id, path)
         JOIN round_directory r ON r.id = c.round_id
         ${rosterJoinsSql('c.path', { versions: false })}
        GROUP BY r.year`,
      [pairs.map((p) => p.round.id), pairs.map((p) => p.path), region.path],
    )) as (FiguresRow & { year: number })[];
    const byYear = new Map(counted.map((row) => [row.year, row]));
    // every year's mean score from the rounds' stored results, in one aggregate
    const summaries = input.withScores
      ? await this.scores.summaries(
          actor,
          region,
          pairs.map((pair) => ({
            round: pair.round,
            scopePath: scopes.get(pair.round.scopeOrganizationId)!.path,
          })),
        )
      : null;
    const points: RoundTrendPoint[] = [];
    for (const { year, chosen } of chosenByYear) {
      const f = figuresFromRow(region.id, byYear.get(year));
      let averageScore: number | null = null;
      let scoredCount: number | null = null;
      if (summaries) {
        let count = 0;
        let total = 0;
        for (const { round } of chosen) {
          const summary = summaries.get(round.id);
          count += summary?.scoredCount ?? 0;
          total += summary?.scoreSum ?? 0;
        }
        scoredCount = count;
        averageScore = count === 0 ? null : Math.round((100 * total) / count) / 100;
      }
      points.push({
        roundId: chosen[0]!.round.id,
        year,
        expected: f.expected,
        submitted: f.submitted,
        onTime: f.onTime,
        approved: f.approved,
        submittedRate: f.submittedRate,
        onTimeRate: f.onTimeRate,
        approvedRate: f.approvedRate,
        averageScore,
        scoredCount,
      });
    }
    return points;
  }

  /**
   * Organizations × flag types from the scoring module's flags (never recomputed here), the
   * worst first: most errors, then most warnings, then most flags, then by name.
   */
  async flagMatrix(
    actor: Actor,
    input: { roundId: string; regionId: string; limit?: number | null },
  ): Promise<FlagMatrix> {
    const limit = input.limit ?? 30;
    if (!Number.isInteger(limit) || limit < 1 || limit > FLAG_MATRIX_MAX_ROWS)
      throw badInput('limit', `must be between 1 and ${FLAG_MATRIX_MAX_ROWS}`, {
        key: 'common.limitRange',
        params: { max: FLAG_MATRIX_MAX_ROWS },
      });
    const counted = await this.rankingFlags.flagCounts(actor, {
      roundId: input.roundId,
      regionId: input.regionId,
    });
    const names = new Map<string, string>();
    const perOrganization = new Map<string, Map<string, number>>();
    const severityOf = new Map<string, string>();
    const typeOrgs = new Map<string, Set<string>>();
    for (const flag of counted) {
      names.set(flag.organizationId, flag.organizationName);
      const own = perOrganization.get(flag.organizationId) ?? new Map<string, number>();
      own.set(flag.flagId, (own.get(flag.flagId) ?? 0) + flag.count);
      perOrganization.set(flag.organizationId, own);
      severityOf.set(flag.flagId, flag.severity);
      const orgs = typeOrgs.get(flag.flagId) ?? new Set<string>();
      orgs.add(flag.organizationId);
      typeOrgs.set(flag.flagId, orgs);
    }
    const flagTypes = [...typeOrgs.entries()]
      .map(([flagId, orgs]) => {
        const descriptor = FLAG_CATALOGUE[flagId as FlagId];
        return {
          flagId,
          severity: severityOf.get(flagId) ?? descriptor?.severity ?? 'info',
          labelZh: descriptor?.labelZh ?? flagId,
          labelEn: descriptor?.labelEn ?? flagId,
          organizations: orgs.size,
        };
      })
      .sort(
        (a, b) =>
          (SEVERITY_ORDER[a.severity] ?? 9) - (SEVERITY_ORDER[b.severity] ?? 9) ||
          b.organizations - a.organizations ||
          a.flagId.localeCompare(b.flagId),
      );
    const rows: FlagMatrixRow[] = [...perOrganization.entries()].map(([organizationId, own]) => {
      let errorCount = 0;
      let warningCount = 0;
      let infoCount = 0;
      for (const [flagId, n] of own) {
        const severity = severityOf.get(flagId);
        if (severity === 'error') errorCount += n;
        else if (severity === 'warning') warningCount += n;
        else infoCount += n;
      }
      return {
        organizationId,
        organizationName: names.get(organizationId) ?? organizationId,
        errorCount,
        warningCount,
        infoCount,
        counts: flagTypes.map((type) => own.get(type.flagId) ?? 0),
      };
    });
    rows.sort(
      (a, b) =>
        b.errorCount - a.errorCount ||
        b.warningCount - a.warningCount ||
        b.infoCount - a.infoCount ||
        a.organizationName.localeCompare(b.organizationName, 'zh-CN'),
    );
    return {
      roundId: input.roundId,
      regionId: input.regionId,
      flagTypes,
      rows: rows.slice(0, limit),
      flaggedCount: rows.length,
    };
  }

  /** Peer groups and department types of the region's ranked population, as the ranking filters take them. */
  async filterChoices(
    actor: Actor,
    input: { roundId: string; regionId: string },
  ): Promise<{ peerGroups: FilterChoice[]; departmentTypes: FilterChoice[] }> {
    const { region } = await this.rankings.resolveScope(actor, input);
    // distinct peer groups and department types of the population, counted by PostgreSQL over
    // the round's stored ranking result (a result replaced meanwhile is looked up again)
    for (let attempt = 0; ; attempt += 1) {
      const result = await this.rankings.storedResult(
        actor,
        { ...input, modelId: null },
        new Date(),
      );
      const rows = (await this.dataSource.query(
        `SELECT g.what, g.value, g.count, EXISTS (SELECT 1 FROM ranking_result_headers WHERE id = $1) AS present
           FROM (SELECT 'peerGroup' AS what, x.peer_group AS value, count(*)::int AS count
                   FROM ranking_result_entries x
                  WHERE x.result_id = $1 AND x.path LIKE $2
                  GROUP BY x.peer_group
                 UNION ALL
                 SELECT 'departmentType', o.kind, count(*)::int
                   FROM ranking_result_entries x JOIN organization_directory o ON o.id = x.organization_id
                  WHERE x.result_id = $1 AND x.path LIKE $2 AND o.kind IS NOT NULL
                  GROUP BY o.kind) g
           RIGHT JOIN (SELECT 1) one ON TRUE`,
        [result.id, `${escapeLike(region.path)}%`],
      )) as { what: string | null; value: string | null; count: number; present: boolean }[];
      if (rows[0]?.present === false && attempt < 2) continue;
      const of = (what: string): FilterChoice[] =>
        counted(rows.filter((row) => row.what === what && row.value !== null));
      return { peerGroups: of('peerGroup'), departmentTypes: of('departmentType') };
    }
  }
}

import { buildTemplateWorkbook } from '@gongkai/report-import';
import { toShanghaiIso } from '@gongkai/report-model';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../common/actor';
import { badInput, notFound } from '../../common/domain-error';
import { isUuid } from '../../common/uuid';
import { OrganizationsService } from '../organizations';
import { RoundsService } from '../rounds';
import { SubmissionsService } from '../submissions';
import {
  FrozenRowsStore,
  type RankingRowsPlan,
  RankingSnapshotsService,
  POPULATION_SQL,
  RankingRowsReader,
  RankingService,
  subtreePattern,
  ScoringModelsService,
} from '../scoring';
import type { RankingSheetMeta } from './ranking-columns';
import type { RankingExportJob } from './ranking-export.thread';
import {
  type FindingsPlan,
  frozenFindingsPlan,
  resultFindingsPlan,
} from './ranking-findings.reader';

/**
 * A population of a stored ranking result (`POPULATION_SQL`) reading its parameters from one
 * jsonb parameter: `resultId`, `pattern` (region path pattern), `peerGroup`.
 */
const RESULT_POPULATION_SQL = POPULATION_SQL.replace(/\$1/g, "(($P::jsonb ->> 'resultId')::uuid)")
  .replace(/\$2/g, "($P::jsonb ->> 'pattern')")
  .replace(/\$3/g, "($P::jsonb ->> 'peerGroup')")
  .replace(/\$P/g, '$$1');

/**
 * A ranking sheet ready to write: metadata, and its rows in rank order and its findings as
 * statements any thread with a connection can read (`ExportsService.exportJob`).
 */
export type RankingSheet = {
  readonly meta: RankingSheetMeta;
  readonly rows: RankingRowsPlan;
  readonly findings: FindingsPlan;
  readonly fileBase: string;
  readonly roundId: string;
  readonly regionId: string;
  readonly snapshotId: string | null;
};

/** Assembles ranking sheets and report workbooks (each export is recorded by `ExportLogService`). */
@Injectable()
export class ExportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rankings: RankingService,
    private readonly rankingRows: RankingRowsReader,
    private readonly snapshots: RankingSnapshotsService,
    private readonly frozen: FrozenRowsStore,
    private readonly models: ScoringModelsService,
    private readonly rounds: RoundsService,
    private readonly organizations: OrganizationsService,
    private readonly submissions: SubmissionsService,
  ) {}

  /** The live ranking of a round and region, or a frozen snapshot of it. */
  async rankingSheet(
    actor: Actor,
    query: { roundId?: string; regionId?: string; snapshotId?: string; peerGroup?: string },
  ): Promise<RankingSheet> {
    const roundId = query.roundId ?? '';
    const regionId = query.regionId ?? '';
    if (!isUuid(roundId))
      throw badInput('roundId', 'give the round (roundId)', { key: 'ranking.export.noRound' });
    if (!isUuid(regionId))
      throw badInput('regionId', 'give the region (regionId)', { key: 'ranking.export.noRegion' });
    const { round, region } = await this.rankings.resolveScope(actor, { roundId, regionId });
    const generatedAt = new Date();
    const roundLabel = `${round.year}年度`;
    if (query.snapshotId !== undefined && query.snapshotId !== '') {
      const snapshot = await this.snapshots.get(actor, query.snapshotId);
      if (snapshot.roundId !== round.id || snapshot.regionId !== region.id)
        throw badInput('snapshotId', 'the snapshot ranks another round or region', {
          key: 'ranking.export.snapshotElsewhere',
        });
      const [model, staleness, previous] = await Promise.all([
        this.models.resolve(snapshot.scoringModelId),
        this.snapshots.stale(snapshot),
        this.previousScores(snapshot.previousSnapshotId),
      ]);
      const indicators = this.rankings.indicatorColumnsOf(model.definition);
      return {
        meta: {
          roundLabel,
          regionName: region.name,
          peerGroup: snapshot.peerGroup,
          indicators,
          model: model.definition,
          asOf: snapshot.asOf.toISOString(),
          generatedAt,
          previous,
          snapshot: {
            id: snapshot.id,
            title: snapshot.title,
            status: snapshot.status,
            frozenAt: snapshot.createdAt.toISOString(),
            publishedAt: snapshot.publishedAt?.toISOString() ?? null,
            stale: staleness.stale,
            staleReason: staleness.staleReason,
          },
        },
        rows: this.frozen.plan(snapshot.id),
        findings: frozenFindingsPlan(actor, snapshot.id),
        fileBase: `${roundLabel}${region.name}排名表-快照`,
        roundId: round.id,
        regionId: region.id,
        snapshotId: snapshot.id,
      };
    }
    const peerGroup = query.peerGroup?.trim() || null;
    if (peerGroup !== null && peerGroup.length > 100)
      throw badInput('peerGroup', 'at most 100 characters', { key: 'ranking.peerGroupTooLong' });
    const source = await this.rankingRows.source(actor, { roundId, regionId, peerGroup });
    const previous = await this.previousScores(source.previousSnapshotId);
    return {
      meta: {
        roundLabel,
        regionName: region.name,
        peerGroup,
        indicators: this.rankings.indicatorColumnsOf(source.model.definition),
        model: source.model.definition,
        asOf: toShanghaiIso(source.result.asOf.getTime()),
        generatedAt,
        snapshot: null,
        previous,
      },
      rows: this.rankingRows.plan(source),
      findings: resultFindingsPlan(actor, RESULT_POPULATION_SQL, {
        roundId: round.id,
        resultId: source.result.id,
        pattern: subtreePattern(region.path),
        peerGroup,
      }),
      fileBase: `${roundLabel}${region.name}${peerGroup ? `（${peerGroup}）` : ''}排名表`,
      roundId: round.id,
      regionId: region.id,
      snapshotId: null,
    };
  }

  /** What an export thread (`ExportThreadPool.run`) needs to write `sheet` as `format`. */
  exportJob(sheet: RankingSheet, format: RankingExportJob['format']): RankingExportJob {
    const url = (this.dataSource.options as { url?: unknown }).url;
    if (typeof url !== 'string') throw new Error('exports: the database connection has no URL');
    return {
      format,
      databaseUrl: url,
      meta: sheet.meta,
      rows: sheet.rows,
      findings: format === 'xlsx' ? sheet.findings : null,
    };
  }

  /**
   * Last year's published ranking a sheet compares with: its title, when it was published and
   * each organization's score in it.
   */
  private async previousScores(snapshotId: string | null): Promise<RankingSheetMeta['previous']> {
    if (snapshotId === null) return null;
    const found = (await this.dataSource.query(
      'SELECT title, published_at FROM ranking_snapshot_headers WHERE id = $1',
      [snapshotId],
    )) as { title: string; published_at: Date | null }[];
    const head = found[0];
    if (!head) return null;
    const rows = (await this.dataSource.query(
      'SELECT organization_id, score FROM ranking_snapshot_entries WHERE snapshot_id = $1',
      [snapshotId],
    )) as { organization_id: string; score: number | null }[];
    return {
      title: head.title,
      publishedAt: head.published_at?.toISOString() ?? null,
      scores: new Map(rows.map((row) => [row.organization_id, row.score])),
    };
  }

  /** An organization's report in the official template layout (.xlsx). */
  async reportWorkbook(
    actor: Actor,
    submissionId: string,
  ): Promise<{ bytes: Buffer; fileName: string; organizationId: string; roundId: string }> {
    const submission = await this.submissions.getVisible(actor, submissionId);
    const versionId = submission.submittedVersionId ?? submission.currentVersionId;
    if (versionId === null)
      throw notFound('the submission has no saved report; report', {
        key: 'export.noSavedReport',
      });
    const version = (await this.submissions.visibleVersions(actor, [versionId])).get(versionId);
    if (!version) throw notFound('report');
    const [organization, round] = await Promise.all([
      this.organizations.get(submission.organizationId),
      this.rounds.get(submission.roundId),
    ]);
    const bytes = await buildTemplateWorkbook(version.report.template, version.report);
    return {
      bytes,
      fileName: `${organization.name}-${round.year}年度政府信息公开工作年度报告.xlsx`,
      organizationId: organization.id,
      roundId: round.id,
    };
  }
}

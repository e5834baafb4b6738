import { evaluateDeadline, type Finding, isOnTime, type AnnualReport } from '@gongkai/report-model';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource, type EntityTarget, Repository } from 'typeorm';
import { isUuid } from '../../common/uuid';
import { RawJson } from '../../graphql/raw-json';
import type { RequestLoaders } from '../../graphql/request-loaders';
import { type OrganizationRow, OrganizationsService } from '../organizations';
import { type RoundRow, RoundsService } from '../rounds';
import { FindingJustificationEntity } from './finding-justification.entity';
import { ReportFileEntity } from './report-file.entity';
import { SubmissionVersionEntity } from './submission-version.entity';
import { selectEntities } from '../../database/row-entities';
import type { SubmissionEntity } from './submission.entity';

/** A version's columns but the report JSON (fetched on demand by `versionReportLoader`). */
const WITHOUT_REPORT = ['report'];
/** Neither the report nor what its checks found (`findings`, `summary`). */
const WITHOUT_CHECKS = ['report', 'findings', 'summary'];

/** Reports read as text beside their version (see `versionWithReportByIdLoader`). */
const REPORT_TEXT = new WeakMap<object, RawJson>();

/**
 * The deadline extension of a submission read with it (null: none granted), so that its
 * timeliness needs no statement of its own (see `rememberExtension`).
 */
const EXTENSION = new WeakMap<object, string | null>();

/**
 * Records the extension (`round_extensions.deadline` as text, or null when none) that the
 * statement reading `submission` found for its round and body.
 */
export function rememberExtension(submission: SubmissionEntity, deadline: string | null): void {
  EXTENSION.set(submission, deadline);
}

/** The request-scoped DataLoaders of submissions' fields (their parents are already access-checked). */
@Injectable()
export class SubmissionLoaders {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(FindingJustificationEntity)
    private readonly justifications: Repository<FindingJustificationEntity>,
    @InjectRepository(ReportFileEntity) private readonly files: Repository<ReportFileEntity>,
    private readonly organizations: OrganizationsService,
    private readonly rounds: RoundsService,
  ) {}

  versionByIdLoader(loaders: RequestLoaders): DataLoader<string, SubmissionVersionEntity | null> {
    return this.versionsById(loaders, false);
  }

  /**
   * Versions by id with their report, for a field whose query asks for the report too: in the
   * same statement, as the text PostgreSQL holds, which the answer passes on as it is
   * (`reportTextOf`); the entity's `report` stays unset.
   */
  versionWithReportByIdLoader(
    loaders: RequestLoaders,
  ): DataLoader<string, SubmissionVersionEntity | null> {
    return this.versionsById(loaders, true);
  }

  private versionsById(
    loaders: RequestLoaders,
    withReport: boolean,
  ): DataLoader<string, SubmissionVersionEntity | null> {
    return loaders.get(
      withReport ? 'submission.versionWithReportById' : 'submission.versionById',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const rows = await selectEntities(
            this.dataSource,
            SubmissionVersionEntity,
            'v',
            'WHERE v.id = ANY($1::uuid[])',
            [ids],
            WITHOUT_REPORT,
            withReport ? { report_text: 'v.report::text' } : {},
            withReport
              ? (entity, row) => REPORT_TEXT.set(entity, new RawJson(row.report_text as string))
              : undefined,
          );
          const map = new Map(rows.map((r) => [r.id, r]));
          return ids.map((id) => map.get(id) ?? null);
        }),
    );
  }

  /** The report of a version read by `versionWithReportByIdLoader`, as stored, or undefined. */
  reportTextOf(version: object): RawJson | undefined {
    return REPORT_TEXT.get(version);
  }

  /** A version by id, with its report only when `withReport` (one statement either way). */
  version(
    loaders: RequestLoaders,
    id: string,
    withReport: boolean,
  ): Promise<SubmissionVersionEntity | null> {
    return (
      withReport ? this.versionWithReportByIdLoader(loaders) : this.versionByIdLoader(loaders)
    ).load(id);
  }

  /** The report JSON of versions, loaded only when a client asks for it (lists rarely do). */
  versionReportLoader(loaders: RequestLoaders): DataLoader<string, AnnualReport | null> {
    return loaders.get(
      'submission.versionReport',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const rows = (await this.dataSource.query(
            'SELECT id, report FROM submission_versions WHERE id = ANY($1::uuid[])',
            [ids.filter(isUuid)],
          )) as { id: string; report: AnnualReport }[];
          const map = new Map(rows.map((r) => [r.id, r.report]));
          return ids.map((id) => map.get(id) ?? null);
        }),
    );
  }

  /**
   * A submission's versions, oldest first. `withChecks` false leaves out their findings and
   * summary too (a list of versions that shows neither reads a fraction of the bytes).
   */
  versionsLoader(
    loaders: RequestLoaders,
    withChecks = true,
  ): DataLoader<string, SubmissionVersionEntity[]> {
    return this.bySubmission(
      loaders,
      withChecks ? 'submission.versions' : 'submission.versionsWithoutChecks',
      SubmissionVersionEntity,
      'v',
      'v.number',
      withChecks ? WITHOUT_REPORT : WITHOUT_CHECKS,
    );
  }

  justificationsLoader(loaders: RequestLoaders): DataLoader<string, FindingJustificationEntity[]> {
    return this.bySubmission(
      loaders,
      'submission.justifications',
      FindingJustificationEntity,
      'j',
      'j.created_at',
    );
  }

  filesLoader(loaders: RequestLoaders): DataLoader<string, ReportFileEntity[]> {
    return this.bySubmission(loaders, 'submission.files', ReportFileEntity, 'f', 'f.created_at');
  }

  /**
   * The request's loader of a submission's rows of one entity (one statement for the request's
   * submissions, ascending by `order`), grouped by submission in one pass.
   */
  private bySubmission<T extends { submissionId: string }>(
    loaders: RequestLoaders,
    key: string,
    entity: EntityTarget<T>,
    alias: string,
    order: string,
    omit: readonly string[] = [],
  ): DataLoader<string, T[]> {
    return loaders.get(
      key,
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const rows = await selectEntities(
            this.dataSource,
            entity,
            alias,
            `WHERE ${alias}.submission_id = ANY($1::uuid[]) ORDER BY ${order} ASC`,
            [ids],
            omit,
          );
          const bySubmission = new Map<string, T[]>();
          for (const row of rows) {
            const list = bySubmission.get(row.submissionId);
            if (list) list.push(row);
            else bySubmission.set(row.submissionId, [row]);
          }
          return ids.map((id) => bySubmission.get(id) ?? []);
        }),
    );
  }

  /** Timeliness of submissions (deadline incl. extension), batched per request. */
  timelinessLoader(
    loaders: RequestLoaders,
  ): DataLoader<
    SubmissionEntity,
    { deadline: string; extended: boolean; onTime: boolean | null; finding: Finding | null }
  > {
    return loaders.get(
      'submission.timeliness',
      () =>
        new DataLoader(
          async (subs: readonly SubmissionEntity[]) => {
            // rounds and organizations through the request's loaders (shared with the relation fields)
            const [roundList, orgList] = await Promise.all([
              this.rounds.byIdLoader(loaders).loadMany([...new Set(subs.map((s) => s.roundId))]),
              this.organizations
                .byIdLoader(loaders)
                .loadMany([...new Set(subs.map((s) => s.organizationId))]),
            ]);
            const rounds = roundList.filter((r): r is RoundRow => !!r && !(r instanceof Error));
            const orgs = orgList.filter((o): o is OrganizationRow => !!o && !(o instanceof Error));
            // extensions not read with their submission, in one statement
            const unknown = subs.filter((s) => !EXTENSION.has(s));
            const extensions = unknown.length
              ? ((await this.dataSource.query(
                  `SELECT round_id, organization_id, deadline::text AS deadline FROM round_extension_deadlines
          WHERE (round_id, organization_id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))`,
                  [unknown.map((s) => s.roundId), unknown.map((s) => s.organizationId)],
                )) as { round_id: string; organization_id: string; deadline: string }[])
              : [];
            return subs.map((s) => {
              const round = rounds.find((r) => r.id === s.roundId)!;
              const org = orgs.find((o) => o.id === s.organizationId)!;
              const known = EXTENSION.get(s);
              const ext =
                known !== undefined
                  ? known === null
                    ? undefined
                    : { deadline: known }
                  : extensions.find(
                      (e) => e.round_id === s.roundId && e.organization_id === s.organizationId,
                    );
              const deadline = this.rounds.deadlineFor(round, org, ext);
              return this.timeliness(s, deadline, ext !== undefined);
            });
          },
          { cacheKeyFn: (s) => s.id },
        ),
    );
  }

  timeliness(s: SubmissionEntity, deadline: string, extended: boolean) {
    if (!s.firstSubmittedAt) return { deadline, extended, onTime: null, finding: null };
    const onTime = isOnTime(s.firstSubmittedAt, deadline);
    const finding = evaluateDeadline({ submittedAt: s.firstSubmittedAt.toISOString(), deadline });
    return { deadline, extended, onTime, finding: onTime ? null : finding };
  }
}

import {
  type AnnualReport,
  evaluateDeadline,
  type Finding,
  isOnTime,
  parseReport,
} from '@gongkai/report-model';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource, type EntityManager, In, IsNull, Repository } from 'typeorm';
import { type Actor, escapeLike, inScope, scopeCondition } from '../../common/actor';
import {
  badInput,
  badInputs,
  conflict,
  type DomainError,
  forbidden,
  notFound,
} from '../../common/domain-error';
import { type Connection, type Page, toConnection } from '../../common/pagination';
import { Role } from '../../common/permissions';
import { isUuid } from '../../common/uuid';
import type { RequestLoaders } from '../../graphql/request-loaders';
import { AuditService } from '../audit/audit.service';
import { isActiveIn, OrganizationEntity } from '../organizations/organization.entity';
import { OrganizationsService } from '../organizations/organizations.service';
import { RoundEntity, RoundStatus } from '../rounds/round.entity';
import { RoundsService } from '../rounds/rounds.service';
import { FindingJustificationEntity } from './finding-justification.entity';
import { PeerCorpusService } from './peer-corpus.service';
import { ReportFileEntity } from './report-file.entity';
import { SubmissionReturnEntity } from './submission-return.entity';
import { SubmissionVersionEntity, VersionSource } from './submission-version.entity';
import { EDITABLE, nextStatus, WorkflowAction } from './submission-workflow';
import { canonicalJson, checkVersion, reportContentHash } from './version-check';
import { SubmissionEntity, SubmissionStatus } from './submission.entity';

export type SaveDraftInput = {
  submissionId: string;
  expectedRevision: number;
  report: unknown;
  autosave?: boolean | null;
};

export type SubmissionFilter = {
  roundId?: string | null;
  withinId?: string | null;
  organizationId?: string | null;
  statuses?: SubmissionStatus[] | null;
  /** Only reports whose counting version (submitted, else the latest draft) has this finding. */
  rule?: string | null;
};

/** What `transition` changes besides the status, inside the same transaction. */
export type TransitionHook = (
  manager: EntityManager,
  submission: SubmissionEntity,
  organization: OrganizationEntity,
) => Promise<Record<string, unknown> | void>;

/** One row per expected organization: the set-based read used by stats, scoring and exports. */
export type RosterSubmission = {
  organization: OrganizationEntity;
  submission: SubmissionEntity | null;
  /** The version under review or approved (submitted), else the latest draft. */
  version: SubmissionVersionEntity | null;
  deadline: string;
  extended: boolean;
};

/** Every column of a version but the report JSON (fetched on demand by `versionReportLoader`). */
const VERSION_WITHOUT_REPORT = {
  id: true,
  submissionId: true,
  number: true,
  source: true,
  findings: true,
  summary: true,
  errorCount: true,
  warningCount: true,
  infoCount: true,
  gapCount: true,
  contentHash: true,
  previousYearVersionId: true,
  fileId: true,
  importWarnings: true,
  createdById: true,
  createdAt: true,
} as const;

const MAX_REPLY = 5000;

export function findingKey(finding: { rule: string; cells: readonly string[] }): string {
  return `${finding.rule}|${finding.cells.join(',')}`;
}

export type NewVersion = {
  report: AnnualReport;
  source: VersionSource;
  fileId?: string | null;
  importWarnings?: string[] | null;
  /** More data for the audit event (an imported file's name). */
  auditData?: Record<string, unknown>;
};

/** Submissions: versions, drafts, the workflow, and set-based reads for other modules. */
@Injectable()
export class SubmissionsService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(SubmissionEntity) private readonly submissions: Repository<SubmissionEntity>,
    @InjectRepository(SubmissionVersionEntity)
    private readonly versions: Repository<SubmissionVersionEntity>,
    @InjectRepository(FindingJustificationEntity)
    private readonly justifications: Repository<FindingJustificationEntity>,
    @InjectRepository(ReportFileEntity) private readonly files: Repository<ReportFileEntity>,
    private readonly organizations: OrganizationsService,
    private readonly rounds: RoundsService,
    private readonly audit: AuditService,
    private readonly peerCorpus: PeerCorpusService,
  ) {}

  // ---- access (set-based) -----------------------------------------------------------------------

  /** The submissions among `ids` the actor may see, in one query. */
  async visible(
    actor: Actor,
    ids: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, SubmissionEntity>> {
    const valid = [...new Set(ids.filter(isUuid))];
    if (valid.length === 0) return new Map();
    const scope = scopeCondition(actor, 'o');
    const rows = await manager
      .createQueryBuilder(SubmissionEntity, 's')
      .innerJoin('organizations', 'o', 'o.id = s.organization_id')
      .where('s.id IN (:...ids)', { ids: valid })
      .andWhere(scope.sql, scope.params)
      .getMany();
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** A submission the actor may see; NOT_FOUND otherwise (existence is not revealed). */
  async getVisible(actor: Actor, id: string): Promise<SubmissionEntity> {
    const found = (await this.visible(actor, [id])).get(id);
    if (!found) throw notFound('submission');
    return found;
  }

  /** Versions by id, only those of submissions the actor may see (one query). */
  async visibleVersions(
    actor: Actor,
    ids: readonly string[],
  ): Promise<Map<string, SubmissionVersionEntity>> {
    const valid = [...new Set(ids.filter(isUuid))];
    if (valid.length === 0) return new Map();
    const scope = scopeCondition(actor, 'o');
    const rows = await this.versions
      .createQueryBuilder('v')
      .innerJoin('submissions', 's', 's.id = v.submission_id')
      .innerJoin('organizations', 'o', 'o.id = s.organization_id')
      .where('v.id IN (:...ids)', { ids: valid })
      .andWhere(scope.sql, scope.params)
      .getMany();
    return new Map(rows.map((r) => [r.id, r]));
  }

  /**
   * Stored findings of many versions, only those the actor may see, in one query (the ranking
   * sheet's findings sheet reads them a chunk of organizations at a time).
   */
  async visibleFindings(
    actor: Actor,
    versionIds: readonly string[],
  ): Promise<Map<string, SubmissionVersionEntity['findings']>> {
    const valid = [...new Set(versionIds.filter(isUuid))];
    if (valid.length === 0) return new Map();
    const scope = scopeCondition(actor, 'o');
    const rows: { id: string; findings: SubmissionVersionEntity['findings'] }[] =
      await this.versions
        .createQueryBuilder('v')
        .select(['v.id AS id', 'v.findings AS findings'])
        .innerJoin('submissions', 's', 's.id = v.submission_id')
        .innerJoin('organizations', 'o', 'o.id = s.organization_id')
        .where('v.id IN (:...ids)', { ids: valid })
        .andWhere(scope.sql, scope.params)
        .getRawMany();
    return new Map(rows.map((r) => [r.id, r.findings]));
  }

  async getVisibleFile(actor: Actor, id: string): Promise<ReportFileEntity> {
    if (!isUuid(id)) throw notFound('file');
    const scope = scopeCondition(actor, 'o');
    const file = await this.files
      .createQueryBuilder('f')
      .innerJoin('organizations', 'o', 'o.id = f.organization_id')
      .where('f.id = :id', { id })
      .andWhere(scope.sql, scope.params)
      .getOne();
    if (!file) throw notFound('file');
    return file;
  }

  // ---- loaders (parents are already access-checked) ---------------------------------------------

  versionByIdLoader(loaders: RequestLoaders): DataLoader<string, SubmissionVersionEntity | null> {
    return loaders.get(
      'submission.versionById',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const rows = await this.versions.find({
            where: { id: In([...ids]) },
            select: VERSION_WITHOUT_REPORT,
          });
          const map = new Map(rows.map((r) => [r.id, r]));
          return ids.map((id) => map.get(id) ?? null);
        }),
    );
  }

  /** The report JSON of versions, loaded only when a client asks for it (lists rarely do). */
  versionReportLoader(loaders: RequestLoaders): DataLoader<string, AnnualReport | null> {
    return loaders.get(
      'submission.versionReport',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const rows = await this.versions.find({
            where: { id: In([...ids]) },
            select: { id: true, report: true },
          });
          const map = new Map(rows.map((r) => [r.id, r.report]));
          return ids.map((id) => map.get(id) ?? null);
        }),
    );
  }

  versionsLoader(loaders: RequestLoaders): DataLoader<string, SubmissionVersionEntity[]> {
    return loaders.get(
      'submission.versions',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const rows = await this.versions.find({
            where: { submissionId: In([...ids]) },
            order: { number: 'ASC' },
            select: VERSION_WITHOUT_REPORT,
          });
          return ids.map((id) => rows.filter((r) => r.submissionId === id));
        }),
    );
  }

  justificationsLoader(loaders: RequestLoaders): DataLoader<string, FindingJustificationEntity[]> {
    return loaders.get(
      'submission.justifications',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const rows = await this.justifications.find({
            where: { submissionId: In([...ids]) },
            order: { createdAt: 'ASC' },
          });
          return ids.map((id) => rows.filter((r) => r.submissionId === id));
        }),
    );
  }

  filesLoader(loaders: RequestLoaders): DataLoader<string, ReportFileEntity[]> {
    return loaders.get(
      'submission.files',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const rows = await this.files.find({
            where: { submissionId: In([...ids]) },
            order: { createdAt: 'ASC' },
          });
          return ids.map((id) => rows.filter((r) => r.submissionId === id));
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
            const rounds = roundList.filter((r): r is RoundEntity => r instanceof RoundEntity);
            const orgs = orgList.filter(
              (o): o is OrganizationEntity => o instanceof OrganizationEntity,
            );
            const extensions = (await this.dataSource.query(
              `SELECT round_id, organization_id, deadline::text AS deadline FROM round_extensions
          WHERE (round_id, organization_id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))`,
              [subs.map((s) => s.roundId), subs.map((s) => s.organizationId)],
            )) as { round_id: string; organization_id: string; deadline: string }[];
            return subs.map((s) => {
              const round = rounds.find((r) => r.id === s.roundId)!;
              const org = orgs.find((o) => o.id === s.organizationId)!;
              const ext = extensions.find(
                (e) => e.round_id === s.roundId && e.organization_id === s.organizationId,
              );
              const deadline = ext?.deadline ?? this.rounds.baseDeadline(round, org);
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

  // ---- reads ------------------------------------------------------------------------------------

  async list(
    actor: Actor,
    filter: SubmissionFilter,
    page: Page,
  ): Promise<Connection<SubmissionEntity>> {
    const scope = scopeCondition(actor, 'o');
    const qb = this.submissions
      .createQueryBuilder('s')
      .innerJoin('organizations', 'o', 'o.id = s.organization_id')
      .addSelect('o.code', 'o_code')
      .where(scope.sql, scope.params);
    if (filter.roundId) {
      if (!isUuid(filter.roundId))
        throw badInput('roundId', 'not an id', { key: 'common.notAnId' });
      qb.andWhere('s.round_id = :roundId', { roundId: filter.roundId });
    }
    if (filter.organizationId) {
      if (!isUuid(filter.organizationId))
        throw badInput('organizationId', 'not an id', { key: 'common.notAnId' });
      qb.andWhere('s.organization_id = :orgId', { orgId: filter.organizationId });
    }
    if (filter.withinId) {
      const node = await this.organizations.get(filter.withinId);
      qb.andWhere('o.path LIKE :prefix', { prefix: `${escapeLike(node.path)}%` });
    }
    if (filter.statuses?.length)
      qb.andWhere('s.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter.rule) {
      if (!/^[a-zA-Z]+\.[a-zA-Z]+$/.test(filter.rule))
        throw badInput('rule', 'not a rule id', { key: 'common.unknownRule' });
      qb.andWhere(
        `EXISTS (SELECT 1 FROM submission_versions fv
                  WHERE fv.id = COALESCE(s.submitted_version_id, s.current_version_id)
                    AND fv.findings @> jsonb_build_array(jsonb_build_object('rule', :rule::text)))`,
        { rule: filter.rule },
      );
    }
    const totalCount = await qb.clone().getCount();
    if (page.after)
      qb.andWhere('(o.code, s.id) > (:k, :id::uuid)', { k: page.after.k, id: page.after.id });
    const { entities, raw } = await qb
      .orderBy('o.code', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .limit(page.limit + 1)
      .getRawAndEntities<{ o_code: string; s_id: string }>();
    const codes = new Map(raw.map((r) => [r.s_id, r.o_code]));
    return toConnection(
      entities,
      page,
      (s) => ({ k: codes.get(s.id) ?? '', id: s.id }),
      totalCount,
    );
  }

  /**
   * Every organization expected in a round under a node, with its submission and the version
   * that counts (submitted/approved, else the latest draft) and findings. Four queries, whatever
   * the size. The caller checks the actor may see the node.
   */
  async latestForSubtree(
    roundId: string,
    nodeId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ round: RoundEntity; rows: RosterSubmission[] }> {
    const round = await this.rounds.get(roundId, manager);
    const roster = await this.rounds.expectedRoster(round, nodeId, manager);
    const ids = roster.map((o) => o.id);
    const [subs, extensions] = await Promise.all([
      ids.length
        ? manager.find(SubmissionEntity, { where: { roundId, organizationId: In(ids) } })
        : Promise.resolve([]),
      this.rounds.extensionsFor(roundId, ids, manager),
    ]);
    const versionIds = subs
      .map((s) => s.submittedVersionId ?? s.currentVersionId)
      .filter((v): v is string => v !== null);
    const versions = versionIds.length
      ? await manager.find(SubmissionVersionEntity, { where: { id: In(versionIds) } })
      : [];
    const subByOrg = new Map(subs.map((s) => [s.organizationId, s]));
    const versionById = new Map(versions.map((v) => [v.id, v]));
    const rows = roster.map((organization) => {
      const submission = subByOrg.get(organization.id) ?? null;
      const versionId = submission?.submittedVersionId ?? submission?.currentVersionId ?? null;
      const extension = extensions.get(organization.id);
      return {
        organization,
        submission,
        version: versionId ? (versionById.get(versionId) ?? null) : null,
        deadline: this.rounds.deadlineFor(round, organization, extension),
        extended: extension !== undefined,
      };
    });
    return { round, rows };
  }

  /** Which cells and fields differ between two versions of the same submission. */
  async diff(actor: Actor, fromVersionId: string, toVersionId: string) {
    const found = await this.visibleVersions(actor, [fromVersionId, toVersionId]);
    const from = found.get(fromVersionId);
    const to = found.get(toVersionId);
    if (!from || !to) throw notFound('version');
    if (from.submissionId !== to.submissionId)
      throw badInput('toVersionId', 'both versions must belong to the same submission', {
        key: 'submission.versionsApart',
      });
    const before = flatten(from.report);
    const after = flatten(to.report);
    const paths = [...new Set([...before.keys(), ...after.keys()])].filter(
      (p) => !p.startsWith('provenance.'),
    );
    const changes = paths
      .filter((p) => canonicalJson(before.get(p) ?? null) !== canonicalJson(after.get(p) ?? null))
      .sort()
      .map((path) => ({ path, before: before.get(path) ?? null, after: after.get(path) ?? null }));
    return { fromNumber: from.number, toNumber: to.number, changes };
  }

  /**
   * For each (from, to) pair of version ids, the cells and fields that differ between them
   * (one query for all the reports). The caller has already checked the actor may see them.
   */
  async changedPaths(
    pairs: readonly (readonly [string, string])[],
  ): Promise<Map<string, ReadonlySet<string>>> {
    const ids = [...new Set(pairs.flat())].filter(isUuid);
    const out = new Map<string, ReadonlySet<string>>();
    if (ids.length === 0) return out;
    const rows = await this.versions.find({
      where: { id: In(ids) },
      select: { id: true, report: true },
    });
    const flat = new Map(rows.map((r) => [r.id, flatten(r.report)]));
    for (const [from, to] of pairs) {
      const before = flat.get(from);
      const after = flat.get(to);
      if (!before || !after) continue;
      const changed = new Set<string>();
      for (const p of new Set([...before.keys(), ...after.keys()]))
        if (canonicalJson(before.get(p) ?? null) !== canonicalJson(after.get(p) ?? null))
          changed.add(p);
      out.set(`${from}>${to}`, changed);
    }
    return out;
  }

  // ---- writes -----------------------------------------------------------------------------------

  /** Opens (or returns) the submission of an organization in a round. */
  async start(
    actor: Actor,
    input: { roundId: string; organizationId: string },
  ): Promise<SubmissionEntity> {
    return this.dataSource.transaction(async (manager) => {
      const round = await this.rounds.get(input.roundId, manager).catch(() => {
        throw badInput('input.roundId', 'no such round', { key: 'notFound.round' });
      });
      const organization = await this.organizations.get(input.organizationId, manager).catch(() => {
        throw notFound('organization');
      });
      if (!inScope(actor, organization)) throw notFound('organization');
      if (actor.role !== Role.ADMIN && actor.role !== Role.BUREAU)
        throw forbidden('only the reporting body opens its submission', {
          key: 'submission.onlyReportingBody',
        });
      await this.assertCanReport(manager, round, organization);
      const existing = await manager.findOne(SubmissionEntity, {
        where: { roundId: round.id, organizationId: organization.id },
      });
      if (existing) return existing;
      const created = await manager.save(
        manager.create(SubmissionEntity, {
          roundId: round.id,
          organizationId: organization.id,
          status: SubmissionStatus.DRAFT,
        }),
      );
      await this.audit.record(manager, actor, {
        organizationId: organization.id,
        submissionId: created.id,
        roundId: round.id,
        action: 'submission.start',
        toStatus: created.status,
      });
      return created;
    });
  }

  /** Validates the report JSON, checks it, and stores it as a new immutable version. */
  async saveDraft(actor: Actor, input: SaveDraftInput): Promise<SubmissionEntity> {
    const parsed = parseReport(input.report);
    if (!parsed.ok)
      throw badInputs(
        parsed.errors.map((e) => ({
          field: e.path === '$' ? 'input.report' : `input.report.${e.path}`,
          message: e.message,
          reason: { key: 'submission.badReport' },
        })),
      );
    const saved = await this.dataSource.transaction((manager) =>
      this.addVersion(manager, actor, input.submissionId, input.expectedRevision, {
        report: parsed.report,
        source: input.autosave ? VersionSource.AUTOSAVE : VersionSource.MANUAL,
      }),
    );
    this.versionCommitted(saved, parsed.report);
    return saved;
  }

  /** After the transaction of `addVersion` committed: the round's peer corpus takes the version. */
  versionCommitted(submission: SubmissionEntity, report: AnnualReport): void {
    this.peerCorpus.saved(submission, report);
  }

  /**
   * Inside a transaction: locks the submission, checks revision, state and round, runs `check()`
   * with the previous-year report and the round's peer corpus (the other organizations' counting
   * versions), and writes the version. Used by saves and uploads; the caller reports the commit
   * with `versionCommitted`.
   */
  async addVersion(
    manager: EntityManager,
    actor: Actor,
    submissionId: string,
    expectedRevision: number,
    next: NewVersion,
  ): Promise<SubmissionEntity> {
    const { submission, organization } = await this.lockForBureau(
      manager,
      actor,
      submissionId,
      expectedRevision,
    );
    if (!EDITABLE.has(submission.status))
      throw conflict(
        `a ${submission.status.toLowerCase()} submission cannot be edited; it must be returned or reopened first`,
        { key: 'submission.notEditable', params: { status: submission.status } },
      );
    return this.writeVersion(manager, actor, submission, organization, next);
  }

  /**
   * A published report imported by a reviewer or supervisor of the body's region (batch import):
   * opens the body's submission in the round when it has none and stores the report as its first
   * version (source `IMPORTED`), checked like any other. A submission that already holds a version
   * is the bureau's own work and is never overwritten: refused with `import.alreadyHasReport`.
   * Runs inside the caller's transaction.
   */
  async addImportedVersion(
    manager: EntityManager,
    actor: Actor,
    input: {
      roundId: string;
      organizationId: string;
      report: AnnualReport;
      file: Omit<
        ReportFileEntity,
        'createdAt' | 'submission' | 'uploadedById' | 'organizationId' | 'submissionId'
      >;
      importWarnings: string[];
    },
  ): Promise<SubmissionEntity> {
    const organization = await manager.findOne(OrganizationEntity, {
      where: { id: input.organizationId },
    });
    if (!organization || !inScope(actor, organization)) throw notFound('organization');
    if (actor.role === Role.BUREAU)
      throw forbidden('only reviewers and supervisors import published reports', {
        key: 'submission.roleMayNot',
        params: { role: actor.role, action: 'import' },
      });
    let submission = await manager.findOne(SubmissionEntity, {
      where: { roundId: input.roundId, organizationId: organization.id },
      lock: { mode: 'pessimistic_write' },
    });
    const round = await this.rounds.get(input.roundId, manager);
    if (!submission) {
      await this.assertCanReport(manager, round, organization, { imported: true });
      submission = await manager.save(
        manager.create(SubmissionEntity, {
          roundId: round.id,
          organizationId: organization.id,
          status: SubmissionStatus.DRAFT,
        }),
      );
      await this.audit.record(manager, actor, {
        organizationId: organization.id,
        submissionId: submission.id,
        roundId: round.id,
        action: 'submission.start',
        toStatus: submission.status,
      });
    }
    if (submission.versionCount > 0)
      throw conflict(`${organization.name} already has a report in this round`, {
        key: 'import.alreadyHasReport',
        params: { organization: organization.name, status: submission.status },
      });
    const file = await this.recordFile(manager, actor, submission, input.file);
    return this.writeVersion(manager, actor, submission, organization, {
      report: input.report,
      source: VersionSource.IMPORTED,
      fileId: file.id,
      importWarnings: input.importWarnings,
      // a published report of a closed round is stored as a record without reopening the round
      auditData: { file: file.fileName, roundStatus: round.status },
    });
  }

  private async writeVersion(
    manager: EntityManager,
    actor: Actor,
    submission: SubmissionEntity,
    organization: OrganizationEntity,
    next: NewVersion,
  ): Promise<SubmissionEntity> {
    const round = await this.rounds.get(submission.roundId, manager);
    await this.assertCanReport(manager, round, organization, {
      imported: next.source === VersionSource.IMPORTED,
    });
    if (next.report.year !== round.year)
      throw badInput(
        next.source === VersionSource.UPLOAD || next.source === VersionSource.IMPORTED
          ? 'file'
          : 'input.report.year',
        `this round collects ${round.year} reports, not ${next.report.year}`,
        { key: 'round.wrongYear', params: { expected: round.year, actual: next.report.year } },
      );
    const contentHash = reportContentHash(next.report);
    if (
      submission.currentVersionId &&
      next.source !== VersionSource.UPLOAD &&
      next.source !== VersionSource.IMPORTED
    ) {
      const current = await manager.findOne(SubmissionVersionEntity, {
        where: { id: submission.currentVersionId },
      });
      if (current?.contentHash === contentHash) return submission; // nothing changed
    }
    const previous = await this.previousYearVersion(manager, organization, round.year);
    const corpus = await this.peerCorpus.forRound(manager, round);
    const checked = checkVersion(
      next.report,
      organization.id,
      previous?.report ?? null,
      corpus,
      contentHash,
    );
    const number = submission.versionCount + 1;
    const version = await manager.save(
      manager.create(SubmissionVersionEntity, {
        submissionId: submission.id,
        number,
        source: next.source,
        report: next.report,
        ...checked,
        previousYearVersionId: previous?.id ?? null,
        fileId: next.fileId ?? null,
        importWarnings: next.importWarnings ?? null,
        createdById: actor.userId,
      }),
    );
    submission.currentVersionId = version.id;
    submission.versionCount = number;
    if (submission.approvedAt) submission.changesAfterApproval += 1;
    const saved = await manager.save(submission);
    await this.audit.record(manager, actor, {
      organizationId: organization.id,
      submissionId: submission.id,
      roundId: submission.roundId,
      action:
        next.source === VersionSource.UPLOAD
          ? 'submission.upload'
          : next.source === VersionSource.IMPORTED
            ? 'submission.import'
            : 'submission.save',
      data: {
        version: number,
        source: next.source,
        errors: version.errorCount,
        warnings: version.warningCount,
        ...next.auditData,
      },
    });
    return saved;
  }

  async submit(
    actor: Actor,
    input: { submissionId: string; expectedRevision: number; reply?: string | null },
  ): Promise<SubmissionEntity> {
    const reply = input.reply?.trim() || null;
    if (reply && reply.length > MAX_REPLY)
      throw badInput('input.reply', `at most ${MAX_REPLY} characters`, {
        key: 'submission.replyTooLong',
        params: { max: MAX_REPLY },
      });
    const submitted = await this.transition(
      actor,
      input.submissionId,
      input.expectedRevision,
      WorkflowAction.Submit,
      reply,
      async (manager, submission) => {
        const returned = submission.status === SubmissionStatus.RETURNED;
        if (returned && !reply)
          throw badInput('input.reply', 'say what was changed in reply to the return', {
            key: 'submission.replyRequired',
          });
        if (!returned && reply)
          throw badInput('input.reply', 'nothing was returned: there is nothing to reply to', {
            key: 'submission.replyWithoutReturn',
          });
        const round = await this.rounds.get(submission.roundId, manager);
        if (round.status !== RoundStatus.OPEN)
          throw conflict(
            `the ${round.year} round is ${round.status.toLowerCase()}: submissions are not accepted`,
            { key: 'round.notAccepting', params: { year: round.year, roundStatus: round.status } },
          );
        if (!submission.currentVersionId)
          throw conflict('nothing to submit: save the report first', {
            key: 'submission.nothingToSubmit',
          });
        const version = await manager.findOneOrFail(SubmissionVersionEntity, {
          where: { id: submission.currentVersionId },
        });
        const errors = version.findings.filter((f) => f.severity === 'error');
        if (errors.length > 0)
          throw badInputs(
            errors.map((f) => ({
              field: `report.${f.cells[0] ?? f.rule}`,
              message: `${f.rule}: ${f.messageEn}`,
              reason: { key: 'submission.errorsBlockSubmit', params: { count: errors.length } },
            })),
          );
        const now = new Date();
        submission.firstSubmittedAt ??= now;
        submission.lastSubmittedAt = now;
        submission.submittedVersionId = version.id;
        const open = returned
          ? await manager.findOne(SubmissionReturnEntity, {
              where: { submissionId: submission.id, repliedAt: IsNull() },
              order: { createdAt: 'DESC' },
            })
          : null;
        if (open) {
          open.reply = reply;
          open.repliedById = actor.userId;
          open.repliedAt = now;
          open.resubmittedVersionId = version.id;
          await manager.save(open);
          return { version: version.number, replyTo: open.id };
        }
        return { version: version.number };
      },
    );
    // the submitted version is now the one other organizations are compared with
    this.peerCorpus.changed(submitted.roundId, submitted.organizationId);
    return submitted;
  }

  async justify(
    actor: Actor,
    input: { submissionId: string; findingKey: string; text: string; expectedRevision: number },
  ): Promise<SubmissionEntity> {
    const text = input.text.trim();
    if (!text)
      throw badInput('input.text', 'write the justification', { key: 'justification.empty' });
    if (text.length > 5000)
      throw badInput('input.text', 'at most 5000 characters', {
        key: 'justification.tooLong',
        params: { max: 5000 },
      });
    return this.dataSource.transaction(async (manager) => {
      const { submission, organization } = await this.lockForBureau(
        manager,
        actor,
        input.submissionId,
        input.expectedRevision,
      );
      if (!EDITABLE.has(submission.status))
        throw conflict(`a ${submission.status.toLowerCase()} submission cannot be changed`, {
          key: 'submission.notEditable',
          params: { status: submission.status },
        });
      const version = submission.currentVersionId
        ? await manager.findOne(SubmissionVersionEntity, {
            where: { id: submission.currentVersionId },
          })
        : null;
      const finding = version?.findings.find((f) => findingKey(f) === input.findingKey);
      if (!finding)
        throw badInput('input.findingKey', 'no such finding in the current version', {
          key: 'justification.noFinding',
        });
      if (finding.severity === 'error')
        throw badInput('input.findingKey', 'an error must be corrected, not justified', {
          key: 'justification.errorNotJustifiable',
        });
      const existing = await manager.findOne(FindingJustificationEntity, {
        where: { submissionId: submission.id, findingKey: input.findingKey },
      });
      await manager.save(
        Object.assign(
          existing ??
            manager.create(FindingJustificationEntity, {
              submissionId: submission.id,
              findingKey: input.findingKey,
            }),
          {
            text,
            createdById: actor.userId,
          },
        ),
      );
      // The submission's own columns do not change, so save() would not bump the revision:
      // bump it explicitly, so that a second writer holding the old one gets CONFLICT.
      await manager
        .createQueryBuilder()
        .update(SubmissionEntity)
        .set({ revision: () => 'revision + 1', updatedAt: () => 'now()' })
        .where('id = :id', { id: submission.id })
        .execute();
      const saved = await manager.findOneOrFail(SubmissionEntity, { where: { id: submission.id } });
      await this.audit.record(manager, actor, {
        organizationId: organization.id,
        submissionId: submission.id,
        roundId: submission.roundId,
        action: 'submission.justify',
        reason: text,
        data: { finding: input.findingKey },
      });
      return saved;
    });
  }

  /**
   * A workflow step, all or nothing: lock, scope, revision, state machine, hook, audit event.
   * Review (return/approve/reopen/publish) goes through here too.
   */
  async transition(
    actor: Actor,
    submissionId: string,
    expectedRevision: number,
    action: WorkflowAction,
    reason: string | null,
    hook?: TransitionHook,
    existingManager?: EntityManager,
  ): Promise<SubmissionEntity> {
    const run = async (manager: EntityManager) => {
      const { submission, organization } = await this.lockVisible(manager, actor, submissionId);
      this.assertActorMay(actor, organization, action);
      if (submission.revision !== expectedRevision)
        throw conflict(
          `the submission was changed by someone else (revision ${submission.revision}, you had ${expectedRevision})`,
          { key: 'submission.stale' },
        );
      const from = submission.status;
      const to = nextStatus(from, action);
      const data = (await hook?.(manager, submission, organization)) ?? {};
      submission.status = to;
      const saved = await manager.save(submission);
      await this.audit.record(manager, actor, {
        organizationId: organization.id,
        submissionId: submission.id,
        roundId: submission.roundId,
        action: `submission.${action}`,
        fromStatus: from,
        toStatus: to,
        reason,
        data,
      });
      return saved;
    };
    return existingManager ? run(existingManager) : this.dataSource.transaction(run);
  }

  /** Runs several workflow steps in one transaction (bulk approve): all or nothing. */
  inTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async recordFile(
    manager: EntityManager,
    actor: Actor,
    submission: SubmissionEntity,
    file: Omit<
      ReportFileEntity,
      'createdAt' | 'submission' | 'uploadedById' | 'organizationId' | 'submissionId'
    >,
  ): Promise<ReportFileEntity> {
    return manager.save(
      manager.create(ReportFileEntity, {
        ...file,
        submissionId: submission.id,
        organizationId: submission.organizationId,
        uploadedById: actor.userId,
      }),
    );
  }

  /** The submission (visible to the actor, editable by them) for an upload, without locking. */
  async getForUpload(actor: Actor, submissionId: string): Promise<SubmissionEntity> {
    const submission = await this.getVisible(actor, submissionId);
    if (actor.role !== Role.BUREAU && actor.role !== Role.ADMIN)
      throw forbidden('only the reporting body uploads its report', {
        key: 'submission.onlyReportingBody',
      });
    return submission;
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private async lockVisible(manager: EntityManager, actor: Actor, submissionId: string) {
    if (!isUuid(submissionId)) throw notFound('submission');
    const submission = await manager.findOne(SubmissionEntity, {
      where: { id: submissionId },
      lock: { mode: 'pessimistic_write' },
    });
    const organization = submission
      ? await manager.findOne(OrganizationEntity, { where: { id: submission.organizationId } })
      : null;
    if (!submission || !organization || !inScope(actor, organization)) throw notFound('submission');
    return { submission, organization };
  }

  private async lockForBureau(
    manager: EntityManager,
    actor: Actor,
    submissionId: string,
    expectedRevision: number,
  ) {
    const found = await this.lockVisible(manager, actor, submissionId);
    if (actor.role !== Role.BUREAU && actor.role !== Role.ADMIN)
      throw forbidden('only the reporting body edits its report', {
        key: 'submission.onlyReportingBody',
      });
    if (found.submission.revision !== expectedRevision)
      throw conflict(
        `the submission was changed by someone else (revision ${found.submission.revision}, you had ${expectedRevision}); reload and reapply your changes`,
        { key: 'submission.stale' },
      );
    return found;
  }

  private assertActorMay(
    actor: Actor,
    organization: OrganizationEntity,
    action: WorkflowAction,
  ): void {
    if (actor.role === Role.ADMIN) return;
    const bureauActions = [WorkflowAction.Submit, WorkflowAction.Publish];
    const reviewerActions = [
      WorkflowAction.Return,
      WorkflowAction.Approve,
      WorkflowAction.Reopen,
      WorkflowAction.Publish,
    ];
    if (
      actor.role === Role.BUREAU &&
      bureauActions.includes(action) &&
      organization.id === actor.organizationId
    )
      return;
    if (actor.role === Role.REVIEWER && reviewerActions.includes(action)) {
      // a reviewer does not review their own office's report
      if (organization.id === actor.organizationId && action !== WorkflowAction.Publish)
        throw forbidden('a reviewer cannot review their own office’s report', {
          key: 'review.ownOffice',
        });
      return;
    }
    throw forbidden(`the ${actor.role.toLowerCase()} role may not ${action} this submission`, {
      key: 'submission.roleMayNot',
      params: { role: actor.role, action },
    });
  }

  private async assertCanReport(
    manager: EntityManager,
    round: RoundEntity,
    organization: OrganizationEntity,
    options: { imported?: boolean } = {},
  ): Promise<void> {
    // a published report imported by a reviewer or supervisor is a record of what was published:
    // it goes into the round of its year whatever the round's state
    const anyStatus = options.imported === true;
    if (round.status !== RoundStatus.OPEN && !anyStatus) throw reportingRefusal(round, null, null)!;
    const scope = await this.organizations.get(round.scopeOrganizationId, manager);
    const refusal = reportingRefusal(round, scope, organization, { anyStatus });
    if (refusal) throw refusal;
  }

  /**
   * The body's report of the year before `year` (approved first, else submitted, else latest), or
   * null: what the importer takes as `previous`.
   */
  async previousYearReport(
    organizationId: string,
    year: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<AnnualReport | null> {
    return (await this.previousYearVersion(manager, { id: organizationId }, year))?.report ?? null;
  }

  /** The same body's report of the previous year (approved first, else submitted, else latest). */
  private async previousYearVersion(
    manager: EntityManager,
    organization: Pick<OrganizationEntity, 'id'>,
    year: number,
  ): Promise<SubmissionVersionEntity | null> {
    const id = (await previousYearVersionIds(manager, [organization.id], year)).get(
      organization.id,
    );
    return id ? manager.findOne(SubmissionVersionEntity, { where: { id } }) : null;
  }
}

/**
 * The counting version of each body's report of `year - 1` (approved or published first, else the
 * latest changed submission; its submitted version, else its latest draft), in one query.
 */
export async function previousYearVersionIds(
  manager: EntityManager,
  organizationIds: readonly string[],
  year: number,
): Promise<Map<string, string>> {
  if (organizationIds.length === 0) return new Map();
  const rows: { organization_id: string; version_id: string }[] = await manager.query(
    `SELECT DISTINCT ON (s.organization_id) s.organization_id,
            COALESCE(s.submitted_version_id, s.current_version_id) AS version_id
       FROM submissions s JOIN rounds r ON r.id = s.round_id
      WHERE s.organization_id = ANY($1::uuid[]) AND r.year = $2
        AND COALESCE(s.submitted_version_id, s.current_version_id) IS NOT NULL
      ORDER BY s.organization_id, (s.status IN ('APPROVED', 'PUBLISHED')) DESC, s.updated_at DESC`,
    [organizationIds, year - 1],
  );
  return new Map(rows.map((r) => [r.organization_id, r.version_id]));
}

/** Flattens a report into path → value (cells as `table.row.column`, the rest by field). */
function flatten(report: AnnualReport): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const walk = (value: unknown, path: string) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
    } else out.set(path, value);
  };
  const { tables, ...rest } = report;
  walk(rest, '');
  for (const [table, rows] of Object.entries(tables ?? {})) walk(rows, table);
  return out;
}

/**
 * Why `organization` may not report in `round` (not open, outside the round's scope, no own report,
 * not active that year), or null. `scope` is the round's government; without it or the
 * organization only the round's status is checked. Shared by single saves and the bulk path.
 */
export function reportingRefusal(
  round: RoundEntity,
  scope: Pick<OrganizationEntity, 'path' | 'name'> | null,
  organization: OrganizationEntity | null,
  options: { anyStatus?: boolean } = {},
): DomainError | null {
  if (round.status !== RoundStatus.OPEN && !options.anyStatus)
    return conflict(
      `the ${round.year} round is ${round.status.toLowerCase()}: it does not accept reports`,
      { key: 'round.notAccepting', params: { year: round.year, roundStatus: round.status } },
    );
  if (!scope || !organization) return null;
  if (!organization.path.startsWith(scope.path))
    return badInput(
      'input.organizationId',
      `${organization.name} is not under ${scope.name}, which runs this round`,
      {
        key: 'submission.outsideRound',
        params: { organization: organization.name, scope: scope.name },
      },
    );
  if (!organization.reports)
    return badInput('input.organizationId', `${organization.name} does not file its own report`, {
      key: 'submission.noOwnReport',
      params: { organization: organization.name },
    });
  if (!isActiveIn(organization, round.year)) {
    const closed = organization.activeToYear !== null && organization.activeToYear < round.year;
    const why = closed
      ? `was closed: it reports up to ${organization.activeToYear}`
      : `reports from ${organization.activeFromYear}`;
    return badInput('input.organizationId', `${organization.name} ${why}, not for ${round.year}`, {
      key: closed ? 'submission.closedBefore' : 'submission.openedAfter',
      params: {
        organization: organization.name,
        year: round.year,
        lastYear: organization.activeToYear ?? '',
        firstYear: organization.activeFromYear ?? '',
      },
    });
  }
  return null;
}

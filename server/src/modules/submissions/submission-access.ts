import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, Repository } from 'typeorm';
import { type Actor, inScope, scopeCondition } from '../../common/actor';
import { conflict, forbidden, notFound } from '../../common/domain-error';
import { Role } from '../../common/permissions';
import { isUuid } from '../../common/uuid';
import { type OrganizationRow, OrganizationsService } from '../organizations';
import { type RoundRow, RoundStatus } from '../rounds';
import { ReportFileEntity } from './report-file.entity';
import { SubmissionVersionEntity } from './submission-version.entity';
import { WorkflowAction } from './submission-workflow';
import { reportingRefusal } from './submission-reporting';
import { SubmissionEntity } from './submission.entity';

/** A submission locked for a change, with what the change needs to check it. */
export type LockedSubmission = {
  submission: SubmissionEntity;
  organization: OrganizationRow;
  round: RoundRow;
  /** The government whose round it is. */
  scope: OrganizationRow;
  /** The content hash of the current version (null before the first save). */
  currentContentHash: string | null;
};

/** Who may see and change which submissions: set-based reads, locks, role and round checks. */
@Injectable()
export class SubmissionAccess {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(SubmissionVersionEntity)
    private readonly versions: Repository<SubmissionVersionEntity>,
    @InjectRepository(ReportFileEntity) private readonly files: Repository<ReportFileEntity>,
    private readonly organizations: OrganizationsService,
  ) {}

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
      .innerJoin('organization_directory', 'o', 'o.id = s.organization_id')
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
      .innerJoin('organization_directory', 'o', 'o.id = s.organization_id')
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
        .innerJoin('organization_directory', 'o', 'o.id = s.organization_id')
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
      .innerJoin('organization_directory', 'o', 'o.id = f.organization_id')
      .where('f.id = :id', { id })
      .andWhere(scope.sql, scope.params)
      .getOne();
    if (!file) throw notFound('file');
    return file;
  }

  /**
   * Locks the submission (FOR UPDATE) and reads, in the same statement, its organization, its
   * round, the round's government and the content hash of its current version; NOT_FOUND outside
   * the scope.
   */
  async lockVisible(
    manager: EntityManager,
    actor: Actor,
    submissionId: string,
  ): Promise<LockedSubmission> {
    if (!isUuid(submissionId)) throw notFound('submission');
    const { entities, raw } = await manager
      .createQueryBuilder(SubmissionEntity, 's')
      .innerJoinAndSelect('s.organization', 'o')
      .innerJoinAndSelect('s.round', 'r')
      .innerJoinAndSelect('r.scopeOrganization', 'sc')
      .leftJoin(SubmissionVersionEntity, 'cv', 'cv.id = s.current_version_id')
      .addSelect('cv.content_hash', 'current_content_hash')
      .where('s.id = :id', { id: submissionId })
      .setLock('pessimistic_write', undefined, ['s'])
      .getRawAndEntities<{ current_content_hash: string | null }>();
    const submission = entities[0];
    const organization = submission?.organization;
    // the round is typed as the rounds module hands it out; the join above also read its scope
    const round = submission?.round as
      (RoundRow & { scopeOrganization?: OrganizationRow }) | undefined;
    const scope = round?.scopeOrganization;
    if (!submission || !organization || !round || !scope || !inScope(actor, organization))
      throw notFound('submission');
    // the relations were read for the caller; the entity saved later stays a plain row
    delete submission.organization;
    delete submission.round;
    delete round.scopeOrganization;
    return {
      submission,
      organization,
      round,
      scope,
      currentContentHash: raw[0]?.current_content_hash ?? null,
    };
  }

  /** `lockVisible` for the reporting body (or an admin) holding the current revision. */
  async lockForBureau(
    manager: EntityManager,
    actor: Actor,
    submissionId: string,
    expectedRevision: number,
  ): Promise<LockedSubmission> {
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

  /** Whether the actor's role may take this workflow step on this organization's report. */
  assertActorMay(actor: Actor, organization: OrganizationRow, action: WorkflowAction): void {
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

  /** The round accepts a report from the organization (open, in scope, active that year). */
  async assertCanReport(
    manager: EntityManager,
    round: RoundRow,
    organization: OrganizationRow,
    options: { imported?: boolean; scope?: OrganizationRow } = {},
  ): Promise<void> {
    // a published report imported by a reviewer or supervisor is a record of what was published:
    // it goes into the round of its year whatever the round's state
    const anyStatus = options.imported === true;
    if (round.status !== RoundStatus.OPEN && !anyStatus) throw reportingRefusal(round, null, null)!;
    const scope =
      options.scope ?? (await this.organizations.get(round.scopeOrganizationId, manager));
    const refusal = reportingRefusal(round, scope, organization, { anyStatus });
    if (refusal) throw refusal;
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, inScope } from '../../common/actor';
import { badInput, badInputs, conflict, forbidden, notFound } from '../../common/domain-error';
import { Role } from '../../common/permissions';
import { AuditService } from '../audit';
import { OrganizationsService } from '../organizations';
import { RoundStatus, RoundsService } from '../rounds';
import { FindingJustificationEntity } from './finding-justification.entity';
import { SubmissionAccess } from './submission-access';
import { type SubmissionCommandContext, submissionCommands } from './submission-commands';
import { SubmissionVersionEntity } from './submission-version.entity';
import { EDITABLE, WorkflowAction } from './submission-workflow';
import { findingKey, type TransitionHook } from './submission.types';
import { SubmissionEntity, SubmissionStatus } from './submission.entity';

const MAX_REPLY = 5000;

/** The workflow: opening a submission, submitting, justifying a warning, every status step. */
@Injectable()
export class SubmissionLifecycle {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsService,
    private readonly rounds: RoundsService,
    private readonly audit: AuditService,
    private readonly access: SubmissionAccess,
  ) {}

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
      await this.access.assertCanReport(manager, round, organization);
      const existing = await manager.findOne(SubmissionEntity, {
        where: { roundId: round.id, organizationId: organization.id },
      });
      if (existing) return existing;
      return submissionCommands.open(this.commandContext(manager, actor), {
        roundId: round.id,
        organizationId: organization.id,
      });
    });
  }

  /** Validates the report JSON, checks it, and stores it as a new immutable version. */
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
        submission.submittedVersionId = version.id;
        const answered = returned
          ? await submissionCommands.answerReturn(this.commandContext(manager, actor), submission, {
              reply,
              versionId: version.id,
            })
          : null;
        if (answered) return { version: version.number, replyTo: answered.id };
        return { version: version.number };
      },
    );
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
      const { submission, organization } = await this.access.lockForBureau(
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
      const { submission, organization } = await this.access.lockVisible(
        manager,
        actor,
        submissionId,
      );
      this.access.assertActorMay(actor, organization, action);
      if (submission.revision !== expectedRevision)
        throw conflict(
          `the submission was changed by someone else (revision ${submission.revision}, you had ${expectedRevision})`,
          { key: 'submission.stale' },
        );
      return submissionCommands.step(this.commandContext(manager, actor), submission, action, {
        reason,
        change: async (changed) => hook?.(manager, changed, organization),
      });
    };
    return existingManager ? run(existingManager) : this.dataSource.transaction(run);
  }

  /** The submission commands' context for an actor's action: its audit events are the actor's. */
  commandContext(manager: EntityManager, actor: Actor): SubmissionCommandContext {
    return this.audit.contextFor(manager, actor);
  }

  /** Runs several workflow steps in one transaction (bulk approve): all or nothing. */
  inTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async getForUpload(actor: Actor, submissionId: string): Promise<SubmissionEntity> {
    const submission = await this.access.getVisible(actor, submissionId);
    if (actor.role !== Role.BUREAU && actor.role !== Role.ADMIN)
      throw forbidden('only the reporting body uploads its report', {
        key: 'submission.onlyReportingBody',
      });
    return submission;
  }
}

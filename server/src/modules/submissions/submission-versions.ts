import { type AnnualReport, parseReport } from '@gongkai/report-model';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, inScope } from '../../common/actor';
import { badInput, badInputs, conflict, forbidden, notFound } from '../../common/domain-error';
import { Role } from '../../common/permissions';
import { AuditService } from '../audit';
import { organizationLookups, type OrganizationRow } from '../organizations';
import { RoundsService } from '../rounds';
import { PeerCorpusService } from './peer-corpus.service';
import { peerKeysOfReport } from './peer-keys';
import { ReportFileEntity } from './report-file.entity';
import { type LockedSubmission, SubmissionAccess } from './submission-access';
import { submissionCommands } from './submission-commands';
import { SubmissionQueries } from './submission-queries';
import { SubmissionVersionEntity, VersionSource } from './submission-version.entity';
import { EDITABLE } from './submission-workflow';
import type { NewVersion, SaveDraftInput } from './submission.types';
import { SubmissionEntity } from './submission.entity';
import { checkVersion, reportContentHash } from './version-check';

/** Writing versions: drafts, uploads and imported reports, each checked by `check()` and audited. */
@Injectable()
export class SubmissionVersions {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rounds: RoundsService,
    private readonly audit: AuditService,
    private readonly peerCorpus: PeerCorpusService,
    private readonly access: SubmissionAccess,
    private readonly queries: SubmissionQueries,
  ) {}

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
    return saved;
  }

  /**
   * Inside a transaction: locks the submission, checks revision, state and round, runs `check()`
   * with the previous-year report and the round's peer corpus (the other organizations' counting
   * versions, read from the database), and writes the version. Used by saves and uploads.
   */
  async addVersion(
    manager: EntityManager,
    actor: Actor,
    submissionId: string,
    expectedRevision: number,
    next: NewVersion,
  ): Promise<SubmissionEntity> {
    const locked = await this.access.lockForBureau(manager, actor, submissionId, expectedRevision);
    const { submission, organization } = locked;
    if (!EDITABLE.has(submission.status))
      throw conflict(
        `a ${submission.status.toLowerCase()} submission cannot be edited; it must be returned or reopened first`,
        { key: 'submission.notEditable', params: { status: submission.status } },
      );
    return this.writeVersion(manager, actor, submission, organization, next, locked);
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
    const organization = await organizationLookups.byId(manager, input.organizationId);
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
      await this.access.assertCanReport(manager, round, organization, { imported: true });
      submission = await submissionCommands.open(this.audit.contextFor(manager, actor), {
        roundId: round.id,
        organizationId: organization.id,
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
    organization: OrganizationRow,
    next: NewVersion,
    /** What `lockVisible` already read with the lock (else read here). */
    locked?: Pick<LockedSubmission, 'round' | 'scope' | 'currentContentHash'>,
  ): Promise<SubmissionEntity> {
    const round = locked?.round ?? (await this.rounds.get(submission.roundId, manager));
    await this.access.assertCanReport(manager, round, organization, {
      imported: next.source === VersionSource.IMPORTED,
      scope: locked?.scope,
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
      const currentHash = locked
        ? locked.currentContentHash
        : ((
            await manager.findOne(SubmissionVersionEntity, {
              where: { id: submission.currentVersionId },
              select: { id: true, contentHash: true },
            })
          )?.contentHash ?? null);
      if (currentHash === contentHash) return submission; // nothing changed
    }
    const previous = await this.queries.previousYearVersion(manager, organization, round.year);
    const corpus = await this.peerCorpus.candidatesFor(
      manager,
      round,
      organization.id,
      peerKeysOfReport(next.report),
    );
    const checked = checkVersion(
      next.report,
      organization.id,
      previous?.report ?? null,
      corpus,
      contentHash,
    );
    await submissionCommands.addVersion(this.audit.contextFor(manager, actor), submission, {
      report: next.report,
      source: next.source,
      checked,
      previousYearVersionId: previous?.id ?? null,
      fileId: next.fileId,
      importWarnings: next.importWarnings,
      auditData: next.auditData,
    });
    return submission;
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
    return submissionCommands.addFile(this.audit.contextFor(manager, actor), submission, file);
  }

  /** The submission (visible to the actor, editable by them) for an upload, without locking. */
}

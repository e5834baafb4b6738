import type { AnnualReport } from '@gongkai/report-model';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import type { Connection, Page } from '../../common/pagination';
import type { RequestLoaders } from '../../graphql/request-loaders';
import type { WorkflowAction } from './submission-workflow';
import { SubmissionAccess } from './submission-access';
import type { SubmissionCommandContext } from './submission-commands';
import { SubmissionLifecycle } from './submission-lifecycle';
import { SubmissionLoaders } from './submission-loaders';
import { SubmissionQueries } from './submission-queries';
import { SubmissionVersions } from './submission-versions';
import type { ReportFileRow } from './report-file.entity';
import type {
  NewVersion,
  SaveDraftInput,
  SubmissionFilter,
  TransitionHook,
} from './submission.types';
import type { SubmissionRow } from './submission.entity';
import type { SubmissionVersionRow } from './submission-version.entity';

export { previousYearVersionIds, reportingRefusal } from './submission-reporting';
export {
  findingKey,
  type NewVersion,
  type RosterSubmission,
  type SaveDraftInput,
  type SubmissionFilter,
  type TransitionHook,
} from './submission.types';

type UploadFile = Omit<
  ReportFileRow,
  'createdAt' | 'uploadedById' | 'organizationId' | 'submissionId'
>;

/**
 * What the submissions module offers other modules: one entry point over its parts — access
 * (`submission-access.ts`), loaders, queries, version writes and the workflow — each method
 * handing over to the part that owns it.
 */
@Injectable()
export class SubmissionsService {
  constructor(
    private readonly access: SubmissionAccess,
    private readonly loaders: SubmissionLoaders,
    private readonly queries: SubmissionQueries,
    private readonly versionWrites: SubmissionVersions,
    private readonly lifecycle: SubmissionLifecycle,
  ) {}

  // ---- access -----------------------------------------------------------------------------------

  visible(
    actor: Actor,
    ids: readonly string[],
    manager?: EntityManager,
  ): Promise<Map<string, SubmissionRow>> {
    return this.access.visible(actor, ids, manager);
  }

  getVisible(actor: Actor, id: string): Promise<SubmissionRow> {
    return this.access.getVisible(actor, id);
  }

  visibleVersions(
    actor: Actor,
    ids: readonly string[],
  ): Promise<Map<string, SubmissionVersionRow>> {
    return this.access.visibleVersions(actor, ids);
  }

  visibleFindings(actor: Actor, versionIds: readonly string[]) {
    return this.access.visibleFindings(actor, versionIds);
  }

  getVisibleFile(actor: Actor, id: string): Promise<ReportFileRow> {
    return this.access.getVisibleFile(actor, id);
  }

  // ---- loaders ----------------------------------------------------------------------------------

  versionByIdLoader(loaders: RequestLoaders) {
    return this.loaders.versionByIdLoader(loaders);
  }

  versionReportLoader(loaders: RequestLoaders) {
    return this.loaders.versionReportLoader(loaders);
  }

  versionsLoader(loaders: RequestLoaders) {
    return this.loaders.versionsLoader(loaders);
  }

  justificationsLoader(loaders: RequestLoaders) {
    return this.loaders.justificationsLoader(loaders);
  }

  filesLoader(loaders: RequestLoaders) {
    return this.loaders.filesLoader(loaders);
  }

  timelinessLoader(loaders: RequestLoaders) {
    return this.loaders.timelinessLoader(loaders);
  }

  timeliness(s: SubmissionRow, deadline: string, extended: boolean) {
    return this.loaders.timeliness(s, deadline, extended);
  }

  // ---- reads ------------------------------------------------------------------------------------

  list(actor: Actor, filter: SubmissionFilter, page: Page): Promise<Connection<SubmissionRow>> {
    return this.queries.list(actor, filter, page);
  }

  latestForSubtree(roundId: string, nodeId: string, manager?: EntityManager) {
    return this.queries.latestForSubtree(roundId, nodeId, manager);
  }

  diff(actor: Actor, fromVersionId: string, toVersionId: string) {
    return this.queries.diff(actor, fromVersionId, toVersionId);
  }

  changedPaths(pairs: readonly (readonly [string, string])[]) {
    return this.queries.changedPaths(pairs);
  }

  previousYearReport(
    organizationId: string,
    year: number,
    manager?: EntityManager,
  ): Promise<AnnualReport | null> {
    return this.queries.previousYearReport(organizationId, year, manager);
  }

  // ---- writes -----------------------------------------------------------------------------------

  start(actor: Actor, input: { roundId: string; organizationId: string }) {
    return this.lifecycle.start(actor, input);
  }

  saveDraft(actor: Actor, input: SaveDraftInput): Promise<SubmissionRow> {
    return this.versionWrites.saveDraft(actor, input);
  }

  addVersion(
    manager: EntityManager,
    actor: Actor,
    submissionId: string,
    expectedRevision: number,
    next: NewVersion,
  ): Promise<SubmissionRow> {
    return this.versionWrites.addVersion(manager, actor, submissionId, expectedRevision, next);
  }

  addImportedVersion(
    manager: EntityManager,
    actor: Actor,
    input: Parameters<SubmissionVersions['addImportedVersion']>[2],
  ): Promise<SubmissionRow> {
    return this.versionWrites.addImportedVersion(manager, actor, input);
  }

  recordFile(
    manager: EntityManager,
    actor: Actor,
    submission: SubmissionRow,
    file: UploadFile,
  ): Promise<ReportFileRow> {
    return this.versionWrites.recordFile(manager, actor, submission, file);
  }

  submit(
    actor: Actor,
    input: { submissionId: string; expectedRevision: number; reply?: string | null },
  ) {
    return this.lifecycle.submit(actor, input);
  }

  justify(
    actor: Actor,
    input: { submissionId: string; findingKey: string; text: string; expectedRevision: number },
  ) {
    return this.lifecycle.justify(actor, input);
  }

  transition(
    actor: Actor,
    submissionId: string,
    expectedRevision: number,
    action: WorkflowAction,
    reason: string | null,
    hook?: TransitionHook,
    existingManager?: EntityManager,
  ): Promise<SubmissionRow> {
    return this.lifecycle.transition(
      actor,
      submissionId,
      expectedRevision,
      action,
      reason,
      hook,
      existingManager,
    );
  }

  inTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.lifecycle.inTransaction(work);
  }

  /** Where `submissionCommands` run for the actor's action in `manager`'s transaction. */
  commandContext(manager: EntityManager, actor: Actor): SubmissionCommandContext {
    return this.lifecycle.commandContext(manager, actor);
  }

  getForUpload(actor: Actor, submissionId: string): Promise<SubmissionRow> {
    return this.lifecycle.getForUpload(actor, submissionId);
  }
}

import { randomUUID } from 'node:crypto';
import type { AnnualReport } from '@gongkai/report-model';
import { type Rng, withCellDelta } from '@gongkai/report-model/testing';
import type { EntityManager } from 'typeorm';
import type { AuditEventEntity } from '../modules/audit';
import type { OrganizationEntity } from '../modules/organizations';
import type { ReviewCommentEntity } from '../modules/review';
import type { RoundEntity } from '../modules/rounds';
import {
  type RoundPeerCorpus,
  ReturnKind,
  type SubmissionReturnEntity,
  VersionSource,
  SubmissionStatus,
  checkVersion,
} from '../modules/submissions';
import { SubmissionVersionEntity } from '../modules/submissions/submission-version.entity';
import { SubmissionEntity } from '../modules/submissions/submission.entity';
import { withError } from './demo-defects';
import { maxDate } from './demo-time';
import type { Timeline } from './demo-timeline';

type Version = { report: AnnualReport; source: VersionSource; at: Date; fileId?: string | null };

/** The rows of one body's submission in a round, ready to insert. */
export type DemoSubmissionRows = {
  readonly sub: SubmissionEntity;
  readonly versions: SubmissionVersionEntity[];
  readonly events: Partial<AuditEventEntity>[];
  readonly comments: Partial<ReviewCommentEntity>[];
  readonly returns: Partial<SubmissionReturnEntity>[];
};

/**
 * One body's submission as it moved along `timeline`: its versions (a returned report first
 * saved twice with an error), each checked as the service checks a version, the workflow's audit
 * events, and the return with its reviewer comment and the reply. Nothing is written here.
 */
export function demoSubmissionRows(
  manager: EntityManager,
  rng: Rng,
  input: {
    readonly round: RoundEntity;
    readonly org: OrganizationEntity;
    readonly report: AnnualReport;
    readonly timeline: Timeline;
    /** The body's approved report of the year before. */
    readonly previous: { readonly report: AnnualReport; readonly versionId: string } | undefined;
    /** The round's peers so far (the counting versions of the bodies already filed). */
    readonly peers: RoundPeerCorpus;
    readonly reviewerId: string;
    /** The demo bureau account, when the body is the demo bureau's. */
    readonly actorId: string | null;
  },
): DemoSubmissionRows {
  const { round, org, report, timeline, previous, peers, reviewerId, actorId } = input;
  const versions: Version[] = [];
  const events: Partial<AuditEventEntity>[] = [];
  const comments: { cell: string; body: string; versionIndex: number }[] = [];
  const returns: Partial<SubmissionReturnEntity>[] = [];
  const { status, returnedOnce } = timeline;
  if (returnedOnce) {
    versions.push({
      report: withError(rng, report),
      source: VersionSource.UPLOAD,
      at: timeline.start,
    });
    versions.push({
      report: withCellDelta(withError(rng, report), 'article20.licensing.decisions', 0),
      source: VersionSource.MANUAL,
      at: timeline.secondSaved,
    });
  }
  versions.push({
    report,
    source: rng() < 0.4 ? VersionSource.UPLOAD : VersionSource.MANUAL,
    at: timeline.finalSaved,
  });
  if (status === SubmissionStatus.DRAFT)
    versions.splice(0, versions.length, {
      report: rng() < 0.5 ? withError(rng, report) : report,
      source: VersionSource.AUTOSAVE,
      at: timeline.start,
    });
  const sub = manager.create(SubmissionEntity, {
    id: randomUUID(),
    roundId: round.id,
    organizationId: org.id,
    status,
    returnCount: 0,
    reopenCount: 0,
    changesAfterApproval: 0,
    createdAt: timeline.start,
    updatedAt: timeline.finalSaved,
  });
  const ev = (
    action: string,
    at: Date,
    from: SubmissionStatus | null,
    to: SubmissionStatus | null,
    reason: string | null = null,
    data: Record<string, unknown> = {},
  ) =>
    events.push({
      organizationId: org.id,
      submissionId: sub.id,
      roundId: round.id,
      actorId:
        action.includes('return') || action.includes('approve') || action.includes('publish')
          ? reviewerId
          : actorId,
      action,
      fromStatus: from,
      toStatus: to,
      reason,
      data,
      createdAt: at,
    });
  ev('submission.start', timeline.start, null, SubmissionStatus.DRAFT);
  const versionRows: SubmissionVersionEntity[] = versions.map((v, i) => {
    ev(
      v.source === VersionSource.UPLOAD ? 'submission.upload' : 'submission.save',
      v.at,
      null,
      null,
      null,
      { version: i + 1, source: v.source },
    );
    return manager.create(SubmissionVersionEntity, {
      id: randomUUID(),
      submissionId: sub.id,
      number: i + 1,
      source: v.source,
      report: v.report,
      ...checkVersion(v.report, org.id, previous?.report ?? null, peers),
      previousYearVersionId: previous?.versionId ?? null,
      fileId: null,
      importWarnings: null,
      createdById: actorId,
      createdAt: v.at,
    });
  });
  const last = versionRows[versionRows.length - 1]!;
  sub.versionCount = versionRows.length;
  sub.currentVersionId = last.id;
  if (status !== SubmissionStatus.DRAFT && timeline.firstSubmit) {
    sub.firstSubmittedAt = timeline.firstSubmit;
    sub.lastSubmittedAt = timeline.lastSubmit ?? timeline.firstSubmit;
    if (returnedOnce && timeline.returned) {
      ev(
        'submission.submit',
        timeline.firstSubmit,
        SubmissionStatus.DRAFT,
        SubmissionStatus.SUBMITTED,
        null,
        { version: 2 },
      );
      const bad = versionRows[1]!.findings.find((f) => f.severity === 'error');
      comments.push({
        cell: bad?.cells[0] ?? 'applications.total.total',
        body: bad?.message ?? '请核对表格数据',
        versionIndex: 1,
      });
      ev(
        'submission.return',
        timeline.returned,
        SubmissionStatus.SUBMITTED,
        SubmissionStatus.RETURNED,
        '表格数据不一致，请核对后重新报送',
      );
      sub.returnCount = 1;
      const resubmitted = status !== SubmissionStatus.RETURNED;
      returns.push({
        id: randomUUID(),
        submissionId: sub.id,
        kind: ReturnKind.RETURN,
        reason: '表格数据不一致，请核对后重新报送',
        returnedVersionId: versionRows[1]!.id,
        reviewerId,
        createdAt: timeline.returned,
        reply: resubmitted ? '已按意见核对并更正表格数据' : null,
        repliedById: resubmitted ? actorId : null,
        repliedAt: resubmitted ? sub.lastSubmittedAt : null,
        resubmittedVersionId: resubmitted ? last.id : null,
      });
      if (resubmitted) {
        sub.submittedVersionId = last.id;
        ev(
          'submission.submit',
          sub.lastSubmittedAt,
          SubmissionStatus.RETURNED,
          SubmissionStatus.RESUBMITTED,
          null,
          { version: versionRows.length },
        );
      } else {
        sub.submittedVersionId = versionRows[1]!.id;
      }
    } else {
      sub.submittedVersionId = last.id;
      ev(
        'submission.submit',
        timeline.firstSubmit,
        SubmissionStatus.DRAFT,
        SubmissionStatus.SUBMITTED,
        null,
        { version: versionRows.length },
      );
    }
    if (timeline.approved) {
      sub.approvedAt = timeline.approved;
      ev(
        'submission.approve',
        sub.approvedAt,
        returnedOnce ? SubmissionStatus.RESUBMITTED : SubmissionStatus.SUBMITTED,
        SubmissionStatus.APPROVED,
      );
    }
    if (timeline.published) {
      sub.publishedAt = timeline.published;
      ev(
        'submission.publish',
        sub.publishedAt,
        SubmissionStatus.APPROVED,
        SubmissionStatus.PUBLISHED,
      );
    }
    sub.updatedAt = maxDate(
      timeline.finalSaved,
      sub.publishedAt ?? sub.approvedAt ?? sub.lastSubmittedAt,
    );
  }
  return {
    sub,
    versions: versionRows,
    events,
    returns,
    comments: comments.map((c) => ({
      returnId: returns[0]?.id ?? null,
      submissionId: sub.id,
      versionId: versionRows[c.versionIndex]!.id,
      cell: c.cell,
      body: c.body,
      authorId: reviewerId,
      createdAt: events.find((e) => e.action === 'submission.return')?.createdAt,
    })),
  };
}

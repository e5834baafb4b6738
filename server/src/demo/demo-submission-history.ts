import type { AnnualReport } from '@gongkai/report-model';
import { type Rng, withCellDelta } from '@gongkai/report-model/testing';
import type { OrganizationEntity } from '../modules/organizations';
import { writeReturnComments } from '../modules/review';
import type { RoundEntity } from '../modules/rounds';
import {
  checkVersion,
  ReturnKind,
  type RoundPeerCorpus,
  submissionCommands,
  type SubmissionEntity,
  type SubmissionVersionEntity,
  SubmissionStatus,
  VersionSource,
  WorkflowAction,
} from '../modules/submissions';
import { withError } from './demo-defects';
import type { DemoHistory } from './demo-history';
import type { Timeline } from './demo-timeline';

type Version = { report: AnnualReport; source: VersionSource; at: Date };

const RETURN_REASON = '表格数据不一致，请核对后重新报送';
const REPLY = '已按意见核对并更正表格数据';

/** One body's submission in a round, as the demo filed it. */
export type DemoSubmission = {
  readonly submission: SubmissionEntity;
  /** Its versions, oldest first. */
  readonly versions: readonly { readonly id: string; readonly report: AnnualReport }[];
};

/**
 * One body's submission as it moved along `timeline`, written through the submission commands in
 * the order it happened, each at its time: opened, its versions saved (a returned report first
 * saved twice with an error), each checked as the service checks a version, submitted, returned
 * with a reviewer's comment on the wrong cell, corrected and resubmitted with a reply, approved,
 * published. The bureau's steps are the demo bureau account's when it is the body's (else the
 * system's), the reviewer's steps the city reviewer's.
 */
export async function fileDemoSubmission(
  history: DemoHistory,
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
): Promise<DemoSubmission> {
  const { round, org, report, timeline, previous, peers, reviewerId, actorId } = input;
  const versions: Version[] = [];
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
  const bureau = (at: Date) => history.context(actorId, at);
  const reviewer = (at: Date) => history.context(reviewerId, at);
  const sub = await submissionCommands.open(bureau(timeline.start), {
    roundId: round.id,
    organizationId: org.id,
  });
  const stored: SubmissionVersionEntity[] = [];
  const save = async (v: Version) => {
    const version = await submissionCommands.addVersion(bureau(v.at), sub, {
      report: v.report,
      source: v.source,
      checked: checkVersion(v.report, org.id, previous?.report ?? null, peers),
      previousYearVersionId: previous?.versionId ?? null,
    });
    stored.push(version);
    return version;
  };
  const submitted = status !== SubmissionStatus.DRAFT && timeline.firstSubmit;
  // a returned report: its first two (wrong) versions, submitted, returned, then corrected
  const returned = submitted && returnedOnce && timeline.returned ? timeline.returned : null;
  for (const v of returned ? versions.slice(0, 2) : versions.slice(0, -1)) await save(v);
  if (!submitted) {
    await save(versions[versions.length - 1]!);
    return { submission: sub, versions: stored };
  }
  const submit = async (at: Date, reply: string | null) =>
    submissionCommands.step(bureau(at), sub, WorkflowAction.Submit, {
      change: async (s) => {
        s.submittedVersionId = s.currentVersionId;
        const answered = reply
          ? await submissionCommands.answerReturn(bureau(at), s, {
              reply,
              versionId: s.currentVersionId!,
            })
          : null;
        return answered
          ? { version: s.versionCount, replyTo: answered.id }
          : { version: s.versionCount };
      },
    });
  if (returned) {
    await submit(timeline.firstSubmit!, null);
    const bad = stored[1]!.findings.find((f) => f.severity === 'error');
    await submissionCommands.step(reviewer(returned), sub, WorkflowAction.Return, {
      reason: RETURN_REASON,
      change: async (s) => {
        const turn = await submissionCommands.addReturn(reviewer(returned), s, {
          kind: ReturnKind.RETURN,
          reason: RETURN_REASON,
        });
        const comment = {
          cell: bad?.cells[0] ?? 'applications.total.total',
          body: bad?.message ?? '请核对表格数据',
        };
        await writeReturnComments(history.manager, s, turn.id, reviewerId, [comment], returned);
        return { comments: 1, version: s.submittedVersionId, returnId: turn.id };
      },
    });
    await save(versions[versions.length - 1]!);
    if (status === SubmissionStatus.RETURNED) return { submission: sub, versions: stored };
    await submit(timeline.lastSubmit ?? timeline.firstSubmit!, REPLY);
  } else {
    await save(versions[versions.length - 1]!);
    await submit(timeline.firstSubmit!, null);
  }
  if (timeline.approved)
    await submissionCommands.step(reviewer(timeline.approved), sub, WorkflowAction.Approve, {
      change: async (s) => ({ version: s.submittedVersionId }),
    });
  if (timeline.published)
    await submissionCommands.step(reviewer(timeline.published), sub, WorkflowAction.Publish);
  return { submission: sub, versions: stored };
}

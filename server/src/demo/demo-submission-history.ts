import { randomUUID } from 'node:crypto';
import type { AnnualReport } from '@gongkai/report-model';
import { type Rng, withCellDelta } from '@gongkai/report-model/testing';
import type { OrganizationRow } from '../modules/organizations';
import { writeReturnCommentsOfMany } from '../modules/review';
import type { RoundRow } from '../modules/rounds';
import {
  checkVersion,
  ReturnKind,
  type RoundPeerCorpus,
  submissionCommands,
  type SubmissionRow,
  SubmissionStatus,
  VersionSource,
  WorkflowAction,
} from '../modules/submissions';
import { withError } from './demo-defects';
import type { DemoHistory } from './demo-history';
import type { Timeline } from './demo-timeline';

type CheckedVersion = ReturnType<typeof checkVersion>;

/** A version as the demo saves it: its id chosen ahead (the peers of later bodies name it). */
type Version = {
  readonly id: string;
  readonly report: AnnualReport;
  readonly source: VersionSource;
  readonly at: Date;
  readonly checked: CheckedVersion;
};

const RETURN_REASON = '表格数据不一致，请核对后重新报送';
const REPLY = '已按意见核对并更正表格数据';

/**
 * One body's submission in a round as the demo files it: its versions (oldest first), each
 * checked as the service checks a version, and where its history goes along the timeline.
 */
export type DemoFiling = {
  readonly round: RoundRow;
  readonly org: OrganizationRow;
  readonly timeline: Timeline;
  readonly versions: readonly Version[];
  /** The body's approved version of the year before. */
  readonly previousVersionId: string | null;
  readonly reviewerId: string;
  /** The demo bureau account, when the body is the demo bureau's. */
  readonly actorId: string | null;
  /** Submitted at least once. */
  readonly submitted: boolean;
  /** When it was returned (a returned report's two wrong versions are submitted first). */
  readonly returned: Date | null;
  /** Resubmitted after its return, or submitted without one. */
  readonly settled: boolean;
  /** The version that counts for the round (the submitted one, else the current one). */
  readonly counting: Version;
  readonly approved: boolean;
};

/**
 * Plans one body's submission as it moved along `timeline`: its versions (a returned report first
 * saved twice with an error), each checked against the round's peers so far, and the steps it
 * reached. Draws from `rng` in the demo's fixed order; writes nothing (`fileDemoSubmissions`).
 */
export function planDemoSubmission(
  rng: Rng,
  input: {
    readonly round: RoundRow;
    readonly org: OrganizationRow;
    readonly report: AnnualReport;
    readonly timeline: Timeline;
    readonly previous: { readonly report: AnnualReport; readonly versionId: string } | undefined;
    readonly peers: RoundPeerCorpus;
    readonly reviewerId: string;
    readonly actorId: string | null;
  },
): DemoFiling {
  const { org, report, timeline, previous, peers } = input;
  const drafts: Omit<Version, 'id' | 'checked'>[] = [];
  const { status, returnedOnce } = timeline;
  if (returnedOnce) {
    drafts.push({
      report: withError(rng, report),
      source: VersionSource.UPLOAD,
      at: timeline.start,
    });
    drafts.push({
      report: withCellDelta(withError(rng, report), 'article20.licensing.decisions', 0),
      source: VersionSource.MANUAL,
      at: timeline.secondSaved,
    });
  }
  drafts.push({
    report,
    source: rng() < 0.4 ? VersionSource.UPLOAD : VersionSource.MANUAL,
    at: timeline.finalSaved,
  });
  if (status === SubmissionStatus.DRAFT)
    drafts.splice(0, drafts.length, {
      report: rng() < 0.5 ? withError(rng, report) : report,
      source: VersionSource.AUTOSAVE,
      at: timeline.start,
    });
  const versions = drafts.map((v) => ({
    ...v,
    id: randomUUID(),
    checked: checkVersion(v.report, org.id, previous?.report ?? null, peers),
  }));
  const submitted = status !== SubmissionStatus.DRAFT && timeline.firstSubmit !== null;
  const returned = submitted && returnedOnce && timeline.returned ? timeline.returned : null;
  const settled = submitted && !(returned && status === SubmissionStatus.RETURNED);
  const last = versions[versions.length - 1]!;
  return {
    round: input.round,
    org,
    timeline,
    versions,
    previousVersionId: previous?.versionId ?? null,
    reviewerId: input.reviewerId,
    actorId: input.actorId,
    submitted,
    returned,
    settled,
    counting: submitted && !settled ? versions[1]! : last,
    approved: settled && timeline.approved !== null,
  };
}

/**
 * Files planned submissions through the submission commands' list forms, each step at its time:
 * opened, the versions before the first submission saved, submitted, returned with a reviewer's
 * comment on the wrong cell, corrected and resubmitted with a reply, approved, published — every
 * body's step of one kind in one list. The bureau's steps are the demo bureau account's when it is
 * the body's (else the system's), the reviewer's steps the city reviewer's.
 */
export async function fileDemoSubmissions(
  history: DemoHistory,
  filings: readonly DemoFiling[],
): Promise<SubmissionRow[]> {
  const bureau = (f: DemoFiling, at: Date) => history.context(f.actorId, at);
  const reviewer = (f: DemoFiling, at: Date) => history.context(f.reviewerId, at);
  const subs = await submissionCommands.openAll(
    filings.map((f) => ({
      context: bureau(f, f.timeline.start),
      input: { roundId: f.round.id, organizationId: f.org.id },
    })),
  );
  const filed = filings.map((f, i) => ({ f, s: subs[i]! }));
  type Filed = (typeof filed)[number];
  const save = (list: { f: DemoFiling; s: SubmissionRow; v: Version }[]) =>
    submissionCommands.addVersions(
      list.map(({ f, s, v }) => ({
        context: bureau(f, v.at),
        submission: s,
        next: {
          id: v.id,
          report: v.report,
          source: v.source,
          checked: v.checked,
          previousYearVersionId: f.previousVersionId,
        },
      })),
    );
  const submit = async (list: Filed[], at: (f: DemoFiling) => Date, reply: string | null) => {
    const answered = reply
      ? await submissionCommands.answerReturns(
          list.map(({ f, s }) => ({
            context: bureau(f, at(f)),
            submission: s,
            input: { reply, versionId: s.currentVersionId! },
          })),
        )
      : [];
    await submissionCommands.steps(
      list.map(({ f, s }, i) => ({
        context: bureau(f, at(f)),
        submission: s,
        action: WorkflowAction.Submit,
        input: {
          change: async (sub: SubmissionRow) => {
            sub.submittedVersionId = sub.currentVersionId;
            const turn = answered[i];
            return turn
              ? { version: sub.versionCount, replyTo: turn.id }
              : { version: sub.versionCount };
          },
        },
      })),
    );
  };
  // a returned report: its first two (wrong) versions, submitted, returned, then corrected
  await save(
    filed.flatMap(({ f, s }) =>
      (f.returned ? f.versions.slice(0, 2) : f.versions).map((v) => ({ f, s, v })),
    ),
  );
  await submit(
    filed.filter(({ f }) => f.submitted),
    (f) => f.timeline.firstSubmit!,
    null,
  );
  const returned = filed.filter(({ f }) => f.returned);
  const turns = await submissionCommands.addReturns(
    returned.map(({ f, s }) => ({
      context: reviewer(f, f.returned!),
      submission: s,
      input: { kind: ReturnKind.RETURN, reason: RETURN_REASON },
    })),
  );
  await writeReturnCommentsOfMany(
    history.manager,
    returned.map(({ f, s }, i) => {
      const bad = f.versions[1]!.checked.findings.find((x) => x.severity === 'error');
      return {
        submission: s,
        returnId: turns[i]!.id,
        authorId: f.reviewerId,
        comments: [
          {
            cell: bad?.cells[0] ?? 'applications.total.total',
            body: bad?.message ?? '请核对表格数据',
          },
        ],
        at: f.returned,
      };
    }),
  );
  await submissionCommands.steps(
    returned.map(({ f, s }, i) => ({
      context: reviewer(f, f.returned!),
      submission: s,
      action: WorkflowAction.Return,
      input: {
        reason: RETURN_REASON,
        change: async (sub: SubmissionRow) => ({
          comments: 1,
          version: sub.submittedVersionId,
          returnId: turns[i]!.id,
        }),
      },
    })),
  );
  await save(returned.map(({ f, s }) => ({ f, s, v: f.versions[f.versions.length - 1]! })));
  await submit(
    returned.filter(({ f }) => f.settled),
    (f) => f.timeline.lastSubmit ?? f.timeline.firstSubmit!,
    REPLY,
  );
  const approved = filed.filter(({ f }) => f.approved);
  await submissionCommands.steps(
    approved.map(({ f, s }) => ({
      context: reviewer(f, f.timeline.approved!),
      submission: s,
      action: WorkflowAction.Approve,
      input: { change: async (sub: SubmissionRow) => ({ version: sub.submittedVersionId }) },
    })),
  );
  await submissionCommands.steps(
    approved
      .filter(({ f }) => f.timeline.published)
      .map(({ f, s }) => ({
        context: reviewer(f, f.timeline.published!),
        submission: s,
        action: WorkflowAction.Publish,
      })),
  );
  return subs;
}

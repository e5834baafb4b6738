import type { AnnualReport } from '@gongkai/report-model';
import { generateConsistentReport, type Rng } from '@gongkai/report-model/testing';
import type { EntityManager } from 'typeorm';
import { AuditEventEntity } from '../modules/audit/audit-event.entity';
import { OrganizationLevel } from '../modules/organizations';
import { ReviewCommentEntity } from '../modules/review/review-comment.entity';
import { RoundExtensionEntity } from '../modules/rounds/round-extension.entity';
import type { RoundEntity } from '../modules/rounds';
import { RoundPeerCorpus } from '../modules/submissions';
import { SubmissionReturnEntity } from '../modules/submissions/submission-return.entity';
import { SubmissionVersionEntity } from '../modules/submissions/submission-version.entity';
import { SubmissionEntity } from '../modules/submissions/submission.entity';
import type { DemoAccounts } from './demo-accounts';
import type { DemoCalendar } from './demo-calendar';
import { withWarnings } from './demo-defects';
import type { DemoOrganizations } from './demo-organizations';
import { type DemoSubmissionRows, demoSubmissionRows } from './demo-submission-history';
import { addDays, between, minDate, shanghai } from './demo-time';
import { closedTimeline, currentTimeline } from './demo-timeline';

/**
 * Planted near-copies in the open round, so `originality.peer` shows: the demo bureau and this one
 * repeat the prose of the first body of their kind that filed before them (the bureau sees
 * "another body", the city reviewer sees which).
 */
const PLANTED_COPIER = 'DEMO-BL-JYJ';

type FinalReports = Map<string, { report: AnnualReport; versionId: string }>;

type Context = {
  readonly calendar: DemoCalendar;
  readonly organizations: DemoOrganizations;
  readonly accounts: DemoAccounts;
};

/**
 * Every round's submissions, round by round (a body's approved report of one year is the
 * previous year of the next): counts of submissions and versions inserted.
 */
export async function seedDemoSubmissions(
  manager: EntityManager,
  rng: Rng,
  context: Context,
  rounds: readonly RoundEntity[],
): Promise<{ submissions: number; versions: number }> {
  const finalReports: FinalReports = new Map();
  const count = { submissions: 0, versions: 0 };
  for (const round of rounds) {
    const batch = await seedRound(manager, rng, context, round, finalReports);
    count.submissions += batch.length;
    count.versions += batch.reduce((n, b) => n + b.versions.length, 0);
  }
  return count;
}

/**
 * One round: which expected bodies filed and how far they got (a closed round's history, or the
 * open round as it stands today), extensions granted, a report per body with realistic defects
 * and planted copies, then the rows inserted in chunks and the round's creation event.
 */
async function seedRound(
  manager: EntityManager,
  rng: Rng,
  { calendar, organizations, accounts }: Context,
  round: RoundEntity,
  finalReports: FinalReports,
): Promise<DemoSubmissionRows[]> {
  const { all: orgs, city } = organizations;
  const { bureauOrg, bureauUserId, reviewerId } = accounts;
  const expected = orgs.filter(
    (o) =>
      o.reports &&
      (o.activeFromYear === null || o.activeFromYear <= round.year) &&
      (o.activeToYear === null || o.activeToYear >= round.year),
  );
  const extensions: Partial<RoundExtensionEntity>[] = [];
  const batch: DemoSubmissionRows[] = [];
  const current = round.year === calendar.currentYear;
  // the peers of originality.peer: the counting versions of the bodies already filed
  const peers = new RoundPeerCorpus(round.year);
  const firstOfKind = new Map<string, AnnualReport>();
  for (const org of expected) {
    const isGov = org.level === OrganizationLevel.CITY || org.level === OrganizationLevel.COUNTY;
    let deadline = isGov ? round.governmentDeadline : round.departmentDeadline;
    // an extension or two in every round (the open one always has two)
    const forcedExtension =
      current &&
      extensions.length < 2 &&
      org.level === OrganizationLevel.DEPARTMENT &&
      org.id !== bureauOrg.id &&
      org.code.endsWith('-ZJJ');
    if (rng() < 0.03 || forcedExtension) {
      const extended = addDays(deadline, 7 + Math.floor(rng() * 10));
      const asked = shanghai(addDays(deadline, -3), 10);
      extensions.push({
        roundId: round.id,
        organizationId: org.id,
        deadline: extended,
        reason: '因机构调整，申请延期报送',
        grantedById: reviewerId,
        createdAt: current ? between(calendar.opened, minDate(asked, calendar.now), 0.5) : asked,
      });
      deadline = extended;
    }
    const previous = finalReports.get(`${org.id}:${round.year - 1}`);
    // the first body of a kind and the planted copier always start: the copies need them
    const leadsKind = Boolean(org.kind) && !firstOfKind.has(org.kind ?? '');
    const timeline = current
      ? currentTimeline(rng, {
          opened: calendar.opened,
          now: calendar.now,
          due: shanghai(addDays(deadline, 1), 0),
          must:
            org.id === bureauOrg.id
              ? 'editable'
              : leadsKind || org.code === PLANTED_COPIER
                ? 'started'
                : null,
        })
      : rng() < (round.year < calendar.firstYear + 2 ? 0.06 : 0.03) && org.id !== bureauOrg.id
        ? null // never filed
        : closedTimeline(rng, deadline);
    if (!timeline) continue;
    const base = generateConsistentReport(rng, round.template, round.year, {
      organization: { name: org.name, region: org.region },
      ...(previous ? { previous: previous.report } : {}),
    });
    const copied =
      current && (org.id === bureauOrg.id || org.code === PLANTED_COPIER)
        ? firstOfKind.get(org.kind ?? '')
        : undefined;
    const report = {
      ...withWarnings(rng, base, previous?.report),
      publishedOn: timeline.publishedOn,
      ...(copied
        ? {
            sections: {
              ...copied.sections,
              other: `${copied.sections.other ?? ''}本单位将继续做好政府信息公开工作。`,
            },
          }
        : {}),
    } as AnnualReport;
    const rows = demoSubmissionRows(manager, rng, {
      round,
      org,
      report,
      timeline,
      previous,
      peers,
      reviewerId,
      actorId: org.id === bureauOrg.id ? bureauUserId : null,
    });
    const { sub, versions: versionRows } = rows;
    const last = versionRows[versionRows.length - 1]!;
    const counting = versionRows.find(
      (v) => v.id === (sub.submittedVersionId ?? sub.currentVersionId),
    )!;
    peers.set(org.id, counting.id, counting.report);
    if (org.kind && !firstOfKind.has(org.kind)) firstOfKind.set(org.kind, counting.report);
    if (sub.approvedAt)
      finalReports.set(`${org.id}:${round.year}`, { report: last.report, versionId: last.id });
    batch.push(rows);
  }
  if (extensions.length) await manager.insert(RoundExtensionEntity, extensions);
  for (let i = 0; i < batch.length; i += 100) {
    const chunk = batch.slice(i, i + 100);
    await manager.insert(
      SubmissionEntity,
      chunk.map((b) => b.sub),
    );
    await manager.insert(
      SubmissionVersionEntity,
      chunk.flatMap((b) => b.versions),
    );
    await manager.insert(AuditEventEntity, chunk.flatMap((b) => b.events) as never);
    const comments = chunk.flatMap((b) => b.comments);
    const returns = chunk.flatMap((b) => b.returns);
    if (returns.length) await manager.insert(SubmissionReturnEntity, returns);
    if (comments.length) await manager.insert(ReviewCommentEntity, comments);
  }
  await manager.insert(AuditEventEntity, {
    organizationId: city.id,
    roundId: round.id,
    actorId: reviewerId,
    action: 'round.create',
    toStatus: round.status,
    data: { year: round.year, demo: true },
    createdAt: current
      ? minDate(shanghai(`${round.year}-12-01`, 9), calendar.now)
      : shanghai(`${round.year}-12-01`, 9),
  } as never);
  return batch;
}

import type { AnnualReport } from '@gongkai/report-model';
import { generateConsistentReport, type Rng } from '@gongkai/report-model/testing';
import { type OrganizationRow, OrganizationLevel } from '../modules/organizations';
import { type RoundRow, roundWrites } from '../modules/rounds';
import { RoundPeerCorpus } from '../modules/submissions';
import type { DemoAccounts } from './demo-accounts';
import type { DemoCalendar } from './demo-calendar';
import type { DemoHistory } from './demo-history';
import { withWarnings } from './demo-defects';
import type { DemoOrganizations } from './demo-organizations';
import {
  type DemoFiling,
  fileDemoSubmissions,
  planDemoSubmission,
} from './demo-submission-history';
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
 * previous year of the next): counts of submissions and versions filed.
 */
export async function seedDemoSubmissions(
  history: DemoHistory,
  rng: Rng,
  context: Context,
  rounds: readonly RoundRow[],
): Promise<{ submissions: number; versions: number }> {
  const finalReports: FinalReports = new Map();
  const count = { submissions: 0, versions: 0 };
  // a round is written while the next one is planned (planning writes nothing, and yields
  // between bodies, so the seed's one connection works while the reports are generated)
  let writing: Promise<void> = Promise.resolve();
  for (const round of rounds) {
    const { filings, extensions } = await seedRound(rng, context, round, finalReports);
    await writing;
    writing = (async () => {
      for (const e of extensions)
        await roundWrites.extend(
          history.context(context.accounts.reviewerId, e.at),
          round,
          context.organizations.city,
          e.org,
          { deadline: e.deadline, reason: '因机构调整，申请延期报送' },
        );
      await fileDemoSubmissions(history, filings);
    })();
    writing.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
    count.submissions += filings.length;
    count.versions += filings.reduce((n, b) => n + b.versions.length, 0);
  }
  await writing;
  return count;
}

/** An extension the demo city grants, written with its round's submissions. */
type Extension = { readonly org: OrganizationRow; readonly deadline: string; readonly at: Date };

/**
 * One round: which expected bodies filed and how far they got (a closed round's history, or the
 * open round as it stands today), extensions granted, a report per body with realistic defects
 * and planted copies, each body's submission planned as it happened (filed by the caller).
 */
async function seedRound(
  rng: Rng,
  { calendar, organizations, accounts }: Context,
  round: RoundRow,
  finalReports: FinalReports,
): Promise<{ filings: DemoFiling[]; extensions: Extension[] }> {
  const { all: orgs } = organizations;
  const { bureauOrg, bureauUserId, reviewerId } = accounts;
  const expected = orgs.filter(
    (o) =>
      o.reports &&
      (o.activeFromYear === null || o.activeFromYear <= round.year) &&
      (o.activeToYear === null || o.activeToYear >= round.year),
  );
  const extensions: Extension[] = [];
  const batch: DemoFiling[] = [];
  const current = round.year === calendar.currentYear;
  // the peers of originality.peer: the counting versions of the bodies already filed
  const peers = new RoundPeerCorpus(round.year);
  const firstOfKind = new Map<string, AnnualReport>();
  for (const org of expected) {
    await new Promise((resolve) => setImmediate(resolve));
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
      const at = current ? between(calendar.opened, minDate(asked, calendar.now), 0.5) : asked;
      extensions.push({ org, deadline: extended, at });
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
    const filed = planDemoSubmission(rng, {
      round,
      org,
      report,
      timeline,
      previous,
      peers,
      reviewerId,
      actorId: org.id === bureauOrg.id ? bureauUserId : null,
    });
    const { counting, versions } = filed;
    const last = versions[versions.length - 1]!;
    peers.set(org.id, counting.id, counting.report);
    if (org.kind && !firstOfKind.has(org.kind)) firstOfKind.set(org.kind, counting.report);
    if (filed.approved)
      finalReports.set(`${org.id}:${round.year}`, { report: last.report, versionId: last.id });
    batch.push(filed);
  }
  return { filings: batch, extensions };
}

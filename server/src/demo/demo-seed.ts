import { copyFile, mkdir, readdir, readFile } from 'node:fs/promises';
import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  type AnnualReport,
  check,
  shanghaiDay,
  statutoryDeadline,
  type TemplateId,
} from '@gongkai/report-model';
import {
  createRng,
  generateConsistentReport,
  mutableCopy,
  type Rng,
  withCellDelta,
} from '@gongkai/report-model/testing';
import { importReport } from '@gongkai/report-import';
import type { DataSource, EntityManager } from 'typeorm';
import { Role } from '../common/permissions';
import type { AppConfig } from '../config/config';
import { AuditEventEntity } from '../modules/audit/audit-event.entity';
import { seedDemoNotifications } from './demo-notifications';
import { hashPassword } from '../modules/auth/password';
import { UserEntity } from '../modules/auth/user.entity';
import { storeVersionInputs, versionsWithoutInputs } from '../modules/scoring/version-inputs.store';
import {
  OrganizationEntity,
  OrganizationLevel,
} from '../modules/organizations/organization.entity';
import { ReviewCommentEntity } from '../modules/review/review-comment.entity';
import {
  ReturnKind,
  SubmissionReturnEntity,
} from '../modules/submissions/submission-return.entity';
import { RoundExtensionEntity } from '../modules/rounds/round-extension.entity';
import { RoundEntity, RoundStatus } from '../modules/rounds/round.entity';
import { RoundPeerCorpus } from '../modules/submissions/peer-corpus';
import { ReportFileEntity } from '../modules/submissions/report-file.entity';
import {
  SubmissionVersionEntity,
  VersionSource,
} from '../modules/submissions/submission-version.entity';
import { SubmissionEntity, SubmissionStatus } from '../modules/submissions/submission.entity';
import { type Clock, demoCalendar, systemClock } from './demo-calendar';
import { DEMO_CITY, DEMO_COUNTIES, DEMO_PROVINCE, DEPARTMENT_KINDS } from './demo-organizations';
import { seedDemoStaffing } from './demo-staffing';

export const DEMO_PASSWORD = 'gongkai-demo';
export const DEMO_ACCOUNTS = [
  'demo-admin',
  'demo-reviewer',
  'demo-supervisor',
  'demo-bureau',
] as const;

/**
 * Planted near-copies in the open round, so `originality.peer` shows: the demo bureau and this one
 * repeat the prose of the first body of their kind that filed before them (the bureau sees
 * "another body", the city reviewer sees which).
 */
const PLANTED_COPIER = 'DEMO-BL-JYJ';

export class DemoRefusedError extends Error {}

export type DemoSummary = {
  organizations: number;
  rounds: number;
  submissions: number;
  versions: number;
  seedReports: number;
};

type Version = { report: AnnualReport; source: VersionSource; at: Date; fileId?: string | null };

/**
 * The boot hook: refuses demo accounts in production, then loads the demo dataset into an empty
 * database when `config.demoData` is set.
 */
export async function demoBootHook(
  dataSource: DataSource,
  config: AppConfig,
  clock: Clock = systemClock,
): Promise<DemoSummary | null> {
  if (config.nodeEnv === 'production') {
    const demo = await dataSource.getRepository(UserEntity).count({ where: { isDemo: true } });
    if (demo > 0)
      throw new DemoRefusedError(
        `the database holds ${demo} demo account(s) with a public password; production refuses to start — delete them (users.is_demo) first`,
      );
    return null;
  }
  if (!config.demoData) return null;
  const existing = await dataSource.getRepository(OrganizationEntity).count();
  if (existing > 0) return null;
  const summary = await seedDemoData(dataSource, config, clock);
  await completeScoringInputs(dataSource);
  return summary;
}

/**
 * The seed writes last year's submissions after some of this year's versions: their stored
 * scoring inputs are brought up to date here, before the server starts, rather than by the
 * background job while the first users (and a first backup) already read the data.
 */
async function completeScoringInputs(dataSource: DataSource): Promise<void> {
  const query = (sql: string, parameters?: unknown[]) =>
    dataSource.query(sql, parameters) as Promise<unknown[]>;
  let after: string | null = null;
  for (;;) {
    const ids = await versionsWithoutInputs(query, 500, after);
    if (ids.length === 0) return;
    await dataSource.transaction((em) =>
      storeVersionInputs((sql, parameters) => em.query(sql, parameters) as Promise<unknown[]>, ids),
    );
    after = ids[ids.length - 1]!;
  }
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)]!;
}

/** An instant at a Shanghai local date and hour. */
function shanghai(day: string, hour: number, minute = 0): Date {
  return new Date(
    `${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`,
  );
}

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const DAY_MS = 86_400_000;

function minDate(a: Date, b: Date): Date {
  return a <= b ? a : b;
}

function maxDate(a: Date, b: Date): Date {
  return a >= b ? a : b;
}

/** The instant a fraction `u` of the way from `a` to `b`. */
function between(a: Date, b: Date, u: number): Date {
  return new Date(a.getTime() + Math.max(0, b.getTime() - a.getTime()) * u);
}

/** When a body's report moved through the workflow (null when it never reached a step). */
type Timeline = {
  status: SubmissionStatus;
  returnedOnce: boolean;
  start: Date;
  /** The second (still wrong) version of a report that was returned once. */
  secondSaved: Date;
  /** The version that ends up current. */
  finalSaved: Date;
  firstSubmit: Date | null;
  returned: Date | null;
  lastSubmit: Date | null;
  approved: Date | null;
  published: Date | null;
  /** The report's own publication day. */
  publishedOn: string;
};

/** A closed round's history: filed around the deadline (some late), then approved or published. */
function closedTimeline(rng: Rng, deadline: string): Timeline {
  const late = rng() < 0.08;
  const submitDay = late
    ? addDays(deadline, 1 + Math.floor(rng() * 30))
    : addDays(deadline, -Math.floor(rng() * 20));
  const submittedAt = shanghai(submitDay, 9 + Math.floor(rng() * 9), Math.floor(rng() * 60));
  const start = shanghai(addDays(submitDay, -5 - Math.floor(rng() * 10)), 10);
  const status = rng() < 0.7 ? SubmissionStatus.PUBLISHED : SubmissionStatus.APPROVED;
  const returnedOnce = rng() < 0.15;
  const firstSubmit = returnedOnce ? new Date(start.getTime() + 2 * 3_600_000) : submittedAt;
  const approved = new Date(submittedAt.getTime() + (1 + Math.floor(rng() * 5)) * DAY_MS);
  return {
    status,
    returnedOnce,
    start,
    secondSaved: new Date(start.getTime() + 3_600_000),
    finalSaved: new Date(submittedAt.getTime() - 600_000),
    firstSubmit,
    returned: returnedOnce ? new Date(firstSubmit.getTime() + DAY_MS) : null,
    lastSubmit: submittedAt,
    approved,
    published: status === SubmissionStatus.PUBLISHED ? new Date(approved.getTime() + DAY_MS) : null,
    publishedOn: submitDay,
  };
}

/**
 * The open round as it stands at `now`: who has not started, who drafts, who filed (on time or
 * late), who was returned, resubmitted, approved or published — the further into the round
 * (towards and past the body's deadline), the further along. Every instant lies between the
 * round's opening and `now`. `must`: `editable` (a draft before the deadline, a returned report
 * after it), `started` (never "not started"). Null: not started.
 */
function currentTimeline(
  rng: Rng,
  at: { opened: Date; now: Date; due: Date; must: 'editable' | 'started' | null },
): Timeline | null {
  const { opened, now, due } = at;
  const past = now > due;
  const progress = past
    ? 1
    : Math.min(
        1,
        (now.getTime() - opened.getTime()) / Math.max(1, due.getTime() - opened.getTime()),
      );
  const S = SubmissionStatus;
  const weights: [SubmissionStatus | null, number][] = past
    ? [
        [null, 0.04],
        [S.DRAFT, 0.04],
        [S.SUBMITTED, 0.08],
        [S.RETURNED, 0.06],
        [S.RESUBMITTED, 0.06],
        [S.APPROVED, 0.47],
        [S.PUBLISHED, 0.25],
      ]
    : [
        [null, 0.4 - 0.3 * progress],
        [S.DRAFT, 0.25],
        [S.SUBMITTED, 0.12 + 0.05 * progress],
        [S.RETURNED, 0.06],
        [S.RESUBMITTED, 0.04],
        [S.APPROVED, 0.1 + 0.15 * progress],
        [S.PUBLISHED, 0.03 + 0.1 * progress],
      ];
  let draw = rng() * weights.reduce((n, [, w]) => n + w, 0);
  let status: SubmissionStatus | null = null;
  for (const [s, w] of weights) {
    status = s;
    draw -= w;
    if (draw < 0) break;
  }
  if (at.must === 'editable') status = past ? S.RETURNED : S.DRAFT;
  if (status === null && at.must === 'started') status = S.DRAFT;
  if (status === null) return null;
  if (status === S.DRAFT) {
    const start = between(opened, now, rng());
    return {
      status,
      returnedOnce: false,
      start,
      secondSaved: start,
      finalSaved: start,
      firstSubmit: null,
      returned: null,
      lastSubmit: null,
      approved: null,
      published: null,
      publishedOn: shanghaiDay(start),
    };
  }
  const returnedOnce =
    status === S.RETURNED || status === S.RESUBMITTED || (status !== S.SUBMITTED && rng() < 0.15);
  const late = past && rng() < 0.15;
  const firstSubmit = late
    ? between(due, minDate(now, new Date(due.getTime() + 30 * DAY_MS)), rng())
    : past
      ? between(maxDate(opened, new Date(due.getTime() - 20 * DAY_MS)), due, rng())
      : between(opened, now, rng());
  const start = between(
    maxDate(opened, new Date(firstSubmit.getTime() - 15 * DAY_MS)),
    firstSubmit,
    rng() * 0.8,
  );
  // the steps after the first submission, in order, within a month of it and before now
  const steps = [
    returnedOnce,
    returnedOnce && status !== S.RETURNED,
    status === S.APPROVED || status === S.PUBLISHED,
    status === S.PUBLISHED,
  ];
  const end = minDate(now, new Date(firstSubmit.getTime() + 30 * DAY_MS));
  const points = steps
    .filter(Boolean)
    .map(() => rng())
    .sort((a, b) => a - b)
    .map((u) => between(firstSubmit, end, u));
  const take = (wanted: boolean) => (wanted ? (points.shift() ?? end) : null);
  const returned = take(steps[0]!);
  const resubmitted = take(steps[1]!);
  const approved = take(steps[2]!);
  const published = take(steps[3]!);
  const lastSubmit = resubmitted ?? firstSubmit;
  return {
    status,
    returnedOnce,
    start,
    secondSaved: between(start, firstSubmit, 0.5),
    finalSaved:
      status === S.RETURNED && returned
        ? between(returned, now, 0.5)
        : returned
          ? between(returned, lastSubmit, 0.9)
          : between(start, firstSubmit, 0.9),
    firstSubmit,
    returned,
    lastSubmit,
    approved,
    published,
    publishedOn: shanghaiDay(lastSubmit),
  };
}

function templateFor(year: number): TemplateId {
  return year >= 2021 ? '2021' : '2019';
}

/** Realistic defects that leave the report submittable (warnings), or that block it (errors). */
function withWarnings(
  rng: Rng,
  report: AnnualReport,
  previous: AnnualReport | undefined,
): AnnualReport {
  const r = mutableCopy(report);
  const roll = rng();
  if (roll < 0.12 && previous) {
    // copy-paste: last year's prose with this year's numbers
    r.sections.overview = previous.sections.overview;
    r.sections.problems = previous.sections.problems;
    r.sections.proactive = previous.sections.proactive;
  } else if (roll < 0.22) {
    r.staffing = { ...r.staffing, dedicatedStaff: 0, partTimeStaff: 1 };
    r.sections.other = `${r.sections.other ?? ''}本单位信息公开工作由1名兼职工作人员完成。`;
  } else if (roll < 0.3) {
    r.staffing = { ...r.staffing, trainings: 0 };
  } else if (roll < 0.38) {
    const facts = { ...r.facts };
    facts.proactiveItems = (facts.proactiveItems ?? 100) + 17;
    r.facts = facts;
    r.sections.overview = (r.sections.overview ?? '').replace(
      /全年主动公开政府信息\d+条/,
      `全年主动公开政府信息${facts.proactiveItems}条`,
    );
  } else if (roll < 0.45) {
    const tables = r.tables as Record<string, Record<string, Record<string, number | null>>>;
    const row = tables.reviewLitigation?.litigationAfterReview;
    if (row) row.pending = null;
  } else if (roll < 0.5) {
    r.sections.problems = '一是思想认识有待提高；二是工作机制有待完善；三是队伍建设有待加强。';
  }
  return r;
}

function withError(rng: Rng, report: AnnualReport): AnnualReport {
  const path = pick(rng, [
    'applications.newReceived.natural',
    'applications.granted.total',
    'reviewLitigation.review.total',
  ]);
  return withCellDelta(report, path, 1 + Math.floor(rng() * 3));
}

/**
 * Loads the demo dataset: 演示市 with its districts and counties, ~200 reporting bodies, six
 * closed rounds and the round being collected on the day it is loaded (`demo-calendar.ts`), with
 * generated reports and a realistic mix of defects and workflow states, the shared seed reports
 * when available, and the four demo accounts (password `gongkai-demo`). Nothing is dated after
 * the clock's instant.
 */
export async function seedDemoData(
  dataSource: DataSource,
  config: AppConfig,
  clock: Clock = systemClock,
): Promise<DemoSummary> {
  const calendar = demoCalendar(clock());
  const rng = createRng(20250126);
  return dataSource.transaction(async (manager) => {
    const orgs: OrganizationEntity[] = [];
    const add = async (
      code: string,
      name: string,
      level: OrganizationLevel,
      parent: OrganizationEntity | null,
      extra: Partial<OrganizationEntity> = {},
    ) => {
      const id = randomUUID();
      const entity = manager.create(OrganizationEntity, {
        id,
        code: `DEMO-${code}`,
        name,
        level,
        parentId: parent?.id ?? null,
        path: `${parent?.path ?? '/'}${id}/`,
        kind: null,
        peerGroup: null,
        region: null,
        activeFromYear: null,
        activeToYear: null,
        reports: true,
        isDemo: true,
        ...extra,
      });
      orgs.push(entity);
      return entity;
    };
    const province = await add('P', DEMO_PROVINCE, OrganizationLevel.PROVINCE, null, {
      reports: false,
      region: DEMO_PROVINCE,
    });
    const city = await add('C', `${DEMO_CITY}人民政府`, OrganizationLevel.CITY, province, {
      region: `${DEMO_PROVINCE}${DEMO_CITY}`,
      peerGroup: '地级市政府',
    });
    const departments = (
      prefix: string,
      label: string,
      parent: OrganizationEntity,
      region: string,
      countyLevel: boolean,
    ) => {
      const kinds = DEPARTMENT_KINDS.filter(([, , inCounties]) => !countyLevel || inCounties);
      // counties differ a little: up to five kinds are absent (merged or not set up)
      for (let drop = countyLevel ? Math.floor(rng() * 6) : 0; drop > 0; drop--)
        kinds.splice(Math.floor(rng() * kinds.length), 1);
      return Promise.all(
        kinds.map(([code, suffix]) => {
          const extra: Partial<OrganizationEntity> = {
            kind: suffix,
            peerGroup: `${countyLevel ? '县级' : '市级'}${suffix}`,
            region,
          };
          // a body merged away and two set up during the rounds shown
          if (code === 'LSJ') extra.activeToYear = calendar.firstYear + 2; // into 发展和改革委员会
          if (code === 'JGSW') extra.activeFromYear = calendar.firstYear + 1;
          if (code === 'SJZY') extra.activeFromYear = calendar.firstYear + 1;
          return add(
            `${prefix}-${code}`,
            `${label}${suffix}`,
            OrganizationLevel.DEPARTMENT,
            parent,
            extra,
          );
        }),
      );
    };
    await departments('C', DEMO_CITY, city, `${DEMO_PROVINCE}${DEMO_CITY}`, false);
    const counties: OrganizationEntity[] = [];
    for (const county of DEMO_COUNTIES) {
      const region = `${DEMO_PROVINCE}${DEMO_CITY}${county.name}`;
      const gov = await add(
        county.code,
        `${DEMO_CITY}${county.name}人民政府`,
        OrganizationLevel.COUNTY,
        city,
        { region, peerGroup: '县级政府' },
      );
      counties.push(gov);
      await departments(county.code, county.name, gov, region, true);
      for (const [i, town] of county.townships.entries())
        await add(
          `${county.code}-T${i + 1}`,
          `${county.name}${town}`,
          OrganizationLevel.TOWNSHIP,
          gov,
          {
            kind: town.endsWith('街道') ? '街道办事处' : '乡镇人民政府',
            peerGroup: '乡镇（街道）',
            region,
          },
        );
    }
    for (let i = 0; i < orgs.length; i += 200)
      await manager.insert(OrganizationEntity, orgs.slice(i, i + 200));

    // accounts
    const hash = await hashPassword(DEMO_PASSWORD);
    const bureauOrg =
      orgs.find((o) => o.code === 'DEMO-NX-KJJ') ??
      orgs.find((o) => o.level === OrganizationLevel.DEPARTMENT && o.code.startsWith('DEMO-NX'))!;
    const users: Partial<UserEntity>[] = [
      {
        username: 'demo-admin',
        displayName: '演示·系统管理员',
        role: Role.ADMIN,
        organizationId: province.id,
      },
      {
        username: 'demo-reviewer',
        displayName: `演示·${DEMO_CITY}政务公开办`,
        role: Role.REVIEWER,
        organizationId: city.id,
      },
      {
        username: 'demo-supervisor',
        displayName: `演示·${DEMO_PROVINCE}政务公开办（考评）`,
        role: Role.SUPERVISOR,
        organizationId: province.id,
      },
      {
        username: 'demo-bureau',
        displayName: `演示·${bureauOrg.name}`,
        role: Role.BUREAU,
        organizationId: bureauOrg.id,
      },
    ];
    await manager.insert(
      UserEntity,
      users.map((u) => ({ ...u, passwordHash: hash, active: true, isDemo: true })),
    );
    const reviewerId = (await manager.findOneByOrFail(UserEntity, { username: 'demo-reviewer' }))
      .id;
    const bureauUserId = (await manager.findOneByOrFail(UserEntity, { username: 'demo-bureau' }))
      .id;

    // rounds: six closed ones and the one being collected (see demo-calendar.ts)
    const rounds: RoundEntity[] = [];
    for (const year of calendar.years) {
      const internal = year >= 2022 ? `${year + 1}-01-26` : statutoryDeadline(year, 'department');
      rounds.push(
        manager.create(RoundEntity, {
          id: randomUUID(),
          year,
          template: templateFor(year),
          scopeOrganizationId: city.id,
          status: year === calendar.currentYear ? RoundStatus.OPEN : RoundStatus.CLOSED,
          departmentDeadline: internal,
          governmentDeadline: statutoryDeadline(year, 'government'),
          isDemo: true,
        }),
      );
    }
    await manager.insert(RoundEntity, rounds);

    let submissionCount = 0;
    let versionCount = 0;
    const finalReports = new Map<string, { report: AnnualReport; versionId: string }>();
    for (const round of rounds) {
      const expected = orgs.filter(
        (o) =>
          o.reports &&
          (o.activeFromYear === null || o.activeFromYear <= round.year) &&
          (o.activeToYear === null || o.activeToYear >= round.year),
      );
      const extensions: Partial<RoundExtensionEntity>[] = [];
      const batch: {
        sub: SubmissionEntity;
        versions: SubmissionVersionEntity[];
        events: Partial<AuditEventEntity>[];
        comments: Partial<ReviewCommentEntity>[];
        returns: Partial<SubmissionReturnEntity>[];
      }[] = [];
      const current = round.year === calendar.currentYear;
      // the peers of originality.peer: the counting versions of the bodies already filed
      const peers = new RoundPeerCorpus(round.year);
      const firstOfKind = new Map<string, AnnualReport>();
      for (const org of expected) {
        const isGov =
          org.level === OrganizationLevel.CITY || org.level === OrganizationLevel.COUNTY;
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
            createdAt: current
              ? between(calendar.opened, minDate(asked, calendar.now), 0.5)
              : asked,
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
        const actorId = org.id === bureauOrg.id ? bureauUserId : null;
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
          const result = peers.withPeersFor(org.id, v.report, (corpus) =>
            check(
              v.report,
              previous ? { previous: previous.report, peers: corpus } : { peers: corpus },
            ),
          );
          const findings = peers.attribute(result.findings);
          const count = (s: string) => findings.filter((f) => f.severity === s).length;
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
            findings,
            summary: { ...result.summary, peersCompared: peers.peersOf(org.id) },
            errorCount: count('error'),
            warningCount: count('warning'),
            infoCount: count('info'),
            gapCount:
              result.summary.cells.blank +
              (result.summary.sections.required - result.summary.sections.present),
            contentHash: createHash('sha256').update(JSON.stringify(v.report)).digest('hex'),
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
        const counting = versionRows.find(
          (v) => v.id === (sub.submittedVersionId ?? sub.currentVersionId),
        )!;
        peers.set(org.id, counting.id, counting.report);
        if (org.kind && !firstOfKind.has(org.kind)) firstOfKind.set(org.kind, counting.report);
        if (sub.approvedAt)
          finalReports.set(`${org.id}:${round.year}`, { report: last.report, versionId: last.id });
        batch.push({
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
        });
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
      submissionCount += batch.length;
      versionCount += batch.reduce((n, b) => n + b.versions.length, 0);
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
    }
    await seedDemoStaffing(manager, {
      organizations: orgs,
      rounds,
      bureauOrganizationId: bureauOrg.id,
      firstYear: calendar.firstYear,
      currentYear: calendar.currentYear,
    });
    const seedReports = await importSeedReports(manager, config, province, reviewerId);
    await seedDemoNotifications(manager, calendar.now);
    return {
      organizations: orgs.length + seedReports.organizations,
      rounds: rounds.length + seedReports.rounds,
      submissions: submissionCount + seedReports.submissions,
      versions: versionCount + seedReports.submissions,
      seedReports: seedReports.submissions,
    };
  });
}

/**
 * The shared seed reports (real published reports) under their own sample node, one closed round
 * per year, each imported through the same importer as uploads and kept as a published version.
 */
async function importSeedReports(
  manager: EntityManager,
  config: AppConfig,
  province: OrganizationEntity,
  reviewerId: string,
) {
  const out = { organizations: 0, rounds: 0, submissions: 0 };
  if (!config.seedReportsDir) return out;
  const names = (await readdir(config.seedReportsDir))
    .filter((n) => /\.(txt|html?|docx|xlsx)$/i.test(n))
    .sort();
  if (names.length === 0) return out;
  const groupId = randomUUID();
  const group = manager.create(OrganizationEntity, {
    id: groupId,
    code: 'DEMO-SAMPLES',
    name: '样例报告（公开发布的真实报告，演示导入）',
    level: OrganizationLevel.CITY,
    parentId: province.id,
    path: `${province.path}${groupId}/`,
    reports: false,
    isDemo: true,
  });
  await manager.insert(OrganizationEntity, group);
  out.organizations++;
  const rounds = new Map<number, RoundEntity>();
  await mkdir(join(config.dataDir, 'uploads'), { recursive: true });
  for (const [i, name] of names.entries()) {
    const path = join(config.seedReportsDir, name);
    const bytes = await readFile(path);
    let imported;
    try {
      imported = importReport(new Uint8Array(bytes), name);
    } catch {
      continue; // unreadable: the importer's tests cover it; the demo just skips it
    }
    if (imported.kind === 'not-a-report') continue;
    const report = imported.report;
    let round = rounds.get(report.year);
    if (!round) {
      round = manager.create(RoundEntity, {
        id: randomUUID(),
        year: report.year,
        template: report.template,
        scopeOrganizationId: groupId,
        status: RoundStatus.CLOSED,
        departmentDeadline: statutoryDeadline(report.year, 'department'),
        governmentDeadline: statutoryDeadline(report.year, 'government'),
        isDemo: true,
      });
      await manager.insert(RoundEntity, round);
      rounds.set(report.year, round);
      out.rounds++;
    }
    const orgId = randomUUID();
    await manager.insert(
      OrganizationEntity,
      manager.create(OrganizationEntity, {
        id: orgId,
        code: `DEMO-SAMPLE-${i + 1}`,
        name: report.organization.name || name,
        level: OrganizationLevel.DEPARTMENT,
        parentId: groupId,
        path: `${group.path}${orgId}/`,
        kind: '科技局',
        region: report.organization.region ?? null,
        activeFromYear: report.year,
        activeToYear: report.year,
        isDemo: true,
      }),
    );
    out.organizations++;
    const at = report.publishedOn
      ? new Date(`${report.publishedOn}T10:00:00+08:00`)
      : new Date(`${report.year + 1}-03-01T10:00:00+08:00`);
    const subId = randomUUID();
    const fileId = randomUUID();
    const versionId = randomUUID();
    const result = check(report);
    const count = (s: string) => result.findings.filter((f) => f.severity === s).length;
    await manager.insert(
      SubmissionEntity,
      manager.create(SubmissionEntity, {
        id: subId,
        roundId: round.id,
        organizationId: orgId,
        status: SubmissionStatus.PUBLISHED,
        currentVersionId: versionId,
        submittedVersionId: versionId,
        versionCount: 1,
        firstSubmittedAt: at,
        lastSubmittedAt: at,
        approvedAt: at,
        publishedAt: at,
        createdAt: at,
        updatedAt: at,
      }),
    );
    await copyFile(path, join(config.dataDir, 'uploads', fileId));
    await manager.insert(ReportFileEntity, {
      id: fileId,
      submissionId: subId,
      organizationId: orgId,
      fileName: name,
      format: imported.format,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      uploadedById: null,
      createdAt: at,
    });
    await manager.insert(
      SubmissionVersionEntity,
      manager.create(SubmissionVersionEntity, {
        id: versionId,
        submissionId: subId,
        number: 1,
        source: VersionSource.UPLOAD,
        report,
        findings: [...result.findings],
        summary: result.summary,
        errorCount: count('error'),
        warningCount: count('warning'),
        infoCount: count('info'),
        gapCount:
          result.summary.cells.blank +
          (result.summary.sections.required - result.summary.sections.present),
        contentHash: createHash('sha256').update(JSON.stringify(report)).digest('hex'),
        previousYearVersionId: null,
        fileId,
        importWarnings: [...imported.warnings],
        createdById: null,
        createdAt: at,
      }),
    );
    await manager.insert(AuditEventEntity, {
      organizationId: orgId,
      submissionId: subId,
      roundId: round.id,
      actorId: reviewerId,
      action: 'submission.import',
      toStatus: SubmissionStatus.PUBLISHED,
      reason: null,
      data: { file: name, demo: true },
      createdAt: at,
    } as never);
    out.submissions++;
  }
  return out;
}

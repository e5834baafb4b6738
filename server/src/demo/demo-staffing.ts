import { shanghaiInstant } from '@gongkai/report-model';
import { createRng, type Rng } from '@gongkai/report-model/testing';
import { type OrganizationRow, OrganizationLevel } from '../modules/organizations';
import { rosterWrites } from '../modules/staffing';
import type { DemoHistory } from './demo-history';

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红玲建国志文斌辉春梅海燕晓婷雪琳宇浩凯鹏飞晨颖欣佳慧俊峰';
const TOPICS = [
  '《政府信息公开条例》专题培训',
  '政府信息公开工作年度报告编制培训',
  '依申请公开办理规范培训',
  '政务公开标准化规范化业务培训',
  '政府网站与政务新媒体管理培训',
  '保密审查与个人信息保护培训',
];

/** A fictional name (demo data: names read like real ones and belong to nobody). */
function demoName(rng: Rng): string {
  const pick = (s: string) => s[Math.floor(rng() * s.length)] ?? '';
  return pick(SURNAMES) + pick(GIVEN) + (rng() < 0.6 ? pick(GIVEN) : '');
}

function day(year: number, rng: Rng, from = 1, to = 12): string {
  const month = from + Math.floor(rng() * (to - from + 1));
  const d = 1 + Math.floor(rng() * 28);
  return `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

type Holding = {
  postKey: string;
  holderName: string;
  fullTime: boolean;
  fromDate: string;
  untilDate: string | null;
};

/** What one body's roster holds, drawn before anything is written. */
type Roster = {
  org: OrganizationRow;
  holdings: Holding[];
  vacancies: { postKey: string; since: string }[];
  trainings: { heldOn: string; topic: string; hours: number }[];
  leadingGroupEstablishedOn: string | null;
  /** The instants the roster was confirmed as current, one each spring, oldest first. */
  confirmed: Date[];
  start: number;
};

/**
 * Rosters for most reporting bodies since the oldest demo round — a realistic mix of turnover,
 * posts left vacant (some for months), part-timers only, missing trainings and rosters not
 * updated since the last round. The demo bureau's full-time post is vacant, so filling it can be
 * tried at once. Its own random sequence: the rest of the demo dataset does not change.
 *
 * Written through the staffing commands, each roster by its body, kept up each spring — what a
 * spring's confirmation covers (holdings and vacancies starting that year, trainings of that year;
 * the leading group in the first) is recorded at that confirmation, so a roster's last update is
 * its last confirmation. Every roster's rows of one kind go in one list.
 */
export async function seedDemoStaffing(
  history: DemoHistory,
  input: {
    organizations: readonly OrganizationRow[];
    bureauOrganizationId: string;
    /** Statistics years of the oldest demo round and of the open one. */
    firstYear: number;
    currentYear: number;
  },
): Promise<{ rosters: number; holdings: number }> {
  const rosters = drawRosters(input);
  // each kind of row of every roster in one list, a roster's kinds in the order it keeps them
  const at = (roster: Roster, day: string | null) => {
    const { org, confirmed } = roster;
    // the confirmation of the spring of `day`'s year (the first or the last one outside them)
    const k = day
      ? Math.min(Math.max(Number(day.slice(0, 4)) - roster.start, 0), confirmed.length - 1)
      : 0;
    return { context: history.context(null, confirmed[k]!), organization: org };
  };
  await rosterWrites.assignAll(
    rosters.flatMap((r) => r.holdings.map((h) => ({ ...at(r, h.fromDate), input: h }))),
  );
  await rosterWrites.declareVacancies(
    rosters.flatMap((r) => r.vacancies.map((v) => ({ ...at(r, v.since), input: v }))),
  );
  await rosterWrites.recordTrainings(
    rosters.flatMap((r) => r.trainings.map((t) => ({ ...at(r, t.heldOn), input: t }))),
  );
  await rosterWrites.setLeadingGroups(
    rosters
      .filter((r) => r.leadingGroupEstablishedOn)
      .map((r) => ({ ...at(r, null), input: { establishedOn: r.leadingGroupEstablishedOn } })),
  );
  await rosterWrites.confirmAll(
    rosters.flatMap((r) =>
      r.confirmed.map((instant) => ({
        context: history.context(null, instant),
        organization: r.org,
      })),
    ),
  );
  const holdings = rosters.reduce((n, r) => n + r.holdings.length, 0);
  return { rosters: rosters.length, holdings };
}

/** The rosters of the bodies that keep one, drawn in the demo's fixed order. */
function drawRosters(input: {
  organizations: readonly OrganizationRow[];
  bureauOrganizationId: string;
  firstYear: number;
  currentYear: number;
}): Roster[] {
  const rng = createRng(20250801);
  const { firstYear, currentYear: now } = input;
  const rosters: Roster[] = [];
  const bodies = input.organizations.filter(
    (o) =>
      o.reports &&
      (o.level === OrganizationLevel.DEPARTMENT || o.level === OrganizationLevel.TOWNSHIP) &&
      o.activeToYear === null,
  );
  for (const org of bodies) {
    const isBureau = org.id === input.bureauOrganizationId;
    if (!isBureau && rng() < 0.12) continue; // keeps no roster: its report's prose is used
    const start =
      org.activeFromYear && org.activeFromYear > firstYear ? org.activeFromYear : firstYear;
    const roster: Roster = {
      org,
      holdings: [],
      vacancies: [],
      trainings: [],
      leadingGroupEstablishedOn: null,
      confirmed: [],
      start,
    };
    const hold = (
      postKey: string,
      holderName: string,
      fullTime: boolean,
      fromDate: string,
      untilDate: string | null = null,
    ) => roster.holdings.push({ postKey, holderName, fullTime, fromDate, untilDate });
    const vacant = (postKey: string, since: string) => roster.vacancies.push({ postKey, since });
    hold('leaderInCharge', demoName(rng), false, day(start, rng, 1, 3));
    if (isBureau || rng() > 0.05)
      hold('disclosureOffice', rng() < 0.8 ? '办公室' : '综合科', true, day(start, rng, 1, 3));
    else vacant('disclosureOffice', day(now - 2, rng));
    // Full-time worker: a few bodies never had one; some lost theirs, some only have a part-timer.
    const dedicated = rng();
    if (isBureau) {
      hold('dedicatedStaff', demoName(rng), true, `${firstYear + 1}-03-01`, `${now}-03-31`);
    } else if (dedicated < 0.06) {
      vacant('dedicatedStaff', day(now - 4 + Math.floor(rng() * 4), rng));
    } else if (dedicated < 0.18) {
      const left = day(now - 1 + Math.floor(rng() * 2), rng, 1, 8);
      hold('dedicatedStaff', demoName(rng), true, day(start, rng, 1, 6), left);
    } else if (dedicated < 0.33) {
      hold('dedicatedStaff', demoName(rng), rng() < 0.5, day(start, rng, 1, 6), day(now - 4, rng));
      hold('dedicatedStaff', demoName(rng), true, day(now - 3, rng));
    } else if (dedicated < 0.4) {
      hold('dedicatedStaff', demoName(rng), false, day(start, rng)); // part-timer in a full-time post
    } else {
      hold('dedicatedStaff', demoName(rng), true, day(start, rng, 1, 6));
    }
    if (isBureau || rng() < 0.9) hold('liaison', demoName(rng), false, day(start, rng));
    else vacant('liaison', day(now - 2, rng));
    if (isBureau || rng() < 0.85)
      hold('confidentialityReview', demoName(rng), false, day(start, rng));
    for (let year = start; year <= now; year += 1) {
      const count = rng() < 0.2 ? 0 : 1 + Math.floor(rng() * 2);
      for (let i = 0; i < count; i += 1)
        roster.trainings.push({
          heldOn: day(year, rng, 3, year === now ? 10 : 11),
          topic: TOPICS[Math.floor(rng() * TOPICS.length)] ?? TOPICS[0]!,
          hours: 2 + Math.floor(rng() * 6),
        });
    }
    roster.leadingGroupEstablishedOn = rng() < 0.85 ? day(start, rng, 1, 4) : null;
    // Roster kept up to date each spring; about one in five last touched before the previous
    // round was due (26 January of the open round's year): "not updated since the last round".
    const lastYear = isBureau ? now : rng() < 0.2 ? now - 2 : now;
    for (let year = start; year <= lastYear; year += 1)
      roster.confirmed.push(shanghaiInstant(day(year, rng, 2, 5), 10));
    rosters.push(roster);
  }
  return rosters;
}

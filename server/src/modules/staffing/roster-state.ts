import {
  addCalendarDays,
  calendarDaysBetween,
  shanghaiDayStart,
  toShanghaiIso,
} from '@gongkai/report-model';
import type { RosterPost, RosterSummary } from '@gongkai/scoring';
import type { OrganizationLevel } from '../organizations';
import { DEFAULT_STAFF_POSTS } from './default-posts';

/**
 * The roster as it stood on one Asia/Shanghai calendar day, computed from effective-dated rows.
 * Pure: the service loads the rows (set-based), this file decides what they mean.
 *
 * - A holding counts on day D when `fromDate <= D` and (`untilDate` is null or `untilDate >= D`).
 * - A post is vacant on D when it has fewer holders than its minimum. It has been vacant since
 *   the first day of the current run of days below the minimum (the day after the last holder
 *   left); when no recorded holder ever filled it, since the day the bureau declared.
 * - Staff are distinct people (by name; unnamed prefilled holders each count) holding a post
 *   that counts as staff; someone full-time in any post counts as full-time.
 */

export type PostRequirement = {
  readonly postKey: string;
  readonly labelZh: string;
  readonly labelEn: string;
  readonly minCount: number;
  readonly fullTimeRequired: boolean;
  readonly countsAsStaff: boolean;
  readonly organizationLevel: OrganizationLevel | null;
  readonly organizationKind: string | null;
  readonly sortOrder: number;
};

export type Holding = {
  readonly id: string;
  readonly postKey: string;
  readonly holderName: string;
  readonly fullTime: boolean;
  readonly fromDate: string;
  readonly untilDate: string | null;
};

export type RosterRows = {
  readonly holdings: readonly Holding[];
  readonly vacancies: readonly { readonly postKey: string; readonly since: string }[];
  readonly trainingDays: readonly string[];
  readonly leadingGroup: {
    readonly establishedOn: string | null;
    readonly dissolvedOn: string | null;
  } | null;
  /** Latest roster edit or confirmation at or before the instant described (null: none). */
  readonly lastUpdatedAt: Date | null;
};

export type PostState = {
  readonly requirement: PostRequirement;
  readonly holders: readonly Holding[];
  readonly fullTimeHolders: number;
  readonly vacant: boolean;
  /** First vacant day (YYYY-MM-DD) while vacant; null when filled or unknown. */
  readonly vacantSince: string | null;
  /** Calendar days from `vacantSince` to the day described. */
  readonly daysVacant: number | null;
};

export type RosterState = {
  readonly day: string;
  /** Whether the organization kept a roster by that day (otherwise the report's prose counts). */
  readonly present: boolean;
  readonly posts: readonly PostState[];
  readonly fullTimeStaff: number;
  readonly partTimeStaff: number;
  readonly leadingGroup: boolean | null;
  readonly trainingsInYear: number;
  readonly lastUpdatedAt: Date | null;
};

function holdsOn(h: Holding, day: string): boolean {
  return h.fromDate <= day && (h.untilDate === null || h.untilDate >= day);
}

/** The posts one organization must fill: per post key, the most specific matching row. */
export function requirementsFor(
  rows: readonly PostRequirement[],
  organization: { readonly level: OrganizationLevel; readonly kind: string | null },
): PostRequirement[] {
  const best = new Map<string, { row: PostRequirement; rank: number }>();
  for (const row of rows) {
    if (row.organizationLevel !== null && row.organizationLevel !== organization.level) continue;
    if (row.organizationKind !== null && row.organizationKind !== organization.kind) continue;
    const rank = (row.organizationKind !== null ? 2 : 0) + (row.organizationLevel !== null ? 1 : 0);
    const known = best.get(row.postKey);
    if (!known || rank > known.rank) best.set(row.postKey, { row, rank });
  }
  return [...best.values()]
    .map((b) => b.row)
    .sort((a, b) => a.sortOrder - b.sortOrder || a.postKey.localeCompare(b.postKey));
}

/** Since when a post has been below `minCount` on `day`, from its holdings' boundaries. */
function vacancyStart(holdings: readonly Holding[], minCount: number, day: string): string | null {
  const count = (d: string): number => holdings.filter((h) => holdsOn(h, d)).length;
  const boundaries = new Set<string>();
  for (const h of holdings) {
    if (h.fromDate <= day) boundaries.add(h.fromDate);
    if (h.untilDate !== null && h.untilDate < day) boundaries.add(addCalendarDays(h.untilDate, 1));
  }
  const sorted = [...boundaries].sort().reverse();
  for (const boundary of sorted) {
    if (count(addCalendarDays(boundary, -1)) >= minCount) return boundary;
  }
  return null;
}

export function rosterState(
  requirements: readonly PostRequirement[],
  rows: RosterRows,
  day: string,
  year: number,
): RosterState {
  const staffPosts =
    requirements.length > 0
      ? new Set(requirements.filter((r) => r.countsAsStaff).map((r) => r.postKey))
      : DEFAULT_STAFF_POSTS;
  const posts = requirements.map((requirement): PostState => {
    const all = rows.holdings.filter((h) => h.postKey === requirement.postKey);
    const holders = all.filter((h) => holdsOn(h, day));
    const fullTimeHolders = holders.filter((h) => h.fullTime).length;
    const vacant = holders.length < requirement.minCount;
    let vacantSince: string | null = null;
    if (vacant) {
      vacantSince = vacancyStart(all, requirement.minCount, day);
      if (vacantSince === null) {
        const declared = rows.vacancies.find(
          (v) => v.postKey === requirement.postKey && v.since <= day,
        );
        vacantSince = declared?.since ?? null;
      }
    }
    return {
      requirement,
      holders,
      fullTimeHolders,
      vacant,
      vacantSince,
      daysVacant: vacantSince === null ? null : calendarDaysBetween(vacantSince, day),
    };
  });
  const people = new Map<string, boolean>();
  for (const h of rows.holdings) {
    if (!staffPosts.has(h.postKey) || !holdsOn(h, day)) continue;
    const key = h.holderName.trim() === '' ? `#${h.id}` : h.holderName.trim();
    people.set(key, (people.get(key) ?? false) || h.fullTime);
  }
  const fullTimeStaff = [...people.values()].filter(Boolean).length;
  const group = rows.leadingGroup;
  const leadingGroup =
    group === null || group.establishedOn === null
      ? null
      : group.establishedOn <= day && (group.dissolvedOn === null || group.dissolvedOn > day);
  const present =
    rows.lastUpdatedAt !== null ||
    rows.holdings.some((h) => h.fromDate <= day) ||
    rows.vacancies.some((v) => v.since <= day);
  return {
    day,
    present,
    posts,
    fullTimeStaff,
    partTimeStaff: people.size - fullTimeStaff,
    leadingGroup,
    trainingsInYear: rows.trainingDays.filter((d) => d.startsWith(`${year}-`)).length,
    lastUpdatedAt: rows.lastUpdatedAt,
  };
}

/** The counts-only form scoring reads (names never leave this module through it). */
export function toRosterSummary(state: RosterState): RosterSummary | null {
  if (!state.present) return null;
  return {
    lastUpdatedAt:
      state.lastUpdatedAt === null ? null : toShanghaiIso(state.lastUpdatedAt.getTime()),
    fullTimeStaff: state.fullTimeStaff,
    partTimeStaff: state.partTimeStaff,
    leadingGroup: state.leadingGroup,
    trainingsInRound: state.trainingsInYear,
    posts: state.posts.map((p): RosterPost => ({
      postId: p.requirement.postKey,
      labelZh: p.requirement.labelZh,
      labelEn: p.requirement.labelEn,
      minCount: p.requirement.minCount,
      fullTimeRequired: p.requirement.fullTimeRequired,
      holders: p.holders.length,
      fullTimeHolders: p.fullTimeHolders,
      vacantSince:
        p.vacantSince === null ? null : toShanghaiIso(shanghaiDayStart(p.vacantSince).getTime()),
    })),
  };
}

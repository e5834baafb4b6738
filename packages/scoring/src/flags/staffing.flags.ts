import { resolveStaffing } from '../indicators/staffing-facts';
import { shanghaiDaysBetween, toEpochMsOrNull, toShanghaiIso } from '../instant';
import type { ScoringInput } from '../scoring-input.types';
import type { FlagOptions } from './flag-options';
import type { Flag } from './flag.types';
import { makeFlag } from './make-flag';

/**
 * Staffing gaps. Dedicated staff, leading group and training use the roster where it records
 * them and the report's prose otherwise (a leading group flags only when stated absent;
 * training flags when 0 or not stated). Posts: a post below its minimum count is vacant; a
 * filled post that requires a full-time holder and has none is `noFullTime` (a vacant post is
 * flagged once, as vacant).
 */
export function staffingFlags(input: ScoringInput, asOfMs: number, options: FlagOptions): Flag[] {
  const flags: Flag[] = [];
  const id = input.organizationId;
  const facts = resolveStaffing(input);
  if (facts.source === 'none') return flags;
  if (facts.dedicatedStaff === 0) {
    flags.push(
      makeFlag(
        'staffing.noDedicatedStaff',
        id,
        facts.partTimeStaff
          ? `无专职工作人员，仅有${facts.partTimeStaff}名兼职人员`
          : '无专职工作人员',
        facts.partTimeStaff
          ? `no dedicated staff; ${facts.partTimeStaff} part-time only`
          : 'no dedicated staff',
        { source: facts.source, dedicatedStaff: 0, partTimeStaff: facts.partTimeStaff },
      ),
    );
  }
  if (facts.leadingGroup === false) {
    flags.push(
      makeFlag('staffing.noLeadingGroup', id, '未成立领导小组', 'no leading group', {
        source: facts.source,
      }),
    );
  }
  if (facts.trainings === null || facts.trainings === 0) {
    flags.push(
      makeFlag(
        'staffing.noTraining',
        id,
        facts.trainings === null ? '未说明业务培训情况' : '本年度未开展业务培训',
        facts.trainings === null ? 'no training stated' : 'no training this year',
        { source: facts.source, trainings: facts.trainings },
      ),
    );
  }
  const roster = input.roster;
  if (!roster) return flags;
  const minVacantDays = options.minVacantDays ?? 0;
  for (const post of roster.posts) {
    const label = post.labelZh ?? post.postId;
    const labelEn = post.labelEn ?? post.postId;
    if (post.holders < post.minCount) {
      const sinceMs = toEpochMsOrNull(post.vacantSince);
      const days = sinceMs === null ? null : Math.max(0, shanghaiDaysBetween(sinceMs, asOfMs));
      if (days === null || days >= minVacantDays) {
        flags.push(
          makeFlag(
            'staffing.postVacant',
            id,
            days === null ? `岗位“${label}”空缺` : `岗位“${label}”已空缺${days}天`,
            days === null
              ? `post "${labelEn}" vacant`
              : `post "${labelEn}" vacant for ${days} day(s)`,
            {
              postId: post.postId,
              holders: post.holders,
              minCount: post.minCount,
              vacantSince: sinceMs === null ? null : toShanghaiIso(sinceMs),
              daysVacant: days,
            },
          ),
        );
      }
    } else if (post.fullTimeRequired && post.fullTimeHolders === 0) {
      flags.push(
        makeFlag(
          'staffing.noFullTime',
          id,
          `岗位“${label}”要求全职，但在岗${post.holders}人均为兼职`,
          `post "${labelEn}" requires a full-time holder; its ${post.holders} holder(s) are part-time`,
          { postId: post.postId, holders: post.holders, fullTimeHolders: 0 },
        ),
      );
    }
  }
  const sinceMs = toEpochMsOrNull(options.rosterUpdatedSince);
  const updatedMs = toEpochMsOrNull(roster.lastUpdatedAt);
  if (sinceMs !== null && (updatedMs === null || updatedMs < sinceMs)) {
    flags.push(
      makeFlag(
        'staffing.rosterNotUpdated',
        id,
        updatedMs === null ? '花名册从未确认' : '花名册自上一轮以来未更新',
        updatedMs === null ? 'roster never confirmed' : 'roster not updated since the last round',
        {
          lastUpdatedAt: updatedMs === null ? null : toShanghaiIso(updatedMs),
          requiredSince: toShanghaiIso(sinceMs),
          daysSinceUpdate: updatedMs === null ? null : shanghaiDaysBetween(updatedMs, asOfMs),
        },
      ),
    );
  }
  const prose = input.report?.staffing;
  if (prose) {
    const dedicated = prose.dedicatedStaff ?? null;
    const partTime = prose.partTimeStaff ?? null;
    const dedicatedDiffers = dedicated !== null && dedicated !== roster.fullTimeStaff;
    const partTimeDiffers = partTime !== null && partTime !== roster.partTimeStaff;
    if (dedicatedDiffers || partTimeDiffers) {
      flags.push(
        makeFlag(
          'staffing.proseRosterMismatch',
          id,
          `报告称专职${dedicated ?? '未说明'}人、兼职${partTime ?? '未说明'}人，花名册为专职${roster.fullTimeStaff}人、兼职${roster.partTimeStaff}人`,
          `report states ${dedicated ?? 'unstated'} dedicated / ${partTime ?? 'unstated'} part-time; roster has ${roster.fullTimeStaff} full-time / ${roster.partTimeStaff} part-time`,
          {
            reportDedicatedStaff: dedicated,
            reportPartTimeStaff: partTime,
            rosterFullTimeStaff: roster.fullTimeStaff,
            rosterPartTimeStaff: roster.partTimeStaff,
          },
        ),
      );
    }
  }
  return flags;
}

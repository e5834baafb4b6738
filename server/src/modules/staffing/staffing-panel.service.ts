import { toShanghaiIso } from '@gongkai/scoring';
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/actor';
import { forbidden } from '../../common/domain-error';
import { Permission, roleHas } from '../../common/permissions';
import { RosterQueries, type StaffingEvaluation } from './roster-queries';

const LONGEST = 20;

export type PanelFigures = {
  roundId: string;
  nodeId: string;
  asOf: string;
  expected: number;
  withRoster: number;
  allFilled: number;
  allFilledShare: number;
  notUpdated: number;
  noFullTime: number;
  vacanciesByPost: {
    postKey: string;
    labelZh: string;
    labelEn: string;
    required: number;
    vacant: number;
  }[];
  longestVacancies: {
    organizationId: string;
    organizationName: string;
    postKey: string;
    labelZh: string;
    labelEn: string;
    vacantSince: string | null;
    daysVacant: number | null;
  }[];
  flagCounts: Record<string, number>;
};

/** Region staffing: counts, vacancies and flags — never a holder's name. */
export function panelFigures(
  roundId: string,
  nodeId: string,
  asOf: string,
  evaluations: readonly StaffingEvaluation[],
): PanelFigures {
  const byPost = new Map<string, PanelFigures['vacanciesByPost'][number]>();
  const vacancies: PanelFigures['longestVacancies'] = [];
  const flagCounts: Record<string, number> = {};
  let withRoster = 0;
  let allFilled = 0;
  let notUpdated = 0;
  let noFullTime = 0;
  for (const e of evaluations) {
    for (const flag of e.flags) flagCounts[flag.id] = (flagCounts[flag.id] ?? 0) + 1;
    if (e.flags.some((f) => f.id === 'staffing.rosterNotUpdated')) notUpdated += 1;
    if (e.flags.some((f) => f.id === 'staffing.noFullTime' || f.id === 'staffing.noDedicatedStaff'))
      noFullTime += 1;
    if (!e.state.present) continue;
    withRoster += 1;
    if (e.state.posts.every((p) => !p.vacant)) allFilled += 1;
    for (const p of e.state.posts) {
      const r = p.requirement;
      if (r.minCount === 0) continue;
      const entry = byPost.get(r.postKey) ?? {
        postKey: r.postKey,
        labelZh: r.labelZh,
        labelEn: r.labelEn,
        required: 0,
        vacant: 0,
      };
      entry.required += 1;
      if (p.vacant) {
        entry.vacant += 1;
        vacancies.push({
          organizationId: e.organization.id,
          organizationName: e.organization.name,
          postKey: r.postKey,
          labelZh: r.labelZh,
          labelEn: r.labelEn,
          vacantSince: p.vacantSince,
          daysVacant: p.daysVacant,
        });
      }
      byPost.set(r.postKey, entry);
    }
  }
  vacancies.sort(
    (a, b) =>
      (b.daysVacant ?? -1) - (a.daysVacant ?? -1) ||
      a.organizationName.localeCompare(b.organizationName, 'zh-CN') ||
      a.postKey.localeCompare(b.postKey),
  );
  return {
    roundId,
    nodeId,
    asOf,
    expected: evaluations.length,
    withRoster,
    allFilled,
    allFilledShare: evaluations.length === 0 ? 0 : allFilled / evaluations.length,
    notUpdated,
    noFullTime,
    vacanciesByPost: [...byPost.values()],
    longestVacancies: vacancies.slice(0, LONGEST),
    flagCounts,
  };
}

export type StaffingExportRow = {
  organizationName: string;
  region: string | null;
  present: boolean;
  fullTimeStaff: number | null;
  partTimeStaff: number | null;
  leadingGroup: boolean | null;
  trainingsInYear: number | null;
  lastUpdatedAt: string | null;
  posts: { labelZh: string; holders: number; vacantSince: string | null; names: string[] | null }[];
  flags: string[];
};

@Injectable()
export class StaffingPanelService {
  constructor(private readonly roster: RosterQueries) {}

  async panel(actor: Actor, roundId: string, nodeId: string): Promise<PanelFigures> {
    const node = await this.roster.visibleOrganization(actor, nodeId);
    const frame = await this.roster.roundFor(roundId, node);
    const { evaluations } = await this.roster.evaluate(frame, node.id);
    return panelFigures(frame.round.id, node.id, toShanghaiIso(frame.atMs), evaluations);
  }

  /**
   * Rows of a staffing export under a node. Counts only; holders' names only when asked for by
   * a role that may include them (supervisors, admins) — the caller records the choice.
   */
  async exportRows(
    actor: Actor,
    input: { roundId: string; nodeId: string; includeNames: boolean },
  ): Promise<{
    rows: StaffingExportRow[];
    year: number;
    nodeName: string;
    nodeId: string;
    roundId: string;
  }> {
    if (input.includeNames && !roleHas(actor.role, Permission.StaffingExportNames))
      throw forbidden('only a supervisor may include holders’ names in an export', {
        key: 'staffing.namesForSupervisors',
      });
    const node = await this.roster.visibleOrganization(actor, input.nodeId);
    const frame = await this.roster.roundFor(input.roundId, node);
    const { evaluations } = await this.roster.evaluate(frame, node.id);
    const rows = evaluations.map((e): StaffingExportRow => ({
      organizationName: e.organization.name,
      region: e.organization.region,
      present: e.state.present,
      fullTimeStaff: e.state.present ? e.state.fullTimeStaff : null,
      partTimeStaff: e.state.present ? e.state.partTimeStaff : null,
      leadingGroup: e.state.leadingGroup,
      trainingsInYear: e.state.present ? e.state.trainingsInYear : null,
      lastUpdatedAt: e.state.lastUpdatedAt ? toShanghaiIso(e.state.lastUpdatedAt.getTime()) : null,
      posts: e.state.posts.map((p) => ({
        labelZh: p.requirement.labelZh,
        holders: p.holders.length,
        vacantSince: p.vacantSince,
        names: input.includeNames ? p.holders.map((h) => h.holderName || '（未填写姓名）') : null,
      })),
      flags: e.flags.map((f) => f.message),
    }));
    return {
      rows,
      year: frame.round.year,
      nodeName: node.name,
      nodeId: node.id,
      roundId: frame.round.id,
    };
  }
}

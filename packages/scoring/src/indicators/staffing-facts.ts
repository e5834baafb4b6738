import type { ScoringInput } from '../scoring-input.types';

/** Staffing facts from the roster where it has them, from the report's prose otherwise. */
export type StaffingFacts = {
  /** `roster` when a roster summary was given, `report` when only prose facts exist. */
  readonly source: 'roster' | 'report' | 'none';
  readonly dedicatedStaff: number | null;
  readonly partTimeStaff: number | null;
  readonly leadingGroup: boolean | null;
  readonly trainings: number | null;
  /** Share (0–1) of required posts holding their minimum count; null without a roster. */
  readonly requiredPostsFilled: number | null;
};

export function resolveStaffing(input: ScoringInput): StaffingFacts {
  const prose = input.report?.staffing;
  const roster = input.roster;
  if (roster) {
    const required = roster.posts.filter((post) => post.minCount > 0);
    const filled = required.filter((post) => post.holders >= post.minCount).length;
    return {
      source: 'roster',
      dedicatedStaff: roster.fullTimeStaff,
      partTimeStaff: roster.partTimeStaff,
      leadingGroup: roster.leadingGroup ?? prose?.leadingGroup ?? null,
      trainings: roster.trainingsInRound ?? prose?.trainings ?? null,
      requiredPostsFilled: required.length === 0 ? 1 : filled / required.length,
    };
  }
  if (input.report === null) {
    return {
      source: 'none',
      dedicatedStaff: null,
      partTimeStaff: null,
      leadingGroup: null,
      trainings: null,
      requiredPostsFilled: null,
    };
  }
  return {
    source: 'report',
    dedicatedStaff: prose?.dedicatedStaff ?? null,
    partTimeStaff: prose?.partTimeStaff ?? null,
    leadingGroup: prose?.leadingGroup ?? null,
    trainings: prose?.trainings ?? null,
    requiredPostsFilled: null,
  };
}

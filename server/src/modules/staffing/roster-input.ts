import { isIsoDay } from '@gongkai/report-model';
import type { EntityManager } from 'typeorm';
import type { FieldProblem } from '../../common/domain-error';
import { StaffingProfileEntity } from './staffing-profile.entity';

/** The longest holder name a roster keeps. */
export const MAX_NAME = 60;

/** Adds a problem when a given value is not a calendar day. */
export function requireDay(
  problems: FieldProblem[],
  field: string,
  value: string | null | undefined,
): void {
  if (value !== null && value !== undefined && !isIsoDay(value))
    problems.push({ field, message: 'must be a calendar date YYYY-MM-DD' });
}

/** A name or topic with its runs of white space collapsed. */
export function cleanName(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/** The profile row, created (unsaved, revision 0) when missing, locked when present. */
export async function lockProfile(
  manager: EntityManager,
  organizationId: string,
): Promise<StaffingProfileEntity> {
  const found = await manager.findOne(StaffingProfileEntity, {
    where: { organizationId },
    lock: { mode: 'pessimistic_write' },
  });
  return (
    found ??
    manager.create(StaffingProfileEntity, {
      organizationId,
      leadingGroupEstablishedOn: null,
      leadingGroupDissolvedOn: null,
      confirmedAt: null,
      revision: 0,
    })
  );
}

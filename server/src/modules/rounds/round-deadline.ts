import { GOVERNMENT_LEVELS, type OrganizationRow } from '../organizations';
import type { RoundExtensionEntity } from './round-extension.entity';
import type { RoundEntity } from './round.entity';

/**
 * The deadline rule in TypeScript: a body's deadline in a round is its extension's when one was
 * granted, else the round's deadline for the body's level (governments one, departments the
 * other); a day, inclusive in Asia/Shanghai. PostgreSQL reads the same rule from the view
 * `expected_submissions` (`round-deadline.sql.ts`); a test holds the two equal.
 */
export function baseDeadline(
  round: Pick<RoundEntity, 'governmentDeadline' | 'departmentDeadline'>,
  organization: Pick<OrganizationRow, 'level'>,
): string {
  return GOVERNMENT_LEVELS.has(organization.level)
    ? round.governmentDeadline
    : round.departmentDeadline;
}

/** The deadline that applies: the extension's when one was granted, else `baseDeadline`. */
export function deadlineFor(
  round: Pick<RoundEntity, 'governmentDeadline' | 'departmentDeadline'>,
  organization: Pick<OrganizationRow, 'level'>,
  extension?: Pick<RoundExtensionEntity, 'deadline'> | null,
): string {
  return extension?.deadline ?? baseDeadline(round, organization);
}

import type { EntityManager } from 'typeorm';
import { badInput, conflict, type DomainError } from '../../common/domain-error';
import { isActiveIn, type OrganizationRow } from '../organizations';
import { type RoundRow, RoundStatus } from '../rounds';

/**
 * The counting version of each body's report of `year - 1` (approved or published first, else the
 * latest changed submission; its submitted version, else its latest draft), in one query.
 */
export async function previousYearVersionIds(
  manager: EntityManager,
  organizationIds: readonly string[],
  year: number,
): Promise<Map<string, string>> {
  if (organizationIds.length === 0) return new Map();
  const rows: { organization_id: string; version_id: string }[] = await manager.query(
    `SELECT DISTINCT ON (s.organization_id) s.organization_id,
            COALESCE(s.submitted_version_id, s.current_version_id) AS version_id
       FROM submissions s JOIN round_directory r ON r.id = s.round_id
      WHERE s.organization_id = ANY($1::uuid[]) AND r.year = $2
        AND COALESCE(s.submitted_version_id, s.current_version_id) IS NOT NULL
      ORDER BY s.organization_id, (s.status IN ('APPROVED', 'PUBLISHED')) DESC, s.updated_at DESC`,
    [organizationIds, year - 1],
  );
  return new Map(rows.map((r) => [r.organization_id, r.version_id]));
}

/**
 * Why `organization` may not report in `round` (not open, outside the round's scope, no own report,
 * not active that year), or null. `scope` is the round's government; without it or the
 * organization only the round's status is checked. Shared by single saves and the bulk path.
 */
export function reportingRefusal(
  round: RoundRow,
  scope: Pick<OrganizationRow, 'path' | 'name'> | null,
  organization: OrganizationRow | null,
  options: { anyStatus?: boolean } = {},
): DomainError | null {
  if (round.status !== RoundStatus.OPEN && !options.anyStatus)
    return conflict(
      `the ${round.year} round is ${round.status.toLowerCase()}: it does not accept reports`,
      { key: 'round.notAccepting', params: { year: round.year, roundStatus: round.status } },
    );
  if (!scope || !organization) return null;
  if (!organization.path.startsWith(scope.path))
    return badInput(
      'input.organizationId',
      `${organization.name} is not under ${scope.name}, which runs this round`,
      {
        key: 'submission.outsideRound',
        params: { organization: organization.name, scope: scope.name },
      },
    );
  if (!organization.reports)
    return badInput('input.organizationId', `${organization.name} does not file its own report`, {
      key: 'submission.noOwnReport',
      params: { organization: organization.name },
    });
  if (!isActiveIn(organization, round.year)) {
    const closed = organization.activeToYear !== null && organization.activeToYear < round.year;
    const why = closed
      ? `was closed: it reports up to ${organization.activeToYear}`
      : `reports from ${organization.activeFromYear}`;
    return badInput('input.organizationId', `${organization.name} ${why}, not for ${round.year}`, {
      key: closed ? 'submission.closedBefore' : 'submission.openedAfter',
      params: {
        organization: organization.name,
        year: round.year,
        lastYear: organization.activeToYear ?? '',
        firstYear: organization.activeFromYear ?? '',
      },
    });
  }
  return null;
}

import type { EntityManager } from 'typeorm';
import { type Actor, escapeLike } from '../../common/actor';
import {
  badInput,
  conflict,
  type DomainError,
  forbidden,
  notFound,
  type FieldProblem,
} from '../../common/domain-error';
import { Role } from '../../common/permissions';
import { isUuid } from '../../common/uuid';
import { OrganizationEntity, type OrganizationLevel } from './organization.entity';
import { checkYears, MAX_YEAR, mayReport, MIN_YEAR, placementProblem } from './organization-rules';
import { laterWork } from './organization-tree.writer';
import type { ClosePreview, FieldChanges, OrganizationFields } from './organization.types';

/** The checks and reads behind the hierarchy's commands (create, update, close). */

export const codeInvalid = (field: string, code: string): FieldProblem => ({
  field,
  message: '1–64 letters, digits, dots, dashes or underscores',
  reason: { key: 'organization.codeInvalid', params: { code } },
});

export async function lockCurrent(
  manager: EntityManager,
  id: string,
  expectedRevision: number,
): Promise<OrganizationEntity> {
  const current = isUuid(id)
    ? await manager.findOne(OrganizationEntity, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      })
    : null;
  if (!current) throw notFound('organization');
  if (current.revision !== expectedRevision)
    throw conflict(
      `the organization was changed by someone else (revision ${current.revision}, you had ${expectedRevision})`,
      { key: 'common.concurrentChange' },
    );
  return current;
}

export async function parentOf(
  manager: EntityManager,
  parentId: string,
): Promise<OrganizationEntity> {
  const parent = isUuid(parentId)
    ? await manager.findOne(OrganizationEntity, { where: { id: parentId } })
    : null;
  if (!parent)
    throw badInput('input.parentId', 'no such organization', {
      key: 'organization.parentUnknown',
    });
  return parent;
}

export async function previewClose(
  manager: EntityManager,
  node: OrganizationEntity,
  lastYear: number,
): Promise<ClosePreview> {
  const rows: { below: string }[] = await manager.query(
    `SELECT count(*) AS below FROM organizations
      WHERE path LIKE $1 AND id <> $3 AND (active_to_year IS NULL OR active_to_year > $2)`,
    [`${escapeLike(node.path)}%`, lastYear, node.id],
  );
  const below = Number(rows[0]?.below ?? 0);
  const later = await laterWork(manager, node.path, lastYear);
  return {
    organization: node,
    lastYear,
    closing: below + 1,
    closingBelow: below,
    laterSubmissions: later.count,
    laterSubmissionsFrom: later.firstYear,
  };
}

export function laterWorkError(preview: ClosePreview, field: string): DomainError {
  return badInput(
    field,
    `${preview.laterSubmissions} submission(s) for ${preview.laterSubmissionsFrom} or later exist under ${preview.organization.name}`,
    {
      key: 'organization.laterWork',
      params: {
        name: preview.organization.name,
        count: preview.laterSubmissions,
        year: preview.laterSubmissionsFrom ?? preview.lastYear + 1,
      },
    },
  );
}

export function parentClosed(parent: OrganizationEntity, field: string): DomainError {
  return badInput(field, `${parent.name} reports only up to ${parent.activeToYear}`, {
    key: 'organization.parentClosed',
    params: { parentName: parent.name, year: parent.activeToYear ?? '' },
  });
}

export function checkLastYear(lastYear: number): void {
  if (!Number.isInteger(lastYear) || lastYear < MIN_YEAR || lastYear > MAX_YEAR)
    throw badInput('input.lastYear', `must be a year between ${MIN_YEAR} and ${MAX_YEAR}`, {
      key: 'organization.yearRange',
      params: { year: String(lastYear), min: MIN_YEAR, max: MAX_YEAR },
    });
}

export function validateFields(field: string, input: OrganizationFields): FieldProblem[] {
  const problems = checkYears(input.activeFromYear, input.activeToYear, field);
  for (const key of ['name', 'kind', 'peerGroup', 'region'] as const) {
    const value = input[key];
    const max = key === 'name' || key === 'region' ? 200 : 100;
    if (typeof value === 'string' && value.length > max)
      problems.push({
        field: `${field}.${key}`,
        message: 'too long',
        reason: { key: 'organization.tooLong', params: { max } },
      });
  }
  return problems;
}

export function checkPlacement(
  actor: Actor | null,
  name: string,
  level: OrganizationLevel,
  parent: OrganizationEntity | null,
  field: string,
): void {
  if (parent === null) {
    if (actor && actor.role !== Role.ADMIN)
      throw forbidden('only an admin may create a root', { key: 'organization.rootAdminOnly' });
    return;
  }
  const problem = placementProblem(level, parent.level);
  if (problem === 'nationRoot')
    throw badInput(field, 'the nation is the root of the hierarchy and sits under nothing', {
      key: 'organization.nationRoot',
      params: { name, parentName: parent.name },
    });
  if (problem === 'levelPlacement')
    throw badInput(
      field,
      `a ${level.toLowerCase()} cannot be placed under a ${parent.level.toLowerCase()}`,
      { key: 'organization.levelPlacement', params: { name, parentName: parent.name } },
    );
}

/** A body that files a report must be of a level that may (the nation files none). */
export function checkReports(
  name: string,
  level: OrganizationLevel,
  reports: boolean,
  field: string,
): void {
  if (reports && !mayReport(level))
    throw badInput(field, 'the nation files no report of its own', {
      key: 'organization.nationReports',
      params: { name },
    });
}

/** Copies the given fields onto the entity; returns `{ field: [from, to] }` of what changed. */
export function applyFields(target: OrganizationEntity, input: OrganizationFields): FieldChanges {
  const changes: FieldChanges = {};
  const set = <K extends keyof OrganizationFields & keyof OrganizationEntity>(
    key: K,
    value: OrganizationEntity[K],
  ) => {
    if (target[key] !== value) {
      changes[key] = [target[key], value];
      target[key] = value;
    }
  };
  const text = (value: string | null | undefined) => (value?.trim() ? value.trim() : null);
  if (input.name != null) set('name', input.name.trim());
  if (input.kind !== undefined) set('kind', text(input.kind));
  if (input.peerGroup !== undefined) set('peerGroup', text(input.peerGroup));
  if (input.region !== undefined) set('region', text(input.region));
  if (input.activeFromYear !== undefined) set('activeFromYear', input.activeFromYear ?? null);
  if (input.activeToYear !== undefined) set('activeToYear', input.activeToYear ?? null);
  if (input.reports != null) set('reports', input.reports);
  return changes;
}

import { statutoryDeadline } from '@gongkai/report-model';
import type { EntityManager } from 'typeorm';
import type { AuditEventInput, CommandContext } from '../../src/modules/audit';
import {
  checkNewOrganization,
  insertCheckedOrganization,
  type OrganizationRow,
  OrganizationLevel,
} from '../../src/modules/organizations';
import { type RoundRow, RoundStatus, roundWrites } from '../../src/modules/rounds';

// What the tests of the commands' list forms share: the same input written once item by item
// through the single forms (twin A of each organization) and once through the list forms (twin
// B), compared row by row with the twins' ids by position.

export const at = (day: number, hour = 10) => new Date(Date.UTC(2025, 0, day, hour));

/** A context that dates its step and keeps the events it records, by twin. */
export function recorder(manager: EntityManager) {
  const events: AuditEventInput[] = [];
  const context = (when: Date): CommandContext => ({
    manager,
    actorId: null,
    at: when,
    record: async (list) => {
      events.push(...list.map((e) => ({ ...e, at: e.at ?? when })));
    },
  });
  return { events, context };
}

/** Twin organizations A and B under one city, and a round of that city. */
export async function twins(manager: EntityManager, prefix: string, n: number) {
  const add = async (
    code: string,
    level: OrganizationLevel,
    parent: OrganizationRow | null,
  ): Promise<OrganizationRow> => {
    const input = {
      code,
      name: `${code} 局`,
      level,
      parentId: parent?.id ?? null,
    };
    checkNewOrganization(input);
    return (await insertCheckedOrganization(manager, null, input, parent ?? undefined)).created;
  };
  const city = await add(`${prefix}-C`, OrganizationLevel.CITY, null);
  const a: OrganizationRow[] = [];
  const b: OrganizationRow[] = [];
  for (let i = 0; i < n; i++) {
    a.push(await add(`${prefix}-A${i}`, OrganizationLevel.DEPARTMENT, city));
    b.push(await add(`${prefix}-B${i}`, OrganizationLevel.DEPARTMENT, city));
  }
  const round: RoundRow = await roundWrites.create(recorder(manager).context(at(1)), null, city, {
    year: 2024,
    scopeOrganizationId: city.id,
    status: RoundStatus.OPEN,
    departmentDeadline: statutoryDeadline(2024, 'department'),
    governmentDeadline: statutoryDeadline(2024, 'government'),
  });
  return { city, a, b, round };
}

/** Rows of a query for one twin's organizations (`$1`), canonical. */
export async function rowsOf(
  manager: EntityManager,
  sql: string,
  orgs: readonly OrganizationRow[],
): Promise<string[]> {
  const rows = (await manager.query(sql, [orgs.map((o) => o.id)])) as Record<string, unknown>[];
  return canon(rows, orgs);
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
/** Rows as JSON, the twins' ids by their position, other ids as `id`, sorted. */
export function canon(rows: readonly object[], orgs: readonly OrganizationRow[]) {
  const index = new Map(orgs.map((o, i) => [o.id, `org${i}`]));
  return rows.map((r) => JSON.stringify(r).replace(UUID, (u) => index.get(u) ?? 'id')).sort();
}

export class RollbackSignal extends Error {}
export function ignoreRollback(error: unknown): void {
  if (!(error instanceof RollbackSignal)) throw error;
}

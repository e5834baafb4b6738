import { type EntityManager, EntityNotFoundError } from 'typeorm';
import { escapeLike } from '../../common/actor';
import { plainRows } from '../../database/plain-rows';
import type { OrganizationRow } from './organization.entity';

const ORGANIZATIONS = plainRows<OrganizationRow>('organizations', 'o', [
  ['id', 'id'],
  ['code', 'code'],
  ['name', 'name'],
  ['level', 'level'],
  ['parent_id', 'parentId'],
  ['path', 'path'],
  ['kind', 'kind'],
  ['peer_group', 'peerGroup'],
  ['region', 'region'],
  ['active_from_year', 'activeFromYear'],
  ['active_to_year', 'activeToYear'],
  ['reports', 'reports'],
  ['is_demo', 'isDemo'],
  ['revision', 'revision'],
  ['created_at', 'createdAt'],
  ['updated_at', 'updatedAt'],
]);

function rows(manager: EntityManager, tail: string, params: unknown[]): Promise<OrganizationRow[]> {
  return manager.query(`${ORGANIZATIONS.select} ${tail}`, params) as Promise<OrganizationRow[]>;
}

/**
 * Reading organizations with the caller's EntityManager — inside its transaction, one fixed
 * statement each — for the modules that read them where `OrganizationsService` (which holds its
 * own loaders and data source) does not fit. They get plain rows: nothing they could save.
 */
export const organizationLookups = {
  async byId(manager: EntityManager, id: string): Promise<OrganizationRow | null> {
    return (await rows(manager, 'WHERE o.id = $1', [id]))[0] ?? null;
  },

  /** Throws TypeORM's `EntityNotFoundError` when there is none (for ids read from a foreign key). */
  async byIdOrFail(manager: EntityManager, id: string): Promise<OrganizationRow> {
    const found = await organizationLookups.byId(manager, id);
    if (!found) throw new EntityNotFoundError('OrganizationEntity', { where: { id } });
    return found;
  },

  byIds(manager: EntityManager, ids: readonly string[]): Promise<OrganizationRow[]> {
    return rows(manager, 'WHERE o.id = ANY($1::uuid[])', [[...ids]]);
  },

  async byCode(manager: EntityManager, code: string): Promise<OrganizationRow | null> {
    return (await rows(manager, 'WHERE o.code = $1', [code]))[0] ?? null;
  },

  /** The first `take` top-level organizations by code. */
  roots(manager: EntityManager, take: number): Promise<OrganizationRow[]> {
    return rows(manager, 'WHERE o.parent_id IS NULL ORDER BY o.code ASC LIMIT $1', [take]);
  },

  /** The organization at `path` and every one below it. */
  subtree(manager: EntityManager, path: string): Promise<OrganizationRow[]> {
    return rows(manager, 'WHERE o.path LIKE $1', [`${escapeLike(path)}%`]);
  },

  /**
   * The columns of `organizations` (or of its view `organization_directory`, which has the same
   * names) under `alias`, as `alias_column`, for a hand-written join of another module.
   */
  columns: (alias: string): string => ORGANIZATIONS.columns(alias),

  /** The organization read by `columns(alias)` in `row` (null when the join matched none). */
  fromRow: (alias: string, row: Record<string, unknown>): OrganizationRow | null =>
    ORGANIZATIONS.fromRow(alias, row),

  /** The columns read, with their properties (for the test that holds them to the entity's). */
  list: ORGANIZATIONS.list,
};

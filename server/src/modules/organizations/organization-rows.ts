import { type DataSource, type EntityManager, In, IsNull } from 'typeorm';
import { escapeLike } from '../../common/actor';
import { columnsOf, entityOf } from '../../database/row-entities';
import { OrganizationEntity } from './organization.entity';

/**
 * Reading organizations with the caller's EntityManager — inside its transaction, one statement
 * each — for the modules that read them where `OrganizationsService` (which holds its own
 * loaders and data source) does not fit. Other modules never name the entity class.
 */
export const organizationRows = {
  byId(manager: EntityManager, id: string): Promise<OrganizationEntity | null> {
    return manager.findOne(OrganizationEntity, { where: { id } });
  },

  /** Throws TypeORM's `EntityNotFoundError` when there is none (for ids read from a foreign key). */
  byIdOrFail(manager: EntityManager, id: string): Promise<OrganizationEntity> {
    return manager.findOneOrFail(OrganizationEntity, { where: { id } });
  },

  byIds(manager: EntityManager, ids: string[]): Promise<OrganizationEntity[]> {
    return manager.find(OrganizationEntity, { where: { id: In(ids) } });
  },

  byCode(manager: EntityManager, code: string): Promise<OrganizationEntity | null> {
    return manager.findOne(OrganizationEntity, { where: { code } });
  },

  /** The first `take` top-level organizations by code. */
  roots(manager: EntityManager, take: number): Promise<OrganizationEntity[]> {
    return manager.find(OrganizationEntity, {
      where: { parentId: IsNull() },
      order: { code: 'ASC' },
      take,
    });
  },

  /** The organization at `path` and every one below it. */
  subtree(manager: EntityManager, path: string): Promise<OrganizationEntity[]> {
    return manager
      .createQueryBuilder(OrganizationEntity, 'o')
      .where('o.path LIKE :prefix', { prefix: `${escapeLike(path)}%` })
      .getMany();
  },

  /** Whether a loader's result is an organization (not an error). */
  is(value: unknown): value is OrganizationEntity {
    return value instanceof OrganizationEntity;
  },

  /** The columns of `organizations` aliased `alias`, as `alias_column`, for a hand-written join. */
  columns(dataSource: DataSource, alias: string): string {
    return columnsOf(dataSource, OrganizationEntity, alias);
  },

  /** The organization read by `columns(…, alias)` in `row` (null when the join matched none). */
  fromRow(dataSource: DataSource, alias: string, row: Record<string, unknown>) {
    return entityOf(dataSource, OrganizationEntity, alias, row);
  },
};

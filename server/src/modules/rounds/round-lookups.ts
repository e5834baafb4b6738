import { type EntityManager, EntityNotFoundError } from 'typeorm';
import { plainRows } from '../../database/plain-rows';
import { type RoundRow, RoundStatus } from './round.entity';

// the deadlines are `date` columns: read as text, 'YYYY-MM-DD', as the entity holds them
const ROUNDS = plainRows<RoundRow>('rounds', 'r', [
  ['id', 'id'],
  ['year', 'year'],
  ['template', 'template'],
  ['scope_organization_id', 'scopeOrganizationId'],
  ['status', 'status'],
  ['department_deadline', 'departmentDeadline', 'text'],
  ['government_deadline', 'governmentDeadline', 'text'],
  ['is_demo', 'isDemo'],
  ['revision', 'revision'],
  ['created_at', 'createdAt'],
  ['updated_at', 'updatedAt'],
]);

function rows(manager: EntityManager, tail: string, params: unknown[]): Promise<RoundRow[]> {
  return manager.query(`${ROUNDS.select} ${tail}`, params) as Promise<RoundRow[]>;
}

/**
 * Reading rounds with the caller's EntityManager — inside its transaction, one fixed statement
 * each — for the modules that read them where `RoundsService` does not fit. They get plain rows:
 * nothing they could save.
 */
export const roundLookups = {
  async byId(manager: EntityManager, id: string): Promise<RoundRow | null> {
    return (await rows(manager, 'WHERE r.id = $1', [id]))[0] ?? null;
  },

  /**
   * Throws TypeORM's `EntityNotFoundError` when there is none (for ids read from a foreign key);
   * `shareLock` holds the row against a concurrent change until the transaction ends.
   */
  async byIdOrFail(
    manager: EntityManager,
    id: string,
    options: { shareLock?: boolean } = {},
  ): Promise<RoundRow> {
    const [found] = await rows(manager, `WHERE r.id = $1${options.shareLock ? ' FOR SHARE' : ''}`, [
      id,
    ]);
    if (!found) throw new EntityNotFoundError('RoundEntity', { where: { id } });
    return found;
  },

  open(manager: EntityManager): Promise<RoundRow[]> {
    return rows(manager, 'WHERE r.status = $1', [RoundStatus.OPEN]);
  },

  /** The columns read, with their properties (for the test that holds them to the entity's). */
  list: ROUNDS.list,
};

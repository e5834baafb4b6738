import type { EntityManager } from 'typeorm';
import { RoundEntity, RoundStatus } from './round.entity';

/**
 * Reading rounds with the caller's EntityManager — inside its transaction, one statement each —
 * for the modules that read them where `RoundsService` does not fit. Other modules never name
 * the entity class.
 */
export const roundRows = {
  byId(manager: EntityManager, id: string): Promise<RoundEntity | null> {
    return manager.findOne(RoundEntity, { where: { id } });
  },

  /**
   * Throws TypeORM's `EntityNotFoundError` when there is none (for ids read from a foreign key);
   * `shareLock` holds the row against a concurrent change until the transaction ends.
   */
  byIdOrFail(
    manager: EntityManager,
    id: string,
    options: { shareLock?: boolean } = {},
  ): Promise<RoundEntity> {
    return manager.findOneOrFail(RoundEntity, {
      where: { id },
      ...(options.shareLock ? { lock: { mode: 'pessimistic_read' as const } } : {}),
    });
  },

  open(manager: EntityManager): Promise<RoundEntity[]> {
    return manager.find(RoundEntity, { where: { status: RoundStatus.OPEN } });
  },

  /** Whether a loader's result is a round (not an error). */
  is(value: unknown): value is RoundEntity {
    return value instanceof RoundEntity;
  },
};

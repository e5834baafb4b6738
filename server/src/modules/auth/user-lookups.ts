import type { EntityManager } from 'typeorm';
import type { Role } from '../../common/permissions';

/** A demo account as other modules read it: a plain row. */
export type DemoUserRow = {
  id: string;
  username: string;
  role: Role;
  organizationId: string;
};

/**
 * Reading accounts with the caller's EntityManager — one fixed statement each — where the
 * `user_contacts` view (which leaves out `is_demo`) is not enough: plain rows, nothing to save.
 */
export const userLookups = {
  /** The demo accounts (`is_demo`), by username. */
  async demo(manager: EntityManager): Promise<DemoUserRow[]> {
    return (await manager.query(
      `SELECT id, username, role, organization_id AS "organizationId"
         FROM users WHERE is_demo ORDER BY username`,
    )) as DemoUserRow[];
  },
  /** How many demo accounts there are. */
  async demoCount(manager: EntityManager): Promise<number> {
    const [{ n }] = (await manager.query(`SELECT count(*)::int AS n FROM users WHERE is_demo`)) as [
      { n: number },
    ];
    return n;
  },
};

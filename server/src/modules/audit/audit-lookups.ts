import type { EntityManager } from 'typeorm';
import type { AuditEventRow } from './audit-event.entity';

/** An audit event with its reason and data, as another module reads it: a plain row. */
type ActionEvent = Pick<
  AuditEventRow,
  | 'organizationId'
  | 'submissionId'
  | 'roundId'
  | 'action'
  | 'fromStatus'
  | 'reason'
  | 'data'
  | 'createdAt'
>;

/**
 * Reading audit events with the caller's EntityManager — one fixed statement each — where the
 * `audit_trail` view (which leaves out reasons and data) is not enough: plain rows, nothing to save.
 */
export const auditLookups = {
  /** Every event of the given actions, with its reason and data, oldest first. */
  async withActions(manager: EntityManager, actions: readonly string[]): Promise<ActionEvent[]> {
    return (await manager.query(
      `SELECT organization_id AS "organizationId", submission_id AS "submissionId",
              round_id AS "roundId", action, from_status AS "fromStatus", reason, data,
              created_at AS "createdAt"
         FROM audit_events WHERE action = ANY($1::text[])
        ORDER BY created_at, id`,
      [actions],
    )) as ActionEvent[];
  },
};

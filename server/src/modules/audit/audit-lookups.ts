import type { EntityManager } from 'typeorm';

/** An audit event with its reason and data, as another module reads it: a plain row. */
export type AuditEventRow = {
  organizationId: string | null;
  submissionId: string | null;
  roundId: string | null;
  action: string;
  fromStatus: string | null;
  reason: string | null;
  data: Record<string, unknown> | null;
  createdAt: Date;
};

/**
 * Reading audit events with the caller's EntityManager — one fixed statement each — where the
 * `audit_trail` view (which leaves out reasons and data) is not enough: plain rows, nothing to save.
 */
export const auditLookups = {
  /** Every event of the given actions, with its reason and data, oldest first. */
  async withActions(manager: EntityManager, actions: readonly string[]): Promise<AuditEventRow[]> {
    return (await manager.query(
      `SELECT organization_id AS "organizationId", submission_id AS "submissionId",
              round_id AS "roundId", action, from_status AS "fromStatus", reason, data,
              created_at AS "createdAt"
         FROM audit_events WHERE action = ANY($1::text[])
        ORDER BY created_at, id`,
      [actions],
    )) as AuditEventRow[];
  },
};

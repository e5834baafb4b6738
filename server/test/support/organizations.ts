import type { TestApp } from '../test-app';
import { count } from './responses';
import { gqlOk, type World } from './world';

export type OrgRow = { id: string; name: string; code: string; revision: number };

/**
 * Reads the organizations tests make, on the app and world the suite's `beforeAll` sets up
 * (hence getters): a body as the admin sees it, a table's row count, a body's last audit data.
 */
export function organizationReads(app: () => TestApp, w: () => World) {
  const org = (id: string) =>
    gqlOk<{ organization: OrgRow & { parentId: string; activeToYear: number | null } }>(
      app(),
      'query($id: ID!) { organization(id: $id) { id name code revision parentId activeToYear } }',
      { id },
      w().cookie.admin,
    ).then((d) => d.organization);
  const rowCount = (table: string) => count(app(), table);
  const lastAudit = async (orgId: string, action: string) =>
    (
      await app().dataSource.query(
        `SELECT data FROM audit_events WHERE organization_id = $1 AND action = $2 ORDER BY created_at DESC LIMIT 1`,
        [orgId, action],
      )
    )[0]?.data as Record<string, unknown> | undefined;
  return { org, rowCount, lastAudit };
}

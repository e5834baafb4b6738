import type { CommandContext } from '../audit';
import type { OrganizationRow } from './organization.entity';

/** A node of a tree written at once: its id and path chosen by the caller, parents first. */
export type OrganizationToInsert = Pick<
  OrganizationRow,
  | 'id'
  | 'code'
  | 'name'
  | 'level'
  | 'parentId'
  | 'path'
  | 'kind'
  | 'peerGroup'
  | 'region'
  | 'reports'
>;

const CHUNK = 5000;

/**
 * The command that writes a whole generated tree (`gongkai seed`'s synthetic nation), inside the
 * caller's transaction: the nodes in statements of 5,000, parents before their children, and one
 * `organization.import` event on the first node. It checks nothing the generator guarantees
 * (codes unique, each path its parent's plus its id); the database's constraints still hold.
 */
export async function insertOrganizationTree(
  context: CommandContext,
  nodes: readonly OrganizationToInsert[],
): Promise<void> {
  const [first] = nodes;
  if (!first) return;
  for (let i = 0; i < nodes.length; i += CHUNK)
    await context.manager.query(
      `INSERT INTO organizations (id, code, name, level, parent_id, path, kind, peer_group, region,
                                  reports, revision)
       SELECT x.id, x.code, x.name, x.level::organization_level, x.parent_id, x.path, x.kind,
              x.peer_group, x.region, x.reports, 1
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, code text, name text, level text,
              parent_id uuid, path text, kind text, peer_group text, region text, reports boolean)`,
      [
        JSON.stringify(
          nodes.slice(i, i + CHUNK).map((n) => ({
            id: n.id,
            code: n.code,
            name: n.name,
            level: n.level,
            parent_id: n.parentId,
            path: n.path,
            kind: n.kind,
            peer_group: n.peerGroup,
            region: n.region,
            reports: n.reports,
          })),
        ),
      ],
    );
  await context.record([
    {
      organizationId: first.id,
      action: 'organization.import',
      data: { created: nodes.length, changed: 0, moved: 0, closed: 0 },
    },
  ]);
}

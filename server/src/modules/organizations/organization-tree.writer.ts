import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { escapeLike } from '../../common/actor';
import {
  OrganizationEntity,
  type OrganizationLevel,
  type OrganizationRow,
} from './organization.entity';
import { mayReport } from './organization-rules';

export type NewOrganization = {
  code: string;
  name: string;
  level: OrganizationLevel;
  kind?: string | null;
  peerGroup?: string | null;
  region?: string | null;
  activeFromYear?: number | null;
  activeToYear?: number | null;
  reports?: boolean | null;
  isDemo?: boolean;
};

/**
 * A new node under `parent` (null: a root) as an entity not yet written: its id (chosen here
 * unless the caller chose it) and its materialised path, the parent's plus the id; it reports
 * unless told otherwise or a nation.
 */
export function planOrganization(
  input: NewOrganization,
  parent: OrganizationEntity | null,
  id: string = randomUUID(),
): OrganizationEntity {
  // the columns set directly: a tree of 120,000 nodes is planned at once, and the entity
  // manager's `create` (a metadata walk per node) cost an eighth of the list form's CPU
  return Object.assign(new OrganizationEntity(), {
    id,
    code: input.code,
    name: input.name.trim(),
    level: input.level,
    parentId: parent?.id ?? null,
    kind: input.kind ?? null,
    peerGroup: input.peerGroup ?? null,
    region: input.region ?? null,
    activeFromYear: input.activeFromYear ?? null,
    activeToYear: input.activeToYear ?? null,
    reports: input.reports ?? mayReport(input.level),
    isDemo: input.isDemo ?? false,
    path: `${parent?.path ?? '/'}${id}/`,
  });
}

const CHUNK = 5000;

/** A node as written: its id and path chosen, the active years and the demo mark when it has them. */
type OrganizationToWrite = Pick<
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
> &
  Partial<Pick<OrganizationRow, 'activeFromYear' | 'activeToYear' | 'isDemo'>>;

type Stamps = { revision: number; createdAt: Date; updatedAt: Date };

/**
 * Writes nodes (parents before their children) in one statement per 5,000 and returns each one's
 * database defaults (revision, timestamps) by id.
 */
async function writeOrganizationRows(
  manager: EntityManager,
  nodes: readonly OrganizationToWrite[],
): Promise<Map<string, Stamps>> {
  const written = new Map<string, Stamps>();
  for (let i = 0; i < nodes.length; i += CHUNK) {
    const rows = (await manager.query(
      `INSERT INTO organizations (id, code, name, level, parent_id, path, kind, peer_group, region,
                                  active_from_year, active_to_year, reports, is_demo, revision)
       SELECT x.id, x.code, x.name, x.level::organization_level, x.parent_id, x.path, x.kind,
              x.peer_group, x.region, x.active_from_year, x.active_to_year, x.reports, x.is_demo, 1
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, code text, name text, level text,
              parent_id uuid, path text, kind text, peer_group text, region text,
              active_from_year int, active_to_year int, reports boolean, is_demo boolean)
       RETURNING id, revision, created_at, updated_at`,
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
            active_from_year: n.activeFromYear ?? null,
            active_to_year: n.activeToYear ?? null,
            reports: n.reports,
            is_demo: n.isDemo ?? false,
          })),
        ),
      ],
    )) as { id: string; revision: number; created_at: Date; updated_at: Date }[];
    for (const r of rows)
      written.set(r.id, { revision: r.revision, createdAt: r.created_at, updatedAt: r.updated_at });
  }
  return written;
}

/** Writes planned nodes (parents before their children); the database's defaults come back into them. */
export async function insertOrganizations(
  manager: EntityManager,
  nodes: readonly OrganizationEntity[],
): Promise<void> {
  const written = await writeOrganizationRows(manager, nodes);
  for (const node of nodes) Object.assign(node, written.get(node.id)!);
}

/** Inserts one node under `parent` (null: a root) with its path: a one-node `insertOrganizations`. */
export async function insertOrganization(
  manager: EntityManager,
  input: NewOrganization,
  parent: OrganizationEntity | null,
): Promise<OrganizationEntity> {
  const entity = planOrganization(input, parent);
  await insertOrganizations(manager, [entity]);
  return entity;
}

/**
 * Moves a node (and its subtree) under `parent`: rewrites the descendants' paths in one
 * statement; the node itself is updated in memory (the caller saves it).
 */
export async function moveOrganization(
  manager: EntityManager,
  node: OrganizationEntity,
  parent: OrganizationEntity | null,
): Promise<void> {
  const oldPath = node.path;
  const newPath = `${parent?.path ?? '/'}${node.id}/`;
  await manager.query(
    `UPDATE organizations SET path = $2 || substr(path, length($1) + 1), revision = revision + 1
      WHERE path LIKE $3 AND id <> $4`,
    [oldPath, newPath, `${escapeLike(oldPath)}%`, node.id],
  );
  node.parentId = parent?.id ?? null;
  node.path = newPath;
}

/** Ids on a materialised path, root first (the node itself last). */
export function pathIds(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

/**
 * Submissions of rounds after `lastYear` of bodies in the subtree at `path`: work that would be
 * orphaned if the subtree stopped reporting after `lastYear`. Organizations sit below
 * submissions in the module graph, so this one check reads the two tables directly, inside the
 * closing transaction.
 */
export async function laterWork(
  manager: EntityManager,
  path: string,
  lastYear: number,
): Promise<{ count: number; firstYear: number | null }> {
  const rows: { count: string; first_year: number | null }[] = await manager.query(
    `SELECT count(*) AS count, min(r.year) AS first_year
       FROM submission_states s
       JOIN round_directory r ON r.id = s.round_id
       JOIN organizations o ON o.id = s.organization_id
      WHERE o.path LIKE $1 AND r.year > $2`,
    [`${escapeLike(path)}%`, lastYear],
  );
  return { count: Number(rows[0]?.count ?? 0), firstYear: rows[0]?.first_year ?? null };
}

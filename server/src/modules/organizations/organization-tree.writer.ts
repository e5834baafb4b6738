import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { escapeLike } from '../../common/actor';
import { OrganizationEntity, type OrganizationLevel } from './organization.entity';

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
 * Inserts a node under `parent` (null: a root) with its materialised path, in one statement: the
 * id is chosen here so that the path can be written with the row; the database's defaults
 * (revision, timestamps) come back into the returned entity.
 */
export async function insertOrganization(
  manager: EntityManager,
  input: NewOrganization,
  parent: OrganizationEntity | null,
): Promise<OrganizationEntity> {
  const id = randomUUID();
  const entity = manager.create(OrganizationEntity, {
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
    reports: input.reports ?? true,
    isDemo: input.isDemo ?? false,
    path: `${parent?.path ?? '/'}${id}/`,
  });
  await manager.insert(OrganizationEntity, entity);
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

import { randomUUID } from 'node:crypto';
import { type EntityManager, In } from 'typeorm';
import { badInput } from '../../common/domain-error';
import type { Actor } from '../../common/actor';
import type { AuditEventInput, AuditService } from '../audit';
import { OrganizationEntity, type OrganizationRow } from './organization.entity';
import {
  checkNewOrganization,
  insertCheckedOrganizations,
  type OrganizationToCreateInList,
} from './organization-create';
import { pathIds } from './organization-tree.writer';
import type { DirectoryImportReport, Planned } from './directory-import.types';

const CHUNK = 5000;

/**
 * Writes a checked plan as lists: the rows are placed in memory first, parents before their
 * children (the order and the events of placing them one by one), then written in a few
 * statements — the moved subtrees' paths in one, the new bodies through the create command's
 * list form (`insertCheckedOrganizations`, which checks them again and names their line), the
 * changed bodies' fields in one per 5,000 — with one audit event per change and a summary.
 */
export async function applyPlan(
  manager: EntityManager,
  audit: AuditService,
  actor: Actor,
  planned: Planned[],
  report: DirectoryImportReport,
): Promise<void> {
  const pending = planned.filter((p) => p.row.action === 'CREATE' || p.row.action === 'UPDATE');
  // the bodies the rows name (as themselves or as parents), with their ancestors, in two reads
  const named = await manager.find(OrganizationEntity, {
    where: { code: In([...new Set(pending.flatMap((p) => [p.code, p.parentCode]))]) },
  });
  const ancestorIds = [...new Set(named.flatMap((o) => pathIds(o.path)))].filter(
    (id) => !named.some((o) => o.id === id),
  );
  const stored = [
    ...named,
    ...(ancestorIds.length
      ? await manager.find(OrganizationEntity, { where: { id: In(ancestorIds) } })
      : []),
  ];
  const byId = new Map(stored.map((o) => [o.id, o]));
  const byCode = new Map<string, OrganizationEntity>();
  const oldPath = new Map(stored.map((o) => [o.id, o.path]));
  const load = (code: string) => {
    if (!byCode.has(code)) {
      const found = named.find((o) => o.code === code);
      if (found) byCode.set(code, found);
    }
    return byCode.get(code) ?? null;
  };
  const created: (OrganizationToCreateInList & { line: number })[] = [];
  const createdIds = new Set<string>();
  const updated: OrganizationEntity[] = [];
  const movedIds = new Set<string>();
  const events: AuditEventInput[] = [];
  // parents first: repeat passes until every row whose parent exists is placed
  while (pending.length > 0) {
    let progressed = false;
    for (let i = 0; i < pending.length; i++) {
      const p = pending[i]!;
      const parent = p.parentCode ? load(p.parentCode) : null;
      if (p.parentCode && !parent) continue;
      if (p.row.action === 'CREATE') {
        const node = manager.create(OrganizationEntity, {
          id: randomUUID(),
          code: p.code,
          level: p.level!,
          ...p.wanted,
          name: p.wanted.name.trim(),
          parentId: parent?.id ?? null,
        });
        byCode.set(p.code, node);
        byId.set(node.id, node);
        createdIds.add(node.id);
        created.push({
          id: node.id,
          code: p.code,
          level: p.level!,
          ...p.wanted,
          parentId: parent?.id ?? null,
          line: p.record.line,
        });
        events.push({
          organizationId: node.id,
          action: 'organization.create',
          data: { name: node.name, code: node.code, parentName: parent?.name ?? null },
        });
      } else {
        const current = load(p.code)!;
        const name = current.name;
        const changes = Object.fromEntries(
          p.row.changes.map((c) => [c.field, [c.from, c.to]] as const),
        );
        Object.assign(current, p.wanted);
        if (p.row.kinds.includes('MOVED')) {
          current.parentId = parent?.id ?? null;
          movedIds.add(current.id);
          events.push({
            organizationId: current.id,
            action: 'organization.move',
            data: { name, fromParentName: p.row.fromParent, toParentName: p.row.toParent },
          });
        }
        if (!updated.includes(current)) updated.push(current);
        if (p.row.kinds.includes('CLOSED'))
          events.push({
            organizationId: current.id,
            action: 'organization.close',
            data: { name: current.name, toYear: p.wanted.activeToYear, count: 1 },
          });
        const otherChanges = Object.fromEntries(
          Object.entries(changes).filter(
            ([field]) => !(field === 'activeToYear' && p.row.kinds.includes('CLOSED')),
          ),
        );
        if (Object.keys(otherChanges).length > 0)
          events.push({
            organizationId: current.id,
            action: 'organization.update',
            data: { name, changes: otherChanges },
          });
      }
      pending.splice(i, 1);
      i--;
      progressed = true;
    }
    if (!progressed)
      throw badInput('parent_code', 'the parent codes form a cycle', {
        key: 'directory.row.cycle',
        params: { code: pending[0]?.code ?? '' },
      });
  }

  // Every placed body's path as it will stand, from its parent's.
  const finalPath = new Map<string, string>();
  const pathOf = (node: OrganizationEntity, seen: Set<string> = new Set()): string => {
    const known = finalPath.get(node.id);
    if (known !== undefined) return known;
    if (seen.has(node.id))
      throw badInput(`line ${lineOf(node.code)}.parent_code`, 'would create a cycle', {
        key: 'directory.row.cycle',
        params: { code: node.code },
      });
    seen.add(node.id);
    const parent = node.parentId ? byId.get(node.parentId) : undefined;
    const path =
      node.parentId && !parent
        ? node.path // an unread ancestor of a body that is not moved: where it is
        : `${parent ? pathOf(parent, seen) : '/'}${node.id}/`;
    finalPath.set(node.id, path);
    return path;
  };
  const lineOf = (code: string) => planned.find((p) => p.code === code)?.record.line ?? 0;
  for (const node of byId.values()) pathOf(node);

  // 1. The moved subtrees, from their old paths: each body under the deepest moved node whose
  //    old path starts its own takes that node's new path; one revision per moved node above it.
  const moves = [...movedIds].map((id) => ({
    id,
    old_path: oldPath.get(id)!,
    new_path: finalPath.get(id)!,
  }));
  if (moves.length > 0)
    await manager.query(
      `WITH m AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS m(id uuid, old_path text, new_path text)),
            hit AS (
              SELECT DISTINCT ON (o.id) o.id, m.old_path, m.new_path,
                     count(*) FILTER (WHERE m.id <> o.id) OVER (PARTITION BY o.id) AS above
                FROM organizations o
                JOIN m ON left(o.path, length(m.old_path)) = m.old_path
               ORDER BY o.id, length(m.old_path) DESC)
       UPDATE organizations o
          SET path = hit.new_path || substr(o.path, length(hit.old_path) + 1),
              revision = o.revision + hit.above
         FROM hit WHERE o.id = hit.id`,
      [JSON.stringify(moves)],
    );

  // 2. The new bodies, parents first, through the create command's list form.
  if (created.length > 0) {
    const held: OrganizationRow[] = [];
    for (const c of created) {
      const parent = c.parentId && !createdIds.has(c.parentId) ? byId.get(c.parentId) : null;
      if (parent && !held.some((h) => h.id === parent.id))
        held.push({ ...parent, path: finalPath.get(parent.id)! });
    }
    const items = created.map(({ line, ...item }) => {
      checkNewOrganization(item, `line ${line}`);
      return item;
    });
    await insertCheckedOrganizations(manager, actor, items, {
      held,
      field: (i) => `line ${created[i]!.line}`,
    });
  }

  // 3. The changed bodies' fields (and parents), one revision each.
  for (let i = 0; i < updated.length; i += CHUNK)
    await manager.query(
      `UPDATE organizations o
          SET name = x.name, kind = x.kind, peer_group = x.peer_group, region = x.region,
              active_from_year = x.active_from_year, active_to_year = x.active_to_year,
              reports = x.reports, parent_id = x.parent_id, revision = o.revision + 1,
              updated_at = now()
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, name text, kind text, peer_group text,
              region text, active_from_year int, active_to_year int, reports boolean,
              parent_id uuid)
        WHERE o.id = x.id`,
      [
        JSON.stringify(
          updated.slice(i, i + CHUNK).map((o) => ({
            id: o.id,
            name: o.name,
            kind: o.kind,
            peer_group: o.peerGroup,
            region: o.region,
            active_from_year: o.activeFromYear,
            active_to_year: o.activeToYear,
            reports: o.reports,
            parent_id: o.parentId,
          })),
        ),
      ],
    );

  const anchor = commonAncestor([...byCode.values()].map((o) => finalPath.get(o.id)!));
  if (anchor)
    events.push({
      organizationId: anchor,
      action: 'organization.import',
      data: {
        created: report.created,
        changed: report.changed,
        moved: report.moved,
        closed: report.closed,
      },
    });
  await audit.record(manager, actor, events);
}

/** The deepest node on every path (the import's summary event belongs to it). */
export function commonAncestor(paths: readonly string[]): string | null {
  if (paths.length === 0) return null;
  let common = pathIds(paths[0]!);
  for (const path of paths.slice(1)) {
    const ids = pathIds(path);
    let k = 0;
    while (k < common.length && k < ids.length && common[k] === ids[k]) k++;
    common = common.slice(0, k);
  }
  return common.at(-1) ?? pathIds(paths[0]!)[0] ?? null;
}

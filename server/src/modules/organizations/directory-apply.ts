import { type EntityManager, In } from 'typeorm';
import { badInput } from '../../common/domain-error';
import type { Actor } from '../../common/actor';
import type { AuditEventInput, AuditService } from '../audit';
import { OrganizationEntity } from './organization.entity';
import { insertOrganization, moveOrganization, pathIds } from './organization-tree.writer';
import type { DirectoryImportReport, Planned } from './directory-import.types';

/** Writes a checked plan: creates, changes, moves and closes, with one audit event per body. */
export async function applyPlan(
  manager: EntityManager,
  audit: AuditService,
  actor: Actor,
  planned: Planned[],
  report: DirectoryImportReport,
): Promise<void> {
  const pending = planned.filter((p) => p.row.action === 'CREATE' || p.row.action === 'UPDATE');
  const byCode = new Map<string, OrganizationEntity>();
  const load = async (code: string) => {
    if (!byCode.has(code)) {
      const found = await manager.findOne(OrganizationEntity, { where: { code } });
      if (found) byCode.set(code, found);
    }
    return byCode.get(code) ?? null;
  };
  const events: AuditEventInput[] = [];
  const touched: string[] = [];
  // parents first: repeat passes until every row whose parent exists is placed
  while (pending.length > 0) {
    let progressed = false;
    for (let i = 0; i < pending.length; i++) {
      const p = pending[i]!;
      const parent = p.parentCode ? await load(p.parentCode) : null;
      if (p.parentCode && !parent) continue;
      if (p.row.action === 'CREATE') {
        const created = await insertOrganization(
          manager,
          { code: p.code, level: p.level!, ...p.wanted },
          parent,
        );
        byCode.set(p.code, created);
        touched.push(created.path);
        events.push({
          organizationId: created.id,
          action: 'organization.create',
          data: { name: created.name, code: created.code, parentName: parent?.name ?? null },
        });
      } else {
        const current = (await load(p.code))!;
        const name = current.name;
        const changes = Object.fromEntries(
          p.row.changes.map((c) => [c.field, [c.from, c.to]] as const),
        );
        Object.assign(current, p.wanted);
        if (p.row.kinds.includes('MOVED')) {
          if (parent && parent.path.startsWith(current.path))
            throw badInput(`line ${p.record.line}.parent_code`, 'would create a cycle', {
              key: 'directory.row.cycle',
              params: { code: p.code },
            });
          await moveOrganization(manager, current, parent);
          events.push({
            organizationId: current.id,
            action: 'organization.move',
            data: { name, fromParentName: p.row.fromParent, toParentName: p.row.toParent },
          });
        }
        byCode.set(p.code, await manager.save(current));
        touched.push(current.path);
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
  // Moves rewrite descendants' paths: re-read the paths of the bodies touched.
  const fresh = touched.length
    ? await manager.find(OrganizationEntity, {
        where: { code: In([...byCode.keys()]) },
        select: { id: true, path: true },
      })
    : [];
  const anchor = commonAncestor(fresh.map((o) => o.path));
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

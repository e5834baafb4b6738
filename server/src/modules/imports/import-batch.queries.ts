import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Actor, escapeLike, inScope } from '../../common/actor';
import { forbidden, notFound } from '../../common/domain-error';
import { type Connection, type Page, toConnection } from '../../common/pagination';
import { newestFirstPage } from '../../common/newest-first-page';
import { Role } from '../../common/permissions';
import { isUuid } from '../../common/uuid';
import { organizationLookups } from '../organizations';
import { ImportBatchEntity, ImportBatchItemEntity, ImportItemStatus } from './import-batch.entity';

export type BatchCounts = Record<ImportItemStatus, number>;

/** Bureaus do not import published reports; reviewers and supervisors do. */
export function assertMayImport(actor: Actor): void {
  if (actor.role === Role.BUREAU)
    throw forbidden('only reviewers and supervisors import published reports', {
      key: 'import.reviewersOnly',
    });
}

/** Reading batches: one batch the caller may see, the caller's batches, a batch's items. */
@Injectable()
export class ImportBatchQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** The batch, when it is of a region in the caller's scope (else not found). */
  async visible(actor: Actor, id: string): Promise<ImportBatchEntity> {
    assertMayImport(actor);
    const batch = isUuid(id)
      ? await this.dataSource.manager.findOne(ImportBatchEntity, { where: { id } })
      : null;
    const scope = batch
      ? await organizationLookups.byId(this.dataSource.manager, batch.scopeOrganizationId)
      : null;
    if (!batch || !scope || !inScope(actor, scope)) throw notFound('import batch');
    return batch;
  }

  get(actor: Actor, id: string): Promise<ImportBatchEntity> {
    return this.visible(actor, id);
  }

  /** Batches of regions in the caller's scope, newest first. */
  async list(actor: Actor, page: Page): Promise<Connection<ImportBatchEntity>> {
    assertMayImport(actor);
    const qb = this.dataSource.manager
      .createQueryBuilder(ImportBatchEntity, 'b')
      // organizations' table, read for the scope (owned by the organizations module)
      .innerJoin('organization_directory', 'o', 'o.id = b.scope_organization_id');
    if (actor.role !== Role.ADMIN)
      qb.where('o.path LIKE :scope', { scope: `${escapeLike(actor.organizationPath)}%` });
    return newestFirstPage(qb, page);
  }

  async counts(batchId: string): Promise<BatchCounts> {
    const rows: { status: ImportItemStatus; n: number }[] = await this.dataSource.query(
      `SELECT status, count(*)::int AS n FROM import_batch_items WHERE batch_id = $1 GROUP BY status`,
      [batchId],
    );
    const out = Object.fromEntries(
      Object.values(ImportItemStatus).map((s) => [s, 0]),
    ) as BatchCounts;
    for (const r of rows) out[r.status] = r.n;
    return out;
  }

  /** The batch's items in file order, optionally of some statuses. */
  async items(
    batchId: string,
    statuses: ImportItemStatus[] | null,
    page: Page,
  ): Promise<Connection<ImportBatchItemEntity>> {
    const qb = this.dataSource.manager
      .createQueryBuilder(ImportBatchItemEntity, 'i')
      .where('i.batch_id = :batchId', { batchId });
    if (statuses?.length) qb.andWhere('i.status IN (:...statuses)', { statuses });
    const total = await qb.clone().getCount();
    if (page.after) qb.andWhere('i.position > :after', { after: Number(page.after.id) });
    const rows = await qb
      .orderBy('i.position', 'ASC')
      .take(page.limit + 1)
      .getMany();
    return toConnection(rows, page, (i) => ({ k: '', id: String(i.position) }), total);
  }
}

import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Actor, inScope } from '../../common/actor';
import { badInput, conflict, notFound } from '../../common/domain-error';
import { isUuid } from '../../common/uuid';
import type { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { AuditService } from '../audit';
import { AuthService } from '../auth';
import { JobsService } from '../../jobs/jobs.service';
import { organizationLookups } from '../organizations';
import {
  ImportBatchEntity,
  ImportBatchItemEntity,
  ImportBatchStatus,
  ImportItemStatus,
} from './import-batch.entity';
import { unpackUpload } from './import-batch-files';
import { assertMayImport, ImportBatchQueries } from './import-batch.queries';
import { ImportItemReader, type ItemOutcome } from './import-item.reader';

export const IMPORT_QUEUE = 'import-batch';

/**
 * Batch import of published reports for reviewers and supervisors. A batch is rows of
 * `import_batches` / `import_batch_items` (the files' bytes included), so the work survives a
 * restart: a pg-boss job (or, without the job queue, this process) reads the pending items one by
 * one, each in its own transaction that claims the item (`FOR UPDATE SKIP LOCKED`), parses it,
 * matches the issuing body, and stores the imported version through `SubmissionsService`.
 */
@Injectable()
export class ImportBatchesService
  implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger('ImportBatches');
  private readonly running = new Map<string, Promise<void>>();
  private stopping = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly jobs: JobsService,
    private readonly auth: AuthService,
    private readonly reader: ImportItemReader,
    private readonly queries: ImportBatchQueries,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: IMPORT_QUEUE,
      handler: (data) => this.run(String(data.batchId ?? '')),
      retryLimit: 5,
      retryDelay: 10,
    });
  }

  /** Batches left running by a previous process are picked up again. */
  onApplicationBootstrap(): void {
    setImmediate(() => {
      void this.resume().catch((error: unknown) =>
        this.logger.error(
          `resume failed: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.running.values()]);
  }

  /** Every running batch is sent to work again (items already done are not read twice). */
  async resume(): Promise<number> {
    if (this.stopping || !this.dataSource.isInitialized) return 0;
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM import_batches WHERE status = 'RUNNING' ORDER BY created_at`,
    );
    for (const row of rows) await this.kick(row.id);
    return rows.length;
  }

  private async kick(batchId: string): Promise<void> {
    if (this.jobs.running) {
      await this.jobs.send(IMPORT_QUEUE, { batchId });
      return;
    }
    if (this.running.has(batchId)) return;
    const work = this.run(batchId)
      .catch((error: unknown) =>
        this.logger.error(
          `batch ${batchId}: ${error instanceof Error ? error.message : String(error)}`,
        ),
      )
      .finally(() => this.running.delete(batchId));
    this.running.set(batchId, work);
  }

  /** Reads the batch's pending items until none is left; then the batch is done. */
  async run(batchId: string): Promise<void> {
    if (!isUuid(batchId)) return;
    for (;;) {
      if (this.stopping) return;
      const claimed: { id: string | null } = { id: null };
      try {
        const more = await this.processNext(batchId, claimed);
        if (!more) return;
      } catch (error) {
        if (this.stopping || !this.dataSource.isInitialized) return;
        this.logger.error(
          `batch ${batchId}, item ${claimed.id}: ${error instanceof Error ? error.message : String(error)}`,
        );
        if (!claimed.id) throw error;
        // the item's transaction rolled back: nothing of it was saved; it is marked failed
        await this.dataSource.query(
          `UPDATE import_batch_items SET status = 'FAILED', reason_key = 'import.unexpected',
             reason_params = $2, content = NULL, updated_at = now()
           WHERE id = $1 AND status = 'PENDING'`,
          [claimed.id, JSON.stringify({})],
        );
      }
    }
  }

  private async processNext(batchId: string, claimed: { id: string | null }): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const batch = await manager.findOne(ImportBatchEntity, { where: { id: batchId } });
      if (!batch || batch.status !== ImportBatchStatus.RUNNING) return false;
      const rows: { id: string }[] = await manager.query(
        `SELECT id FROM import_batch_items WHERE batch_id = $1 AND status = 'PENDING'
         ORDER BY position LIMIT 1 FOR UPDATE SKIP LOCKED`,
        [batchId],
      );
      const id = rows[0]?.id;
      if (!id) {
        await manager.query(
          `UPDATE import_batches SET status = 'DONE', finished_at = now()
           WHERE id = $1 AND status = 'RUNNING'
             AND NOT EXISTS (SELECT 1 FROM import_batch_items WHERE batch_id = $1 AND status = 'PENDING')`,
          [batchId],
        );
        return false;
      }
      claimed.id = id;
      const item = await manager
        .createQueryBuilder(ImportBatchItemEntity, 'i')
        .addSelect('i.content')
        .where('i.id = :id', { id })
        .getOneOrFail();
      const actor = await this.auth.actorForUser(manager, batch.createdById, 'import-batch');
      const outcome: ItemOutcome = actor
        ? await this.reader.read(manager, actor, batch, item)
        : { status: ImportItemStatus.FAILED, reasonKey: 'import.uploaderGone', reasonParams: {} };
      await this.reader.saveOutcome(manager, item.id, outcome);
      return true;
    });
  }

  // ---- the API ----------------------------------------------------------------------------------

  /**
   * Unpacks the upload (zips within limits; a nested zip or too many entries refuses the whole
   * upload) and creates the batch with one pending item per file, then starts the job.
   */
  async create(
    actor: Actor,
    input: { scopeOrganizationId: string; year: number },
    files: { originalname: string; buffer: Buffer }[],
  ): Promise<ImportBatchEntity> {
    assertMayImport(actor);
    if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100)
      throw badInput('year', 'give the statistics year of the reports', {
        key: 'import.badYear',
      });
    if (!isUuid(input.scopeOrganizationId)) throw notFound('organization');
    const scope = await organizationLookups.byId(
      this.dataSource.manager,
      input.scopeOrganizationId,
    );
    if (!scope || !inScope(actor, scope)) throw notFound('organization');
    if (files.length === 0)
      throw badInput('files', 'attach the reports (a .zip or several files)', {
        key: 'upload.noFile',
      });
    const entries = unpackUpload(files, this.config.maxUploadBytes);
    const batch = await this.dataSource.transaction(async (manager) => {
      const created = await manager.save(
        manager.create(ImportBatchEntity, {
          scopeOrganizationId: scope.id,
          year: input.year,
          status: ImportBatchStatus.RUNNING,
          createdById: actor.userId,
          total: entries.length,
          finishedAt: null,
        }),
      );
      for (const [position, entry] of entries.entries())
        await manager.insert(ImportBatchItemEntity, {
          batchId: created.id,
          position,
          fileName: entry.name,
          content: entry.bytes,
          status: ImportItemStatus.PENDING,
        });
      await this.audit.record(manager, actor, {
        organizationId: scope.id,
        action: 'import.batchCreate',
        data: {
          batchId: created.id,
          files: entries.length,
          year: input.year,
          scopeName: scope.name,
        },
      });
      return created;
    });
    await this.kick(batch.id);
    return batch;
  }

  /** A person picks the body of a "needs a choice" item: the report is stored for it now. */
  async resolve(
    actor: Actor,
    input: { itemId: string; organizationId: string },
  ): Promise<ImportBatchItemEntity> {
    assertMayImport(actor);
    if (!isUuid(input.itemId)) throw notFound('import item');
    const found = await this.dataSource.manager.findOne(ImportBatchItemEntity, {
      where: { id: input.itemId },
    });
    if (!found) throw notFound('import item');
    const batch = await this.queries.visible(actor, found.batchId);
    await this.dataSource.transaction(async (manager) => {
      const item = await manager
        .createQueryBuilder(ImportBatchItemEntity, 'i')
        .addSelect(['i.content', 'i.report'])
        .setLock('pessimistic_write')
        .where('i.id = :id', { id: input.itemId })
        .getOneOrFail();
      if (item.status !== ImportItemStatus.NEEDS_CHOICE || !item.report)
        throw conflict('this file does not wait for a choice', {
          key: 'import.notWaiting',
          params: { file: item.fileName },
        });
      const bodies = await this.reader.bodiesOf(manager, batch);
      const chosen = bodies.find((b) => b.id === input.organizationId);
      if (!chosen)
        throw badInput('input.organizationId', 'pick a reporting body of the batch’s region', {
          key: 'import.notInRegion',
        });
      const bytes = item.content ?? Buffer.alloc(0);
      const reread = await this.reader.withPrevious(manager, item, bytes, chosen.id, item.report);
      const outcome = await this.reader.store(
        manager,
        actor,
        batch,
        item,
        bytes,
        chosen.id,
        reread?.report ?? item.report,
        {
          warnings: reread?.warnings ?? item.warnings ?? [],
          format: item.format ?? '',
        },
      );
      if (outcome.status !== ImportItemStatus.STORED)
        throw conflict(`the report cannot be stored for ${chosen.name}`, {
          key: outcome.reasonKey ?? 'import.refused',
          params: (outcome.reasonParams as Record<string, string | number>) ?? {},
        });
      await this.reader.saveOutcome(manager, item.id, { ...outcome, readName: item.readName });
      await this.audit.record(manager, actor, {
        organizationId: chosen.id,
        submissionId: outcome.submissionId ?? null,
        action: 'import.itemResolve',
        data: { batchId: batch.id, file: item.fileName, readName: item.readName ?? '' },
      });
    });
    return this.dataSource.manager.findOneOrFail(ImportBatchItemEntity, {
      where: { id: input.itemId },
    });
  }

  /** Stops a running batch: files not yet read are marked cancelled; what was stored stays. */
  async cancel(actor: Actor, batchId: string): Promise<ImportBatchEntity> {
    const batch = await this.queries.visible(actor, batchId);
    if (batch.status !== ImportBatchStatus.RUNNING)
      throw conflict('the batch is not running', {
        key: 'import.notRunning',
        params: { status: batch.status },
      });
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE import_batches SET status = 'CANCELLED', finished_at = now() WHERE id = $1`,
        [batch.id],
      );
      const cancelled: unknown[] = await manager.query(
        `UPDATE import_batch_items SET status = 'CANCELLED', content = NULL, updated_at = now()
          WHERE batch_id = $1 AND status = 'PENDING' RETURNING id`,
        [batch.id],
      );
      await this.audit.record(manager, actor, {
        organizationId: batch.scopeOrganizationId,
        action: 'import.batchCancel',
        data: {
          batchId: batch.id,
          cancelled: (cancelled[0] as unknown[] | undefined)?.length ?? 0,
        },
      });
    });
    return this.queries.visible(actor, batch.id);
  }
}

import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AnnualReport } from '@gongkai/report-model';
import {
  DEFAULT_UNZIP_LIMITS,
  ImportError,
  importReportFile,
  safeUnzip,
} from '@gongkai/report-import';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { type Actor, escapeLike, inScope } from '../../common/actor';
import { badInput, conflict, DomainError, forbidden, notFound } from '../../common/domain-error';
import { type Connection, type Page, toConnection } from '../../common/pagination';
import { Role } from '../../common/permissions';
import { isUuid } from '../../common/uuid';
import type { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { AuditService } from '../audit/audit.service';
import { JobsService } from '../notifications/jobs.service';
import { isActiveIn, OrganizationEntity } from '../organizations/organization.entity';
import { uploadedName, UPLOAD_EXTENSIONS } from '../submissions/report-upload.service';
import { SubmissionsService } from '../submissions/submissions.service';
import {
  ImportBatchEntity,
  ImportBatchItemEntity,
  ImportBatchStatus,
  ImportItemStatus,
} from './import-batch.entity';
import { matchOrganization, type MatchableOrganization } from './organization-matcher';

export const IMPORT_QUEUE = 'import-batch';
/** Most report files one batch takes (after unpacking its zips). */
export const MAX_BATCH_FILES = 500;
/** Most entries a zip may list: more is refused before anything is read. */
export const MAX_ZIP_ENTRIES = 2000;

const BATCH_EXTENSIONS = (UPLOAD_EXTENSIONS as readonly string[]).filter((e) => e !== 'json');

export type BatchCounts = Record<ImportItemStatus, number>;

type ItemOutcome = Partial<ImportBatchItemEntity> & { status: ImportItemStatus };

function extensionOf(name: string): string {
  return /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
}

function isZipBytes(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** `encrypted-pdf` → `import.encryptedPdf`, as the single-file upload names it. */
function importReason(error: ImportError): {
  key: string;
  params: Record<string, string | number>;
} {
  const code = error.code.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  return { key: `import.${code}`, params: { file: error.location.file, ...error.params } };
}

/** Whether a table cell of the report was left blank (a glued run the reader could not split…). */
function hasBlankCell(report: AnnualReport): boolean {
  for (const rows of Object.values(report.tables ?? {}))
    for (const cells of Object.values((rows ?? {}) as Record<string, Record<string, unknown>>))
      if (Object.values(cells ?? {}).some((v) => v === null)) return true;
  return false;
}

/** The issuing body as the report names it, else the part of the title before the year. */
export function issuingBody(report: AnnualReport): string {
  const name = report.organization.name.trim();
  if (name) return name;
  const title = report.title?.trim() ?? '';
  return title.replace(/[0-9０-９]{4}\s*年.*$/u, '').trim();
}

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
    private readonly submissions: SubmissionsService,
    private readonly audit: AuditService,
    private readonly jobs: JobsService,
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

  uploadsDir(): string {
    return join(this.config.dataDir, 'uploads');
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
    const afterCommit: (() => void)[] = [];
    const more = await this.dataSource.transaction(async (manager) => {
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
      const actor = await this.actorOf(manager, batch.createdById);
      const outcome: ItemOutcome = actor
        ? await this.read(manager, actor, batch, item, afterCommit)
        : { status: ImportItemStatus.FAILED, reasonKey: 'import.uploaderGone', reasonParams: {} };
      await this.saveOutcome(manager, item.id, outcome);
      return true;
    });
    for (const done of afterCommit) done();
    return more;
  }

  private async saveOutcome(
    manager: EntityManager,
    itemId: string,
    outcome: ItemOutcome,
  ): Promise<void> {
    const keep = outcome.status === ImportItemStatus.NEEDS_CHOICE;
    await manager.update(ImportBatchItemEntity, itemId, {
      status: outcome.status,
      reasonKey: outcome.reasonKey ?? null,
      reasonParams: outcome.reasonParams ?? null,
      candidates: outcome.candidates ?? null,
      readName: outcome.readName?.slice(0, 300) ?? null,
      format: outcome.format ?? null,
      warnings: outcome.warnings ?? null,
      organizationId: outcome.organizationId ?? null,
      submissionId: outcome.submissionId ?? null,
      versionId: outcome.versionId ?? null,
      // a report waiting for a choice keeps its parsed form (and the file) for the choice
      report: keep ? (outcome.report ?? null) : null,
      ...(keep ? {} : { content: null }),
    });
  }

  /** The uploader, as the job acts on their behalf (null when the account is gone or inactive). */
  private async actorOf(manager: EntityManager, userId: string): Promise<Actor | null> {
    const rows: {
      id: string;
      username: string;
      role: Role;
      organization_id: string;
      path: string;
    }[] = await manager.query(
      `SELECT u.id, u.username, u.role, u.organization_id, o.path
         FROM users u JOIN organizations o ON o.id = u.organization_id
        WHERE u.id = $1 AND u.active`,
      [userId],
    );
    const u = rows[0];
    if (!u) return null;
    return {
      userId: u.id,
      username: u.username,
      role: u.role,
      organizationId: u.organization_id,
      organizationPath: u.path,
      sessionId: 'import-batch',
    };
  }

  /** Parses one file, matches its body and stores it; every refusal becomes the item's reason. */
  private async read(
    manager: EntityManager,
    actor: Actor,
    batch: ImportBatchEntity,
    item: ImportBatchItemEntity,
    afterCommit: (() => void)[],
  ): Promise<ItemOutcome> {
    const bytes = item.content ?? Buffer.alloc(0);
    let report: AnnualReport;
    let warnings: string[];
    let format: string;
    try {
      const result = await importReportFile(
        new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length),
        item.fileName,
        { maxBytes: this.config.maxUploadBytes },
      );
      if (result.kind === 'not-a-report')
        return {
          status: ImportItemStatus.NOT_A_REPORT,
          reasonKey: 'import.notAReport',
          reasonParams: { file: item.fileName },
          format: result.format,
        };
      report = result.report;
      warnings = [...result.warnings];
      format = result.format;
    } catch (error) {
      if (error instanceof ImportError) {
        const reason = importReason(error);
        return {
          status: ImportItemStatus.FAILED,
          reasonKey: reason.key,
          reasonParams: reason.params,
        };
      }
      throw error;
    }
    const readName = issuingBody(report);
    if (report.year !== batch.year)
      return {
        status: ImportItemStatus.FAILED,
        reasonKey: 'import.batchWrongYear',
        reasonParams: { expected: batch.year, actual: report.year },
        readName,
        format,
      };
    const bodies = await this.bodiesOf(manager, batch);
    const match = matchOrganization(readName, bodies);
    if (match.kind !== 'matched')
      return {
        status: ImportItemStatus.NEEDS_CHOICE,
        reasonKey:
          match.kind === 'ambiguous'
            ? 'import.ambiguousBody'
            : match.kind === 'uncertain'
              ? 'import.uncertainBody'
              : 'import.unknownBody',
        reasonParams: { name: readName },
        candidates: match.candidates,
        readName,
        format,
        warnings,
        report,
      };
    const reread = await this.withPrevious(manager, item, bytes, match.organization.id, report);
    return {
      ...(await this.store(
        manager,
        actor,
        batch,
        item,
        bytes,
        match.organization.id,
        reread?.report ?? report,
        { warnings: reread?.warnings ?? warnings, format, afterCommit },
      )),
      readName,
    };
  }

  /**
   * The file read again with the body's report of the year before as `previous`, whose
   * carried-forward and in-force figures split glued digit runs the first reading left blank.
   * null when nothing was blank, the body has no report of that year, or the file is gone.
   */
  private async withPrevious(
    manager: EntityManager,
    item: ImportBatchItemEntity,
    bytes: Buffer,
    organizationId: string,
    report: AnnualReport,
  ): Promise<{ report: AnnualReport; warnings: string[] } | null> {
    if (bytes.length === 0 || !hasBlankCell(report)) return null;
    const previous = await this.submissions.previousYearReport(
      organizationId,
      report.year,
      manager,
    );
    if (!previous) return null;
    try {
      const again = await importReportFile(
        new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length),
        item.fileName,
        { maxBytes: this.config.maxUploadBytes, previous },
      );
      if (again.kind !== 'annual-report' || again.report.year !== report.year) return null;
      return { report: again.report, warnings: [...again.warnings] };
    } catch (error) {
      if (error instanceof ImportError) return null; // read once already: keep that reading
      throw error;
    }
  }

  /** The reporting bodies of the batch's region active in its year, with their ancestors' names. */
  private async bodiesOf(
    manager: EntityManager,
    batch: ImportBatchEntity,
  ): Promise<MatchableOrganization[]> {
    const scope = await manager.findOneOrFail(OrganizationEntity, {
      where: { id: batch.scopeOrganizationId },
    });
    const subtree = await manager
      .createQueryBuilder(OrganizationEntity, 'o')
      .where('o.path LIKE :prefix', { prefix: `${escapeLike(scope.path)}%` })
      .getMany();
    const ids = new Set(subtree.flatMap((o) => o.path.split('/').filter(Boolean)));
    const named = new Map(subtree.map((o) => [o.id, o.name]));
    const missing = [...ids].filter((id) => !named.has(id));
    if (missing.length > 0)
      for (const o of await manager.find(OrganizationEntity, { where: { id: In(missing) } }))
        named.set(o.id, o.name);
    return subtree
      .filter((o) => o.reports && isActiveIn(o, batch.year))
      .map((o) => ({
        id: o.id,
        name: o.name,
        ancestors: o.path
          .split('/')
          .filter((id) => id && id !== o.id)
          .map((id) => named.get(id) ?? ''),
      }));
  }

  /**
   * Stores the report as the body's imported version in the round of its year, inside a savepoint:
   * a refusal (the body has a report already, the round is closed…) leaves nothing behind.
   */
  private async store(
    manager: EntityManager,
    actor: Actor,
    batch: ImportBatchEntity,
    item: ImportBatchItemEntity,
    bytes: Buffer,
    organizationId: string,
    report: AnnualReport,
    extra: { warnings: string[]; format: string; afterCommit: (() => void)[] },
  ): Promise<ItemOutcome> {
    const { warnings, format } = extra;
    const organization = await manager.findOneOrFail(OrganizationEntity, {
      where: { id: organizationId },
    });
    const rounds: { id: string }[] = await manager.query(
      `SELECT r.id FROM rounds r JOIN organizations s ON s.id = r.scope_organization_id
        WHERE r.year = $1 AND left($2::text, length(s.path)) = s.path
        ORDER BY length(s.path) DESC LIMIT 1`,
      [batch.year, organization.path],
    );
    const roundId = rounds[0]?.id;
    if (!roundId)
      return {
        status: ImportItemStatus.FAILED,
        reasonKey: 'import.noRound',
        reasonParams: { organization: organization.name, year: batch.year },
        organizationId,
        format,
      };
    const fileId = randomUUID();
    const path = join(this.uploadsDir(), fileId);
    await mkdir(this.uploadsDir(), { recursive: true });
    await writeFile(path, bytes, { flag: 'wx' });
    await manager.query('SAVEPOINT import_item');
    try {
      const saved = await this.submissions.addImportedVersion(manager, actor, {
        roundId,
        organizationId,
        report,
        file: {
          id: fileId,
          fileName: item.fileName,
          format,
          size: bytes.length,
          sha256: createHash('sha256').update(bytes).digest('hex'),
        },
        importWarnings: [`批量导入 ${batch.id} — imported in batch ${batch.id}`, ...warnings],
      });
      await manager.query('RELEASE SAVEPOINT import_item');
      extra.afterCommit.push(() => this.submissions.versionCommitted(saved, report));
      return {
        status: ImportItemStatus.STORED,
        organizationId,
        submissionId: saved.id,
        versionId: saved.currentVersionId,
        format,
        warnings,
      };
    } catch (error) {
      await manager.query('ROLLBACK TO SAVEPOINT import_item');
      await rm(path, { force: true });
      if (!(error instanceof DomainError)) throw error;
      const already = error.reason?.key === 'import.alreadyHasReport';
      return {
        status: already ? ImportItemStatus.MATCHED : ImportItemStatus.FAILED,
        reasonKey: error.reason?.key ?? 'import.refused',
        reasonParams: { ...(error.reason?.params ?? {}), organization: organization.name },
        organizationId,
        format,
        warnings,
      };
    }
  }

  // ---- the API ----------------------------------------------------------------------------------

  private assertMayImport(actor: Actor): void {
    if (actor.role === Role.BUREAU)
      throw forbidden('only reviewers and supervisors import published reports', {
        key: 'import.reviewersOnly',
      });
  }

  /**
   * Unpacks the upload (zips within limits; a nested zip or too many entries refuses the whole
   * upload) and creates the batch with one pending item per file, then starts the job.
   */
  async create(
    actor: Actor,
    input: { scopeOrganizationId: string; year: number },
    files: { originalname: string; buffer: Buffer }[],
  ): Promise<ImportBatchEntity> {
    this.assertMayImport(actor);
    if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100)
      throw badInput('year', 'give the statistics year of the reports', {
        key: 'import.badYear',
      });
    if (!isUuid(input.scopeOrganizationId)) throw notFound('organization');
    const scope = await this.dataSource.manager.findOne(OrganizationEntity, {
      where: { id: input.scopeOrganizationId },
    });
    if (!scope || !inScope(actor, scope)) throw notFound('organization');
    if (files.length === 0)
      throw badInput('files', 'attach the reports (a .zip or several files)', {
        key: 'upload.noFile',
      });
    const entries: { name: string; bytes: Buffer }[] = [];
    for (const file of files) {
      const name = uploadedName(file.originalname).slice(0, 255);
      const ext = extensionOf(name);
      if (ext === 'zip' || (isZipBytes(file.buffer) && !['docx', 'xlsx', 'odt'].includes(ext))) {
        entries.push(...this.unzip(name, file.buffer));
      } else if (BATCH_EXTENSIONS.includes(ext)) {
        entries.push({ name, bytes: file.buffer });
      } else
        throw badInput('files', `unsupported file type .${ext} in ${name}`, {
          key: 'import.unsupportedInBatch',
          params: { file: name, ext: ext ? `.${ext}` : '' },
        });
    }
    if (entries.length === 0)
      throw badInput('files', 'the upload holds no report files', { key: 'import.emptyBatch' });
    if (entries.length > MAX_BATCH_FILES)
      throw badInput('files', `at most ${MAX_BATCH_FILES} files per batch`, {
        key: 'import.tooManyFiles',
        params: { count: entries.length, max: MAX_BATCH_FILES },
      });
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

  private unzip(name: string, buffer: Buffer): { name: string; bytes: Buffer }[] {
    const wanted = (entry: string): boolean =>
      !entry.endsWith('/') && !entry.startsWith('__MACOSX/') && !/(^|\/)\./.test(entry);
    let files: Map<string, Uint8Array>;
    try {
      files = safeUnzip(
        new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length),
        wanted,
        name,
        {
          ...DEFAULT_UNZIP_LIMITS,
          maxEntries: MAX_ZIP_ENTRIES,
          maxEntryBytes: this.config.maxUploadBytes,
        },
      );
    } catch (error) {
      if (error instanceof ImportError) {
        const reason = importReason(error);
        throw badInput('files', error.describe(), reason);
      }
      throw error;
    }
    const out: { name: string; bytes: Buffer }[] = [];
    for (const [entry, bytes] of files) {
      const base = entry.split('/').at(-1) ?? entry;
      const ext = extensionOf(base);
      if (ext === 'zip' || (isZipBytes(bytes) && !['docx', 'xlsx', 'odt'].includes(ext)))
        throw badInput('files', `${name} holds another archive (${entry}): unpack it first`, {
          key: 'import.nestedZip',
          params: { file: name, entry },
        });
      if (!BATCH_EXTENSIONS.includes(ext)) continue;
      out.push({ name: base.slice(0, 255), bytes: Buffer.from(bytes) });
    }
    return out;
  }

  private async visibleBatch(actor: Actor, id: string): Promise<ImportBatchEntity> {
    this.assertMayImport(actor);
    const batch = isUuid(id)
      ? await this.dataSource.manager.findOne(ImportBatchEntity, { where: { id } })
      : null;
    const scope = batch
      ? await this.dataSource.manager.findOne(OrganizationEntity, {
          where: { id: batch.scopeOrganizationId },
        })
      : null;
    if (!batch || !scope || !inScope(actor, scope)) throw notFound('import batch');
    return batch;
  }

  get(actor: Actor, id: string): Promise<ImportBatchEntity> {
    return this.visibleBatch(actor, id);
  }

  /** Batches of regions in the caller's scope, newest first. */
  async list(actor: Actor, page: Page): Promise<Connection<ImportBatchEntity>> {
    this.assertMayImport(actor);
    const qb = this.dataSource.manager
      .createQueryBuilder(ImportBatchEntity, 'b')
      .innerJoin(OrganizationEntity, 'o', 'o.id = b.scope_organization_id');
    if (actor.role !== Role.ADMIN)
      qb.where('o.path LIKE :scope', { scope: `${escapeLike(actor.organizationPath)}%` });
    const total = await qb.clone().getCount();
    if (page.after)
      qb.andWhere('(b.created_at, b.id) < (:k::timestamptz, :id::uuid)', {
        k: page.after.k,
        id: page.after.id,
      });
    const rows = await qb
      .orderBy('b.createdAt', 'DESC')
      .addOrderBy('b.id', 'DESC')
      .take(page.limit + 1)
      .getMany();
    return toConnection(rows, page, (b) => ({ k: b.createdAt.toISOString(), id: b.id }), total);
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

  /** A person picks the body of a "needs a choice" item: the report is stored for it now. */
  async resolve(
    actor: Actor,
    input: { itemId: string; organizationId: string },
  ): Promise<ImportBatchItemEntity> {
    this.assertMayImport(actor);
    if (!isUuid(input.itemId)) throw notFound('import item');
    const found = await this.dataSource.manager.findOne(ImportBatchItemEntity, {
      where: { id: input.itemId },
    });
    if (!found) throw notFound('import item');
    const batch = await this.visibleBatch(actor, found.batchId);
    const afterCommit: (() => void)[] = [];
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
      const bodies = await this.bodiesOf(manager, batch);
      const chosen = bodies.find((b) => b.id === input.organizationId);
      if (!chosen)
        throw badInput('input.organizationId', 'pick a reporting body of the batch’s region', {
          key: 'import.notInRegion',
        });
      const bytes = item.content ?? Buffer.alloc(0);
      const reread = await this.withPrevious(manager, item, bytes, chosen.id, item.report);
      const outcome = await this.store(
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
          afterCommit,
        },
      );
      if (outcome.status !== ImportItemStatus.STORED)
        throw conflict(`the report cannot be stored for ${chosen.name}`, {
          key: outcome.reasonKey ?? 'import.refused',
          params: (outcome.reasonParams as Record<string, string | number>) ?? {},
        });
      await this.saveOutcome(manager, item.id, { ...outcome, readName: item.readName });
      await this.audit.record(manager, actor, {
        organizationId: chosen.id,
        submissionId: outcome.submissionId ?? null,
        action: 'import.itemResolve',
        data: { batchId: batch.id, file: item.fileName, readName: item.readName ?? '' },
      });
    });
    for (const done of afterCommit) done();
    return this.dataSource.manager.findOneOrFail(ImportBatchItemEntity, {
      where: { id: input.itemId },
    });
  }

  /** Stops a running batch: files not yet read are marked cancelled; what was stored stays. */
  async cancel(actor: Actor, batchId: string): Promise<ImportBatchEntity> {
    const batch = await this.visibleBatch(actor, batchId);
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
    return this.visibleBatch(actor, batch.id);
  }
}

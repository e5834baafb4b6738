import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AnnualReport } from '@gongkai/report-model';
import { ImportError, importReportFile } from '@gongkai/report-import';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import { DomainError } from '../../common/domain-error';
import type { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { organizationLookups, isActiveIn } from '../organizations';
import { SubmissionsService } from '../submissions';
import { ImportBatchEntity, ImportBatchItemEntity, ImportItemStatus } from './import-batch.entity';
import { hasBlankCell, importReason, issuingBody } from './import-batch-files';
import { matchOrganization, type MatchableOrganization } from './organization-matcher';

export type ItemOutcome = Partial<ImportBatchItemEntity> & { status: ImportItemStatus };

/**
 * One file of a batch, from bytes to a stored version: parsed, its issuing body matched among
 * the batch region's reporting bodies, read again with last year's report when a glued run was
 * left blank, and stored as the body's imported version — or the reason it was not.
 */
@Injectable()
export class ImportItemReader {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly submissions: SubmissionsService,
  ) {}

  uploadsDir(): string {
    return join(this.config.dataDir, 'uploads');
  }

  /** Writes an item's outcome (a report waiting for a choice keeps its reading and file). */
  async saveOutcome(manager: EntityManager, itemId: string, outcome: ItemOutcome): Promise<void> {
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
  /** Parses one file, matches its body and stores it; every refusal becomes the item's reason. */
  async read(
    manager: EntityManager,
    actor: Actor,
    batch: ImportBatchEntity,
    item: ImportBatchItemEntity,
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
        { warnings: reread?.warnings ?? warnings, format },
      )),
      readName,
    };
  }

  /**
   * The file read again with the body's report of the year before as `previous`, whose
   * carried-forward and in-force figures split glued digit runs the first reading left blank.
   * null when nothing was blank, the body has no report of that year, or the file is gone.
   */
  async withPrevious(
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
  async bodiesOf(
    manager: EntityManager,
    batch: ImportBatchEntity,
  ): Promise<MatchableOrganization[]> {
    const scope = await organizationLookups.byIdOrFail(manager, batch.scopeOrganizationId);
    const subtree = await organizationLookups.subtree(manager, scope.path);
    const ids = new Set(subtree.flatMap((o) => o.path.split('/').filter(Boolean)));
    const named = new Map(subtree.map((o) => [o.id, o.name]));
    const missing = [...ids].filter((id) => !named.has(id));
    if (missing.length > 0)
      for (const o of await organizationLookups.byIds(manager, missing)) named.set(o.id, o.name);
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
  async store(
    manager: EntityManager,
    actor: Actor,
    batch: ImportBatchEntity,
    item: ImportBatchItemEntity,
    bytes: Buffer,
    organizationId: string,
    report: AnnualReport,
    extra: { warnings: string[]; format: string },
  ): Promise<ItemOutcome> {
    const { warnings, format } = extra;
    const organization = await organizationLookups.byIdOrFail(manager, organizationId);
    const rounds: { id: string }[] = await manager.query(
      `SELECT r.id FROM round_directory r JOIN organization_directory s ON s.id = r.scope_organization_id
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
}

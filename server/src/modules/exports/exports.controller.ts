import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { PassThrough } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { Response } from 'express';
import type { Actor } from '../../common/actor';
import { startAttachment, XLSX_CONTENT_TYPE } from '../../common/content-disposition';
import { CurrentActor, RequirePermission } from '../../common/permission.decorator';
import { Permission } from '../../common/permissions';
import { ExportKind } from './export-log.entity';
import { type RankingExportThread, RankingExportThreads } from './ranking-export.thread';
import { ExportLogService } from './export-log.service';
import { ExportsService } from './exports.service';

type RankingBody = {
  roundId?: unknown;
  regionId?: unknown;
  snapshotId?: unknown;
  peerGroup?: unknown;
};

/** The ranking's scope from a JSON body; anything but a string is treated as missing. */
function rankingScope(body: RankingBody | undefined): {
  roundId?: string;
  regionId?: string;
  snapshotId?: string;
  peerGroup?: string;
} {
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  return {
    roundId: text(body?.roundId),
    regionId: text(body?.regionId),
    snapshotId: text(body?.snapshotId),
    peerGroup: text(body?.peerGroup),
  };
}

/** The log's kind and the content type of each format of the ranking sheet. */
const RANKING_FILES = {
  xlsx: { kind: ExportKind.RANKING_XLSX, contentType: XLSX_CONTENT_TYPE },
  csv: { kind: ExportKind.RANKING_CSV, contentType: 'text/csv; charset=utf-8' },
} as const;

/** Whether the client went away before the file was complete. */
function watchAbort(res: Response): () => boolean {
  let aborted = false;
  res.on('close', () => {
    if (!res.writableFinished) aborted = true;
  });
  return () => aborted;
}

/**
 * Downloads. Ranking sheets are written on a thread of the export pool (`RankingExportThreads`)
 * and sent to the response as they are generated (headers go out first, memory stays flat); every
 * download is recorded in the export log.
 * Errors before the first byte are JSON with a status; after it the connection is cut.
 * Because each one writes a log entry in the caller's name, they are POSTs: a link or an image
 * on another site cannot start one (see the CSRF check in `common/csrf.middleware.ts`).
 */
@Controller('api/exports')
export class ExportsController {
  constructor(
    private readonly exports: ExportsService,
    private readonly log: ExportLogService,
    private readonly threads: RankingExportThreads,
  ) {}

  /** `POST /api/exports/ranking.xlsx` with the JSON body `{ roundId, regionId, snapshotId?, peerGroup? }` */
  @Post('ranking.xlsx')
  @HttpCode(200)
  @RequirePermission(Permission.RankingExport)
  rankingXlsx(
    @CurrentActor() actor: Actor,
    @Body() body: RankingBody | undefined,
    @Res() res: Response,
  ): Promise<void> {
    return this.rankingFile(actor, body, res, 'xlsx');
  }

  /** `POST /api/exports/ranking.csv` with the JSON body `{ roundId, regionId, snapshotId?, peerGroup? }` */
  @Post('ranking.csv')
  @HttpCode(200)
  @RequirePermission(Permission.RankingExport)
  rankingCsv(
    @CurrentActor() actor: Actor,
    @Body() body: RankingBody | undefined,
    @Res() res: Response,
  ): Promise<void> {
    return this.rankingFile(actor, body, res, 'csv');
  }

  /** A ranking sheet written on its thread into the response, then recorded in the export log. */
  private async rankingFile(
    actor: Actor,
    body: RankingBody | undefined,
    res: Response,
    format: 'xlsx' | 'csv',
  ): Promise<void> {
    const { kind, contentType } = RANKING_FILES[format];
    // a thread is taken (or the export refused, all busy) before the sheet is resolved; a new
    // thread loads its code meanwhile
    const thread = this.threads.admit();
    thread.catch(() => undefined); // awaited below, or given back when the request is refused
    const { sheet, job } = await this.exports
      .rankingSheet(actor, rankingScope(body))
      .then((resolved) => ({ sheet: resolved, job: this.exports.exportJob(resolved, format) }))
      .catch(stopping(thread));
    const fileName = `${sheet.fileBase}.${format}`;
    startAttachment(res, contentType, fileName);
    res.flushHeaders();
    const aborted = watchAbort(res);
    const out = intoResponse(res);
    let rows = 0;
    let completed = false;
    let failure: unknown = null;
    try {
      rows = await (await thread).run(job, out);
      out.end();
      await finished(out);
      completed = !aborted();
    } catch (error) {
      failure = error;
    }
    await this.log.record(actor, {
      kind,
      scopeOrganizationId: sheet.regionId,
      roundId: sheet.roundId,
      snapshotId: sheet.snapshotId,
      fileName,
      rowCount: rows,
      completed,
    });
    finish(res, failure);
  }

  /** `POST /api/exports/report/:submissionId.xlsx`: the report in the official template layout. */
  @Post('report/:submissionId.xlsx')
  @HttpCode(200)
  @RequirePermission(Permission.ReportExport)
  async reportXlsx(
    @CurrentActor() actor: Actor,
    @Param('submissionId') submissionId: string,
    @Res() res: Response,
  ): Promise<void> {
    const report = await this.exports.reportWorkbook(actor, submissionId);
    await this.log.record(actor, {
      kind: ExportKind.REPORT_XLSX,
      scopeOrganizationId: report.organizationId,
      roundId: report.roundId,
      submissionId,
      fileName: report.fileName,
      rowCount: 1,
      completed: true,
    });
    startAttachment(res, XLSX_CONTENT_TYPE, report.fileName);
    res.end(report.bytes);
  }
}

/**
 * A stream into the response that does not end it: an export is recorded in the export log
 * before its last byte reaches the client, so whoever received a whole file finds it logged.
 */
function intoResponse(res: Response): PassThrough {
  const out = new PassThrough();
  out.pipe(res, { end: false });
  // a client gone: the writer's next write fails instead of waiting for a drain that never comes
  res.on('close', () => {
    if (!res.writableFinished) out.destroy();
  });
  return out;
}

/** Gives back the export thread of a refused request, and passes the refusal on. */
function stopping(thread: Promise<RankingExportThread>): (error: unknown) => never {
  return (error) => {
    void thread.then((started) => started.cancel()).catch(() => undefined);
    throw error;
  };
}

/** Ends the response after the log is written, or breaks it off when the export failed. */
function finish(res: Response, failure: unknown): void {
  if (failure === null) res.end();
  else res.destroy(failure instanceof Error ? failure : undefined);
}

import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import type { TemplateId } from '@gongkai/report-model';
import type { Response } from 'express';
import { PassThrough } from 'node:stream';
import type { Actor } from '../../common/actor';
import { startAttachment, XLSX_CONTENT_TYPE } from '../../common/content-disposition';
import { badInput } from '../../common/domain-error';
import { CurrentActor, RequirePermission } from '../../common/permission.decorator';
import { Permission } from '../../common/permissions';
import { RollupService } from '../rollup';
import { ExportKind } from './export-log.entity';
import { ExportLogService } from './export-log.service';
import { STATUS_LABELS } from './ranking-columns';
import { writeRollupWorkbook } from './rollup-workbook.writer';

type RollupBody = { roundId?: unknown; nodeId?: unknown };

/**
 * `POST /api/exports/rollup.xlsx` with the JSON body `{ roundId, nodeId }`: a government's
 * departments summed (the `rollup` query) as a Chinese workbook beside its own report. A POST
 * because it writes an export-log entry in the caller's name.
 */
@Controller('api/exports')
export class RollupExportController {
  constructor(
    private readonly rollups: RollupService,
    private readonly log: ExportLogService,
  ) {}

  @Post('rollup.xlsx')
  @HttpCode(200)
  @RequirePermission(Permission.RollupRead)
  async rollupXlsx(
    @CurrentActor() actor: Actor,
    @Body() body: RollupBody | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const { roundId, nodeId } = body ?? {};
    if (typeof roundId !== 'string' || roundId === '')
      throw badInput('roundId', 'required', { key: 'export.roundRequired' });
    if (typeof nodeId !== 'string' || nodeId === '')
      throw badInput('nodeId', 'required', { key: 'export.nodeRequired' });
    const rollup = await this.rollups.rollup(actor, roundId, nodeId);
    const own = rollup.own?.report
      ? {
          report: rollup.own.report,
          label: `第 ${rollup.own.versionNumber ?? '?'} 版，${STATUS_LABELS[rollup.own.status] ?? ''}${rollup.own.submitted ? '' : '，未报送的草稿'}`,
        }
      : null;
    const fileName = `${rollup.nodeName}-${rollup.year}年度部门报告汇总.xlsx`;
    // the workbook is small (a few hundred cells): built whole, so an error still answers JSON
    const chunks: Buffer[] = [];
    const sink = new PassThrough();
    sink.on('data', (chunk: Buffer) => chunks.push(chunk));
    await writeRollupWorkbook(sink, {
      nodeName: rollup.nodeName,
      year: rollup.year,
      template: rollup.template as TemplateId,
      report: rollup.report,
      own,
      members: rollup.members,
      findings: rollup.findings.map((f) => ({ severity: f.severity, message: f.message })),
      created: new Date(),
    });
    await this.log.record(actor, {
      kind: ExportKind.ROLLUP_XLSX,
      scopeOrganizationId: rollup.nodeId,
      roundId: rollup.roundId,
      fileName,
      rowCount: rollup.members.length,
      completed: true,
    });
    startAttachment(res, XLSX_CONTENT_TYPE, fileName);
    res.end(Buffer.concat(chunks));
  }
}

import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { Actor } from '../../common/actor';
import { attachmentDisposition } from '../../common/content-disposition';
import { badInput } from '../../common/domain-error';
import { CurrentActor, RequirePermission } from '../../common/permission.decorator';
import { Permission } from '../../common/permissions';
import { ExportKind } from '../exports/export-log.entity';
import { ExportsService } from '../exports/exports.service';
import { staffingCsv } from './staffing-csv';
import { StaffingPanelService } from './staffing-panel.service';

type StaffingQuery = { roundId?: string; nodeId?: string; includeNames?: string };

/**
 * `GET /api/staffing/export.csv?roundId&nodeId[&includeNames=true]` — a region's staffing as
 * counts; with `includeNames=true` (supervisors and admins only) the holders' names too. Every
 * download is recorded in the export log with the choice.
 */
@Controller('api/staffing')
export class StaffingExportController {
  constructor(
    private readonly panels: StaffingPanelService,
    private readonly exports: ExportsService,
  ) {}

  @Get('export.csv')
  @RequirePermission(Permission.StaffingOverview)
  async exportCsv(
    @CurrentActor() actor: Actor,
    @Query() query: StaffingQuery,
    @Res() res: Response,
  ): Promise<void> {
    if (!query.roundId) throw badInput('roundId', 'required');
    if (!query.nodeId) throw badInput('nodeId', 'required');
    if (query.includeNames !== undefined && !['true', 'false'].includes(query.includeNames))
      throw badInput('includeNames', 'true or false');
    const includeNames = query.includeNames === 'true';
    const sheet = await this.panels.exportRows(actor, {
      roundId: query.roundId,
      nodeId: query.nodeId,
      includeNames,
    });
    const fileName = `${sheet.nodeName}-${sheet.year}年度政务公开人员${includeNames ? '（含姓名）' : ''}.csv`;
    const body = staffingCsv(
      sheet.rows,
      `${sheet.nodeName} ${sheet.year}年度政务公开工作人员情况${includeNames ? '（含姓名，注意保护个人信息）' : ''}`,
      includeNames,
    );
    await this.exports.record(actor, {
      kind: ExportKind.STAFFING_CSV,
      scopeOrganizationId: sheet.nodeId,
      roundId: sheet.roundId,
      fileName,
      rowCount: sheet.rows.length,
      completed: true,
      includeNames,
    });
    res
      .status(200)
      .setHeader('Content-Type', 'text/csv; charset=utf-8')
      .setHeader('Content-Disposition', attachmentDisposition(fileName))
      .setHeader('Cache-Control', 'no-store')
      .send(body);
  }
}

import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { Actor } from '../../common/actor';
import { startAttachment } from '../../common/content-disposition';
import { badInput } from '../../common/domain-error';
import { CurrentActor, RequirePermission } from '../../common/permission.decorator';
import { Permission } from '../../common/permissions';
import { ExportKind, ExportLogService } from '../exports';
import { staffingCsv } from './staffing-csv';
import { StaffingPanelService } from './staffing-panel.service';

type StaffingExportBody = { roundId?: unknown; nodeId?: unknown; includeNames?: unknown };

/**
 * `POST /api/staffing/export.csv` with the JSON body `{ roundId, nodeId, includeNames? }` — a
 * region's staffing as counts; with `includeNames: true` (supervisors and admins only) the
 * holders' names too. Every download is recorded in the export log with the choice, so it is a
 * POST (a link or an image on another site cannot make one in someone's name; see the CSRF
 * check in `common/csrf.middleware.ts`).
 */
@Controller('api/staffing')
export class StaffingExportController {
  constructor(
    private readonly panels: StaffingPanelService,
    private readonly exports: ExportLogService,
  ) {}

  @Post('export.csv')
  @HttpCode(200)
  @RequirePermission(Permission.StaffingOverview)
  async exportCsv(
    @CurrentActor() actor: Actor,
    @Body() input: StaffingExportBody | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const { roundId, nodeId, includeNames = false } = input ?? {};
    if (typeof roundId !== 'string' || roundId === '')
      throw badInput('roundId', 'required', { key: 'export.roundRequired' });
    if (typeof nodeId !== 'string' || nodeId === '')
      throw badInput('nodeId', 'required', { key: 'export.nodeRequired' });
    if (typeof includeNames !== 'boolean')
      throw badInput('includeNames', 'true or false', { key: 'common.trueOrFalse' });
    const sheet = await this.panels.exportRows(actor, { roundId, nodeId, includeNames });
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
    startAttachment(res, 'text/csv; charset=utf-8', fileName).send(body);
  }
}

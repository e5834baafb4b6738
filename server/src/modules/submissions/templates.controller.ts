import { buildTemplateWorkbook } from '@gongkai/report-import';
import { type AnnualReport, emptyReport, isTemplateId } from '@gongkai/report-model';
import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { Actor } from '../../common/actor';
import { startAttachment, XLSX_CONTENT_TYPE } from '../../common/content-disposition';
import { badInput, notFound } from '../../common/domain-error';
import { CurrentActor, RequirePermission } from '../../common/permission.decorator';
import { Permission } from '../../common/permissions';
import { OrganizationsService } from '../organizations';
import { RoundsService } from '../rounds';
import { SubmissionsService } from './submissions.service';

/**
 * The official template as an Excel workbook, for a bureau to fill offline and upload back
 * through `POST /api/submissions/:id/upload`. A blank template holds no data, so every signed-in
 * role may download it (all hold `submission.read`); `?submissionId=` prefills it with that
 * submission's counting version, for those who may see the submission (before anything is saved,
 * with the body's name and the round's year); `?year=` makes a blank one for that statistics year
 * (default: last calendar year).
 */
@Controller('api/templates')
export class TemplatesController {
  constructor(
    private readonly submissions: SubmissionsService,
    private readonly rounds: RoundsService,
    private readonly organizations: OrganizationsService,
  ) {}

  /** `GET /api/templates/:template.xlsx[?submissionId=]` */
  @Get(':template.xlsx')
  @RequirePermission(Permission.SubmissionRead)
  async template(
    @CurrentActor() actor: Actor,
    @Param('template') template: string,
    @Query('submissionId') submissionId: string | undefined,
    @Query('year') yearParam: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    if (!isTemplateId(template))
      throw notFound(`template ${template}`, { key: 'notFound.template' });
    let report: AnnualReport | undefined;
    if (yearParam !== undefined && !submissionId) {
      // A blank template for a given statistics year (the round's), not last calendar year's.
      const year = /^\d{4}$/.test(yearParam) ? Number(yearParam) : NaN;
      if (!(year >= 2008 && year <= 2100))
        throw badInput('year', 'must be a statistics year between 2008 and 2100', {
          key: 'template.badYear',
          params: { year: yearParam.slice(0, 20) },
        });
      report = emptyReport(template, year);
    }
    if (submissionId) {
      const submission = await this.submissions.getVisible(actor, submissionId);
      const versionId = submission.currentVersionId ?? submission.submittedVersionId;
      if (versionId) {
        const version = (await this.submissions.visibleVersions(actor, [versionId])).get(versionId);
        report = version?.report;
        if (report && report.template !== template)
          throw badInput(
            'template',
            `the submission uses template ${report.template}, not ${template}`,
            { key: 'template.mismatch' },
          );
      } else {
        // Nothing saved yet: the body's name and the round's year, so the workbook that comes
        // back names who reports for which year.
        const [round, organization] = await Promise.all([
          this.rounds.get(submission.roundId),
          this.organizations.get(submission.organizationId),
        ]);
        report = emptyReport(template, round.year, { name: organization.name, region: null });
      }
    }
    const bytes = await buildTemplateWorkbook(template, report);
    startAttachment(res, XLSX_CONTENT_TYPE, `政府信息公开工作年度报告模板-${template}.xlsx`);
    res.end(bytes);
  }
}

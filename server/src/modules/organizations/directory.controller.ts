import { shanghaiDay } from '@gongkai/report-model';
import {
  Controller,
  Get,
  HttpCode,
  Post,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Response } from 'express';
import type { Actor } from '../../common/actor';
import { startAttachment, XLSX_CONTENT_TYPE } from '../../common/content-disposition';
import { badInput, badInputs } from '../../common/domain-error';
import { CurrentActor, RequirePermission } from '../../common/permission.decorator';
import { Permission } from '../../common/permissions';
import { directoryTemplate, writeTreeWorkbook } from './organization-sheets';
import { OrganizationsService, pathIds, type DirectoryImportReport } from './organizations.service';

const MAX_DIRECTORY_BYTES = 5 * 1024 * 1024;

/**
 * Roster import (`POST /api/organizations/directory?dryRun=true` with a multipart `file`, .csv or
 * .xlsx: the report of what would change; without dryRun the changes are written, all or
 * nothing), its template, and the hierarchy as a sheet.
 */
@Controller('api/organizations')
export class DirectoryController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Post('directory')
  @HttpCode(200)
  @RequirePermission(Permission.OrganizationManage)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_DIRECTORY_BYTES, files: 1 } }))
  async importDirectory(
    @CurrentActor() actor: Actor,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Query('dryRun') dryRun?: string,
  ): Promise<DirectoryImportReport> {
    if (!file)
      throw badInput('file', 'attach the directory as the multipart field "file"', {
        key: 'directory.noFile',
      });
    const report = await this.organizations.importDirectory(
      actor,
      file.buffer,
      file.originalname,
      dryRun === 'true' || dryRun === '1',
    );
    if (!report.dryRun && report.errors.length > 0)
      throw badInputs(
        report.errors.map((e) => ({
          field: `line ${e.line}.${e.field}`,
          message: e.message,
          reason: { key: 'directory.rowErrors', params: { count: report.errors.length } },
        })),
      );
    return report;
  }

  /** `GET /api/organizations/directory/template.xlsx`: headings, examples and notes. */
  @Get('directory/template.xlsx')
  @RequirePermission(Permission.OrganizationManage)
  async template(@Res() res: Response): Promise<void> {
    const bytes = await directoryTemplate();
    startAttachment(res, XLSX_CONTENT_TYPE, '机构名单模板.xlsx');
    res.end(bytes);
  }

  /**
   * `GET /api/organizations/export.xlsx[?rootId=]`: every body under the node (or all), one row
   * each, streamed. Directory data: any signed-in user may read it.
   */
  @Get('export.xlsx')
  @RequirePermission(Permission.OrganizationRead)
  async exportTree(@Res() res: Response, @Query('rootId') rootId?: string): Promise<void> {
    const root = rootId ? await this.organizations.get(rootId) : null;
    const ancestors = root
      ? await this.organizations.findByIds(pathIds(root.path).filter((id) => id !== root.id))
      : [];
    const day = shanghaiDay(Date.now());
    const title = `机构名录 · ${root?.name ?? '全部'} · ${day}`;
    startAttachment(res, XLSX_CONTENT_TYPE, `机构名录-${root?.name ?? '全部'}-${day}.xlsx`);
    try {
      await writeTreeWorkbook(
        res,
        title,
        new Map(ancestors.map((a) => [a.id, a.name])),
        this.organizations.walk(root?.id ?? null),
      );
    } catch (error) {
      res.destroy(error instanceof Error ? error : undefined);
    }
  }
}

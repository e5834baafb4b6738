import { Controller, HttpCode, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Actor } from '../../common/actor';
import { badInput, badInputs } from '../../common/domain-error';
import { CurrentActor, RequirePermission } from '../../common/permission.decorator';
import { Permission } from '../../common/permissions';
import { OrganizationsService, type RosterImportReport } from './organizations.service';

const MAX_ROSTER_BYTES = 5 * 1024 * 1024;

/**
 * `POST /api/organizations/roster?dryRun=true` with a multipart `file` (.csv or .xlsx): the
 * report of what would change; without dryRun the changes are written, all or nothing.
 */
@Controller('api/organizations')
export class RosterController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Post('roster')
  @HttpCode(200)
  @RequirePermission(Permission.OrganizationManage)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_ROSTER_BYTES, files: 1 } }))
  async importRoster(
    @CurrentActor() actor: Actor,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Query('dryRun') dryRun?: string,
  ): Promise<RosterImportReport> {
    if (!file) throw badInput('file', 'attach the roster as the multipart field "file"');
    const report = await this.organizations.importRoster(
      actor,
      file.buffer,
      file.originalname,
      dryRun === 'true' || dryRun === '1',
    );
    if (!report.dryRun && report.errors.length > 0)
      throw badInputs(
        report.errors.map((e) => ({ field: `line ${e.line}.${e.field}`, message: e.message })),
      );
    return report;
  }
}

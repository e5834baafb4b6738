import { Body, Controller, HttpCode, Post, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import type { Actor } from '../../common/actor';
import { CurrentActor, RequirePermission } from '../../common/permission.decorator';
import { Permission } from '../../common/permissions';
import { ImportBatchesService } from './import-batches.service';

export const MAX_UPLOAD_FILES = 200;

@Controller('api')
export class ImportBatchesController {
  constructor(private readonly batches: ImportBatchesService) {}

  /**
   * `POST /api/import-batches`, multipart: `files` (a .zip of reports, or several report files),
   * `scopeOrganizationId` (the region) and `year`. Answers the batch; the files are read by a
   * background job. 400 with the reason when the upload is refused (nothing is saved then).
   */
  @Post('import-batches')
  @HttpCode(201)
  @RequirePermission(Permission.ImportBatch)
  @UseInterceptors(FilesInterceptor('files', MAX_UPLOAD_FILES))
  async create(
    @CurrentActor() actor: Actor,
    @UploadedFiles() files: Express.Multer.File[] | undefined,
    @Body() body: { scopeOrganizationId?: string; year?: string },
  ): Promise<{ id: string; total: number; status: string }> {
    const batch = await this.batches.create(
      actor,
      { scopeOrganizationId: String(body?.scopeOrganizationId ?? ''), year: Number(body?.year) },
      files ?? [],
    );
    return { id: batch.id, total: batch.total, status: batch.status };
  }
}

import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Response } from 'express';
import type { Actor } from '../../common/actor';
import { attachmentDisposition } from '../../common/content-disposition';
import { badInput } from '../../common/domain-error';
import { CurrentActor, RequirePermission } from '../../common/permission.decorator';
import { Permission } from '../../common/permissions';
import { ReportUploadService, type UploadResult } from './report-upload.service';
import { SubmissionsService } from './submissions.service';

@Controller('api')
export class ReportFilesController {
  constructor(
    private readonly uploads: ReportUploadService,
    private readonly submissions: SubmissionsService,
  ) {}

  /**
   * `POST /api/submissions/:id/upload`, multipart: `file` (.docx .xlsx .html .txt .json .pdf .doc .wps .rtf .odt) and
   * `expectedRevision`. Creates a parsed draft version with provenance; 400 with the reason when
   * the file cannot be read.
   */
  @Post('submissions/:id/upload')
  @HttpCode(201)
  @RequirePermission(Permission.SubmissionEdit)
  @UseInterceptors(FileInterceptor('file')) // limits: GONGKAI_MAX_UPLOAD_MB, see SubmissionsModule
  upload(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() body: { expectedRevision?: string },
  ): Promise<UploadResult> {
    if (!file)
      throw badInput('file', 'attach the report as the multipart field "file"', {
        key: 'upload.noFile',
      });
    const expectedRevision = Number(body?.expectedRevision);
    if (!Number.isInteger(expectedRevision))
      throw badInput('expectedRevision', 'send the submission revision you read', {
        key: 'submission.stale',
      });
    return this.uploads.upload(actor, id, expectedRevision, file);
  }

  /** `GET /api/files/:id`: the original upload, to those who may see its submission. */
  @Get('files/:id')
  @RequirePermission(Permission.SubmissionRead)
  async download(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Res() res: Response,
  ): Promise<void> {
    const file = await this.submissions.getVisibleFile(actor, id);
    res.setHeader('Content-Type', 'application/octet-stream');
    res.setHeader('Content-Disposition', attachmentDisposition(file.fileName));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    createReadStream(join(this.uploads.uploadsDir(), file.id)).pipe(res);
  }
}

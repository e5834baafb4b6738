import { Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { Actor } from '../../common/actor';
import { startAttachment, XLSX_CONTENT_TYPE } from '../../common/content-disposition';
import { CurrentActor, RequirePermission } from '../../common/permission.decorator';
import { Permission } from '../../common/permissions';
import { HandoutStore } from './handout.store';

/** The account sheet of a bulk creation: a POST, because reading it deletes it. */
@Controller('api/accounts')
export class AccountsController {
  constructor(private readonly handouts: HandoutStore) {}

  /** `POST /api/accounts/handout/:id` — once, by the admin who created the accounts, within 15 minutes. */
  @Post('handout/:id')
  @HttpCode(200)
  @RequirePermission(Permission.UserManage)
  async handout(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Res() res: Response,
  ): Promise<void> {
    const sheet = await this.handouts.take(id, actor.userId);
    startAttachment(res, XLSX_CONTENT_TYPE, sheet.fileName);
    res.end(sheet.content);
  }
}

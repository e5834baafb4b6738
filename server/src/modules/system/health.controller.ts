import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '../../common/permission.decorator';
import { SystemService } from './system.service';

@Controller('health')
export class HealthController {
  constructor(private readonly system: SystemService) {}

  /** `GET /health`: 200 when the database answers, 503 when it does not. */
  @Get()
  @Public()
  async health(@Res() res: Response): Promise<void> {
    const database = await this.system.databaseHealth();
    const up = database.status === 'up';
    res.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({
      status: up ? 'ok' : 'degraded',
      uptimeSeconds: this.system.uptimeSeconds(),
      database,
    });
  }
}

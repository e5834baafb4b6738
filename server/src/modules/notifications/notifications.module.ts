import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { NextFunction, Request, Response } from 'express';
import { AuditModule } from '../audit';
import { RoundsModule } from '../rounds';
import { MailDeliveryEntity } from './mail-delivery.entity';
import { NotificationSettingsEntity } from './notification-settings.entity';
import { NotificationEntity } from './notification.entity';
import { NotificationsResolver } from './notifications.resolver';
import { MailDeliveryService, requestOrigin } from './mail-delivery.service';
import { NotificationsService } from './notifications.service';
import { ReminderLedgerEntity } from './reminder-ledger.entity';
import { RemindersService } from './reminders.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      NotificationEntity,
      NotificationSettingsEntity,
      ReminderLedgerEntity,
      MailDeliveryEntity,
    ]),
    AuditModule,
    RoundsModule,
  ],
  providers: [MailDeliveryService, NotificationsService, RemindersService, NotificationsResolver],
  exports: [NotificationsService, RemindersService],
})
export class NotificationsModule implements NestModule {
  /** Links in e-mails sent during a request point at the origin the request came from. */
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply((req: Request, _res: Response, next: NextFunction) => {
        const origin = req.get('origin') ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
        requestOrigin.run(origin, next);
      })
      .forRoutes('graphql');
  }
}

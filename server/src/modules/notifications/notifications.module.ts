import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit';
import { RoundsModule } from '../rounds';
import { MailDeliveryEntity } from './mail-delivery.entity';
import { NotificationSettingsEntity } from './notification-settings.entity';
import { NotificationEntity } from './notification.entity';
import { NotificationsResolver } from './notifications.resolver';
import { MailDeliveryService } from './mail-delivery.service';
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
export class NotificationsModule {}

// The module's public surface: other modules, the CLI, the demo and the root files import only
// from here. No entity leaves the module (relations to it name it by string).
export { NotificationsModule } from './notifications.module';
export { NotificationsService } from './notifications.service';
export { RemindersService } from './reminders.service';
export { type NotificationItem, notificationWrites } from './notification-writes';
export { NotificationKind } from './notification.entity';

import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { ConsultationClosingNotices } from './consultation-closing.service';
import { ReminderDelivery } from './reminder-delivery.service';
import { ReminderPlanner } from './reminder-planner.service';
import { RemindersRepository } from './reminders.repository';

@Module({
  imports: [NotificationsModule],
  providers: [RemindersRepository, ReminderPlanner, ReminderDelivery, ConsultationClosingNotices],
  exports: [RemindersRepository, ReminderPlanner, ReminderDelivery, ConsultationClosingNotices],
})
export class RemindersModule {}

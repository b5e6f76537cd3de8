import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { OutboxModule } from '../outbox/outbox.module';
import { QueuesModule } from '../queues/queues.module';
import { ConsultationClosingRepository } from './consultation-closing.repository';
import { ConsultationClosingNotices } from './consultation-closing.service';
import { ReminderDelivery } from './reminder-delivery.service';
import { ReminderPlanner } from './reminder-planner.service';
import { RemindersRepository } from './reminders.repository';

@Module({
  imports: [NotificationsModule, OutboxModule, QueuesModule],
  providers: [
    RemindersRepository,
    ConsultationClosingRepository,
    ReminderPlanner,
    ReminderDelivery,
    ConsultationClosingNotices,
  ],
  exports: [RemindersRepository, ReminderPlanner, ReminderDelivery, ConsultationClosingNotices],
})
export class RemindersModule {}

import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { EmailProcessor } from './email.processor';
import { NotificationsModule } from '../notifications/notifications.module';
import { OutboxModule } from '../outbox/outbox.module';
import { OutboxRelay } from '../outbox/outbox.relay';
import { QueuesModule } from '../queues/queues.module';
import { RemindersModule } from '../reminders/reminders.module';
import { RemindersProcessor } from '../reminders/reminders.processor';
import { ReviewsModule } from '../reviews/reviews.module';
import { DomainEventsProcessor } from './domain-events.processor';
import { JOB_PROCESSORS, JobProcessor } from '../queues/job-processor';
import { QueueWorkers } from './queue-workers';
import { ReminderSweep } from './reminder-sweep';

/**
 * Everything that consumes jobs: the outbox relay, a worker per queue and the sweep that queues
 * reminders as they come within the horizon. Imported by the API
 * unless WORKERS=off, and by the worker process (src/worker.ts).
 */
@Module({
  imports: [
    AccountsModule,
    NotificationsModule,
    RemindersModule,
    ReviewsModule,
    OutboxModule,
    QueuesModule,
  ],
  providers: [
    DomainEventsProcessor,
    RemindersProcessor,
    EmailProcessor,
    {
      provide: JOB_PROCESSORS,
      useFactory: (...processors: JobProcessor[]) => processors,
      inject: [DomainEventsProcessor, RemindersProcessor, EmailProcessor],
    },
    QueueWorkers,
    OutboxRelay,
    ReminderSweep,
  ],
  exports: [OutboxRelay, ReminderSweep],
})
export class WorkersModule {}

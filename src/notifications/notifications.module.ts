import { Module } from '@nestjs/common';
import { OutboxModule } from '../outbox/outbox.module';
import { AgencyMailbox } from './agency-mailbox.service';
import { DomainEventNotices } from './domain-events.service';
import { EmailDelivery } from './email-delivery.service';
import { Mailer } from './mailer.service';
import { MessageFactsRepository } from './message-facts.repository';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { Notifier } from './notifier.service';
import { RecipientsRepository } from './recipients.repository';

@Module({
  imports: [OutboxModule],
  controllers: [NotificationsController],
  providers: [
    NotificationsRepository,
    NotificationsService,
    Notifier,
    RecipientsRepository,
    MessageFactsRepository,
    Mailer,
    EmailDelivery,
    DomainEventNotices,
    AgencyMailbox,
  ],
  exports: [
    AgencyMailbox,
    Mailer,
    Notifier,
    RecipientsRepository,
    MessageFactsRepository,
    EmailDelivery,
    DomainEventNotices,
  ],
})
export class NotificationsModule {}

import { Module } from '@nestjs/common';
import { OutboxModule } from '../outbox/outbox.module';
import { AgencyMailbox } from './agency-mailbox.service';
import { AgencyMessagesRepository } from './agency-messages.repository';
import { DigestsRepository } from './digests.repository';
import { Digests } from './digests.service';
import { DomainEventNotices } from './domain-events.service';
import { EmailDelivery } from './email-delivery.service';
import { Mailer } from './mailer.service';
import { MessageFactsRepository } from './message-facts.repository';
import { NotificationPreferencesController } from './notification-preferences.controller';
import { NotificationPreferencesRepository } from './notification-preferences.repository';
import { NotificationPreferencesService } from './notification-preferences.service';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { Notifier } from './notifier.service';
import { RecipientsRepository } from './recipients.repository';

@Module({
  imports: [OutboxModule],
  controllers: [NotificationsController, NotificationPreferencesController],
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
    AgencyMessagesRepository,
    NotificationPreferencesRepository,
    NotificationPreferencesService,
    DigestsRepository,
    Digests,
  ],
  exports: [
    Digests,
    AgencyMailbox,
    AgencyMessagesRepository,
    Mailer,
    Notifier,
    RecipientsRepository,
    MessageFactsRepository,
    EmailDelivery,
    DomainEventNotices,
  ],
})
export class NotificationsModule {}

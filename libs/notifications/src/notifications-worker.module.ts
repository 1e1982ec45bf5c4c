import { Module } from '@nestjs/common';
import { AuditModule } from '@carryover/audit';
import { CatalogModule } from '@carryover/catalog';
import { CreditsModule } from '@carryover/credits';
import { IdentityModule } from '@carryover/identity';
import { JobsModule, OutboxModule } from '@carryover/jobs';
import { MarketModule } from '@carryover/market';
import { HttpWebhookSender, WebhookSender } from './delivery/webhook-sender';
import { Mailer, SmtpMailer } from './mail/mailer';
import { NotificationsModule } from './notifications.module';
import { ExpiryReminderRepository } from './repositories/expiry-reminder.repository';
import { NotificationFanoutRepository } from './repositories/notification-fanout.repository';
import { EventFactsResolver } from './services/event-facts.resolver';
import { DeliverWebhookUseCase } from './use-cases/deliver-webhook.use-case';
import { DispatchNotificationEventUseCase } from './use-cases/dispatch-notification-event.use-case';
import { SendExpiryRemindersUseCase } from './use-cases/send-expiry-reminders.use-case';
import { SendNotificationEmailUseCase } from './use-cases/send-notification-email.use-case';

const USE_CASES = [
  DispatchNotificationEventUseCase,
  DeliverWebhookUseCase,
  SendNotificationEmailUseCase,
  SendExpiryRemindersUseCase,
];

/** The sending side, for the worker: the jobs' use cases, the HTTP sender and the mailer. */
@Module({
  imports: [
    NotificationsModule,
    AuditModule,
    CatalogModule,
    CreditsModule,
    IdentityModule,
    MarketModule,
    JobsModule,
    OutboxModule,
  ],
  providers: [
    { provide: WebhookSender, useClass: HttpWebhookSender },
    { provide: Mailer, useClass: SmtpMailer },
    EventFactsResolver,
    ExpiryReminderRepository,
    NotificationFanoutRepository,
    ...USE_CASES,
  ],
  exports: [...USE_CASES],
})
export class NotificationsWorkerModule {}

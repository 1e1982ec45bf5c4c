import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { JobHandlerRegistry } from '@carryover/jobs';
import {
  DeliverWebhookUseCase,
  DispatchNotificationEventUseCase,
  SendExpiryRemindersUseCase,
  SendNotificationEmailUseCase,
} from '@carryover/notifications';

/** Notifications: fan-out of events, webhook deliveries, e-mails and expiry reminders; each handler delegates. */
@Injectable()
export class NotificationsProcessor implements OnModuleInit {
  private readonly logger = new Logger(NotificationsProcessor.name);

  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly dispatch: DispatchNotificationEventUseCase,
    private readonly deliver: DeliverWebhookUseCase,
    private readonly email: SendNotificationEmailUseCase,
    private readonly reminders: SendExpiryRemindersUseCase,
  ) {}

  onModuleInit(): void {
    this.registry.register('webhooks.dispatch', (event) => this.dispatch.execute(event));
    this.registry.register('webhooks.deliver', (payload) => this.deliver.execute(payload));
    this.registry.register('webhooks.send-email', (payload, context) =>
      this.email.execute(payload.emailId, context.attempt),
    );
    this.registry.register('maintenance.expiry-reminders', async () => {
      const sent = await this.reminders.execute();
      if (sent > 0) this.logger.log(`Sent ${sent} expiry reminder(s)`);
    });
  }
}

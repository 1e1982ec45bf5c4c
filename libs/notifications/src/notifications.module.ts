import { Module, type Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@carryover/audit';
import { NOTIFICATION_ENTITIES } from './entities/notification-entities';
import { NOTIFICATION_SETTINGS, notificationSettingsFrom } from './notification-settings';
import { NotificationEmailRepository } from './repositories/notification-email.repository';
import { NotificationRepository } from './repositories/notification.repository';
import { WebhookDeliveryRepository } from './repositories/webhook-delivery.repository';
import { WebhookEndpointRepository } from './repositories/webhook-endpoint.repository';
import { NotificationQueryService } from './services/notification-query.service';
import { WebhookEndpointQueryService } from './services/webhook-endpoint-query.service';
import { CreateWebhookEndpointUseCase } from './use-cases/create-webhook-endpoint.use-case';
import { DeleteWebhookEndpointUseCase } from './use-cases/delete-webhook-endpoint.use-case';
import { MarkAllNotificationsReadUseCase } from './use-cases/mark-all-notifications-read.use-case';
import { MarkNotificationReadUseCase } from './use-cases/mark-notification-read.use-case';

const settingsProvider: Provider = {
  provide: NOTIFICATION_SETTINGS,
  inject: [ConfigService],
  useFactory: (config: ConfigService) => notificationSettingsFrom((name) => config.get(name)),
};

const USE_CASES = [
  CreateWebhookEndpointUseCase,
  DeleteWebhookEndpointUseCase,
  MarkNotificationReadUseCase,
  MarkAllNotificationsReadUseCase,
];

/**
 * What organisations manage and read through the API: webhook endpoints and their delivery logs, in-app
 * notifications. Sending is NotificationsWorkerModule's. Expects the global ConfigModule and ClockModule.
 */
@Module({
  imports: [TypeOrmModule.forFeature(NOTIFICATION_ENTITIES), AuditModule],
  providers: [
    settingsProvider,
    WebhookEndpointRepository,
    WebhookDeliveryRepository,
    NotificationRepository,
    NotificationEmailRepository,
    WebhookEndpointQueryService,
    NotificationQueryService,
    ...USE_CASES,
  ],
  exports: [
    settingsProvider,
    WebhookEndpointRepository,
    WebhookDeliveryRepository,
    NotificationRepository,
    NotificationEmailRepository,
    WebhookEndpointQueryService,
    NotificationQueryService,
    ...USE_CASES,
  ],
})
export class NotificationsModule {}

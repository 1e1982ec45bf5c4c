export { NOTIFICATION_ENTITIES } from './entities/notification-entities';
export * from './notifications.module';
export * from './notifications-worker.module';
export {
  DEFAULT_SIGNATURE_TOLERANCE_SECONDS,
  SIGNATURE_HEADER,
  computeWebhookSignature,
  signWebhookBody,
  verifyWebhookSignature,
  type VerifyWebhookOptions,
} from './domain/webhook-signature';
export { WEBHOOK_EVENT_TYPES, isWebhookEventType, type WebhookEventType } from './domain/webhook-events';
export type {
  DeliveryAttemptView,
  NotificationView,
  WebhookDeliveryView,
  WebhookEndpointView,
} from './domain/views';
export type { WebhookBody } from './domain/webhook-payload';
export { DELIVERY_STATUSES, type DeliveryStatus } from './entities/webhook-delivery.entity';
export { NOTIFICATION_SETTINGS, type NotificationSettings } from './notification-settings';
export { WebhookSender, type WebhookRequest, type WebhookResponse } from './delivery/webhook-sender';
export { Mailer, type OutgoingMail } from './mail/mailer';
export { NotificationQueryService } from './services/notification-query.service';
export { WebhookEndpointQueryService } from './services/webhook-endpoint-query.service';
export {
  CreateWebhookEndpointUseCase,
  MAX_WEBHOOK_ENDPOINTS,
  type CreateWebhookEndpointCommand,
} from './use-cases/create-webhook-endpoint.use-case';
export { DeleteWebhookEndpointUseCase } from './use-cases/delete-webhook-endpoint.use-case';
export { MarkNotificationReadUseCase } from './use-cases/mark-notification-read.use-case';
export { MarkAllNotificationsReadUseCase } from './use-cases/mark-all-notifications-read.use-case';
export {
  DispatchNotificationEventUseCase,
  EMAIL_ROLES,
} from './use-cases/dispatch-notification-event.use-case';
export { DeliverWebhookUseCase, type DeliverWebhookCommand } from './use-cases/deliver-webhook.use-case';
export { SendNotificationEmailUseCase } from './use-cases/send-notification-email.use-case';
export { SendExpiryRemindersUseCase, REMINDER_BATCH_SIZE } from './use-cases/send-expiry-reminders.use-case';

import { ExpiryReminderEntity } from './expiry-reminder.entity';
import { NotificationEmailEntity } from './notification-email.entity';
import { NotificationReadEntity } from './notification-read.entity';
import { NotificationEntity } from './notification.entity';
import { WebhookDeliveryAttemptEntity } from './webhook-delivery-attempt.entity';
import { WebhookDeliveryEntity } from './webhook-delivery.entity';
import { WebhookEndpointEntity } from './webhook-endpoint.entity';

export const NOTIFICATION_ENTITIES = [
  WebhookEndpointEntity,
  WebhookDeliveryEntity,
  WebhookDeliveryAttemptEntity,
  NotificationEntity,
  NotificationReadEntity,
  NotificationEmailEntity,
  ExpiryReminderEntity,
];

import type { DeliveryStatus } from '../entities/webhook-delivery.entity';
import type { WebhookEndpointEntity } from '../entities/webhook-endpoint.entity';
import type { WebhookEventType } from './webhook-events';

/** A webhook endpoint as its organisation sees it: never the secret, except once at creation. */
export interface WebhookEndpointView {
  id: string;
  url: string;
  events: WebhookEventType[];
  status: 'active' | 'disabled';
  consecutiveFailures: number;
  disabledAt: Date | null;
  disabledReason: string | null;
  createdAt: Date;
}

export interface DeliveryAttemptView {
  attempt: number;
  outcome: 'succeeded' | 'failed';
  responseStatus: number | null;
  error: string | null;
  durationMs: number;
  attemptedAt: Date;
}

export interface WebhookDeliveryView {
  id: string;
  eventId: string;
  event: string;
  status: DeliveryStatus;
  attempts: number;
  responseStatus: number | null;
  lastError: string | null;
  createdAt: Date;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date | null;
  completedAt: Date | null;
  attemptLog: DeliveryAttemptView[];
}

export interface NotificationView {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  subject: { type: string; id: string } | null;
  createdAt: Date;
  readAt: Date | null;
}

export function toWebhookEndpointView(row: WebhookEndpointEntity): WebhookEndpointView {
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    status: row.disabledAt ? 'disabled' : 'active',
    consecutiveFailures: row.consecutiveFailures,
    disabledAt: row.disabledAt,
    disabledReason: row.disabledReason,
    createdAt: row.createdAt,
  };
}

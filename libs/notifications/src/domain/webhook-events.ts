import type { OutboxEventName } from '@carryover/jobs';

/** The events an organisation can subscribe a webhook endpoint to (API.md "Webhooks"). */
export const WEBHOOK_EVENT_TYPES = [
  'trade.matched',
  'trade.funded',
  'trade.transfer_requested',
  'trade.settled',
  'trade.refunded',
  'listing.expiring',
  'listing.expired',
  'order.filled',
] as const satisfies readonly OutboxEventName[];

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export function isWebhookEventType(name: string): name is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(name);
}

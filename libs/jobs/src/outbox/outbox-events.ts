import type { JobName, QueueName } from '../job-catalogue';
import { JOB_CATALOGUE } from '../job-catalogue';

/*
 * WARNING: event names are stored in outbox rows and in queued jobs; rename one only with a migration plan.
 */

/** Every domain event that crosses a process boundary through the outbox, with its payload. */
export interface OutboxEventPayloads {
  'trade.matched': TradeEventPayload;
  'trade.funded': TradeEventPayload;
  'trade.awaiting_provider_approval': TradeEventPayload;
  'trade.transfer_requested': TradeEventPayload;
  'trade.transfer_submitted': TradeEventPayload;
  'trade.verifying': TradeEventPayload;
  'trade.releasing': TradeEventPayload;
  'trade.settled': TradeEventPayload;
  'trade.refunding': TradeEventPayload;
  'trade.refunded': TradeEventPayload;
  'trade.partially_refunded': TradeEventPayload;
  'trade.cancelled': TradeEventPayload;
  'trade.disputed': TradeEventPayload;
  /** An operator resolved a dispute with a partial refund; the trade stays disputed until it is carried out. */
  'trade.dispute_resolved': TradeEventPayload;
  'order.filled': { orderId: string; organizationId: string };
  'listing.expiring': {
    listingId: string | null;
    creditLotId: string;
    organizationId: string;
    daysLeft: number;
  };
  'listing.expired': { listingId: string; organizationId: string };
  'payouts.enabled': { organizationId: string };
}

/** A trade's step, as every trade.* event carries it. */
export interface TradeEventPayload {
  tradeId: string;
  status: string;
  previousStatus: string | null;
  buyerOrganizationId: string;
  sellerOrganizationId: string;
  [key: string]: unknown;
}

export type OutboxEventName = keyof OutboxEventPayloads;

/** An event to be written to the outbox in the caller's transaction. */
export interface OutboxEventInput<N extends OutboxEventName = OutboxEventName> {
  name: N;
  payload: OutboxEventPayloads[N];
}

/** The payload of every job the relay enqueues for an event: the event itself. */
export interface OutboxJob<N extends OutboxEventName = OutboxEventName> {
  eventId: string;
  name: N;
  payload: OutboxEventPayloads[N];
  occurredAt: string;
}

/**
 * Which jobs the relay enqueues for each event, each with jobId = event id. BullMQ job ids are unique per
 * queue, so an event routes to at most one job per queue (checked by a unit test). Events without a route
 * are marked relayed and stay in the table as history.
 */
export type OutboxRoutes = { readonly [name: string]: readonly JobName[] | undefined };
type EventRoutes = { readonly [N in OutboxEventName]?: readonly JobName[] };

/** The settlement workflow's reactions (queues settlement and payments). */
const SETTLEMENT_ROUTES: EventRoutes = {
  'trade.funded': ['settlement.advance'],
  'trade.transfer_submitted': ['settlement.advance'],
  'trade.releasing': ['payments.release'],
  'trade.refunding': ['payments.refund'],
  'trade.dispute_resolved': ['payments.partial-refund'],
  'payouts.enabled': ['settlement.resume-payouts'],
};

/** Notifications: in-app, e-mail and outbound webhooks (queue webhooks), for every webhook event type. */
const NOTIFICATION_ROUTES: EventRoutes = {
  'trade.matched': ['webhooks.dispatch'],
  'trade.funded': ['webhooks.dispatch'],
  'trade.transfer_requested': ['webhooks.dispatch'],
  'trade.settled': ['webhooks.dispatch'],
  'trade.refunded': ['webhooks.dispatch'],
  'listing.expiring': ['webhooks.dispatch'],
  'listing.expired': ['webhooks.dispatch'],
  'order.filled': ['webhooks.dispatch'],
};

function mergeRoutes(...parts: EventRoutes[]): EventRoutes {
  const merged: Record<string, JobName[]> = {};
  for (const part of parts) {
    for (const [name, jobs] of Object.entries(part))
      merged[name] = [...(merged[name] ?? []), ...(jobs ?? [])];
  }
  return merged;
}

export const OUTBOX_ROUTES: EventRoutes = mergeRoutes(SETTLEMENT_ROUTES, NOTIFICATION_ROUTES);

/** The queues an event's jobs run on, in route order. */
export function routeQueues(routes: OutboxRoutes, name: string): QueueName[] {
  return (routes[name] ?? []).map((job) => JOB_CATALOGUE[job].queue);
}

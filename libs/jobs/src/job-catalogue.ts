import type { OutboxJob } from './outbox/outbox-events';

/*
 * WARNING: queue names and job names are stored in Redis with every queued job, scheduler and retry.
 * Renaming or removing one orphans the jobs already stored under the old name. Change them only with a
 * migration plan: keep the old name and its handler until its jobs have drained, then remove it.
 */

/** Every BullMQ queue. Queues are the unit of concurrency and of pausing. */
export const QUEUE_NAMES = ['settlement', 'payments', 'webhooks', 'maintenance'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** The payload of every job, by job name. A repeatable job takes no payload. */
export interface JobPayloads {
  // Notifications (libs/notifications): routed from the outbox, then one job per delivery and e-mail.
  'webhooks.dispatch': OutboxJob;
  'webhooks.deliver': { deliveryId: string; attempt: number };
  'webhooks.send-email': { emailId: string };
  'maintenance.expiry-reminders': Record<string, never>;
  'maintenance.heartbeat': Record<string, never>;
  'maintenance.expire-market': Record<string, never>;
  'maintenance.reprice-listings': Record<string, never>;
  'maintenance.reconcile': Record<string, never>;
  // Settlement (libs/settlement): each step job carries the outbox event that caused it.
  'settlement.advance': OutboxJob<'trade.funded' | 'trade.transfer_submitted'>;
  'settlement.resume-payouts': OutboxJob<'payouts.enabled'>;
  'payments.release': OutboxJob<'trade.releasing'>;
  'payments.refund': OutboxJob<'trade.refunding'>;
  'payments.partial-refund': OutboxJob<'trade.dispute_resolved'>;
  'maintenance.settlement-timeouts': Record<string, never>;
}

export type JobName = keyof JobPayloads;
export type JobPayload<N extends JobName> = JobPayloads[N];

/** Retry and retention settings a job is enqueued with, in BullMQ's own shape (delays in ms). */
export interface JobOptions {
  attempts: number;
  backoff: { type: 'exponential'; delay: number };
  /** How many finished jobs Redis keeps for inspection. */
  removeOnComplete: number;
  removeOnFail: number;
}

export interface JobDefinition {
  queue: QueueName;
  options: JobOptions;
  /** Set for repeatable jobs: the worker schedules them on boot. */
  repeat?: { everyMs: number };
}

/** A sweep that runs every minute on the maintenance queue; a failed run retries, the next minute runs anyway. */
const EVERY_MINUTE_ON_MAINTENANCE: JobDefinition = {
  queue: 'maintenance',
  options: {
    attempts: 3,
    backoff: { type: 'exponential', delay: 1_000 },
    removeOnComplete: 10,
    removeOnFail: 100,
  },
  repeat: { everyMs: 60_000 },
};

/** A settlement step: database work only, retried quickly; a stalled run (worker killed) is picked up again. */
const SETTLEMENT_STEP: JobDefinition = {
  queue: 'settlement',
  options: {
    attempts: 10,
    backoff: { type: 'exponential', delay: 1_000 },
    removeOnComplete: 1_000,
    removeOnFail: 5_000,
  },
};

/** A step that calls Stripe: retried with backoff for about two hours before it is left to operators. */
const PAYMENTS_STEP: JobDefinition = {
  queue: 'payments',
  options: {
    attempts: 12,
    backoff: { type: 'exponential', delay: 2_000 },
    removeOnComplete: 1_000,
    removeOnFail: 5_000,
  },
};

/** Where each job runs and how it is retried: the only place these are decided. */
export const JOB_CATALOGUE: { readonly [N in JobName]: JobDefinition } = {
  'maintenance.heartbeat': EVERY_MINUTE_ON_MAINTENANCE,
  /** Closes listings past tradableUntil and buy orders past goodTill. */
  'maintenance.expire-market': EVERY_MINUTE_ON_MAINTENANCE,
  /** Moves scheduled listings past a tier boundary to their current price. */
  'maintenance.reprice-listings': EVERY_MINUTE_ON_MAINTENANCE,
  /** Compares the escrow ledger with the payment provider per trade and records differences for operators. */
  'maintenance.reconcile': {
    queue: 'maintenance',
    options: {
      attempts: 2,
      backoff: { type: 'exponential', delay: 60_000 },
      removeOnComplete: 10,
      removeOnFail: 50,
    },
  },
  // --- settlement (libs/settlement): handlers act on the trade's current state, so a repeat does nothing ---
  /** The workflow's automatic steps: funded -> provider approval or transfer_pending; transfer_submitted -> verifying. */
  'settlement.advance': SETTLEMENT_STEP,
  /** A seller's payouts became enabled: the releases that waited for them go on. */
  'settlement.resume-payouts': SETTLEMENT_STEP,
  /** Transfers a releasing trade's proceeds to the seller (Stripe), then settles it with its journals. */
  'payments.release': PAYMENTS_STEP,
  /** Refunds a refunding trade's buyer in full (Stripe), then marks it refunded and returns the quantity. */
  'payments.refund': PAYMENTS_STEP,
  /** A dispute resolved with a partial refund: refund part, transfer the rest, then partially_refunded. */
  'payments.partial-refund': PAYMENTS_STEP,
  /** Payment and transfer windows, stuck steps flagged for operators, releases waiting on payouts. */
  'maintenance.settlement-timeouts': EVERY_MINUTE_ON_MAINTENANCE,
  // --- notifications (libs/notifications) ---
  /** Fans an event out to in-app notifications, e-mails and webhook deliveries; idempotent per event. */
  'webhooks.dispatch': {
    queue: 'webhooks',
    options: {
      attempts: 8,
      backoff: { type: 'exponential', delay: 2_000 },
      removeOnComplete: 1_000,
      removeOnFail: 1_000,
    },
  },
  /**
   * One attempt of a webhook delivery. A failed POST is not a failed job: the handler logs the attempt and
   * schedules the next one itself (WEBHOOK_RETRY_BASE_MS, doubling); these attempts cover crashes only.
   */
  'webhooks.deliver': {
    queue: 'webhooks',
    options: {
      attempts: 3,
      backoff: { type: 'exponential', delay: 5_000 },
      removeOnComplete: 1_000,
      removeOnFail: 1_000,
    },
  },
  /** One notification e-mail over SMTP; a refused or unreachable server is retried for about half an hour. */
  'webhooks.send-email': {
    queue: 'webhooks',
    options: {
      attempts: 6,
      backoff: { type: 'exponential', delay: 60_000 },
      removeOnComplete: 1_000,
      removeOnFail: 1_000,
    },
  },
  /** Reminds sellers at T-30, T-7 and T-1 days before a lot's tradableUntil while credit is unsold. */
  'maintenance.expiry-reminders': { ...EVERY_MINUTE_ON_MAINTENANCE, repeat: { everyMs: 15 * 60_000 } },
};

export const JOB_NAMES = Object.keys(JOB_CATALOGUE) as JobName[];

export function isJobName(name: string): name is JobName {
  return Object.prototype.hasOwnProperty.call(JOB_CATALOGUE, name);
}

/** The queues that hold at least one catalogued job: the ones a worker must consume. */
export function queuesWithJobs(): QueueName[] {
  return QUEUE_NAMES.filter((queue) => JOB_NAMES.some((name) => JOB_CATALOGUE[name].queue === queue));
}

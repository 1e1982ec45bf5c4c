import type { EmulatorCore } from '../core';
import type { FailOptions, FaultState, RateLimitOptions } from '../faults';
import type { WebhookDelivery, WebhookEndpoint } from '../webhooks/webhook-dispatcher';

export interface WebhookEndpointSettings {
  url: string;
  /** the signing secret; the emulator's own when unset */
  secret?: string;
  /** event types to send; all (`*`) when unset */
  enabledEvents?: string[];
}

/**
 * The emulator's switches, the same in-process and over the control API (`/_emulator/...`).
 * Counts are of calls or webhooks still to come.
 */
export interface StripeEmulatorControl {
  /** where events are POSTed, signed with the secret; null stops deliveries */
  setWebhookEndpoint(endpoint: WebhookEndpointSettings | null): Promise<WebhookEndpoint | null>;
  /** answer the next `count` matching API calls with a 5xx `api_error` */
  failNext(count: number, options?: FailOptions): Promise<void>;
  /** answer the next `count` matching API calls with a 429 */
  rateLimitNext(count: number, options?: RateLimitOptions): Promise<void>;
  /** hold every API answer back by `ms` (0 to stop) */
  setDelay(ms: number): Promise<void>;
  dropNextWebhooks(count?: number): Promise<void>;
  /** deliver the next events twice, with the same event id */
  duplicateNextWebhooks(count?: number): Promise<void>;
  /** hold the next events back until a later event has been delivered, so they arrive out of order */
  reorderNextWebhooks(count?: number): Promise<void>;
  releaseHeldWebhooks(): Promise<void>;
  faults(): Promise<FaultState>;
  clearFaults(): Promise<void>;
  /** keep captured funds pending (as Stripe does for days) instead of available at once */
  holdFundsPending(hold: boolean): Promise<void>;
  /** move every pending balance to available */
  settlePendingFunds(): Promise<void>;
  webhookDeliveries(): Promise<WebhookDelivery[]>;
  /** API calls answered since the start or the last reset, by `METHOD /v1/path/:id` (faults included) */
  apiCalls(): Promise<Record<string, number>>;
  /** resolves once no webhook delivery is under way or waiting for a retry */
  webhooksIdle(): Promise<void>;
  /** forget all objects, events, idempotency keys, faults and pending webhooks */
  reset(): Promise<void>;
}

function count(value: number | undefined, name: string): number {
  const result = value ?? 1;
  if (!Number.isSafeInteger(result) || result < 0)
    throw new RangeError(`${name} must be a whole number >= 0`);
  return result;
}

/** The control over an emulator running in this process. */
export function localControl(core: EmulatorCore, defaultSecret: string): StripeEmulatorControl {
  return {
    setWebhookEndpoint: async (settings) => {
      if (settings && !/^https?:\/\//.test(settings.url)) throw new RangeError('url must be an http(s) URL');
      core.webhooks.endpoint = settings
        ? {
            url: settings.url,
            secret: settings.secret ?? defaultSecret,
            enabledEvents: settings.enabledEvents ?? ['*'],
          }
        : null;
      return core.webhooks.endpoint;
    },
    failNext: async (n, options) => core.faults.failNext(count(n, 'count'), options),
    rateLimitNext: async (n, options) => core.faults.rateLimitNext(count(n, 'count'), options),
    setDelay: async (ms) => core.faults.setDelay(count(ms, 'ms')),
    dropNextWebhooks: async (n) => core.faults.addWebhookFault('dropWebhooks', count(n, 'count')),
    duplicateNextWebhooks: async (n) => core.faults.addWebhookFault('duplicateWebhooks', count(n, 'count')),
    reorderNextWebhooks: async (n) => core.faults.addWebhookFault('reorderWebhooks', count(n, 'count')),
    releaseHeldWebhooks: async () => core.webhooks.releaseHeld(),
    faults: async () => core.faults.describe(),
    clearFaults: async () => core.faults.clear(),
    holdFundsPending: async (hold) => {
      core.holdFundsPending = hold;
    },
    settlePendingFunds: async () => core.store.balances.settlePending(),
    webhookDeliveries: async () => structuredClone(core.webhooks.deliveries),
    apiCalls: async () => Object.fromEntries(core.apiCalls),
    webhooksIdle: () => core.webhooks.whenIdle(),
    reset: async () => core.reset(),
  };
}

import type { FailOptions, FaultState, RateLimitOptions } from '../faults';
import type { WebhookDelivery, WebhookEndpoint } from '../webhooks/webhook-dispatcher';
import type { StripeEmulatorControl, WebhookEndpointSettings } from './control';

/** The control of an emulator in another process, over its `/_emulator` API. */
export function httpControl(baseUrl: string): StripeEmulatorControl {
  const call = async <T>(method: string, path: string, body?: object): Promise<T> => {
    const response = await fetch(`${baseUrl}/_emulator${path}`, {
      method,
      headers: body ? { 'Content-Type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    const parsed: unknown = text ? JSON.parse(text) : undefined;
    if (!response.ok) {
      const message = (parsed as { error?: string } | undefined)?.error ?? `HTTP ${response.status}`;
      throw new Error(`stripe emulator control ${method} ${path}: ${message}`);
    }
    return parsed as T;
  };
  return {
    setWebhookEndpoint: (endpoint: WebhookEndpointSettings | null) =>
      endpoint
        ? call<WebhookEndpoint>('PUT', '/webhook-endpoint', endpoint)
        : call<null>('DELETE', '/webhook-endpoint'),
    failNext: (count: number, options: FailOptions = {}) =>
      call('POST', '/faults/fail', { count, ...options }),
    rateLimitNext: (count: number, options: RateLimitOptions = {}) =>
      call('POST', '/faults/rate-limit', { count, ...options }),
    setDelay: (ms: number) => call('POST', '/faults/delay', { ms }),
    dropNextWebhooks: (count = 1) => call('POST', '/faults/drop-webhooks', { count }),
    duplicateNextWebhooks: (count = 1) => call('POST', '/faults/duplicate-webhooks', { count }),
    reorderNextWebhooks: (count = 1) => call('POST', '/faults/reorder-webhooks', { count }),
    releaseHeldWebhooks: () => call('POST', '/webhooks/release-held'),
    faults: () => call<FaultState>('GET', '/faults'),
    clearFaults: () => call('DELETE', '/faults'),
    holdFundsPending: (hold: boolean) => call('POST', '/funds/hold-pending', { hold }),
    settlePendingFunds: () => call('POST', '/funds/settle'),
    webhookDeliveries: () => call<WebhookDelivery[]>('GET', '/webhooks/deliveries'),
    apiCalls: () => call<Record<string, number>>('GET', '/api-calls'),
    webhooksIdle: () => call('GET', '/webhooks/idle'),
    reset: () => call('POST', '/reset'),
  };
}

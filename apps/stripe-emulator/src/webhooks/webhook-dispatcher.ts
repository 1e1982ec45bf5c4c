import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Faults } from '../faults';
import type { StripeEvent } from '../objects';
import { signatureHeader } from './signature';

export interface WebhookEndpoint {
  url: string;
  secret: string;
  /** event types sent, `*` for all (the default) */
  enabledEvents: string[];
}

export interface WebhookRetryPolicy {
  /** wait before the 2nd attempt; doubles per attempt up to maxDelayMs */
  initialDelayMs: number;
  maxDelayMs: number;
  maxAttempts: number;
  /** an attempt not answered within this counts as failed */
  timeoutMs: number;
}

/** One attempt to deliver an event (or the decision not to), for tests and the control API. */
export interface WebhookDelivery {
  eventId: string;
  type: string;
  attempt: number;
  outcome: 'delivered' | 'failed' | 'dropped';
  status: number | null;
  error?: string;
  at: string;
}

export const DEFAULT_RETRY_POLICY: WebhookRetryPolicy = {
  initialDelayMs: 200,
  maxDelayMs: 10_000,
  maxAttempts: 8,
  timeoutMs: 10_000,
};

/**
 * Sends each event to the endpoint as Stripe does: a signed JSON POST, retried with exponential backoff
 * until a 2xx or the attempts run out; each attempt is signed afresh. Honours the webhook fault switches.
 */
export class WebhookDispatcher {
  endpoint: WebhookEndpoint | null = null;
  readonly deliveries: WebhookDelivery[] = [];
  private held: (() => void)[] = [];
  private readonly sleepers = new Map<NodeJS.Timeout, () => void>();
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];
  private generation = 0;

  constructor(
    private readonly faults: Faults,
    readonly policy: WebhookRetryPolicy,
  ) {}

  dispatch(event: StripeEvent): void {
    const endpoint = this.endpoint;
    if (!endpoint || !listensTo(endpoint, event.type)) return;
    if (this.faults.takeWebhookFault('dropWebhooks')) {
      this.record(event, 0, 'dropped', null);
      return;
    }
    event.pending_webhooks = 1;
    const copies = this.faults.takeWebhookFault('duplicateWebhooks') ? 2 : 1;
    const payload = JSON.stringify(event, null, 2);
    if (this.faults.takeWebhookFault('reorderWebhooks')) {
      this.held.push(() => this.deliver(event, endpoint, payload, copies));
      return;
    }
    const overtaken = this.held.splice(0);
    this.deliver(event, endpoint, payload, copies, () => overtaken.forEach((send) => send()));
  }

  /** Sends the events held back by the reorder switch now, when no later event came to overtake them. */
  releaseHeld(): void {
    this.held.splice(0).forEach((send) => send());
  }

  /** Resolves once no delivery is under way or waiting for a retry. */
  whenIdle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Abandons held events, scheduled retries and the log; deliveries already on the wire finish. */
  clear(): void {
    this.generation += 1;
    this.held = [];
    for (const [timer, wake] of this.sleepers) {
      clearTimeout(timer);
      wake();
    }
    this.sleepers.clear();
    this.deliveries.length = 0;
  }

  private deliver(
    event: StripeEvent,
    endpoint: WebhookEndpoint,
    payload: string,
    copies: number,
    afterFirstAttempt?: () => void,
  ): void {
    this.inFlight += 1;
    const generation = this.generation;
    void (async () => {
      for (let copy = 0; copy < copies && generation === this.generation; copy += 1) {
        await this.deliverCopy(
          event,
          endpoint,
          payload,
          generation,
          copy === 0 ? afterFirstAttempt : undefined,
        );
      }
    })().finally(() => {
      this.inFlight -= 1;
      if (this.inFlight === 0) this.idleWaiters.splice(0).forEach((resolve) => resolve());
    });
  }

  private async deliverCopy(
    event: StripeEvent,
    endpoint: WebhookEndpoint,
    payload: string,
    generation: number,
    afterFirstAttempt?: () => void,
  ): Promise<void> {
    for (let attempt = 1; attempt <= this.policy.maxAttempts; attempt += 1) {
      if (generation !== this.generation) return;
      const result = await post(
        endpoint.url,
        payload,
        signatureHeader(payload, endpoint.secret),
        this.policy.timeoutMs,
      );
      const ok = result.status !== null && result.status >= 200 && result.status < 300;
      this.record(event, attempt, ok ? 'delivered' : 'failed', result.status, result.error);
      if (attempt === 1) afterFirstAttempt?.();
      if (ok) {
        event.pending_webhooks = 0;
        return;
      }
      if (attempt < this.policy.maxAttempts) await this.sleep(this.backoff(attempt));
    }
  }

  private backoff(attempt: number): number {
    return Math.min(this.policy.initialDelayMs * 2 ** (attempt - 1), this.policy.maxDelayMs);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.sleepers.delete(timer);
        resolve();
      }, ms);
      this.sleepers.set(timer, resolve);
    });
  }

  private record(
    event: StripeEvent,
    attempt: number,
    outcome: WebhookDelivery['outcome'],
    status: number | null,
    error?: string,
  ): void {
    this.deliveries.push({
      eventId: event.id,
      type: event.type,
      attempt,
      outcome,
      status,
      ...(error ? { error } : {}),
      at: new Date().toISOString(),
    });
  }
}

function listensTo(endpoint: WebhookEndpoint, type: string): boolean {
  return endpoint.enabledEvents.includes('*') || endpoint.enabledEvents.includes(type);
}

function post(
  url: string,
  payload: string,
  signature: string,
  timeoutMs: number,
): Promise<{ status: number | null; error?: string }> {
  return new Promise((resolve) => {
    const send = url.startsWith('https:') ? httpsRequest : httpRequest;
    const request = send(url, {
      method: 'POST',
      agent: false,
      timeout: timeoutMs,
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': Buffer.byteLength(payload),
        'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
        'Stripe-Signature': signature,
      },
    });
    request.on('response', (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? null }));
      response.on('error', (error) => resolve({ status: null, error: error.message }));
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', (error) => resolve({ status: null, error: error.message }));
    request.end(payload);
  });
}

import { Faults } from './faults';
import { IdempotencyStore } from './idempotency';
import { newId, unixNow } from './ids';
import type { StripeEvent, StripeObject } from './objects';
import { accountRoutes } from './resources/accounts';
import { balanceRoutes } from './resources/balance';
import { chargeRoutes } from './resources/charges';
import { eventRoutes } from './resources/events';
import { paymentIntentRoutes } from './resources/payment-intents';
import { refundRoutes } from './resources/refunds';
import { transferRoutes } from './resources/transfers';
import type { ApiRequest, EmitOptions, EmulatorContext, Route } from './router';
import { EmulatorStore } from './store';
import { WebhookDispatcher, type WebhookRetryPolicy } from './webhooks/webhook-dispatcher';

export const ROUTES: readonly Route[] = [
  ...paymentIntentRoutes,
  ...chargeRoutes,
  ...refundRoutes,
  ...transferRoutes,
  ...accountRoutes,
  ...balanceRoutes,
  ...eventRoutes,
];

/** The emulator's state and machinery, shared by the HTTP server and the in-process control. */
export class EmulatorCore implements EmulatorContext {
  readonly store = new EmulatorStore();
  readonly faults = new Faults();
  readonly idempotency = new IdempotencyStore();
  readonly webhooks: WebhookDispatcher;
  holdFundsPending: boolean;
  /** API calls answered since the start or the last reset, by `METHOD /v1/path/:id` */
  readonly apiCalls = new Map<string, number>();
  /** the API version of the latest call, for events that no call caused (an account link visit) */
  private lastApiVersion: string | null = null;

  /** set once the server listens; account links point here */
  baseUrl = '';

  constructor(
    readonly secretKey: string,
    options: { retryPolicy: WebhookRetryPolicy; holdFundsPending: boolean },
  ) {
    this.webhooks = new WebhookDispatcher(this.faults, options.retryPolicy);
    this.holdFundsPending = options.holdFundsPending;
  }

  countApiCall(method: string, path: string): void {
    const key = `${method} ${path}`;
    this.apiCalls.set(key, (this.apiCalls.get(key) ?? 0) + 1);
  }

  noteApiVersion(version: string | null): void {
    if (version) this.lastApiVersion = version;
  }

  emit(
    request: ApiRequest | null,
    type: string,
    object: StripeObject,
    options: EmitOptions = {},
  ): StripeEvent {
    const event: StripeEvent = {
      id: newId('evt'),
      object: 'event',
      ...(options.account ? { account: options.account } : {}),
      api_version: request?.apiVersion ?? this.lastApiVersion,
      created: unixNow(),
      data: {
        object,
        ...(options.previousAttributes ? { previous_attributes: options.previousAttributes } : {}),
      },
      livemode: false,
      pending_webhooks: 0,
      request: { id: request?.requestId ?? null, idempotency_key: request?.idempotencyKey ?? null },
      type,
    };
    this.store.events.set(event.id, event);
    this.webhooks.dispatch(event);
    return event;
  }

  /** Forgets every object, event, idempotency key, fault and pending webhook; keeps the endpoint and keys. */
  reset(): void {
    this.store.reset();
    this.apiCalls.clear();
    this.faults.clear();
    this.idempotency.clear();
    this.webhooks.clear();
  }
}

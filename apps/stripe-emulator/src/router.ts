import type { FormObject } from './form-parser';
import type { StripeEvent, StripeObject } from './objects';
import type { EmulatorStore } from './store';

/** One authenticated call to the Stripe API, as the handlers see it. */
export interface ApiRequest {
  method: string;
  path: string;
  params: FormObject;
  requestId: string;
  idempotencyKey: string | null;
  stripeAccount: string | null;
  apiVersion: string | null;
}

export interface EmitOptions {
  previousAttributes?: Record<string, unknown>;
  /** the connected account the event happened on */
  account?: string;
}

/** What handlers may use: the state, the event log, and settings they depend on. */
export interface EmulatorContext {
  readonly store: EmulatorStore;
  readonly baseUrl: string;
  /** when true, captured payments wait in `pending` until the control API settles them */
  holdFundsPending: boolean;
  emit(request: ApiRequest | null, type: string, object: StripeObject, options?: EmitOptions): StripeEvent;
}

export type Handler = (context: EmulatorContext, request: ApiRequest, id: string) => object;

export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  /** the path as declared, e.g. `/v1/payment_intents/:id/confirm` */
  path: string;
  pattern: RegExp;
  handler: Handler;
}

/** `route('POST', '/v1/payment_intents/:id/confirm', handler)`: `:id` is the one path parameter. */
export function route(method: Route['method'], path: string, handler: Handler): Route {
  const pattern = new RegExp(`^${path.replace(':id', '([^/]+)')}$`);
  return { method, path, pattern, handler };
}

export type RouteMatch = { route: Route; id: string } | { route: undefined; knownPath: boolean };

export function matchRoute(routes: readonly Route[], method: string, path: string): RouteMatch {
  let knownPath = false;
  for (const candidate of routes) {
    const match = candidate.pattern.exec(path);
    if (!match) continue;
    knownPath = true;
    if (candidate.method === method) return { route: candidate, id: decodeURIComponent(match[1] ?? '') };
  }
  return { route: undefined, knownPath };
}

/** Objects handed out are copies, so later changes never leak into answers or event payloads. */
export function snapshot<T>(value: T): T {
  return structuredClone(value);
}

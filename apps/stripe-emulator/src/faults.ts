import { apiError, StripeApiError } from './errors';

/** Which API calls a fault applies to: a method and a path prefix such as `/v1/transfers`; all when unset. */
export interface FaultMatch {
  method?: string;
  path?: string;
}

export interface FailOptions extends FaultMatch {
  /** 5xx status answered, 500 by default */
  status?: number;
  /**
   * `before` (default): the call is refused before it runs. `after`: it runs (and its result is kept under
   * its idempotency key) but the answer is lost to a 5xx, as when a connection drops on the way back.
   */
  phase?: 'before' | 'after';
}

export interface RateLimitOptions extends FaultMatch {
  /**
   * `rate_limit` (default): Stripe's 429 for too many requests; the SDK does not retry it.
   * `lock_timeout`: the 429 Stripe answers on contention for one object, with `Stripe-Should-Retry: true`.
   */
  reason?: 'rate_limit' | 'lock_timeout';
}

export type FaultRule =
  | { kind: 'fail'; remaining: number; match: FaultMatch; status: number; phase: 'before' | 'after' }
  | { kind: 'rate_limit'; remaining: number; match: FaultMatch; reason: 'rate_limit' | 'lock_timeout' };

export interface FaultState {
  rules: FaultRule[];
  delayMs: number;
  dropWebhooks: number;
  duplicateWebhooks: number;
  reorderWebhooks: number;
}

/** The fault switches; counters are consumed by the calls and webhooks they hit. */
export class Faults {
  private state: FaultState = Faults.none();

  private static none(): FaultState {
    return { rules: [], delayMs: 0, dropWebhooks: 0, duplicateWebhooks: 0, reorderWebhooks: 0 };
  }

  failNext(count: number, options: FailOptions = {}): void {
    const { status = 500, phase = 'before', ...match } = options;
    if (status < 500 || status > 599) throw new RangeError('a failure status is 500..599');
    this.state.rules.push({ kind: 'fail', remaining: count, match, status, phase });
  }

  rateLimitNext(count: number, options: RateLimitOptions = {}): void {
    const { reason = 'rate_limit', ...match } = options;
    this.state.rules.push({ kind: 'rate_limit', remaining: count, match, reason });
  }

  setDelay(ms: number): void {
    this.state.delayMs = ms;
  }

  get delayMs(): number {
    return this.state.delayMs;
  }

  addWebhookFault(kind: 'dropWebhooks' | 'duplicateWebhooks' | 'reorderWebhooks', count: number): void {
    this.state[kind] += count;
  }

  /** True (and one fewer to go) when the next webhook is subject to `kind`. */
  takeWebhookFault(kind: 'dropWebhooks' | 'duplicateWebhooks' | 'reorderWebhooks'): boolean {
    if (this.state[kind] === 0) return false;
    this.state[kind] -= 1;
    return true;
  }

  /** The first armed rule matching this call, with one use consumed. */
  takeRule(method: string, path: string): FaultRule | undefined {
    const rule = this.state.rules.find(
      (candidate) =>
        (!candidate.match.method || candidate.match.method.toUpperCase() === method) &&
        (!candidate.match.path || path.startsWith(candidate.match.path)),
    );
    if (!rule) return undefined;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.state.rules.splice(this.state.rules.indexOf(rule), 1);
    return rule;
  }

  describe(): FaultState {
    return structuredClone(this.state);
  }

  clear(): void {
    this.state = Faults.none();
  }
}

export function faultError(rule: FaultRule): StripeApiError {
  if (rule.kind === 'fail') {
    const error = apiError('An unknown error occurred (injected by the Stripe emulator).');
    return new StripeApiError(rule.status, error.body);
  }
  if (rule.reason === 'lock_timeout') {
    return new StripeApiError(
      429,
      {
        type: 'invalid_request_error',
        code: 'lock_timeout',
        message:
          'This object cannot be accessed right now because another API request or Stripe process is currently accessing it. If you see this error intermittently, retry the request.',
      },
      false,
      { 'Stripe-Should-Retry': 'true' },
    );
  }
  return new StripeApiError(429, {
    type: 'invalid_request_error',
    message:
      'Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.',
  });
}

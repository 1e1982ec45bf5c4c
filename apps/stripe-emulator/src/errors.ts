/** Stripe's v1 error types; the SDK picks its error class from the HTTP status and this type. */
export type StripeErrorType = 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error';

export interface StripeErrorBody {
  type: StripeErrorType;
  message: string;
  code?: string;
  param?: string;
  decline_code?: string;
  doc_url?: string;
  charge?: string;
  payment_intent?: unknown;
  [extra: string]: unknown;
}

/**
 * An error answered as `{ error: {...} }` with `status`. `validation` errors are raised before an endpoint
 * starts executing, so Stripe keeps no idempotent result for them.
 */
export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
    readonly validation = false,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message);
  }
}

const DOCS = 'https://stripe.com/docs/error-codes';

export function invalidRequest(
  message: string,
  options: { code?: string; param?: string } = {},
): StripeApiError {
  const { code, param } = options;
  return new StripeApiError(400, {
    type: 'invalid_request_error',
    message,
    ...(code ? { code, doc_url: `${DOCS}/${code.replace(/_/g, '-')}` } : {}),
    ...(param ? { param } : {}),
  });
}

export function parameterError(code: string, param: string, message: string): StripeApiError {
  return new StripeApiError(400, { type: 'invalid_request_error', code, param, message }, true);
}

export function missingParam(param: string): StripeApiError {
  return parameterError('parameter_missing', param, `Missing required param: ${param}.`);
}

export function unknownParam(param: string): StripeApiError {
  return parameterError('parameter_unknown', param, `Received unknown parameter: ${param}`);
}

export function invalidParam(param: string, message: string): StripeApiError {
  return parameterError('parameter_invalid_string', param, message);
}

/** A missing object: 404 when the URL names it, 400 when a parameter refers to it. */
export function noSuch(resource: string, id: string, param = 'id'): StripeApiError {
  return new StripeApiError(param === 'id' ? 404 : 400, {
    type: 'invalid_request_error',
    code: 'resource_missing',
    param,
    message: `No such ${resource}: '${id}'`,
    doc_url: `${DOCS}/resource-missing`,
  });
}

export function unrecognizedUrl(method: string, path: string): StripeApiError {
  return new StripeApiError(404, {
    type: 'invalid_request_error',
    message: `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
  });
}

export function authenticationError(message: string): StripeApiError {
  return new StripeApiError(401, { type: 'invalid_request_error', message });
}

export function idempotencyError(message: string): StripeApiError {
  return new StripeApiError(400, { type: 'idempotency_error', message });
}

export function unexpectedState(message: string): StripeApiError {
  return invalidRequest(message, { code: 'payment_intent_unexpected_state' });
}

export function apiError(message: string): StripeApiError {
  return new StripeApiError(500, { type: 'api_error', message });
}

import type { FailOptions, RateLimitOptions } from '../faults';
import type { StripeEmulatorControl } from './control';

type JsonObject = Record<string, unknown>;
type ControlCall = (control: StripeEmulatorControl, body: JsonObject) => Promise<unknown>;

export class ControlInputError extends Error {}

function numberField(body: JsonObject, name: string): number | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'number') throw new ControlInputError(`${name} must be a number`);
  return value;
}

function stringField(body: JsonObject, name: string): string | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new ControlInputError(`${name} must be a string`);
  return value;
}

function oneOf<T extends string>(body: JsonObject, name: string, values: readonly T[]): T | undefined {
  const value = stringField(body, name);
  if (value !== undefined && !(values as readonly string[]).includes(value)) {
    throw new ControlInputError(`${name} must be one of ${values.join(', ')}`);
  }
  return value as T | undefined;
}

function failOptions(body: JsonObject): FailOptions {
  return {
    status: numberField(body, 'status'),
    phase: oneOf(body, 'phase', ['before', 'after'] as const),
    method: stringField(body, 'method'),
    path: stringField(body, 'path'),
  };
}

function rateLimitOptions(body: JsonObject): RateLimitOptions {
  return {
    reason: oneOf(body, 'reason', ['rate_limit', 'lock_timeout'] as const),
    method: stringField(body, 'method'),
    path: stringField(body, 'path'),
  };
}

/** The control API: `METHOD /_emulator/<path>` with a JSON body, mapped onto StripeEmulatorControl. */
export const CONTROL_ROUTES: Record<string, ControlCall> = {
  'PUT /webhook-endpoint': (control, body) => {
    const url = stringField(body, 'url');
    if (!url) throw new ControlInputError('url is required');
    const enabledEvents = body.enabledEvents;
    if (
      enabledEvents !== undefined &&
      !(Array.isArray(enabledEvents) && enabledEvents.every((e) => typeof e === 'string'))
    ) {
      throw new ControlInputError('enabledEvents must be a list of event types');
    }
    return control.setWebhookEndpoint({ url, secret: stringField(body, 'secret'), enabledEvents });
  },
  'DELETE /webhook-endpoint': (control) => control.setWebhookEndpoint(null),
  'POST /faults/fail': (control, body) =>
    control.failNext(numberField(body, 'count') ?? 1, failOptions(body)),
  'POST /faults/rate-limit': (control, body) =>
    control.rateLimitNext(numberField(body, 'count') ?? 1, rateLimitOptions(body)),
  'POST /faults/delay': (control, body) => control.setDelay(numberField(body, 'ms') ?? 0),
  'POST /faults/drop-webhooks': (control, body) => control.dropNextWebhooks(numberField(body, 'count')),
  'POST /faults/duplicate-webhooks': (control, body) =>
    control.duplicateNextWebhooks(numberField(body, 'count')),
  'POST /faults/reorder-webhooks': (control, body) => control.reorderNextWebhooks(numberField(body, 'count')),
  'GET /faults': (control) => control.faults(),
  'DELETE /faults': (control) => control.clearFaults(),
  'POST /webhooks/release-held': (control) => control.releaseHeldWebhooks(),
  'GET /webhooks/deliveries': (control) => control.webhookDeliveries(),
  'GET /api-calls': (control) => control.apiCalls(),
  'GET /webhooks/idle': (control) => control.webhooksIdle(),
  'POST /funds/hold-pending': (control, body) => control.holdFundsPending(body.hold !== false),
  'POST /funds/settle': (control) => control.settlePendingFunds(),
  'POST /reset': (control) => control.reset(),
};

export function parseControlBody(text: string): JsonObject {
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ControlInputError('the body must be JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ControlInputError('the body must be a JSON object');
  }
  return parsed as JsonObject;
}
